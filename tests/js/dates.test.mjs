// Dates from datetime-local fields, in any IANA zone, without time-zone tables.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  dateTimeInWords, isTimeZone, parseLocalDateTime, wallClockInWords, wallClockMs, zoneName, zoneOffsetMs, zonedToUtc,
} from "../../docs/assets/javascripts/lib/dates.js";

const HOUR = 3600 * 1000;
// The instant of a UTC clock time, for readable expectations.
const utc = (text) => Date.parse(text + "Z");
const wall = (text) => parseLocalDateTime(text);

test("datetime-local values parse, with or without seconds", () => {
  assert.deepEqual(wall("2026-12-01T10:00"), { year: 2026, month: 12, day: 1, hour: 10, minute: 0, second: 0 });
  assert.deepEqual(wall("2026-12-01T10:00:30.250"), { year: 2026, month: 12, day: 1, hour: 10, minute: 0, second: 30 });
  assert.deepEqual(wall(" 2024-02-29T23:59 "), { year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 0 });
});

test("anything that is not a real date and time is refused", () => {
  for (const bad of ["", "2026-02-29T10:00", "2026-02-30T10:00", "2026-13-01T10:00", "2026-12-01T24:00",
    "2026-12-01T10:60", "2026-12-01", "10:00", "2026-12-01 10:00", "2026-1-1T1:00", "tomorrow", "2026-12-01T10:00Z"]) {
    assert.equal(parseLocalDateTime(bad), null, bad);
  }
});

test("a two-digit year is read as 20xx, never 19xx", () => {
  assert.equal(new Date(wallClockMs(wall("0050-06-01T00:00"))).getUTCFullYear(), 2050);
  assert.equal(new Date(wallClockMs(wall("26-12-01T10:00"))).getUTCFullYear(), 2026);
  assert.equal(parseLocalDateTime("0026-12-01T10:00").year, 2026);
  assert.equal(parseLocalDateTime("2026-12-01T10:00").year, 2026);
});

test("wallClockMs keeps years before 100 as they are", () => {
  assert.equal(new Date(wallClockMs({ year: 50, month: 6, day: 1, hour: 0, minute: 0 })).getUTCFullYear(), 50);
});

test("zone names are checked by the engine", () => {
  assert.equal(isTimeZone("America/Chicago"), true);
  assert.equal(isTimeZone("Europe/London"), true);
  for (const bad of ["Central Time", "Mars/Olympus", "", null, undefined, "../../etc/passwd"]) assert.equal(isTimeZone(bad), false, String(bad));
});

test("offsets follow summer time", () => {
  assert.equal(zoneOffsetMs("America/Chicago", utc("2026-07-15T12:00")), -5 * HOUR);
  assert.equal(zoneOffsetMs("America/Chicago", utc("2026-01-15T12:00")), -6 * HOUR);
  assert.equal(zoneOffsetMs("America/Phoenix", utc("2026-07-15T12:00")), -7 * HOUR);
  assert.equal(zoneOffsetMs("Asia/Kolkata", utc("2026-07-15T12:00")), 5.5 * HOUR);
  assert.equal(zoneOffsetMs("UTC", utc("2026-07-15T12:00")), 0);
});

test("wall clocks become UTC instants, summer and winter, any zone", () => {
  assert.equal(zonedToUtc(wall("2026-07-15T09:30"), "America/Chicago"), utc("2026-07-15T14:30"));
  assert.equal(zonedToUtc(wall("2026-12-01T10:00"), "America/Chicago"), utc("2026-12-01T16:00"));
  assert.equal(zonedToUtc(wall("2026-07-15T09:30"), "Europe/London"), utc("2026-07-15T08:30"));
  assert.equal(zonedToUtc(wall("2026-01-15T09:30"), "Europe/London"), utc("2026-01-15T09:30"));
  assert.equal(zonedToUtc(wall("2026-07-15T09:30"), "Pacific/Honolulu"), utc("2026-07-15T19:30"));
  assert.equal(zonedToUtc(wall("2026-07-15T09:30"), "Asia/Kolkata"), utc("2026-07-15T04:00"));
  assert.equal(zonedToUtc(wall("2026-01-15T09:30"), "Australia/Sydney"), utc("2026-01-14T22:30"));
  assert.equal(zonedToUtc(wall("2026-07-15T09:30"), "Australia/Sydney"), utc("2026-07-14T23:30"));
});

test("in a gap (clocks go forward) the time moves forward by the gap, like zoneinfo fold=0", () => {
  // Chicago, 8 March 2026: 2:00 AM CST becomes 3:00 AM CDT; 2:30 never happens.
  assert.equal(zonedToUtc(wall("2026-03-08T02:30"), "America/Chicago"), utc("2026-03-08T08:30")); // 3:30 CDT
  assert.equal(zonedToUtc(wall("2026-03-08T01:59"), "America/Chicago"), utc("2026-03-08T07:59"));
  assert.equal(zonedToUtc(wall("2026-03-08T03:00"), "America/Chicago"), utc("2026-03-08T08:00"));
  // London, 29 March 2026: 1:00 GMT becomes 2:00 BST.
  assert.equal(zonedToUtc(wall("2026-03-29T01:30"), "Europe/London"), utc("2026-03-29T01:30")); // 2:30 BST
  // Lord Howe moves by half an hour.
  assert.equal(zonedToUtc(wall("2026-10-04T02:15"), "Australia/Lord_Howe"), utc("2026-10-03T15:45"));
});

test("in an overlap (clocks go back) the earlier of the two instants is chosen", () => {
  // Chicago, 1 November 2026: 1:30 AM happens in CDT, then again in CST.
  assert.equal(zonedToUtc(wall("2026-11-01T01:30"), "America/Chicago"), utc("2026-11-01T06:30"));
  assert.equal(zonedToUtc(wall("2026-11-01T00:59"), "America/Chicago"), utc("2026-11-01T05:59"));
  assert.equal(zonedToUtc(wall("2026-11-01T02:00"), "America/Chicago"), utc("2026-11-01T08:00"));
  // London, 25 October 2026: 1:30 happens in BST, then in GMT.
  assert.equal(zonedToUtc(wall("2026-10-25T01:30"), "Europe/London"), utc("2026-10-25T00:30"));
});

test("every wall clock reads back the same, except those skipped in a gap", () => {
  for (const zone of ["America/Chicago", "Europe/London", "Australia/Lord_Howe", "America/St_Johns"]) {
    for (let instant = utc("2026-01-01T00:00"); instant < utc("2027-01-01T00:00"); instant += 6 * HOUR + 15 * 60000) {
      const clock = new Date(instant + zoneOffsetMs(zone, instant)).toISOString().slice(0, 16);
      const back = zonedToUtc(wall(clock), zone);
      assert.equal(back + zoneOffsetMs(zone, back), instant + zoneOffsetMs(zone, instant), `${zone} ${clock}`);
    }
  }
});

test("dates read in words, with the zone as people say it", () => {
  assert.equal(wallClockInWords(wall("2026-12-01T10:00")), "Tuesday, December 1, 2026 at 10:00 AM");
  assert.equal(zoneName("America/Chicago", utc("2026-07-15T12:00")), "Central Time");
  assert.equal(zoneName("America/Chicago", utc("2026-01-15T12:00")), "Central Time");
  assert.equal(zoneName("America/New_York", utc("2026-01-15T12:00")), "Eastern Time");
  assert.equal(dateTimeInWords("2026-12-01T10:00", "America/Chicago"), "Tuesday, December 1, 2026 at 10:00 AM Central Time");
  assert.equal(dateTimeInWords("2026-07-15T09:05", "Europe/London"), "Wednesday, July 15, 2026 at 9:05 AM United Kingdom Time");
  assert.equal(dateTimeInWords("not a date", "America/Chicago"), "");
});

test("no narrow or non-breaking spaces, which cost more in a text message", () => {
  assert.doesNotMatch(dateTimeInWords("2026-12-01T22:00", "America/Chicago"), /[\u202f\u00a0]/);
});
