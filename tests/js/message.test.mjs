// Message templates as data: lines, left-out optional lines, plain text, missing fields.
import assert from "node:assert/strict";
import { test } from "node:test";

import { missingLabels, plainText, splitLines, visibleLines } from "../../docs/assets/javascripts/lib/message.js";

const blank = (field) => ({ field, blank: `[${field}]` });
const BODY = [
  { text: "Dear " }, blank("name"), { text: ",\n\nI am free:\n- " }, blank("time_1"),
  { text: "\n- " }, blank("time_2"), { text: "\n\nThanks, " }, blank("me"),
];

test("lines split at every newline of the literal text", () => {
  assert.deepEqual(splitLines([{ text: "a\nb" }, blank("x"), { text: "\n" }]),
    [[{ text: "a" }], [{ text: "b" }, blank("x")], []]);
});

test("an empty optional line is left out of a body; everything else stays", () => {
  const lines = visibleLines(BODY, { isEmptyOptional: (field) => field === "time_2" });
  assert.equal(plainText(lines, () => ""), "Dear [name],\n\nI am free:\n- [time_1]\n\nThanks, [me]");
});

test("an optional line with a value, or with words around the blank, stays", () => {
  const withWords = [{ text: "Call me at " }, blank("phone")];
  assert.equal(visibleLines(withWords, { isEmptyOptional: () => true }).length, 1);
  const values = { time_2: "Friday" };
  const lines = visibleLines(BODY, { isEmptyOptional: (field) => field === "time_2" && !values.time_2 });
  assert.match(plainText(lines, (field) => values[field]), /- Friday\n/);
});

test("one-line parts (subject, To:) keep every blank", () => {
  const subject = [blank("time_2")];
  assert.equal(visibleLines(subject, { keepAll: true, isEmptyOptional: () => true }).length, 1);
  assert.equal(visibleLines(subject, { isEmptyOptional: () => true }).length, 0);
});

test("values show in place of blanks; empty values show the blank's words", () => {
  const lines = visibleLines(BODY);
  assert.equal(plainText(lines, (field) => ({ name: "Ms. Lee", me: "<b>Jo</b>" })[field]),
    "Dear Ms. Lee,\n\nI am free:\n- [time_1]\n- [time_2]\n\nThanks, <b>Jo</b>");
});

test("missing required fields are named once each, in order", () => {
  const parts = [blank("me"), blank("name"), blank("me"), blank("time_2")];
  const labels = { me: "Your name", name: "Interviewer's name", time_2: "Another time" };
  assert.deepEqual(missingLabels(parts, { isRequiredEmpty: (field) => field !== "time_2", labelOf: (field) => labels[field] }),
    ["Your name", "Interviewer's name"]);
  assert.deepEqual(missingLabels(parts, { isRequiredEmpty: () => false, labelOf: String }), []);
});
