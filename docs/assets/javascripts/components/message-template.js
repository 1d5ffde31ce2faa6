/* A message template page: one set of fields fills every message (call, voicemail, text,
 * email) live. The fields sit next to the channel that first needs them, all in the static
 * HTML: without this file the page is a write-in sheet whose messages read with [blanks], and
 * printed it stays one with the file too (paintPaper).
 * Values only ever go in as text (textContent, createTextNode), never as markup.
 *
 * Details are kept for this tab only (sessionStorage) so they survive a reload, a move to
 * another message page and a trip to the phone or mail app; "Remember on this device" also
 * keeps them in localStorage. Other tabs hear changes to the remembered details and a clear.
 *
 * Wording comes from data-*-text attributes on the root element (the page's
 * <div data-module="message-template">), and its data-time-zone names the agency's zone. */

import { cleanValue, wellFormed } from "../lib/clean.js";
import { parseFragment, readFields } from "../lib/fragment.js";
import { mailtoHref, smsHref, telHref } from "../lib/mail.js";
import { missingLabels, plainText, visibleLines } from "../lib/message.js";
import { local, session } from "../storage.js";
import { announce, wording } from "../ui.js";

const STORE = "mih.details";
const STORE_FORMAT = 1;
const CLEARED = "mih.cleared"; // set and removed at once: a "clear" other tabs hear
const MAX_LENGTH = 10000;
const TYPING_PAUSE = 600; // ms without typing before the length count is updated (and read out)

// lib/dates.js, lib/sms.js and device.js (2.5 KB, an eighth of the page's budget) load once
// the form holds a value or the reader touches or steps into the form or a button: most
// visits only read. Until then the length count is not shown (its line keeps its place), no
// date needs words yet, and a copy waits for them (a pointerdown comes before its click).
let helpers = null; // the three modules' exports, once loaded
let loadingHelpers = null;

// Loads the helpers, then redraws the page with them; resolves either way (a failure is
// logged, and a later touch tries again). Nothing to do once they are here.
function needHelpers(page) {
  if (helpers) return Promise.resolve();
  if (!loadingHelpers) {
    loadingHelpers = Promise.all([import("../lib/dates.js"), import("../lib/sms.js"), import("../device.js")]).then(
      ([dates, sms, device]) => { helpers = { ...dates, ...sms, ...device }; },
      (error) => { loadingHelpers = null; throw error; },
    );
  }
  return loadingHelpers.then(
    () => { if (page.root.isConnected) render(page, true); },
    (error) => console.error(error),
  );
}

// Whether any field holds something (the zone menu always does).
function hasValues(page) {
  return Array.from(page.inputs.values()).some((input) => input.tagName === "INPUT" && input.value);
}

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
    part: element.getAttribute("data-part"), parts: readParts(element), paper: null };
}

// The page's language for dates in words ("en" from <html lang>), US English if none is set.
function localeOf(root) {
  const marked = root.closest("[lang]");
  return (marked && marked.lang) || "en-US";
}

// Everything the component works with, found once.
function readPage(root) {
  const inputs = new Map();
  root.querySelectorAll("input[data-field], select[data-field]").forEach((element) => {
    inputs.set(element.getAttribute("data-field"), element);
  });
  return {
    root,
    forms: Array.from(root.querySelectorAll("form")),
    inputs,
    texts: Array.from(root.querySelectorAll(".tpl-text"), readText),
    status: root.querySelector(".tpl-keep .tpl-done"),
    remember: root.querySelector("#tpl-remember"),
    zone: inputs.get("time_zone") || null,
    locale: localeOf(root),
    timer: 0,
  };
}

// ---- Values ----------------------------------------------------------------------------

// What the reader typed in a field, as shown and sent: trimmed, valid Unicode, without
// control or direction-override characters ("" for a field this page does not have).
function raw(page, id) {
  const input = page.inputs.get(id);
  return input ? cleanValue(input.value) : "";
}

// The agency's zone from the markup; the device's own if the markup names none we know.
function defaultZone(page) {
  const zone = page.root.getAttribute("data-time-zone");
  return helpers.isTimeZone(zone) ? zone : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// The zone dates are in: the one picked in the menu, else the agency's.
function timeZone(page) {
  const picked = page.zone ? page.zone.value : "";
  return helpers.isTimeZone(picked) ? picked : defaultZone(page);
}

// Puts the menu back on the agency's zone (or its first choice if that is not offered).
function resetZone(page) {
  if (!page.zone) return;
  page.zone.value = page.root.getAttribute("data-time-zone") || "";
  if (!page.zone.value) page.zone.selectedIndex = 0;
}

// What a field reads as in a message; dates in words with their zone ("... 10:00 AM Central Time").
function display(page, id) {
  const value = raw(page, id);
  const input = page.inputs.get(id);
  if (!value || input.getAttribute("data-kind") !== "datetime" || !helpers) return value;
  return helpers.dateTimeInWords(value, timeZone(page), page.locale);
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

// Lines of parts as nodes, a newline between lines.
function linesNode(page, lines) {
  const fragment = document.createDocumentFragment();
  lines.forEach((line, index) => {
    if (index) fragment.appendChild(document.createTextNode("\n"));
    line.forEach((part) => fragment.appendChild(partNode(page, part)));
  });
  return fragment;
}

// Paper is a write-in sheet: a blank left empty is a line to write on, so lines the screen
// leaves out still print. When the screen copy left some out, a copy with every line stands
// in for it in print only (templates.css); the screen copy, and so what is copied and sent,
// stays as it is.
function paintPaper(page, item, shown) {
  const every = visibleLines(item.parts, { keepAll: true });
  const differs = every.length !== shown.length;
  item.element.classList.toggle("tpl-screen", differs);
  if (!differs) {
    if (item.paper) item.paper.remove();
    item.paper = null;
    return;
  }
  if (!item.paper) {
    item.paper = document.createElement("p");
    item.paper.className = "tpl-paper";
    item.paper.setAttribute("aria-hidden", "true");
  }
  item.paper.replaceChildren(linesNode(page, every));
  if (!item.paper.isConnected) item.element.after(item.paper);
}

// Redraws one message part from its template and the current values.
function paint(page, item) {
  const lines = linesOf(page, item);
  item.element.replaceChildren(linesNode(page, lines));
  paintPaper(page, item, lines);
}

// The field a channel's "To:" line names, like interviewer_email.
function recipientField(page, channelName) {
  const item = page.texts.find((text) => text.channelName === channelName && text.part === "to");
  const blank = item && item.parts.find((part) => part.field);
  return blank ? blank.field : "";
}

// The "Open in email app", "Open in messages" and "Call" links, with the messages as they read now.
function updateLinks(page) {
  page.root.querySelectorAll('[data-action="tel"]').forEach((call) => {
    call.setAttribute("href", telHref(raw(page, call.getAttribute("data-field"))) || "tel:");
  });
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
  const length = helpers.smsLength(text);
  const values = { characters: length.characters, segments: length.segments };
  const count = wording(page.root, length.segments === 1 ? "sms-one" : "sms-many", values);
  return length.gsm ? count : wording(page.root, "sms-unicode", { count });
}

// The length count, after a pause in typing so screen readers do not announce every key.
function updateCount(page, quiet) {
  const count = page.root.querySelector(".tpl-count");
  if (!count || !helpers) return;
  const show = () => {
    count.textContent = lengthSentence(page, textOf(page, "text", "body"));
  };
  clearTimeout(page.timer);
  if (quiet) show();
  else page.timer = setTimeout(show, TYPING_PAUSE);
}

// Every message, link and count, from the current values.
function render(page, quiet) {
  if (!helpers && hasValues(page)) needHelpers(page);
  page.texts.forEach((item) => paint(page, item));
  updateLinks(page);
  updateCount(page, quiet);
}

// ---- Keeping details: this tab only by default, on this device only if asked -------------

// The values kept in one area, or null when none (or unreadable, or another format).
function readStore(area = local) {
  const data = area.getJSON(STORE);
  const values = data && data.version === STORE_FORMAT ? data.values : null;
  return values && typeof values === "object" && !Array.isArray(values) ? values : null;
}

// Saves this page's fields in one area, keeping what other template pages saved there;
// false when refused. (Only a page's own field names are ever read back: see readFields.)
function writeArea(page, area) {
  const values = Object.assign(Object.create(null), readStore(area));
  page.inputs.forEach((input, id) => {
    if (input.value) values[id] = wellFormed(input.value);
    else delete values[id];
  });
  return area.setJSON(STORE, { version: STORE_FORMAT, values });
}

// Keeps the details for this tab (always) and on this device (when the reader asked).
function writeStore(page) {
  writeArea(page, session);
  return page.remember.checked ? writeArea(page, local) : true;
}

// Fills the form from [name, value] pairs (a link or the store): only this page's fields,
// only text. Returns how many fields got a value and the names this page does not have.
function fill(page, pairs) {
  let filled = 0;
  const { picked, unknown } = readFields(pairs, page.inputs.keys(), MAX_LENGTH);
  picked.forEach((value, id) => {
    const input = page.inputs.get(id);
    input.value = value;
    if (input.value) filled += 1;
  });
  if (page.zone && !page.zone.value) resetZone(page);
  return { filled, unknown };
}

// Pairs from a staff link (#interviewer_name=Ms.%20Lee), or null when the address has none.
function readLink() {
  const pairs = parseFragment(location.hash);
  // Do not leave the details in the address bar of a shared computer.
  if (pairs) history.replaceState(history.state, "", location.pathname + location.search);
  return pairs;
}

// Remembered details first, then this tab's, then a staff link on top. Field names from
// storage are this site's own: only a link's unknown names are reported.
function restore(page) {
  resetZone(page);
  const remembered = readStore(local);
  if (remembered) {
    fill(page, Object.entries(remembered));
    page.remember.checked = true;
  }
  const kept = readStore(session);
  if (kept) fill(page, Object.entries(kept));
  const linked = readLink();
  if (!linked) return;
  const { filled, unknown } = fill(page, linked);
  const said = [];
  if (filled) said.push(wording(page.root, "prefilled"));
  if (unknown.length) said.push(wording(page.root, "unknown", { names: unknown.join(", ") }));
  if (said.length) announce(page.root.querySelector(".tpl-prefilled"), said.join(" "));
  if (filled) writeStore(page);
}

// The "Remember my details" box: keep now, or forget at once.
function toggleRemember(page) {
  if (!page.remember.checked) {
    local.remove(STORE);
    writeArea(page, session);
    announce(page.status, wording(page.root, "remember-off"));
  } else if (writeArea(page, local)) {
    announce(page.status, wording(page.root, "remember-on"));
  } else {
    page.remember.checked = false;
    announce(page.status, wording(page.root, "remember-failed"));
  }
}

// Empties the form and both stores ("Clear my details", the footer's "clear everything", or
// a clear in another tab, which removes the remembered details and so tells this one).
function clearAll(page, quiet = false) {
  page.inputs.forEach((input) => {
    input.value = "";
  });
  resetZone(page);
  page.remember.checked = false;
  local.remove(STORE);
  session.remove(STORE);
  render(page, true);
  if (quiet) return;
  // Tell the other tabs, even when nothing was remembered (they hear only localStorage).
  if (local.set(CLEARED, String(Date.now()))) local.remove(CLEARED);
  announce(page.status, wording(page.root, "cleared"));
}

// Another tab changed the remembered details: show the same (a removal clears this tab too).
function onStorage(page, event) {
  if (event.key === CLEARED) {
    if (event.newValue) clearAll(page, true);
    return;
  }
  if (event.key !== null && event.key !== STORE) return;
  if (event.storageArea && event.storageArea !== globalThis.localStorage) return;
  const remembered = readStore(local);
  if (!remembered) {
    if (page.remember.checked || event.key === null || event.newValue === null) clearAll(page, true);
    return;
  }
  page.inputs.forEach((input, id) => {
    if (id !== "time_zone") input.value = "";
  });
  fill(page, Object.entries(remembered));
  page.remember.checked = true;
  writeArea(page, session);
  render(page, true);
}

// ---- Actions -----------------------------------------------------------------------------

// The labels of required fields a channel's messages still show as blanks, in order.
function channelMissing(page, section) {
  const parts = page.texts.filter((text) => text.channel === section).flatMap((text) => text.parts);
  return missingLabels(parts, {
    isRequiredEmpty: (id) => requiredEmpty(page, id),
    labelOf: (id) => labelOf(page, id),
  });
}

// The first empty required field of a channel, to take the reader there.
function firstMissingInput(page, section) {
  for (const text of page.texts.filter((item) => item.channel === section)) {
    for (const part of text.parts) {
      if (part.field && requiredEmpty(page, part.field)) return page.inputs.get(part.field);
    }
  }
  return null;
}

// "Open in email app", "Open in messages" and "Call". A call needs a number: without one the
// reader is taken to the box. A message with required blanks is confirmed, not blocked: the
// first tap says what is still blank and goes to it; a second tap with the same blanks sends.
function guardSend(page, link, event) {
  const section = link.closest("[data-channel]");
  const region = section.querySelector(".tpl-done");
  if (link.getAttribute("data-action") === "tel") {
    const id = link.getAttribute("data-field");
    if (!telHref(raw(page, id))) {
      event.preventDefault();
      announce(region, wording(page.root, "call-needs", { field: labelOf(page, id) }));
      page.inputs.get(id).focus();
    }
    return;
  }
  const missing = channelMissing(page, section);
  const key = missing.join("\n");
  if (!missing.length || link.getAttribute("data-confirmed") === key) {
    link.removeAttribute("data-confirmed");
    return;
  }
  event.preventDefault();
  link.setAttribute("data-confirmed", key);
  announce(region, wording(page.root, "send-blank", { fields: missing.join(", ") }));
  const input = firstMissingInput(page, section);
  if (input) input.focus();
}

// Copies one message part and says so, naming required blanks still empty.
function copyPart(page, button) {
  const section = button.closest("[data-channel]");
  const part = button.getAttribute("data-part");
  const item = page.texts.find((text) => text.channel === section && text.part === part);
  const region = section.querySelector(".tpl-done");
  if (!helpers) {
    needHelpers(page).then(() => helpers && copyPart(page, button));
    return;
  }
  // Called at once, inside the tap: some browsers only allow the clipboard then.
  helpers.copyText(textOf(page, section.getAttribute("data-channel"), part)).then((copied) => {
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
  if (!helpers) {
    needHelpers(page).then(() => helpers && downloadCalendar(page, button));
    return;
  }
  const id = button.getAttribute("data-field");
  const input = page.inputs.get(id);
  const region = button.closest("section").querySelector(".tpl-done");
  const wall = input ? helpers.parseLocalDateTime(input.value) : null;
  if (!wall) {
    announce(region, wording(page.root, "calendar-needs", { field: input ? labelOf(page, id) : id }));
    if (input) input.focus();
    return;
  }
  const details = {
    uid: eventUid(),
    created: Date.now(),
    start: helpers.zonedToUtc(wall, timeZone(page)),
    minutes: Number(button.getAttribute("data-minutes")) || 60,
    summary: eventSummary(page, button),
    description: eventDetails(page, button),
    reminders: (button.getAttribute("data-reminders") || "").split(" ").filter(Boolean).map(Number),
  };
  // ics.js loads on first use: most readers never download a calendar file.
  import("../lib/ics.js").then(({ calendarFile }) => {
    helpers.saveFile(id.replace(/_at$/, "").replace(/_/g, "-") + ".ics", calendarFile(details), "text/calendar;charset=utf-8");
    announce(region, wording(page.root, "calendar-done"));
  });
}

// ---- Events ------------------------------------------------------------------------------

// Buttons with data-action: copy, calendar file, clear; links that send or call.
function onClick(page, event) {
  const link = event.target.closest("a[data-action]");
  if (link && page.root.contains(link)) {
    guardSend(page, link, event);
    return;
  }
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
  if (dated) fixYear(event.target);
  render(page, false);
  writeStore(page);
}

// A picker given a two-digit year ("0026") means 2026: show the year that will be used.
function fixYear(input) {
  const match = /^00(\d{2})(-.*)$/.exec(input.value || "");
  if (match) input.value = "20" + match[1] + match[2];
}

// Listens on the form and the root; the form never submits (its inputs have no name anyway).
function bindEvents(page) {
  page.forms.forEach((form) => form.addEventListener("submit", (event) => event.preventDefault()));
  page.root.addEventListener("input", (event) => onInput(page, event));
  page.root.addEventListener("change", (event) => onInput(page, event));
  page.root.addEventListener("click", (event) => onClick(page, event));
  page.root.addEventListener("focusin", () => needHelpers(page));
  page.root.addEventListener("pointerdown", () => needHelpers(page));
  // The footer's "clear everything" control (components/forget.js) empties the form too.
  page.root.addEventListener("mih:forget", () => clearAll(page));
  // Other tabs: the listener goes once this page is gone (Material's instant navigation).
  const listener = (event) => {
    if (!page.root.isConnected) window.removeEventListener("storage", listener);
    else onStorage(page, event);
  };
  window.addEventListener("storage", listener);
}

// Starts one template page (main.js calls this once per element). data-ready tells tests and
// other scripts that it is set up.
export function start(root) {
  const page = readPage(root);
  restore(page);
  bindEvents(page);
  render(page, true);
  root.setAttribute("data-ready", "1");
}
