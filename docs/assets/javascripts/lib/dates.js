/* Dates typed in a datetime-local field, in any IANA time zone ("America/Chicago",
 * "Europe/London"), read out in words and turned into exact instants for calendar files.
 * Only Intl, no time-zone tables. No DOM here: unit-tested in Node.
 *
 * A "wall clock" is {year, month, day, hour, minute, second}: what a clock on the wall shows,
 * with no zone. An "instant" is milliseconds since 1970 UTC, like Date.getTime(). */

const DAY = 24 * 60 * 60 * 1000;
// What <input type="datetime-local"> gives: 2026-12-01T10:00, maybe with seconds.
// A two-digit year (26-12-01T10:00, or 0026 from a picker typed in a hurry) means 20xx.
const LOCAL = /^(\d{2}|\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

// The wall clock's numbers as if it were in UTC: arithmetic without any zone. Not Date.UTC,
// which would read the years 0 to 99 as 1900 to 1999.
export function wallClockMs(wall) {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second || 0, 0);
  return date.getTime();
}

// The wall clock that wallClockMs() would turn into ms (the reverse).
function wallClockOf(ms) {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(),
    hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(),
  };
}

// A datetime-local value as a wall clock, or null when it is not one (like 2026-02-30T10:00).
export function parseLocalDateTime(value) {
  const match = LOCAL.exec(String(value).trim());
  if (!match) return null;
  const [typed, month, day, hour, minute, second = 0] = match.slice(1, 7).map((n) => Number(n || 0));
  const year = typed < 100 ? 2000 + typed : typed;
  const wall = { year, month, day, hour, minute, second };
  const back = wallClockOf(wallClockMs(wall));
  // Out-of-range numbers roll over (Feb 30 becomes Mar 2); a real date reads back the same.
  const same = Object.keys(wall).every((key) => back[key] === wall[key]);
  return same ? wall : null;
}

// True when this engine knows the zone name (a typo or "Central Time" is false).
export function isTimeZone(timeZone) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return typeof timeZone === "string" && timeZone !== "";
  } catch (error) {
    return false;
  }
}

// Formatters are slow to make and asked for on every keystroke: one per zone.
const clocks = new Map();
function clockIn(timeZone) {
  if (!clocks.has(timeZone)) {
    clocks.set(timeZone, new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23",
      year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric",
    }));
  }
  return clocks.get(timeZone);
}

// How far the zone's clocks are from UTC at an instant, in ms (Chicago in July: -5 hours).
export function zoneOffsetMs(timeZone, instant) {
  const parts = {};
  for (const part of clockIn(timeZone).formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const shown = wallClockMs(parts);
  return shown - Math.floor(instant / 1000) * 1000;
}

// The instant a wall clock in a zone stands for, the way Python's zoneinfo (fold=0) and
// JavaScript's Temporal ("compatible") read it. Near a change of offset, try the offset from
// a day before and the one from a day after, and keep those that read back as the same clock:
// - one fits: that is the instant;
// - both fit (clocks went back, 1:30 AM happens twice): the earlier one;
// - none fits (clocks went forward, 2:30 AM never happens): the old offset, which lands the
//   same distance after the change (2:30 becomes 3:30), as a reader who forgot would mean.
export function zonedToUtc(wall, timeZone) {
  const local = wallClockMs(wall);
  const before = zoneOffsetMs(timeZone, local - DAY);
  const after = zoneOffsetMs(timeZone, local + DAY);
  const fits = [before, after]
    .map((offset) => local - offset)
    .filter((instant) => zoneOffsetMs(timeZone, instant) === local - instant);
  return fits.length ? Math.min(...fits) : local - before;
}

// "Tuesday, December 1, 2026 at 10:00 AM": the wall clock in words, zone not included.
export function wallClockInWords(wall, locale = "en-US") {
  const text = new Intl.DateTimeFormat(locale, {
    weekday: "long", month: "long", day: "numeric", year: "numeric",
    hour: "numeric", minute: "2-digit", timeZone: "UTC",
  }).format(new Date(wallClockMs(wall)));
  // Newer engines put a narrow space before "AM", which would cost more in a text message.
  return text.replace(/[\u202f\u00a0]/g, " ");
}

// The zone as people say it, like "Central Time" (not "CST" or "CDT", right all year).
export function zoneName(timeZone, instant, locale = "en-US") {
  for (const style of ["longGeneric", "long"]) {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(new Date(instant));
      return parts.find((part) => part.type === "timeZoneName").value;
    } catch (error) {
      // An engine without "longGeneric" throws: try the next style.
    }
  }
  return timeZone;
}

// A datetime-local value with its zone in words, like "Tuesday, December 1, 2026 at 10:00 AM
// Central Time"; "" when the value is not a date.
export function dateTimeInWords(value, timeZone, locale = "en-US") {
  const wall = parseLocalDateTime(value);
  if (!wall) return "";
  return wallClockInWords(wall, locale) + " " + zoneName(timeZone, zonedToUtc(wall, timeZone), locale);
}
