// Short names for personal links (lib/short-names.js): the one table, and the names a page reads.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SHORT_NAMES, linkNames, shortName } from "../../docs/assets/javascripts/lib/short-names.js";

test("each short name is unique, short and never another field's id", () => {
  const shorts = Object.values(SHORT_NAMES);
  assert.equal(new Set(shorts).size, shorts.length);
  for (const short of shorts) {
    assert.match(short, /^[a-z][a-z0-9]{0,2}$/);
    assert.equal(Object.hasOwn(SHORT_NAMES, short), false, short);
  }
  assert.ok(Object.isFrozen(SHORT_NAMES));
});

test("a page reads a field by its id and by its short name", () => {
  const names = linkNames(["your_name", "company", "brand_new"]);
  assert.deepEqual([...names], [["your_name", "your_name"], ["company", "company"], ["brand_new", "brand_new"], ["n", "your_name"], ["c", "company"]]);
  assert.equal(shortName("brand_new"), "brand_new");
  assert.deepEqual([...linkNames(new Map([["company", 1]]).keys())], [["company", "company"], ["c", "company"]], "an iterator is read once");
  assert.equal(shortName("__proto__"), "__proto__");
});
