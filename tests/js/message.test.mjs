// Message templates as data: the words a reader sees and sends, from parts and details.
import assert from "node:assert/strict";
import { test } from "node:test";

import { blanksIn, blanksInText, compose, plainText, sentences, splitLines } from "../../docs/assets/javascripts/lib/message.js";

const blank = (field) => ({ field, blank: `[${field}]` });
const words = (parts, values = {}, options = {}) => plainText(compose(parts, {
  valueOf: (field) => values[field] || "",
  isEmptyOptional: (field) => (options.optional || []).includes(field) && !values[field],
  choiceOf: (choice) => (options.choices || {})[choice] || "",
  keepAll: options.keepAll,
}));

const BODY = [
  { text: "Dear " }, blank("name"), { text: ",\n\nI am free:\n- " }, blank("time_1"),
  { text: "\n- " }, blank("time_2"), { text: "\n\nThanks, " }, blank("me"),
];

test("lines split at every newline of the literal text", () => {
  assert.deepEqual(splitLines([{ text: "a\nb" }, { field: "x", blank: "[x]", value: "" }, { text: "\n" }]),
    [[{ text: "a" }], [{ text: "b" }, { field: "x", blank: "[x]", value: "" }], []]);
});

test("sentences split after a stop and its closing quote", () => {
  const found = sentences([{ text: "\"Hello. I am " }, { field: "n", value: "Jo" }, { text: ". Bye.\" Then go." }]);
  assert.deepEqual(found.map((s) => s.runs.map((r) => r.text || r.value).join("")), ["\"Hello.", "I am Jo.", "Bye.\"", "Then go."]);
});

test("an empty optional line is left out of a body; everything else stays", () => {
  assert.equal(words(BODY, {}, { optional: ["time_2"] }), "Dear [name],\n\nI am free:\n- [time_1]\n\nThanks, [me]");
  assert.match(words(BODY, { time_2: "Friday" }, { optional: ["time_2"] }), /- Friday\n/);
});

test("a sentence whose only blank is optional and empty drops out, quotes kept", () => {
  const voicemail = [{ text: "\"Please call me. If I do not hear back, I will call again on " }, blank("callback"), { text: ". Thank you.\"" }];
  assert.equal(words(voicemail, {}, { optional: ["callback"] }), "\"Please call me. Thank you.\"");
  const last = [{ text: "\"Please call me. I will call again on " }, blank("callback"), { text: ".\"" }];
  assert.equal(words(last, {}, { optional: ["callback"] }), "\"Please call me.\"");
  const first = [{ text: "\"If I do not hear back, I will call on " }, blank("callback"), { text: ". Thank you.\"" }];
  assert.equal(words(first, {}, { optional: ["callback"] }), "\"Thank you.\"");
  const whole = [{ text: "Hi.\n\n\"I will call on " }, blank("callback"), { text: ".\"\n\nBye." }];
  assert.equal(words(whole, {}, { optional: ["callback"] }), "Hi.\n\nBye.", "a paragraph that went leaves one blank line");
  assert.equal(words(voicemail, { callback: "Friday at 2 PM" }, { optional: ["callback"] }),
    "\"Please call me. If I do not hear back, I will call again on Friday at 2 PM. Thank you.\"");
});

test("a required blank keeps its sentence, and so does keepAll", () => {
  const parts = [{ text: "I am free " }, blank("time"), { text: ". Thanks." }];
  assert.equal(words(parts), "I am free [time]. Thanks.");
  assert.equal(words(parts, {}, { optional: ["time"], keepAll: true }), "I am free [time]. Thanks.");
});

test("a value's own full stop is not doubled", () => {
  const parts = [{ text: "I can be there by " }, blank("at"), { text: ". Is that OK?" }];
  assert.equal(words(parts, { at: "10:15 a.m." }), "I can be there by 10:15 a.m. Is that OK?");
  const reason = [{ text: "I cannot make it. " }, blank("reason"), { text: ". Could we move it?" }];
  assert.equal(words(reason, { reason: "I have a shift I can't move." }), "I cannot make it. I have a shift I can't move. Could we move it?");
  assert.equal(words(reason, { reason: "Is Friday possible?" }), "I cannot make it. Is Friday possible? Could we move it?");
  const ask = [{ text: "Could we meet " }, blank("time"), { text: "?" }];
  assert.equal(words(ask, { time: "Thursday after 1 PM." }), "Could we meet Thursday after 1 PM?", "a full stop before a question mark goes");
  assert.equal(words(ask, { time: "at 10 a.m." }), "Could we meet at 10 a.m.?", "an abbreviation keeps its dot");
  assert.equal(words(reason, { reason: "my shift," }), "I cannot make it. My shift. Could we move it?", "a stray comma goes too");
});

test("a job title with its own 'job' or 'position' does not get another; no doubled words", () => {
  const parts = [{ text: "for the " }, blank("role"), { text: " job at " }, blank("company"), { text: "." }];
  assert.equal(words(parts, { role: "Cashier position", company: "Acme" }), "for the Cashier position at Acme.");
  assert.equal(words(parts, { role: "cashier job", company: "Acme" }), "for the cashier job at Acme.");
  assert.equal(words(parts, { role: "the night cashier", company: "Acme" }), "for the night cashier job at Acme.");
  assert.equal(words(parts, { role: "Cashier", company: "Acme" }), "for the Cashier job at Acme.");
});

test("a value that starts a sentence gets a capital; an address does not", () => {
  const parts = [{ text: "Sorry. " }, blank("reason"), { text: ".\n" }, blank("email")];
  assert.equal(words(parts, { reason: "my shift ran over", email: "jo@example.com" }), "Sorry. My shift ran over.\njo@example.com");
});

test("a choice says the words of the answer picked, the first by default", () => {
  const options = [{ id: "overslept", words: "I overslept" }, { id: "phone", words: "My phone died" }];
  const parts = [{ text: "Sorry. " }, { choice: "what", options }, { text: ", and I missed it." }];
  assert.equal(words(parts), "Sorry. I overslept, and I missed it.");
  assert.equal(words(parts, {}, { choices: { what: "phone" } }), "Sorry. My phone died, and I missed it.");
  assert.equal(words(parts, {}, { choices: { what: "nonsense" } }), "Sorry. I overslept, and I missed it.");
});

test("blanks still in the words are named once each, in order", () => {
  const parts = [blank("me"), { text: " " }, blank("name"), { text: " " }, blank("me")];
  assert.deepEqual(blanksIn(compose(parts, { valueOf: (f) => (f === "name" ? "Lee" : "") })), ["me"]);
  assert.deepEqual(blanksInText("Hi [me], from [name]", { name: "[name]", me: "[me]", x: "[x]" }), ["name", "me"]);
});

test("values are text: markup in a value stays as typed", () => {
  assert.equal(words([{ text: "Thanks, " }, blank("me")], { me: "<b>Jo</b>" }), "Thanks, <b>Jo</b>");
});
