// A class list for the link builder (lib/roster.js): lines of names, or spreadsheet rows.
import assert from "node:assert/strict";
import { test } from "node:test";

import { columnKey, readRoster } from "../../docs/assets/javascripts/lib/roster.js";

const COLUMNS = {
  your_name: ["Candidate's name", "Your name", "your_name", "name"],
  company: ["Company", "company"],
  role: ["Job title", "role", "job"],
  your_phone: ["Candidate's phone number", "phone"],
};
const plain = (roster) => roster.people.map((person) => Object.fromEntries(person));

test("one name on each line, commas and all", () => {
  const roster = readRoster("Jordan Smith\n\n  Smith, Ana  \r\nLee Park\n", COLUMNS);
  assert.deepEqual(plain(roster), [{ your_name: "Jordan Smith" }, { your_name: "Smith, Ana" }, { your_name: "Lee Park" }]);
  assert.deepEqual(roster.columns, ["your_name"]);
});

test("CSV with a header row, quoted cells and columns left out", () => {
  const roster = readRoster('Name,Company,Shoe size,Job\n"Smith, Ana",Acme,7,Cook\nLee Park,"The ""Best"" Co",,\n', COLUMNS);
  assert.deepEqual(plain(roster), [{ your_name: "Smith, Ana", company: "Acme", role: "Cook" }, { your_name: "Lee Park", company: 'The "Best" Co' }]);
  assert.deepEqual(roster.columns, ["your_name", "company", "role"]);
  assert.deepEqual(roster.ignored, ["Shoe size"]);
});

test("rows copied from a spreadsheet (tabs), headers in any case and spelling", () => {
  const roster = readRoster("CANDIDATE'S NAME\tjob title\tPhone\nJordan Smith\tCashier\t(555) 555-0188\n", COLUMNS);
  assert.deepEqual(plain(roster), [{ your_name: "Jordan Smith", role: "Cashier", your_phone: "(555) 555-0188" }]);
  assert.equal(columnKey("Candidate’s Name"), "candidatesname");
});

test("a single header naming a field", () => {
  assert.deepEqual(plain(readRoster("Company\nAcme\nBeta", COLUMNS)), [{ company: "Acme" }, { company: "Beta" }]);
});

test("at most the maximum, the rest counted", () => {
  const roster = readRoster(Array.from({ length: 12 }, (_, i) => `Person ${i}`).join("\n"), COLUMNS, "your_name", 10);
  assert.equal(roster.people.length, 10);
  assert.equal(roster.cut, 2);
  assert.deepEqual(readRoster("  \n ", COLUMNS), { people: [], columns: [], ignored: [], cut: 0 });
});
