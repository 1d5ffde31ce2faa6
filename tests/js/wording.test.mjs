// Sentences from the markup with their {placeholders} filled in.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fillIn } from "../../docs/assets/javascripts/lib/wording.js";

test("placeholders are filled, more than once if needed", () => {
  assert.equal(fillIn("{done} of {total} done", { done: 3, total: 8 }), "3 of 8 done");
  assert.equal(fillIn("{a} and {a}", { a: "x" }), "x and x");
});

test("values are inserted as typed, never expanded again", () => {
  assert.equal(fillIn("Still blank: {fields}.", { fields: "$& {fields} $1" }), "Still blank: $& {fields} $1.");
});

test("unknown placeholders and inherited names stay as written", () => {
  assert.equal(fillIn("{missing} {constructor} {toString}", {}), "{missing} {constructor} {toString}");
  assert.equal(fillIn("", { a: 1 }), "");
});
