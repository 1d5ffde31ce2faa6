/* A message template page: one form fills every message (email, call, voicemail, text) live.
 * Without this file the messages read with [blanks]. Values only ever go in as text
 * (textContent, createTextNode), never as markup.
 *
 * Wording comes from data-*-text attributes on the root element (the page's
 * <div data-module="message-template">), and its data-time-zone names the agency's zone. */

import { copyText, saveFile } from "../device.js";
import { dateTimeInWords, isTimeZone, parseLocalDateTime, zonedToUtc } from "../lib/dates.js";
import { parseFragment, pickFields } from "../lib/fragment.js";
import { calendarFile } from "../lib/ics.js";
import { mailtoHref, smsHref } from "../lib/mail.js";
import { missingLabels, plainText, visibleLines } from "../lib/message.js";
import { smsLength } from "../lib/sms.js";
import { local } from "../storage.js";
import { announce, wording } from "../ui.js";

const STORE = "mih.details";
const STORE_FORMAT = 1;
const MAX_LENGTH = 10000;
const TYPING_PAUSE = 600; // ms without typing before the length count is updated (and read out)

// ---- Reading the page ----------------------------------------------------------------------

// A message as the markup holds it: literal text and named blanks (<span data-field>).
function readParts(element) {
  return Array.from(element.childNodes, (node) =>
    node.nodeType === Node.ELEMENT_NODE && node.hasAttribute("data-field")
      ? { field: node.getAttribute("data-field"), blank: node.textContent }
      : { text: node.textContent });
}

// One message part on the page (an email subject, a text message body...).
function readText(element) {
  const channel = element.closest("[data-channel]");
  return { element, channel, channelName: channel.getAttribute("data-channel"),
    part: element.getAttribute("data-part"), parts: readParts(element) };
}

// The page's language for dates in words ("en" from <html lang>), US English if none is set.
function localeOf(root) {
  const marked = root.closest("[lang]");
  return (marked && marked.lang) || "en-US";
}

// Everything the component works with, found once.
function readPage(root) {
  const form = root.querySelector(".tpl-form");
  const inputs = new Map();
  form.querySelectorAll("input[data-field], select[data-field]").forEach((element) => {
    inputs.set(element.getAttribute("data-field"), element);
  });
  return {
    root,
    form,
    inputs,
    texts: Array.from(root.querySelectorAll(".tpl-text"), readText),
    status: form.querySelector(".tpl-done"),
    remember: form.querySelector("#tpl-remember"),
    zone: inputs.get("time_zone") || null,
    locale: localeOf(root),
    timer: 0,
  };
}

// ---- Values ----------------------------------------------------------------------------

// What the reader typed in a field, trimmed ("" for a field this page does not have).
function raw(page, id) {
  const input = page.inputs.get(id);
  return input ? input.value.trim() : "";
}

// The agency's zone from the markup; the device's own if the markup names none we know.
function defaultZone(page) {
  const zone = page.root.getAttribute("data-time-zone");
  return isTimeZone(zone) ? zone : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// The zone dates are in: the one picked in the menu, else the agency's.
function timeZone(page) {
  const picked = page.zone ? page.zone.value : "";
  return isTimeZone(picked) ? picked : defaultZone(page);
}

// Puts the menu back on the agency's zone (or its first choice if that is not offered).
function resetZone(page) {
  if (!page.zone) return;
  page.zone.value = defaultZone(page);
  if (!page.zone.value) page.zone.selectedIndex = 0;
}

// What a field reads as in a message; dates in words with their zone ("... 10:00 AM Central Time").
function display(page, id) {
  const value = raw(page, id);
  const input = page.inputs.get(id);
  if (!value || input.getAttribute("data-kind") !== "datetime") return value;
  return dateTimeInWords(value, timeZone(page), page.locale);
}

// An optional field left empty: its line may be left out of a message.
function optionalEmpty(page, id) {
  const input = page.inputs.get(id);
  return Boolean(input) && input.hasAttribute("data-optional") && !raw(page, id);
}

// A required field left empty: named when the reader copies a message.
function requiredEmpty(page, id) {
  const input = page.inputs.get(id);
  return Boolean(input) && !input.hasAttribute("data-optional") && !raw(page, id);
}

// The field's name as the form shows it ("Your name").
function labelOf(page, id) {
  return page.inputs.get(id).getAttribute("data-label");
}

// ---- Rendering ---------------------------------------------------------------------------

// The lines of one message part as the reader should see them now.
function linesOf(page, item) {
  return visibleLines(item.parts, {
    keepAll: item.part !== "body",
    isEmptyOptional: (id) => optionalEmpty(page, id),
  });
}

// The message part as plain text, for the clipboard and the mail and messages apps.
function textOf(page, channelName, part) {
  const item = page.texts.find((text) => text.channelName === channelName && text.part === part);
  return item ? plainText(linesOf(page, item), (id) => display(page, id)) : "";
}

// A filled value is isolated (<bdi>) so right-to-left text cannot reorder the sentence around it.
function partNode(page, part) {
  if (!part.field) return document.createTextNode(part.text);
  const value = display(page, part.field);
  const element = document.createElement(value ? "bdi" : "span");
  element.className = value ? "tpl-value" : "tpl-blank";
  element.setAttribute("data-field", part.field);
  element.textContent = value || part.blank;
  return element;
}

// Redraws one message part from its template and the current values.
function paint(page, item) {
  const fragment = document.createDocumentFragment();
  linesOf(page, item).forEach((line, index) => {
    if (index) fragment.appendChild(document.createTextNode("\n"));
    line.forEach((part) => fragment.appendChild(partNode(page, part)));
  });
  item.element.replaceChildren(fragment);
}

// The field a channel's "To:" line names, like interviewer_email.
function recipientField(page, channelName) {
  const item = page.texts.find((text) => text.channelName === channelName && text.part === "to");
  const blank = item && item.parts.find((part) => part.field);
  return blank ? blank.field : "";
}

// The "Open in email app" and "Open in messages" links, with the messages as they read now.
function updateLinks(page) {
  const mail = page.root.querySelector('[data-action="mailto"]');
  if (mail) {
    const to = raw(page, recipientField(page, "email"));
    mail.setAttribute("href", mailtoHref(to, textOf(page, "email", "subject"), textOf(page, "email", "body")));
  }
  const sms = page.root.querySelector('[data-action="sms"]');
  if (sms) sms.setAttribute("href", smsHref(raw(page, recipientField(page, "text")), textOf(page, "text", "body")));
}

// "160 characters · 2 text messages", with a note when emoji and the like shorten each message.
function lengthSentence(page, text) {
  const length = smsLength(text);
  const values = { characters: length.characters, segments: length.segments };
  const count = wording(page.root, length.segments === 1 ? "sms-one" : "sms-many", values);
  return length.gsm ? count : wording(page.root, "sms-unicode", { count });
}

// The length count, after a pause in typing so screen readers do not announce every key.
function updateCount(page, quiet) {
  const count = page.root.querySelector(".tpl-count");
  if (!count) return;
  const show = () => {
    count.textContent = lengthSentence(page, textOf(page, "text", "body"));
  };
  clearTimeout(page.timer);
  if (quiet) show();
  else page.timer = setTimeout(show, TYPING_PAUSE);
}

// Every message, link and count, from the current values.
function render(page, quiet) {
  page.texts.forEach((item) => paint(page, item));
  updateLinks(page);
  updateCount(page, quiet);
}

// ---- Keeping details: in memory by default, on this device only if asked ---------------

// The values kept on this device, or null when none (or unreadable, or another format).
function readStore() {
  const data = local.getJSON(STORE);
  const values = data && data.version === STORE_FORMAT ? data.values : null;
  return values && typeof values === "object" && !Array.isArray(values) ? values : null;
}

// Saves this page's fields, keeping what other template pages saved; false when refused.
function writeStore(page) {
  const values = { ...readStore() };
  page.inputs.forEach((input, id) => {
    if (input.value) values[id] = input.value;
    else delete values[id];
  });
  return local.setJSON(STORE, { version: STORE_FORMAT, values });
}

// Fills the form from [name, value] pairs (a link or the store): only this page's fields,
// only text. Returns how many fields got a value.
function fill(page, pairs) {
  let filled = 0;
  pickFields(pairs, page.inputs.keys(), MAX_LENGTH).forEach((value, id) => {
    const input = page.inputs.get(id);
    input.value = value;
    if (input.value) filled += 1;
  });
  if (page.zone && !page.zone.value) resetZone(page);
  return filled;
}

// Pairs from a staff link (#interviewer_name=Ms.%20Lee), or null when the address has none.
function readLink() {
  const pairs = parseFragment(location.hash);
  // Do not leave the details in the address bar of a shared computer.
  if (pairs) history.replaceState(history.state, "", location.pathname + location.search);
  return pairs;
}

// Kept details first, then a staff link on top; a link alone stores nothing.
function restore(page) {
  resetZone(page);
  const stored = readStore();
  if (stored) {
    fill(page, Object.entries(stored));
    page.remember.checked = true;
  }
  const linked = readLink();
  if (linked && fill(page, linked)) {
    announce(page.root.querySelector(".tpl-prefilled"), wording(page.root, "prefilled"));
    if (page.remember.checked) writeStore(page);
  }
}

// The "Remember my details" box: keep now, or forget at once.
function toggleRemember(page) {
  if (!page.remember.checked) {
    local.remove(STORE);
    announce(page.status, wording(page.root, "remember-off"));
  } else if (writeStore(page)) {
    announce(page.status, wording(page.root, "remember-on"));
  } else {
    page.remember.checked = false;
    announce(page.status, wording(page.root, "remember-failed"));
  }
}

// Empties the form and the store ("Clear my details", or the footer's "clear everything").
function clearAll(page) {
  page.inputs.forEach((input) => {
    input.value = "";
  });
  resetZone(page);
  page.remember.checked = false;
  local.remove(STORE);
  render(page, true);
  announce(page.status, wording(page.root, "cleared"));
}

// ---- Actions -----------------------------------------------------------------------------

// Copies one message part and says so, naming required blanks still empty.
function copyPart(page, button) {
  const section = button.closest("[data-channel]");
  const part = button.getAttribute("data-part");
  const item = page.texts.find((text) => text.channel === section && text.part === part);
  const region = section.querySelector(".tpl-done");
  copyText(textOf(page, section.getAttribute("data-channel"), part)).then((copied) => {
    button.focus();
    if (!copied) {
      announce(region, wording(page.root, "copy-failed"));
      return;
    }
    const missing = missingLabels(item.parts, {
      isRequiredEmpty: (id) => requiredEmpty(page, id),
      labelOf: (id) => labelOf(page, id),
    });
    const said = missing.length ? wording(page.root, "copied-blank", { fields: missing.join(", ") }) : wording(page.root, "copied");
    announce(region, said);
  });
}

// The event's title: the button's ("Job interview"), with the company when there is one.
function eventSummary(page, button) {
  const summary = button.getAttribute("data-summary");
  const company = raw(page, "company");
  return company ? wording(page.root, "calendar-summary", { summary, company }) : summary;
}

// The event's notes: the filled fields the button lists, one "Label: value" a line.
function eventDetails(page, button) {
  return (button.getAttribute("data-details") || "").split(" ")
    .filter((id) => raw(page, id))
    .map((id) => wording(page.root, "calendar-detail", { label: labelOf(page, id), value: raw(page, id) }))
    .join("\n");
}

// A unique id for the event, so a second download updates it instead of adding another.
function eventUid() {
  const random = crypto.randomUUID
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return random + "@" + (location.host || "missed-interview-help");
}

// Downloads a calendar file for a date field, or asks for the date first.
function downloadCalendar(page, button) {
  const id = button.getAttribute("data-field");
  const input = page.inputs.get(id);
  const region = button.closest("section").querySelector(".tpl-done");
  const wall = input ? parseLocalDateTime(input.value) : null;
  if (!wall) {
    announce(region, wording(page.root, "calendar-needs", { field: input ? labelOf(page, id) : id }));
    if (input) input.focus();
    return;
  }
  const text = calendarFile({
    uid: eventUid(),
    created: Date.now(),
    start: zonedToUtc(wall, timeZone(page)),
    minutes: Number(button.getAttribute("data-minutes")) || 60,
    summary: eventSummary(page, button),
    description: eventDetails(page, button),
    reminders: (button.getAttribute("data-reminders") || "").split(" ").filter(Boolean).map(Number),
  });
  saveFile(id.replace(/_at$/, "").replace(/_/g, "-") + ".ics", text, "text/calendar;charset=utf-8");
  announce(region, wording(page.root, "calendar-done"));
}

// ---- Events ------------------------------------------------------------------------------

// Buttons with data-action: copy, calendar file, clear.
function onClick(page, event) {
  const button = event.target.closest("button[data-action]");
  if (!button || !page.root.contains(button)) return;
  const action = button.getAttribute("data-action");
  if (action === "copy") copyPart(page, button);
  else if (action === "ics") downloadCalendar(page, button);
  else if (action === "clear") clearAll(page);
}

// Typing redraws at once; "change" only matters for dates and the zone menu (no "input" there
// in some browsers) and for the remember box.
function onInput(page, event) {
  if (event.target === page.remember) {
    if (event.type === "change") toggleRemember(page);
    return;
  }
  const dated = event.target.getAttribute("data-kind") === "datetime" || event.target === page.zone;
  if (event.type === "change" && !dated) return;
  render(page, false);
  if (page.remember.checked) writeStore(page);
}

// Listens on the form and the root; the form never submits (its inputs have no name anyway).
function bindEvents(page) {
  page.form.addEventListener("submit", (event) => event.preventDefault());
  page.form.addEventListener("input", (event) => onInput(page, event));
  page.form.addEventListener("change", (event) => onInput(page, event));
  page.root.addEventListener("click", (event) => onClick(page, event));
  // The footer's "clear everything" control (components/forget.js) empties the form too.
  page.root.addEventListener("mih:forget", () => clearAll(page));
}

// Starts one template page (main.js calls this once per element). data-ready tells tests and
// other scripts that it is set up.
export function start(root) {
  const page = readPage(root);
  restore(page);
  // The form, buttons and count only work with this script, so only it shows them.
  root.querySelectorAll("[hidden]").forEach((element) => {
    element.hidden = false;
  });
  bindEvents(page);
  render(page, true);
  root.setAttribute("data-ready", "1");
}
