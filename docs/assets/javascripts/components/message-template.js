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
 * The reader picks what happened where a template offers a choice (radio buttons; every
 * channel follows), and may change the final words of each channel by hand: from then on a
 * change to a field leaves their words alone, until they use the template's words again.
 * Their words and choices are kept with the details (details.js keepExtra), for this tab.
 *
 * On another edition's page (the Spanish one), each channel holds its words twice: in English
 * (lang="en"), each sentence glossed with its meaning, and in the page's language. The
 * reader picks which is sent (radios with data-language; English first); copy, the mail
 * and messages apps, the length count and the blanks all follow the pick.
 *
 * Wording comes from data-*-text attributes on the root element (the page's
 * <div data-module="message-template">), and its data-time-zone names the agency's zone. */

import { cleanValue, wellFormed } from "../lib/clean.js";
import { readFields } from "../lib/fragment.js";
import { mailtoHref, smsHref, telHref } from "../lib/mail.js";
import { blanksIn, blanksInText, compose, plainText } from "../lib/message.js";
import { keepExtra, keptExtra } from "../details.js";
import { CHANGED, forgetArea, linkedIds, readArea, STORE, tabRecord, withValues, writeArea as saveRecord } from "../details.js";
import { local, session } from "../storage.js";
import { announce, wording } from "../ui.js";

const CLEARED = "mih.cleared"; // set and removed at once: a "clear" other tabs hear
const SENDING = "message-language"; // the language the reader sends in, kept with their details
const MAX_LENGTH = 10000;
const TYPING_PAUSE = 600; // ms without typing before the length count is updated (and read out)

// lib/dates.js, lib/sms.js and device.js (2.5 KB, an eighth of the page's budget) load once
// the form holds a value or the reader touches or steps into the form or a button: most
// visits only read. Until then the length count is not shown (its line keeps its place), no
// date needs words yet, and a copy waits for them (a pointerdown comes before its click).
let helpers = null; // the three modules' exports, once loaded
let loadingHelpers = null;
let helpersOffline = false; // the last load failed (no connection): no new try until "online"
let retryDelay = 1000; // ms: a load that fails while the browser says it is online tries again later

// Loads the helpers, then redraws the page with them; resolves either way. Without a
// connection the page says what waits for one (in the length count's place), and tries again
// once the browser is back online, not on every key the reader presses.
function needHelpers(page) {
  if (helpers || helpersOffline) return Promise.resolve();
  if (!loadingHelpers) {
    loadingHelpers = Promise.all([import("../lib/dates.js"), import("../lib/sms.js"), import("../device.js")]).then(
      ([dates, sms, device]) => { helpers = { ...dates, ...sms, ...device }; retryDelay = 1000; },
      (error) => {
        loadingHelpers = null;
        helpersOffline = true;
        const again = () => {
          helpersOffline = false;
          if (page.root.isConnected) needHelpers(page);
        };
        // Offline: wait for the connection. Said to be online but the files did not come (a
        // connection just back, a weak signal): once more a little later, then less often.
        if (navigator.onLine === false) window.addEventListener("online", again, { once: true });
        else setTimeout(again, (retryDelay = Math.min(retryDelay * 2, 30000)));
        throw error;
      },
    );
  }
  return loadingHelpers.then(
    () => { if (page.root.isConnected) render(page, true); },
    () => { if (page.root.isConnected) showOffline(page); },
  );
}

// Where the length count goes: what waits for a connection.
function showOffline(page) {
  const count = page.root.querySelector(".tpl-count");
  if (count) count.textContent = wording(page.root, "offline");
}

// Whether any field holds something (the zone menu always does).
function hasValues(page) {
  return Array.from(page.inputs.values()).some((input) => input.tagName === "INPUT" && input.value);
}

// ---- Reading the page ----------------------------------------------------------------------

// A choice in the markup (<span data-choice> holding one <span data-option> per answer).
function readChoice(node) {
  const options = Array.from(node.querySelectorAll("[data-option]"), (option) =>
    ({ id: option.getAttribute("data-option"), words: option.textContent }));
  return { choice: node.getAttribute("data-choice"), options };
}

// A message as the markup holds it: literal text, named blanks (<span data-field>) and choices.
function readParts(element) {
  return Array.from(element.childNodes, (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return { text: node.textContent };
    if (node.hasAttribute("data-choice")) return readChoice(node);
    if (node.hasAttribute("data-field")) return { field: node.getAttribute("data-field"), blank: node.textContent };
    return { text: node.textContent };
  });
}

// One message part on the page (an email subject, a text message body...). Bodies and
// subjects are the reader's to change (`edited` holds their words once they have).
// On another edition's page, `language` says which copy of the words it belongs to, and a
// gloss (a sentence shown beside its meaning) is neither sent nor changed by hand.
function readText(element) {
  const channel = element.closest("[data-channel]");
  const part = element.getAttribute("data-part");
  const copy = element.closest("[data-language]");
  const other = copy && copy.getAttribute("lang") ? "." + copy.getAttribute("lang") : "";
  return { element, channel, channelName: channel.getAttribute("data-channel"), part,
    key: channel.getAttribute("data-channel") + "." + part + other, editable: part !== "to" && part !== "gloss",
    language: copy ? copy.getAttribute("data-language") : "", locale: localeOf(element),
    parts: readParts(element), paper: null, edited: null };
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
    radios: Array.from(root.querySelectorAll('input[type="radio"][data-choice]')),
    languages: Array.from(root.querySelectorAll('input[type="radio"][data-language]')),
    sending: "", // the language of the words sent, on a page that has two ("" otherwise)
    wordsKey: "words." + (root.getAttribute("data-template") || location.pathname),
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
// In a text message, a curly quote or a dash from a phone keyboard is written plain, so it
// does not halve the room (lib/sms.js plainForms).
function display(page, id, channelName = "", locale = page.locale) {
  const value = raw(page, id);
  const input = page.inputs.get(id);
  if (!value || !helpers) return value;
  if (input.getAttribute("data-kind") === "datetime") return helpers.dateTimeInWords(value, timeZone(page), locale);
  return channelName === "text" ? helpers.plainForms(value) : value;
}

// The answer picked for a choice ("" for none).
function choiceOf(page, id) {
  const picked = page.radios.find((radio) => radio.getAttribute("data-choice") === id && radio.checked);
  return picked ? picked.value : "";
}

// The [blank] words of every field, for finding blanks left in words the reader wrote.
function blankWords(page) {
  const blanks = {};
  page.inputs.forEach((input, id) => {
    if (input.hasAttribute("data-blank")) blanks[id] = input.getAttribute("data-blank");
  });
  return blanks;
}

// An optional field left empty: its line may be left out of a message.
function optionalEmpty(page, id) {
  const input = page.inputs.get(id);
  return Boolean(input) && input.hasAttribute("data-optional") && !raw(page, id);
}

// The field's name as the form shows it ("Your name").
function labelOf(page, id) {
  return page.inputs.get(id).getAttribute("data-label");
}

// ---- Rendering ---------------------------------------------------------------------------

// The lines of one message part as the reader should see them now (lib/message.js compose):
// a body leaves out sentences whose only blanks are optional and empty; paper (`every`) and
// one-line parts keep every blank, to show what is missing.
function linesOf(page, item, every = false) {
  return compose(item.parts, {
    keepAll: every || item.part !== "body",
    valueOf: (id) => display(page, id, item.channelName, item.locale),
    choiceOf: (id) => choiceOf(page, id),
    isEmptyOptional: (id) => optionalEmpty(page, id),
  });
}

// Whether a message part is in the words the reader sends (always, on a page with one copy).
function isSent(page, item) {
  return !item.language || item.language === page.sending;
}

function textItem(page, channelName, part) {
  return page.texts.find((text) => text.channelName === channelName && text.part === part && isSent(page, text)) || null;
}

// The message part as plain text, for the clipboard and the mail and messages apps: the
// reader's own words once they changed them.
function itemText(page, item) {
  if (!item) return "";
  if (item.edited !== null) return item.edited;
  return plainText(linesOf(page, item));
}

function textOf(page, channelName, part) {
  return itemText(page, textItem(page, channelName, part));
}

// The labels of the blanks still in a part's words ("Your name, Job title").
function blankLabels(page, item) {
  const fields = item.edited !== null ? blanksInText(item.edited, blankWords(page)) : blanksIn(linesOf(page, item));
  return fields.filter((id) => page.inputs.has(id)).map((id) => labelOf(page, id));
}

// A filled value is isolated (<bdi>) so right-to-left text cannot reorder the sentence around it.
function runNode(run) {
  if (!run.field) return document.createTextNode(run.text);
  const element = document.createElement(run.value ? "bdi" : "span");
  element.className = run.value ? "tpl-value" : "tpl-blank";
  element.setAttribute("data-field", run.field);
  element.textContent = run.value || run.blank;
  return element;
}

// Lines of runs as nodes, a newline between lines.
function linesNode(lines) {
  const fragment = document.createDocumentFragment();
  lines.forEach((line, index) => {
    if (index) fragment.appendChild(document.createTextNode("\n"));
    line.forEach((run) => fragment.appendChild(runNode(run)));
  });
  return fragment;
}

// Paper is a write-in sheet: a blank left empty is a line to write on, so lines the screen
// leaves out still print. When the screen copy left some out, a copy with every line stands
// in for it in print only (templates.css); the screen copy, and so what is copied and sent,
// stays as it is.
function paintPaper(page, item, shown) {
  const every = linesOf(page, item, true);
  const differs = item.edited !== null || plainText(every) !== plainText(shown);
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
  item.paper.replaceChildren(linesNode(every));
  if (!item.paper.isConnected) item.element.after(item.paper);
}

// Redraws one message part from its template and the current values; words the reader
// changed stay as they wrote them.
function paint(page, item) {
  if (item.edited !== null) return;
  const lines = linesOf(page, item);
  item.element.replaceChildren(linesNode(lines));
  paintPaper(page, item, lines);
}

// The field a channel's "To:" line names, like interviewer_email.
function recipientField(page, channelName) {
  const item = textItem(page, channelName, "to");
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

// "160 characters · 1 text message", naming the character that makes each message shorter.
function lengthSentence(page, text) {
  const length = helpers.smsLength(text);
  const values = { characters: length.characters, segments: length.segments };
  const count = wording(page.root, length.segments === 1 ? "sms-one" : "sms-many", values);
  return length.gsm ? count : wording(page.root, "sms-unicode", { count, character: length.forcing });
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
  syncWords(page);
  page.texts.forEach((item) => paint(page, item));
  updateLinks(page);
  updateCount(page, quiet);
}

// ---- Keeping details: this tab only by default, on this device only if asked -------------
// The record format, and the rule that a personal link starts a new person, are in
// lib/details.js; details.js reads and writes the records; the notice at the top of the page
// (components/details-notice.js) takes a personal link and asks before it replaces details
// typed by hand. Other modules keep a person's own words with the details through
// details.js (keptExtra, keepExtra), so a new person never sees them.

// This page's fields as a record update: "" removes a field; the zone counts only when the
// reader picked another than the agency's (a default is not a detail anyone typed).
function pageValues(page) {
  const updates = new Map();
  page.inputs.forEach((input, id) => {
    const isDefaultZone = input === page.zone && input.value === (page.root.getAttribute("data-time-zone") || "");
    updates.set(id, input.value && !isDefaultZone ? wellFormed(input.value) : "");
  });
  return updates;
}

// Saves this page's fields in one area, with what other message pages of this tab saved and
// which details came from a link; false when refused. The device keeps what the tab holds.
// (Only a page's own field names are ever read back: see readFields.)
function writeArea(page, area) {
  const next = withValues(tabRecord(), pageValues(page));
  next.device = Boolean(page.remember && page.remember.checked);
  if (area === local) return saveRecord(local, { ...next, link: null, device: true });
  return saveRecord(session, next);
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

// Empties every box (the zone back on the agency's): details are replaced, never merged.
function emptyForm(page) {
  page.inputs.forEach((input) => {
    input.value = "";
  });
  resetZone(page);
}

// Shows what the tab keeps now: its own details, else those remembered on this device.
function showKept(page) {
  const record = tabRecord();
  emptyForm(page);
  if (record) fill(page, Object.entries(record.values));
  page.remember.checked = Boolean(record && record.device && readArea(local));
}

// The personal link this page was opened with (#n=Jordan+Smith&interviewer_name=Ms.%20Lee):
// a promise of what it did, or null when there is none. The notice component, fetched only
// then, takes it, keeps its details for the tab and clears the address bar (receiveLink);
// data-mih-link on <html> says it has already taken this page's link.
function readLink() {
  const html = document.documentElement;
  const taken = html.getAttribute("data-mih-link") === location.pathname;
  if (!location.hash.includes("=") && !taken) return null;
  html.setAttribute("data-mih-filling", ""); // the notice holds the page still until it goes
  const done = () => html.removeAttribute("data-mih-filling");
  return import("./details-notice.js").then(async (notice) => ({ notice, outcome: await notice.receiveLink(), done }),
    (error) => { done(); throw error; });
}

// Says at the top which of this page's details came from a personal link opened earlier in
// the tab. The page holds still meanwhile (share.css), so the notice moves nothing in sight.
function noteLinkedHere(page) {
  const here = linkedIds(tabRecord()).filter((id) => page.inputs.has(id) && raw(page, id));
  if (!here.length) return;
  document.documentElement.classList.add("mih-details-settling");
  import("./details-notice.js").then((notice) => notice.noteLinked(here), (error) => {
    document.documentElement.classList.remove("mih-details-settling");
    console.error(error);
  });
}

// The tab's details (a link's, when the page was opened with one, once the reader has said
// whether they replace details typed by hand: until then the form stays empty, so nothing of
// an earlier person shows), then what the page says about them.
function restore(page) {
  const arriving = readLink();
  if (!arriving) showKept(page);
  const changed = () => {
    if (!page.root.isConnected) {
      document.removeEventListener(CHANGED, changed);
      return;
    }
    showKept(page);
    render(page, true);
  };
  document.addEventListener(CHANGED, changed);
  if (!arriving) {
    noteLinkedHere(page); // opened after the link, in the same tab
    return;
  }
  arriving.then(({ notice, outcome, done }) => {
    try {
      if (!page.root.isConnected) return;
      showKept(page);
      render(page, true);
      if (!outcome) return;
      const said = [];
      if (outcome.filled.length) said.push(wording(page.root, "prefilled"));
      const unknown = notice.unknownForForm(page.root, outcome.unknown);
      if (unknown) said.push(unknown);
      // Said at once (the line was empty, so screen readers hear it), while the page holds still.
      const region = page.root.querySelector(".tpl-prefilled");
      if (region && said.length) region.textContent = said.join(" ");
    } finally {
      done();
    }
  }, (error) => console.error(error));
}

// The "Remember my details" box: keep now, or forget at once.
function toggleRemember(page) {
  if (!page.remember.checked) {
    local.remove(STORE);
    writeArea(page, session);
    announce(page.status, wording(page.root, "remember-off"));
  } else if (writeArea(page, local)) {
    writeArea(page, session);
    announce(page.status, wording(page.root, "remember-on"));
  } else {
    page.remember.checked = false;
    announce(page.status, wording(page.root, "remember-failed"));
  }
}

// Empties the form and both stores ("Clear my details", the footer's "clear everything", or
// a clear in another tab, which removes the remembered details and so tells this one).
function clearAll(page, quiet = false) {
  emptyForm(page);
  page.remember.checked = false;
  forgetArea(local);
  forgetArea(session);
  render(page, true);
  if (quiet) return;
  // Tell the other tabs, even when nothing was remembered (they hear only localStorage).
  if (local.set(CLEARED, String(Date.now()))) local.remove(CLEARED);
  announce(page.status, wording(page.root, "cleared"));
}

// Another tab changed the remembered details: a tab that follows them (or has none of its
// own) shows the same, and a removal clears it too. A tab with another person's details,
// from a link or typed here without "Remember", keeps them: people never mix.
function onStorage(page, event) {
  if (event.key === CLEARED) {
    if (event.newValue) clearAll(page, true);
    return;
  }
  if (event.key !== null && event.key !== STORE) return;
  if (event.storageArea && event.storageArea !== globalThis.localStorage) return;
  const own = readArea(session);
  const follows = !own || own.device;
  const remembered = readArea(local);
  if (!remembered) {
    if (follows && (page.remember.checked || event.key === null || event.newValue === null)) clearAll(page, true);
    return;
  }
  if (!follows) return;
  saveRecord(session, { ...remembered, link: null, device: true });
  showKept(page);
  render(page, true);
}

// ---- Actions -----------------------------------------------------------------------------

// The words a channel sends (its subject and body; not its "To:").
function sentItems(page, section) {
  return page.texts.filter((text) => text.channel === section && text.part !== "to" && text.part !== "gloss" && isSent(page, text));
}

// The labels of the blanks still in what a channel sends, once each, in order.
function channelMissing(page, section) {
  return [...new Set(sentItems(page, section).flatMap((item) => blankLabels(page, item)))];
}

// The box of the first blank still in a channel's words, to take the reader there (a
// folded group opens).
function firstMissingInput(page, section) {
  for (const item of sentItems(page, section)) {
    const fields = item.edited !== null ? blanksInText(item.edited, blankWords(page)) : blanksIn(linesOf(page, item));
    const input = fields.map((id) => page.inputs.get(id)).find(Boolean);
    if (input) {
      const folded = input.closest("details");
      if (folded) folded.open = true;
      return input;
    }
  }
  return null;
}

// "Open in email app", "Open in messages" and "Call". A call needs a number: without one the
// reader is taken to the box. A message with blanks still in its words is confirmed, not
// blocked: the first tap says which and goes to the first; a second tap with the same sends.
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

// The clipboard without device.js: true when the text was copied.
function plainCopy(text) {
  if (!navigator.clipboard || !navigator.clipboard.writeText) return Promise.resolve(false);
  return navigator.clipboard.writeText(text).then(() => true, () => false);
}

// Copies one message part and says so, naming the blanks still in its words.
function copyPart(page, button) {
  const section = button.closest("[data-channel]");
  const part = button.getAttribute("data-part");
  const item = textItem(page, section.getAttribute("data-channel"), part);
  const region = section.querySelector(".tpl-done");
  const text = textOf(page, section.getAttribute("data-channel"), part);
  if (!helpers && !helpersOffline) {
    needHelpers(page).then(() => copyPart(page, button));
    return;
  }
  // Called at once, inside the tap: some browsers only allow the clipboard then. Offline,
  // before the helpers came, the browser's own clipboard call does it.
  const copying = helpers ? helpers.copyText(text) : plainCopy(text);
  copying.then((copied) => {
    button.focus();
    if (!copied) {
      announce(region, wording(page.root, "copy-failed"));
      return;
    }
    const missing = item ? blankLabels(page, item) : [];
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
    const said = button.closest("section").querySelector(".tpl-done");
    needHelpers(page).then(() => (helpers ? downloadCalendar(page, button) : announce(said, wording(page.root, "offline"))));
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

// ---- The reader's own words and choices ---------------------------------------------------

// What this page keeps with the details: {choices: {id: answer}, edits: {"email.body": words}}.
function keptWords(page) {
  const kept = keptExtra(page.wordsKey);
  return kept && typeof kept === "object" && !Array.isArray(kept) ? kept : null;
}

// Keeps the choices picked and the words changed by hand with this tab's details.
function saveWords(page) {
  const choices = {};
  page.radios.forEach((radio) => {
    if (radio.checked && radio !== firstRadio(page, radio.getAttribute("data-choice"))) choices[radio.getAttribute("data-choice")] = radio.value;
  });
  const edits = {};
  page.texts.forEach((item) => {
    if (item.edited !== null) edits[item.key] = item.edited;
  });
  const empty = !Object.keys(choices).length && !Object.keys(edits).length;
  page.wordsKept = keepExtra(page.wordsKey, empty ? null : { choices, edits });
}

function firstRadio(page, choice) {
  return page.radios.find((radio) => radio.getAttribute("data-choice") === choice) || null;
}

// Picks an answer (or the first, for none or one this page does not offer).
function pick(page, choice, answer) {
  const radios = page.radios.filter((radio) => radio.getAttribute("data-choice") === choice);
  const found = radios.find((radio) => radio.value === answer) || radios[0];
  if (found) found.checked = true;
}

// The words the reader wrote, as plain text: the line breaks they see, no hard spaces.
function writtenText(element) {
  return element.innerText.replace(/\r\n?/g, "\n").replace(/\u00a0/g, " ").replace(/\n$/, "");
}

// Shows, in each channel, whether its words are the reader's own.
function showEdited(page) {
  page.root.querySelectorAll("[data-channel]").forEach((section) => {
    const notice = section.querySelector(".tpl-edited");
    if (notice) notice.hidden = !page.texts.some((item) => item.channel === section && item.edited !== null);
  });
}

// Words the reader wrote stay until they ask for the template's again, or the details they
// belong to go (cleared, or a new person's link): then the template's words come back.
function syncWords(page) {
  if (!page.wordsKept) return;
  const kept = keptWords(page);
  const edits = (kept && kept.edits) || {};
  page.texts.forEach((item) => {
    if (item.edited !== null && typeof edits[item.key] !== "string") item.edited = null;
  });
  if (!kept) page.radios.forEach((radio) => { radio.checked = radio === firstRadio(page, radio.getAttribute("data-choice")); });
  showEdited(page);
}

// The choices and words this tab kept for this page, back in place.
function restoreWords(page) {
  const kept = keptWords(page);
  page.wordsKept = true;
  if (!kept) return;
  Object.entries(kept.choices || {}).forEach(([choice, answer]) => pick(page, choice, String(answer)));
  page.texts.forEach((item) => {
    const words = kept.edits && kept.edits[item.key];
    if (item.editable && typeof words === "string") {
      item.edited = words;
      item.element.textContent = words;
    }
  });
  showEdited(page);
}

// Bodies and subjects become text the reader can change in place (plain text only: a paste
// brings no markup). Screen readers hear each as a text box named for its channel.
function makeEditable(page) {
  page.texts.filter((item) => item.editable).forEach((item) => {
    const element = item.element;
    try {
      element.contentEditable = "plaintext-only";
    } catch (error) {
      element.contentEditable = "true";
      element.addEventListener("paste", (event) => {
        event.preventDefault();
        document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
      });
    }
    element.setAttribute("role", "textbox");
    element.setAttribute("aria-multiline", item.part === "body" ? "true" : "false");
    const label = wording(element, "label");
    if (label) element.setAttribute("aria-label", label);
    element.setAttribute("spellcheck", "true");
  });
}

// The reader typed in the words themselves: from now on they are theirs.
function onEdit(page, item) {
  item.edited = writtenText(item.element);
  item.warned = false;
  if (item.paper) item.paper.remove();
  item.paper = null;
  item.element.classList.remove("tpl-screen");
  showEdited(page);
  saveWords(page);
  updateLinks(page);
  updateCount(page, false);
}

// "Use the template's words again": the channel's words follow the details once more.
function resetWords(page, button) {
  const section = button.closest("[data-channel]");
  page.texts.filter((item) => item.channel === section).forEach((item) => {
    item.edited = null;
  });
  saveWords(page);
  render(page, true);
  announce(section.querySelector(".tpl-done"), wording(page.root, "restored"));
  const body = textItem(page, section.getAttribute("data-channel"), "body");
  if (body) body.element.focus();
}

// A detail changed while some words are the reader's own: say once, where they are, that
// those words stay as written (they are never overwritten silently).
function warnEdited(page) {
  page.texts.forEach((item) => {
    if (item.edited === null || item.warned) return;
    item.warned = true;
    announce(item.channel.querySelector(".tpl-done"), wording(page.root, "edited"));
  });
}

// Back to the template's words and the first answers (the details were cleared).
function clearWords(page) {
  page.texts.forEach((item) => {
    item.edited = null;
  });
  page.radios.forEach((radio) => { radio.checked = radio === firstRadio(page, radio.getAttribute("data-choice")); });
  keepExtra(page.wordsKey, null);
  if (page.languages.length) sendIn(page, "", false);
  render(page, true);
}

// ---- The language of the words sent (another edition's page) ----------------------------

// Sends the words in ``language`` ("en", or the page's own): the other copy hides (templates.css
// reads data-sending), and the reader's pick is kept with their details for this tab.
function sendIn(page, language, keep) {
  if (!page.languages.length) return;
  const radio = page.languages.find((input) => input.value === language) || page.languages[0];
  radio.checked = true;
  page.sending = radio.value;
  page.root.setAttribute("data-sending", page.sending);
  if (keep) keepExtra(SENDING, page.sending === page.languages[0].value ? null : page.sending);
  render(page, true);
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
  else if (action === "reset") resetWords(page, button);
  else if (action === "clear") {
    clearAll(page);
    clearWords(page);
  }
}

// The message part the reader is typing in, if any.
function editedItem(page, target) {
  const element = target && target.closest ? target.closest(".tpl-text") : null;
  return element ? page.texts.find((item) => item.element === element && item.editable) || null : null;
}

// Typing redraws at once; "change" only matters for dates and the zone menu (no "input" there
// in some browsers) and for the remember box.
function onInput(page, event) {
  if (event.target === page.remember) {
    if (event.type === "change") toggleRemember(page);
    return;
  }
  const item = editedItem(page, event.target);
  if (item) {
    if (event.type === "input") onEdit(page, item);
    return;
  }
  if (event.target.matches('input[type="radio"][data-language]')) {
    if (event.type === "change") sendIn(page, event.target.value, true);
    return;
  }
  if (event.target.matches('input[type="radio"][data-choice]')) {
    if (event.type !== "change") return;
    saveWords(page);
    render(page, true);
    warnEdited(page);
    return;
  }
  const dated = event.target.getAttribute("data-kind") === "datetime" || event.target === page.zone;
  if (event.type === "change" && !dated) return;
  if (dated) fixYear(event.target);
  render(page, false);
  writeStore(page);
  warnEdited(page);
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
  page.root.addEventListener("mih:forget", () => {
    clearAll(page);
    clearWords(page);
  });
  // Other tabs: the listener goes once this page is gone (Material's instant navigation).
  const listener = (event) => {
    if (!page.root.isConnected) window.removeEventListener("storage", listener);
    else onStorage(page, event);
    // A clear in another tab takes this tab's own words too.
    if (page.root.isConnected && event.key === CLEARED && event.newValue) clearWords(page);
  };
  window.addEventListener("storage", listener);
}

// Starts one template page (main.js calls this once per element). data-ready tells tests and
// other scripts that it is set up.
export function start(root) {
  const page = readPage(root);
  restore(page);
  restoreWords(page);
  sendIn(page, String(keptExtra(SENDING) || ""), false);
  makeEditable(page);
  bindEvents(page);
  render(page, true);
  root.setAttribute("data-ready", "1");
}
