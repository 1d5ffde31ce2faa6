/* Calendar files (.ics, RFC 5545) for the new interview time or a promised call-back.
 * Times are written in UTC ("...Z"), so no time-zone table is needed and every calendar app
 * shows the event at the right moment in its own zone. No DOM here: unit-tested in Node. */

const PRODUCT = "-//Missed Interview Help//Message templates//EN";
const MINUTE = 60 * 1000;
// Characters a calendar file may not hold in text (RFC 5545 3.3.11): control codes but tab.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// Two digits, "07", for the parts of a date.
function pad(number) {
  return String(number).padStart(2, "0");
}

// An instant as a UTC DATE-TIME value: 20261201T160000Z.
export function utcStamp(instant) {
  const date = new Date(instant);
  return String(date.getUTCFullYear()).padStart(4, "0") + pad(date.getUTCMonth() + 1) + pad(date.getUTCDate()) +
    "T" + pad(date.getUTCHours()) + pad(date.getUTCMinutes()) + pad(date.getUTCSeconds()) + "Z";
}

// A TEXT value: backslash, semicolon, comma and line breaks escaped; control codes dropped.
export function escapeText(text) {
  return String(text).replace(CONTROL, "")
    .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

// UTF-8 bytes one character (a whole code point) takes.
function utf8Size(character) {
  const code = character.codePointAt(0);
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

// A line longer than 75 bytes goes on after CRLF and a space (which counts on the new line).
// Breaks fall between characters, never inside one, so every line stays valid UTF-8.
export function foldLine(line) {
  let out = "";
  let used = 0;
  for (const character of line) {
    const size = utf8Size(character);
    if (used + size > 75) {
      out += "\r\n ";
      used = 1;
    }
    out += character;
    used += size;
  }
  return out;
}

// One reminder, shown the given minutes before the start.
function alarm(minutesBefore, summary) {
  return ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + escapeText(summary),
    "TRIGGER:-PT" + minutesBefore + "M", "END:VALARM"];
}

// The event's lines: start and end in UTC, with what it is and any reminders.
function eventLines(event) {
  const lines = [
    "BEGIN:VEVENT",
    "UID:" + event.uid,
    "DTSTAMP:" + utcStamp(event.created),
    "DTSTART:" + utcStamp(event.start),
    "DTEND:" + utcStamp(event.start + event.minutes * MINUTE),
    "SUMMARY:" + escapeText(event.summary),
    "DESCRIPTION:" + escapeText(event.description || ""),
  ];
  const reminders = (event.reminders || []).filter((minutes) => Number.isInteger(minutes) && minutes >= 0);
  for (const minutes of reminders) lines.push(...alarm(minutes, event.summary));
  lines.push("END:VEVENT");
  return lines;
}

// A whole calendar file with one event, CRLF line ends and folded lines.
// event: {uid, created, start (instants in ms), minutes, summary, description, reminders}.
export function calendarFile(event) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + PRODUCT, "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    ...eventLines(event), "END:VCALENDAR"];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
