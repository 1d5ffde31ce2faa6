// Calendar files (RFC 5545): escaping, folding, UTC times.
import assert from "node:assert/strict";
import { test } from "node:test";

import { calendarFile, escapeText, foldLine, utcStamp } from "../../docs/assets/javascripts/lib/ics.js";

const utf8 = (text) => Buffer.byteLength(text, "utf8");
const EVENT = {
  uid: "abc@example.test",
  created: Date.parse("2026-11-20T12:00:00Z"),
  start: Date.parse("2026-12-01T16:00:00Z"),
  minutes: 60,
  summary: "Job interview at Acme",
  description: "Interviewer's name: Ms. Lee",
  reminders: [1440, 60],
};

test("backslash, semicolon, comma and line breaks are escaped, in that order", () => {
  assert.equal(escapeText("a\\b;c,d"), "a\\\\b\\;c\\,d");
  assert.equal(escapeText("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
  assert.equal(escapeText("\\n"), "\\\\n", "a typed backslash-n is not a line break");
  assert.equal(escapeText(":\"'"), ":\"'", "colons and quotes need nothing in TEXT");
});

test("control characters are dropped, tabs are kept", () => {
  assert.equal(escapeText("a\u0000b\u0007c\u001bd\u007fe\tf"), "abcde\tf");
});

test("short lines are left alone", () => {
  assert.equal(foldLine("x".repeat(75)), "x".repeat(75));
});

test("long lines fold at 75 octets, continuation lines start with a space", () => {
  const folded = foldLine("x".repeat(200));
  const lines = folded.split("\r\n");
  assert.deepEqual(lines.map(utf8), [75, 75, 52]);
  assert.ok(lines.slice(1).every((line) => line.startsWith(" ")));
  assert.equal(lines.map((line, index) => (index ? line.slice(1) : line)).join(""), "x".repeat(200));
});

test("folding never cuts a multibyte character", () => {
  for (const character of ["é", "€", "🙂"]) {
    for (let lead = 0; lead < 5; lead += 1) {
      const line = "S".repeat(lead) + character.repeat(60);
      const lines = foldLine(line).split("\r\n");
      assert.ok(lines.every((part) => utf8(part) <= 75), `${character} ${lead}`);
      // Each part decodes back to itself: no UTF-8 sequence was cut in half.
      assert.ok(lines.every((part) => Buffer.from(part, "utf8").toString("utf8") === part && !/\uFFFD/.test(part)));
      assert.equal(lines.map((part, index) => (index ? part.slice(1) : part)).join(""), line);
    }
  }
});

test("the 75th octet may hold a whole two-byte character but not half of one", () => {
  const lines = foldLine("x".repeat(73) + "é" + "y").split("\r\n");
  assert.deepEqual(lines, ["x".repeat(73) + "é", " y"]);
  const cut = foldLine("x".repeat(74) + "é").split("\r\n");
  assert.deepEqual(cut, ["x".repeat(74), " é"]);
});

test("UTC stamps", () => {
  assert.equal(utcStamp(Date.parse("2026-03-08T08:30:05Z")), "20260308T083005Z");
  assert.equal(utcStamp(Date.parse("0999-01-02T03:04:05Z")), "09990102T030405Z");
});

test("a calendar file: CRLF everywhere, times in UTC, no VTIMEZONE needed", () => {
  const text = calendarFile(EVENT);
  assert.ok(text.endsWith("\r\n"));
  assert.doesNotMatch(text.replace(/\r\n/g, ""), /[\r\n]/);
  const lines = text.split("\r\n");
  assert.deepEqual(lines.slice(0, 5), ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Missed Interview Help//Message templates//EN",
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
  assert.ok(lines.includes("DTSTAMP:20261120T120000Z"));
  assert.ok(lines.includes("DTSTART:20261201T160000Z"));
  assert.ok(lines.includes("DTEND:20261201T170000Z"));
  assert.ok(lines.includes("SUMMARY:Job interview at Acme"));
  assert.ok(lines.includes("UID:abc@example.test"));
  assert.ok(!text.includes("VTIMEZONE") && !text.includes("TZID"));
  assert.deepEqual(lines.filter((line) => line.startsWith("TRIGGER")), ["TRIGGER:-PT1440M", "TRIGGER:-PT60M"]);
  assert.equal(lines.filter((line) => line === "BEGIN:VALARM").length, 2);
  assert.equal(lines.at(-2), "END:VCALENDAR");
});

test("the end is the start plus the minutes, even across a change of clocks", () => {
  const text = calendarFile({ ...EVENT, start: Date.parse("2026-11-01T06:30:00Z"), minutes: 90, reminders: [] });
  assert.ok(text.includes("DTEND:20261101T080000Z\r\n"));
  assert.ok(!text.includes("VALARM"));
});

test("reminders that are not whole minutes are left out", () => {
  const text = calendarFile({ ...EVENT, reminders: [NaN, -5, 1.5, 15] });
  assert.deepEqual(text.split("\r\n").filter((line) => line.startsWith("TRIGGER")), ["TRIGGER:-PT15M"]);
});

test("typed text is escaped and folded inside the file", () => {
  const summary = "Lee, Park; & Sons \\ " + "Ünïcödé 🙂 ".repeat(20);
  const text = calendarFile({ ...EVENT, summary, description: "line one\nline two" });
  const unfolded = text.replace(/\r\n /g, "");
  assert.ok(unfolded.includes("SUMMARY:Lee\\, Park\\; & Sons \\\\ Ünïcödé"));
  assert.ok(unfolded.includes("DESCRIPTION:line one\\nline two\r\n"));
  assert.ok(text.split("\r\n").every((line) => utf8(line) <= 75));
});
