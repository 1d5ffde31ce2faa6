// Text-message length: GSM-7 versus UCS-2, and how many messages a phone sends.
import assert from "node:assert/strict";
import { test } from "node:test";

import { plainForms, smsLength } from "../../docs/assets/javascripts/lib/sms.js";

test("plain text fits 160 characters in one message", () => {
  assert.deepEqual(smsLength("a".repeat(160)), { characters: 160, segments: 1, gsm: true, forcing: "" });
  assert.deepEqual(smsLength(""), { characters: 0, segments: 1, gsm: true, forcing: "" });
});

test("over 160 plain characters, each message holds 153", () => {
  assert.equal(smsLength("a".repeat(161)).segments, 2);
  assert.equal(smsLength("a".repeat(306)).segments, 2);
  assert.equal(smsLength("a".repeat(307)).segments, 3);
});

test("GSM extension characters cost two septets", () => {
  assert.deepEqual(smsLength("€".repeat(80)), { characters: 80, segments: 1, gsm: true, forcing: "" });
  assert.deepEqual(smsLength("€".repeat(81)), { characters: 81, segments: 2, gsm: true, forcing: "" });
  for (const character of "^{}\\[~]|€\f") assert.equal(smsLength(character.repeat(81)).segments, 2, character);
});

test("an extension character never splits across two messages", () => {
  // 152 plain septets, then "€" (2 septets) would straddle the 153 boundary: it moves on.
  const text = "a".repeat(152) + "€" + "a".repeat(152);
  assert.equal(smsLength(text).segments, 3);
  assert.equal(smsLength("a".repeat(151) + "€" + "a".repeat(153)).segments, 2);
});

test("accented letters in the GSM table stay GSM-7; others switch the whole message", () => {
  assert.equal(smsLength("é à ü Ñ ß £ ¥ Δ").gsm, true);
  assert.equal(smsLength("ç").gsm, false, "lower-case ç is not in the table (only Ç)");
  assert.equal(smsLength("it’s").gsm, false, "a curly quote");
});

test("one emoji makes the message UCS-2, 70 units, and counts as one character", () => {
  const text = "🙂" + "a".repeat(68); // 2 + 68 = 70 units
  assert.deepEqual(smsLength(text), { characters: 69, segments: 1, gsm: false, forcing: "🙂" });
  assert.deepEqual(smsLength(text + "a"), { characters: 70, segments: 2, gsm: false, forcing: "🙂" });
});

test("an emoji never splits across two UCS-2 messages", () => {
  // 66 units, then an emoji (2 units) would straddle the 67-unit boundary: it moves on.
  assert.equal(smsLength("a".repeat(66) + "🙂" + "a".repeat(66)).segments, 3);
  assert.equal(smsLength("a".repeat(65) + "🙂" + "a".repeat(67)).segments, 2);
});

test("the GSM basic table holds 127 characters (128 less the escape code)", () => {
  const printable = [];
  for (let code = 0; code < 0x3000; code += 1) {
    const character = String.fromCodePoint(code);
    if (smsLength(character.repeat(161)).segments === 2) printable.push(character);
  }
  assert.equal(printable.length, 127);
});

test("the first character outside GSM-7 is named, the whole message counted in UCS-2", () => {
  const length = smsLength("I can’t make it 🙂");
  assert.equal(length.gsm, false);
  assert.equal(length.forcing, "’", "the curly apostrophe comes first");
  assert.equal(smsLength("Plain {text} with € and [brackets]").forcing, "", "the extension table is GSM-7 too");
  assert.equal(smsLength("ç").forcing, "ç");
});

test("160 GSM-7 characters are one message; one curly quote makes them three", () => {
  const plain = "a".repeat(159) + "'";
  assert.deepEqual(smsLength(plain), { characters: 160, segments: 1, gsm: true, forcing: "" });
  const curly = "a".repeat(159) + "’";
  assert.deepEqual(smsLength(curly), { characters: 160, segments: 3, gsm: false, forcing: "’" });
});

test("plain forms: typing that means a plain character becomes that character", () => {
  assert.equal(plainForms("I can’t — “really” … at 10\u00a0AM"), "I can't - \"really\" ... at 10 AM");
  assert.equal(smsLength(plainForms("It’s “fine” – thanks…")).gsm, true);
  assert.equal(plainForms("Emoji 🙂 and ç stay"), "Emoji 🙂 and ç stay");
});
