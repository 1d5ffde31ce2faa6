/* The candidate's details as the site keeps them, and the one rule for a personal link that
 * arrives: it starts a new person. Its details replace what the tab kept, never merge with it;
 * when the tab holds details typed by hand, the reader is asked first (lib/link-arrival.js decide).
 *
 * Each storage area holds one record under "mih.details": sessionStorage (this tab only), and
 * localStorage (this device) when the reader ticked "Remember my details". A record:
 * {version: 1, values, link, device, extra}
 * - values: field id -> text, what the pages show now;
 * - link: field id -> text as the last personal link gave it (null when none did), so the
 *   pages can say which details came from the link and which were typed by hand;
 * - device: the tab follows the details remembered on this device;
 * - extra: name -> value, more of this person's words kept with the details (such as a
 *   message the reader edited); a new person leaves them behind with the rest.
 *
 * Used by the message pages (components/message-template.js) and by the notice every page
 * shows for a personal link (components/details-notice.js). When the details change outside
 * a message page's own form (a link's details replace them, or the notice clears them),
 * "mih:details" is dispatched on the document, and message pages show the new details.
 * Only the storage and that event touch the browser: the rest is unit-tested in Node. */

import { local, session } from "./storage.js";

export const CHANGED = "mih:details";
export const STORE = "mih.details";
export const FORMAT = 1;

// Only own string entries of a plain object, in a prototype-free copy.
function texts(object) {
  const copy = Object.create(null);
  if (!object || typeof object !== "object" || Array.isArray(object)) return copy;
  for (const [name, value] of Object.entries(object)) {
    if (typeof value === "string") copy[name] = value;
  }
  return copy;
}

// A record from what a storage area held (parsed JSON); null for nothing, garbage or
// another format.
export function readRecord(data) {
  if (!data || typeof data !== "object" || data.version !== FORMAT) return null;
  if (!data.values || typeof data.values !== "object" || Array.isArray(data.values)) return null;
  const extra = data.extra && typeof data.extra === "object" && !Array.isArray(data.extra) ? data.extra : {};
  return {
    version: FORMAT,
    values: texts(data.values),
    link: data.link && typeof data.link === "object" ? texts(data.link) : null,
    device: data.device === true,
    extra: Object.assign(Object.create(null), extra),
  };
}

// A new record: these values, as a link gave them (`fromLink`) or typed by hand.
export function newRecord(values = {}, { fromLink = false, device = false } = {}) {
  const kept = Object.create(null);
  for (const [id, value] of values instanceof Map ? values : Object.entries(values)) {
    if (typeof value === "string" && value) kept[id] = value;
  }
  return { version: FORMAT, values: kept, link: fromLink ? { ...kept } : null, device, extra: Object.create(null) };
}

// The record with some fields set (an empty value removes the field); the rest kept.
export function withValues(record, updates) {
  const next = readRecord(record) || newRecord();
  for (const [id, value] of updates instanceof Map ? updates : Object.entries(updates)) {
    if (typeof value === "string" && value) next.values[id] = value;
    else delete next.values[id];
  }
  return next;
}

// The field ids whose value is still the one the link gave, in the record's order.
export function linkedIds(record) {
  if (!record || !record.link) return [];
  return Object.keys(record.values).filter((id) => record.values[id] && record.link[id] === record.values[id]);
}

// A record as stored (plain JSON).
export function plainRecord(record) {
  return {
    version: FORMAT,
    values: { ...record.values },
    link: record.link ? { ...record.link } : null,
    device: Boolean(record.device),
    extra: { ...(record.extra || {}) },
  };
}

// ---- The tab's record ----------------------------------------------------------------------

// The tab's record when the browser refuses to keep it (storage blocked or full): the page
// still has the details a link gave, until the reader leaves the site or clears them.
let unkept = null;

// The record one area holds (session or local), or null.
export function readArea(area) {
  return readRecord(area.getJSON(STORE)) || (area === session ? unkept : null);
}

// Saves a record in one area; false when the browser refused.
export function writeArea(area, record) {
  const saved = area.setJSON(STORE, plainRecord(record));
  if (area === session) unkept = saved ? null : plainRecord(record);
  return saved;
}

// Removes the record from one area (and the one held in memory for this tab).
export function forgetArea(area) {
  if (area === session) unkept = null;
  return area.remove(STORE);
}

// "Clear everything" (components/forget.js) empties the stores and tells each component on
// the page; it reaches here on its way down to them.
if (typeof document !== "undefined") document.addEventListener("mih:forget", () => { unkept = null; }, true);

// What this tab works with: its own record; else, in a tab that has none yet, the details
// remembered on this device (marked as followed from the device).
export function tabRecord() {
  const own = readArea(session);
  if (own) return own;
  const remembered = readArea(local);
  return remembered ? { ...remembered, link: null, device: true } : null;
}

// Tells the page that the tab's details changed (why: "link", "cleared").
export function announceChange(why) {
  document.dispatchEvent(new CustomEvent(CHANGED, { detail: { why } }));
}

// Words of this person kept with their details, by name (for a message page's own edits,
// say): gone when a new person's link replaces the details, or when the details are cleared.
export function keptExtra(name) {
  const record = tabRecord();
  return record && Object.prototype.hasOwnProperty.call(record.extra, name) ? record.extra[name] : null;
}

// Keeps `value` (any JSON value; null removes it) under `name` with this tab's details;
// false when the browser refused.
export function keepExtra(name, value) {
  const record = tabRecord() || newRecord();
  if (value === null || value === undefined) delete record.extra[name];
  else record.extra[name] = value;
  const saved = writeArea(session, record);
  if (record.device) writeArea(local, record);
  return saved;
}
