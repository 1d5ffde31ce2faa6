// What a reader types, made safe to show and send: the preview is exactly what is sent.
import assert from "node:assert/strict";
import { test } from "node:test";

import { cleanValue, wellFormed } from "../../docs/assets/javascripts/lib/clean.js";

test("lone surrogates become the replacement character; pairs stay", () => {
  assert.equal(wellFormed("a\uD83Db"), "a\uFFFDb");
  assert.equal(wellFormed("a\uDE42b"), "a\uFFFDb");
  assert.equal(wellFormed("🙂"), "🙂");
  assert.doesNotThrow(() => encodeURIComponent(cleanValue("x\uD800")));
});

test("control and direction-override characters are stripped, and the value trimmed", () => {
  assert.equal(cleanValue(" Ac\u0000me\u202E Foods\u2066 "), "Acme Foods");
  assert.equal(cleanValue("a\tb\nc\u200Fd"), "abcd");
  assert.equal(cleanValue("José Núñez"), "José Núñez");
  assert.equal(cleanValue("שלום"), "שלום");
});
