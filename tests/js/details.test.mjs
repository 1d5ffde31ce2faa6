// The candidate's details as the site keeps them, and the one rule for a personal link that
// arrives (lib/details.js): it starts a new person; details typed by hand are asked about first.
import assert from "node:assert/strict";
import { test } from "node:test";

import { linkedIds, newRecord, plainRecord, readRecord, withValues } from "../../docs/assets/javascripts/details.js";
import { decide, typedByHand } from "../../docs/assets/javascripts/lib/link-arrival.js";

const A = { your_name: "Ana Lopez", your_phone: "(555) 555-0101", your_email: "ana@example.com" };
const B = { your_name: "Ben Okafor" };

test("a link's record knows which details came from the link", () => {
  const record = newRecord(A, { fromLink: true });
  assert.deepEqual(linkedIds(record), ["your_name", "your_phone", "your_email"]);
  assert.equal(typedByHand(record), false);
  const edited = withValues(record, { your_phone: "(555) 555-0199" });
  assert.deepEqual(linkedIds(edited), ["your_name", "your_email"]);
  assert.equal(typedByHand(edited), true);
});

test("a second person's link replaces the first person's details, never merges", () => {
  const tab = newRecord(A, { fromLink: true });
  assert.equal(decide(tab, B), "replace");
  const next = newRecord(B, { fromLink: true });
  assert.deepEqual({ ...next.values }, B, "nothing of the first person is left");
});

test("details typed by hand are asked about first", () => {
  assert.equal(decide(withValues(newRecord(A, { fromLink: true }), { company: "Acme" }), B), "ask");
  assert.equal(decide(newRecord({ company: "Acme" }), B), "ask");
  const words = readRecord({ version: 1, values: {}, extra: { "message.forgot": "My own words" } });
  assert.equal(decide(words, B), "ask", "a person's own words count as typed");
});

test("the same link again changes nothing, and an empty link is no person", () => {
  const tab = withValues(newRecord(A, { fromLink: true }), { company: "Acme" });
  assert.equal(decide(tab, A), "same");
  assert.equal(decide(tab, {}), "none");
  assert.equal(decide(tab, { your_name: "" }), "none");
  assert.equal(decide(null, B), "replace");
});

test("records read back safely: another format, garbage and odd names are nothing", () => {
  assert.equal(readRecord(null), null);
  assert.equal(readRecord({ version: 2, values: {} }), null);
  assert.equal(readRecord({ version: 1, values: [] }), null);
  const odd = readRecord(JSON.parse('{"version":1,"values":{"__proto__":{"x":1},"company":"Acme","n":5}}'));
  assert.deepEqual(Object.keys(odd.values), ["company"]);
  assert.equal({}.x, undefined);
  const old = readRecord({ version: 1, values: { company: "Acme" } }); // written before links were marked
  assert.equal(typedByHand(old), true);
  assert.deepEqual(plainRecord(old), { version: 1, values: { company: "Acme" }, link: null, device: false, extra: {} });
});
