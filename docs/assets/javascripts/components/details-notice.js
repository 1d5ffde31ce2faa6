/* The notice at the top of every page for a personal link (overrides/partials/
 * details-notice.html). A link such as /missed/#n=Jordan+Smith&c=Example+Foods carries a
 * candidate's details in its fragment, which never reaches a server. Whatever page it opens,
 * this takes the details, keeps them for the tab (details.js), takes them out of the address
 * bar, and says at the top which details the link filled in and where they will be used. The
 * message page the candidate opens next is then filled in, and says so (noteLinked).
 *
 * A link starts a new person (lib/details.js): its details replace what the tab kept. When
 * the tab holds details typed by hand, the notice asks first. Fragment names are matched
 * against the site's own fields; about others it says little (lib/link-arrival.js unknownNames).
 *
 * main.js starts this only on a page opened with a fragment that has "=" (data-module-when);
 * message pages import it (receiveLink, noteLinked). Wording comes from the root's data-*-text
 * attributes, the fields' names from its data-fields ("id<TAB>label" lines). */

import { cleanValue } from "../lib/clean.js";
import { parseFragment, readFields } from "../lib/fragment.js";
import { decide, unknownNames } from "../lib/link-arrival.js";
import { linkNames } from "../lib/short-names.js";
import { announceChange, newRecord, tabRecord, writeArea } from "../details.js";
import { session } from "../storage.js";
import { wording } from "../ui.js";

const MAX_LENGTH = 10000; // the most of one value a page keeps, as the message pages' boxes allow
const ROOT = ".mih-details";

// The notice of the page now shown (instant navigation swaps it with the page).
function noticeRoot() {
  return document.querySelector(ROOT);
}

// id -> label of every field the site has, from the root's data-fields.
function catalogue(root) {
  const fields = new Map();
  for (const line of (root ? root.getAttribute("data-fields") || "" : "").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) fields.set(line.slice(0, tab).trim(), line.slice(tab + 1).trim());
  }
  return fields;
}

// The fields of this page's message form, when it has one (null on other pages).
function formFields() {
  const form = document.querySelector('[data-module="message-template"]');
  if (!form) return null;
  return new Set(Array.from(form.querySelectorAll("input[data-field], select[data-field]"), (input) => input.getAttribute("data-field")));
}

function make(tag, attributes, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// The notice's parts, made once: the sentence (a live region, in the static markup) and a row
// for its buttons.
function parts(root) {
  let say = root.querySelector(".mih-details__say");
  if (!say) {
    say = make("p", { class: "mih-details__say", role: "status" });
    root.prepend(say);
  }
  let actions = root.querySelector(".mih-details__actions");
  if (!actions) {
    actions = make("p", { class: "mih-details__actions" });
    say.after(actions);
  }
  return { say, actions };
}

// Shows one sentence and its buttons ([label, onClick, "primary" or "plain"]); no sentence
// empties the notice.
function show(root, sentence, buttons = []) {
  if (!root) return [];
  const { say, actions } = parts(root);
  say.textContent = sentence;
  root.classList.toggle("mih-details--shown", Boolean(sentence));
  const made = buttons.map(([label, onClick, kind]) => {
    const look = { primary: "md-button md-button--primary", plain: "mih-details__link" }[kind] || "md-button";
    const button = make("button", { type: "button", class: look }, label);
    button.addEventListener("click", onClick);
    return button;
  });
  actions.replaceChildren(...made);
  actions.hidden = made.length === 0;
  return made;
}

// "Your name, Company and Job title" as the root's wording joins them.
function names(root, ids) {
  const labels = catalogue(root);
  const shown = ids.map((id) => labels.get(id) || id);
  if (shown.length < 2) return shown.join("");
  return wording(root, "and", { first: shown.slice(0, -1).join(", "), last: shown[shown.length - 1] });
}

// The sentence about names the site does not have, capped: short plain names at most, or a count.
function unknownSentence(root, unknown) {
  const { shown, others } = unknownNames(unknown);
  if (!shown.length && !others) return "";
  if (!shown.length) return wording(root, others === 1 ? "unknown-one" : "unknown-many", { count: others });
  const list = others ? wording(root, "unknown-more", { names: shown.join(", "), count: others }) : shown.join(", ");
  return wording(root, "unknown-names", { names: list });
}

// What a message page says in its own status line about names it does not have (its
// "This page has no box for: {names}." from `form`'s wording), capped the same way; "" for none.
export function unknownForForm(form, unknown) {
  const { shown, others } = unknownNames(unknown);
  const root = noticeRoot();
  if (!shown.length) return others && root ? wording(root, others === 1 ? "unknown-one" : "unknown-many", { count: others }) : "";
  const names = others && root ? wording(root, "unknown-more", { names: shown.join(", "), count: others }) : shown.join(", ");
  return wording(form, "unknown", { names });
}

// Empties the tab's details after "Not you? Clear them": an empty record, so neither the
// link's details nor details remembered on this device fill the next page of this tab.
// (Remembered details stay on the device: only "Clear my details" and the footer's control
// remove those.)
function clearLinked(root) {
  writeArea(session, newRecord());
  announceChange("cleared");
  show(root, wording(root, "cleared"));
  // The button just pressed is gone: the reader's place moves to the sentence that says so.
  const say = root.querySelector(".mih-details__say");
  say.setAttribute("tabindex", "-1");
  say.focus();
}

// While a link's details go in, the rest of the page is hidden for a frame or two, so that
// nothing the reader sees moves (the notice arrives above it, and a message page fills its
// words in): the layout never shifts. A message form still starting, or still filling in a
// link's details (data-mih-filling on <html>), is waited for, at most a second and a half.
function holdStill() {
  const html = document.documentElement;
  const form = document.querySelector('[data-module="message-template"]');
  const started = performance.now();
  html.classList.add("mih-details-settling");
  const busy = () => (form && form.isConnected && !form.hasAttribute("data-ready")) || html.hasAttribute("data-mih-filling");
  const release = () => {
    if (busy() && performance.now() - started < 1500) {
      requestAnimationFrame(release);
      return;
    }
    requestAnimationFrame(() => html.classList.remove("mih-details-settling"));
  };
  requestAnimationFrame(release);
}

// Says which details the link filled in (`ids`) and where they will be used.
function showFilled(root, ids, onForm) {
  if (!root || !ids.length) return;
  const sentence = [wording(root, "filled", { fields: names(root, ids) }), wording(root, onForm ? "where-form" : "where-next")].join(" ");
  show(root, sentence, [[wording(root, "clear"), () => clearLinked(root), "plain"]]);
}

// Asks before the link's details replace details typed by hand; resolves to true to replace.
function ask(root, ids) {
  if (!root) return Promise.resolve(false); // no notice to ask in: keep what was typed
  return new Promise((resolve) => {
    show(root, wording(root, "ask", { fields: names(root, ids) }), [
      [wording(root, "use"), () => resolve(true), "primary"],
      [wording(root, "keep"), () => resolve(false)],
    ]);
  });
}

// Decides what the link's details do in this tab (lib/link-arrival.js decide), asking when needed.
async function settle(pairs) {
  holdStill();
  const root = noticeRoot();
  const known = catalogue(root);
  const { picked, unknown } = readFields(pairs, known.keys(), MAX_LENGTH, linkNames(known.keys()));
  const incoming = new Map();
  picked.forEach((value, id) => {
    if (cleanValue(value)) incoming.set(id, value);
  });
  const record = tabRecord();
  const decision = decide(record, incoming);
  let replaced = decision === "replace";
  if (decision === "ask") replaced = await ask(root, Array.from(incoming.keys()));
  if (replaced) {
    writeArea(session, newRecord(incoming, { fromLink: true }));
    announceChange("link");
  }
  const form = formFields();
  const used = decision === "none" || (decision === "ask" && !replaced) ? [] : Array.from(incoming.keys());
  const filled = form ? used.filter((id) => form.has(id)) : used;
  if (filled.length) showFilled(root, filled, Boolean(form));
  else if (decision === "ask") show(root, wording(root, "kept"));
  else if (!form) show(root, unknownSentence(root, unknown)); // message pages name these themselves
  return { decision, replaced, filled, unknown };
}

// The personal link this page was opened with, taken once: a promise of what it did
// ({decision, replaced, filled, unknown}), or null when the page has no such link. The
// details leave the address bar at once, so they stay off a shared computer's history.
// Every caller on the same page gets the same promise.
let arrival = null;
export function receiveLink() {
  const pairs = parseFragment(location.hash);
  if (pairs) {
    history.replaceState(history.state, "", location.pathname + location.search);
    document.documentElement.setAttribute("data-mih-link", location.pathname);
    arrival = { path: location.pathname, done: settle(pairs) };
    return arrival.done;
  }
  return arrival && arrival.path === location.pathname ? arrival.done : null;
}

// A second personal link opened in the same tab, on the page the tab already shows, changes
// only the fragment: the browser keeps the page, so the link is taken here.
window.addEventListener("hashchange", () => {
  const done = parseFragment(location.hash) ? receiveLink() : null;
  if (done) done.catch((error) => console.error(error));
});

// A message page opened after the link: says which of its details came from the link.
export function noteLinked(ids) {
  const root = noticeRoot();
  holdStill(); // releases the hold the message page may have started
  if (root && !root.classList.contains("mih-details--shown")) showFilled(root, ids, true);
}

// Starts the notice (main.js, on a page opened with a personal link).
export function start(root) {
  root.addEventListener("mih:forget", () => show(root, ""));
  const done = receiveLink();
  if (done) done.catch((error) => console.error(error));
}
