/* What a personal link that arrives does (components/details-notice.js): it starts a new
 * person, so its details replace what the tab kept and never merge with it; details typed by
 * hand are asked about first. And what may be said about names in it the site does not have:
 * a link can never make a page say a sentence of its own. No DOM here: unit-tested in Node. */

// Names longer than this, or with anything but letters, digits, "_" and "-", are never shown
// back to the reader: a link could carry a sentence as a "name" ("URGENT: call ...").
const SHOWN_NAME = /^[A-Za-z0-9_-]{1,24}$/;
const SHOWN_NAMES = 3; // at most this many unknown names are listed; the rest are counted

// True when the record holds something the reader typed by hand: a value the link did not
// give, or words of their own kept with the details.
export function typedByHand(record) {
  if (!record) return false;
  for (const [id, value] of Object.entries(record.values)) {
    if (value && (!record.link || record.link[id] !== value)) return true;
  }
  return Object.values(record.extra || {}).some((value) => value !== "" && value !== null && value !== undefined);
}

function sameTexts(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

// What to do with a personal link's details (`incoming`: field id -> text, empty ones left
// out) given what the tab keeps (`record`, or null):
// - "none": the link carries no detail this site uses, so nothing changes;
// - "same": it is the link the tab already holds, so nothing changes (typing kept too);
// - "replace": the link's details replace everything the tab kept;
// - "ask": the tab holds details typed by hand: ask the reader before replacing them.
export function decide(record, incoming) {
  const values = Object.create(null);
  for (const [id, value] of incoming instanceof Map ? incoming : Object.entries(incoming || {})) {
    if (typeof value === "string" && value) values[id] = value;
  }
  if (!Object.keys(values).length) return "none";
  if (record && record.link && sameTexts(record.link, values)) return "same";
  return typedByHand(record) ? "ask" : "replace";
}

// What may be said about names a page does not have: {shown, others}. Only short, plain
// names are shown (at most three, as written); every other one is only counted in `others`,
// so a link can never make the page say a sentence of its own.
export function unknownNames(unknown) {
  const shown = [];
  let others = 0;
  for (const name of unknown) {
    if (shown.length < SHOWN_NAMES && SHOWN_NAME.test(String(name))) shown.push(String(name));
    else others += 1;
  }
  return { shown, others };
}
