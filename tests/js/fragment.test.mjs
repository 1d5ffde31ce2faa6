// Staff links: #name=value pairs that fill in a template page.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseFragment, pickFields, readFields } from "../../docs/assets/javascripts/lib/fragment.js";
import { unknownNames } from "../../docs/assets/javascripts/lib/link-arrival.js";
import { linkNames } from "../../docs/assets/javascripts/lib/short-names.js";

test("a plain anchor is not a link with fields", () => {
  assert.equal(parseFragment("#tpl-text"), null);
  assert.equal(parseFragment(""), null);
  assert.equal(parseFragment("#"), null);
});

test("pairs are decoded; + and %20 are spaces, %2B is a plus", () => {
  assert.deepEqual(parseFragment("#interviewer_name=Ms.+Lee&interviewer_phone=%2B1%20615&company=A%26B"),
    [["interviewer_name", "Ms. Lee"], ["interviewer_phone", "+1 615"], ["company", "A&B"]]);
  assert.deepEqual(parseFragment("a=1=2&b&=x"), [["a", "1=2"], ["b", ""], ["", "x"]]);
});

test("broken percent codes do not throw", () => {
  assert.deepEqual(parseFragment("#a=%E0%A4%A&b=%"), [["a", "\uFFFD%A"], ["b", "%"]]);
});

test("only the page's own fields are kept, in a Map", () => {
  const pairs = parseFragment("#role=Cashier&not_a_field=x&__proto__=polluted&constructor=x&toString=x&hasOwnProperty=x");
  const picked = pickFields(pairs, ["role", "company"]);
  assert.ok(picked instanceof Map);
  assert.deepEqual([...picked], [["role", "Cashier"]]);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test("names like __proto__ from stored JSON never become fields either", () => {
  const stored = JSON.parse('{"__proto__": {"x": 1}, "constructor": "y", "company": "Acme"}');
  assert.deepEqual([...pickFields(Object.entries(stored), ["company"])], [["company", "Acme"]]);
});

test("only strings, cut to the maximum length; the last of a repeated name wins", () => {
  const picked = pickFields([["a", 5], ["b", "x".repeat(20)], ["c", "1"], ["c", "2"]], ["a", "b", "c"], 10);
  assert.deepEqual([...picked], [["b", "x".repeat(10)], ["c", "2"]]);
});

test("field names can come from any iterable, like a Map's keys", () => {
  const inputs = new Map([["company", {}]]);
  assert.deepEqual([...pickFields([["company", "A"]], inputs.keys())], [["company", "A"]]);
});

test("names match whatever their case; unknown names are listed once, as written", () => {
  const { picked, unknown } = readFields(parseFragment("#Company=Acme&ROLE=Cook&jobb=x&constructor=y&jobb=z"), ["company", "role"]);
  assert.deepEqual([...picked], [["company", "Acme"], ["role", "Cook"]]);
  assert.deepEqual(unknown, ["jobb", "constructor"]);
});

test("a lone surrogate in a value is repaired", () => {
  assert.deepEqual([...pickFields([["company", "A\uD800B"]], ["company"])], [["company", "A\uFFFDB"]]);
});

test("short names and ids both fill a field, whatever their case", () => {
  const ids = ["your_name", "company", "interviewer_name"];
  const { picked, unknown } = readFields(parseFragment("#n=Jordan+Smith&C=Acme&interviewer_name=Ms.+Lee&zz=1"), ids, 10000, linkNames(ids));
  assert.deepEqual([...picked], [["your_name", "Jordan Smith"], ["company", "Acme"], ["interviewer_name", "Ms. Lee"]]);
  assert.deepEqual(unknown, ["zz"]);
});

test("a short name fills only a field the page has", () => {
  const { picked, unknown } = readFields(parseFragment("#n=Jordan&c=Acme"), ["company"], 10000, linkNames(["your_name", "company"]));
  assert.deepEqual([...picked], [["company", "Acme"]]);
  assert.deepEqual(unknown, ["n"]);
});

test("what is said about unknown names is capped and never a sentence", () => {
  const sentence = "URGENT: your interview was cancelled, call 555-0199 now";
  assert.deepEqual(unknownNames([sentence]), { shown: [], others: 1 });
  assert.deepEqual(unknownNames(["a", "b_c", "d-e", "f", sentence]), { shown: ["a", "b_c", "d-e"], others: 2 });
  assert.deepEqual(unknownNames(["x".repeat(25)]), { shown: [], others: 1 });
  assert.deepEqual(unknownNames(["<b>"]), { shown: [], others: 1 });
  assert.deepEqual(unknownNames([]), { shown: [], others: 0 });
});
