/* The staff page's link builder, in the recruiter's voice. The recruiter picks a page, types
 * what they know about one candidate, and gets:
 * - the personal link (details in the fragment, never sent to a server; short names and "+"
 *   for spaces: lib/personal-link.js), its length, and a Copy button;
 * - a message to send with it that names the agency and the recruiter and says only what is
 *   true of this link; editable, with its characters and text messages counted (lib/sms.js)
 *   and Copy, Messages, Email and WhatsApp buttons;
 * - its QR code (the smallest that holds the link; none when the link is too long to print
 *   well), as SVG and PNG, and a slip to print for a walk-in;
 * - links for a whole class, one link, message and QR code per candidate, and a sheet of
 *   slips, four on a Letter page (components/link-builder-slips.js, fetched when first used).
 * The recruiter's own name, phone and email fill the messages; they stay on this device only
 * when asked ("mih.recruiter"). The candidate's details stay when the page changes, until
 * "Next candidate". Nothing typed here leaves the browser.
 *
 * The pages, their fields and all wording come from the element's data attributes, written at
 * build time from data/ and the strings catalogue (sitegen/share.py). Everything is built with
 * DOM calls; values are only ever text or attribute values. */

import { pageAddress, personalLink, recruiterMessage, whatsappHref } from "../lib/personal-link.js";
import { fillIn } from "../lib/wording.js";
import { local } from "../storage.js";

const SVG = "http://www.w3.org/2000/svg";
const QUIET = 4; // modules of white border the QR standard asks for
// The largest QR code the builder shows: version 10 (57 modules a side, 65 with the quiet
// zone) is still 0.78 mm a module on the 2 in code of a slip, which phone cameras read; a
// longer link gets none.
export const MAX_QR_VERSION = 10;
const INPUT_TYPES = { email: "email", tel: "tel", datetime: "datetime-local" };
const RECRUITER = "mih.recruiter"; // localStorage, only when the recruiter asks
const RECRUITER_FIELDS = new Map([["recruiter_name", "name"], ["recruiter_phone", "phone"], ["recruiter_email", "email"]]);
const FIRST_SHOWN = 5; // fields shown at once; the others fold away under "More details"

// lib/mail.js and lib/sms.js (1.5 KB) come on the first touch of the builder: until then the
// send buttons wait for them and the length count keeps its line empty.
let helpers = null;
let loadingHelpers = null;
function needHelpers() {
  loadingHelpers = loadingHelpers || Promise.all([import("../lib/mail.js"), import("../lib/sms.js")]).then(
    ([mail, sms]) => { helpers = { ...mail, ...sms }; },
    (error) => { loadingHelpers = null; throw error; },
  );
  return loadingHelpers;
}

function make(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// The QR library (9 KB) is fetched the first time a code is asked for: most links are
// copied, and the staff page stays within the page weight budget.
let qrcode = null;
async function loadQr() {
  qrcode = qrcode || (await import("../vendor/qrcode-generator/qrcode.js")).default;
}

// The QR matrix of `text` in the smallest version that holds it (error correction M):
// {size, version, isDark(row, column)}, or null when no printable code holds it (past
// MAX_QR_VERSION, or past what any QR code holds).
export function qrMatrix(text) {
  let code;
  try {
    code = qrcode(0, "M");
    code.addData(text, "Byte");
    code.make();
  } catch {
    return null; // "code length overflow": longer than the largest QR code
  }
  const size = code.getModuleCount();
  const version = (size - 17) / 4;
  return version > MAX_QR_VERSION ? null : { size, version, isDark: (r, c) => code.isDark(r, c) };
}

function qrSvg(code, label) {
  const { size, isDark } = code;
  const full = size + 2 * QUIET;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("xmlns", SVG);
  svg.setAttribute("viewBox", `0 0 ${full} ${full}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("data-version", String(code.version));
  const back = document.createElementNS(SVG, "rect");
  for (const [n, v] of [["width", full], ["height", full], ["fill", "#fff"]]) back.setAttribute(n, v);
  let d = "";
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) if (isDark(r, c)) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
  }
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(back, path);
  return svg;
}

function qrPngBlob(code, scale = 10) {
  const { size, isDark } = code;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = (size + 2 * QUIET) * scale;
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = "#000";
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) if (isDark(r, c)) context.fillRect((c + QUIET) * scale, (r + QUIET) * scale, scale, scale);
  }
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

// Puts text on the clipboard; false when the browser would not.
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// The pages the builder offers, from data-pages ([group, path, canonical, title, field set])
// and data-field-sets (the lists of field ids, each written once).
export function readPages(pagesText, setsText) {
  const sets = JSON.parse(setsText || "[]");
  return JSON.parse(pagesText || "[]").map(([group, path, canonical, title, set]) =>
    ({ group, path, canonical, title, fields: sets[set] || [] }));
}

// Each field's builder label and kind, from data-fields ({id: [label, kind]}).
function readFields(text) {
  const fields = {};
  for (const [id, [label, kind]] of Object.entries(JSON.parse(text || "{}"))) fields[id] = { label, kind };
  return fields;
}

export function start(root) {
  const words = (key) => root.getAttribute(`data-${key}`) || "";
  const say = (key, values = {}) => fillIn(words(key), values);
  const pages = readPages(words("pages"), words("field-sets"));
  const fields = readFields(words("fields"));
  const columns = JSON.parse(words("columns") || "{}");
  const siteUrl = words("site-url") || document.baseURI;
  const agency = words("agency");
  const agencyPhone = words("agency-phone");
  const values = new Map(); // the candidate's details, kept while the page choice changes
  const you = { name: "", phone: "", email: "" }; // the recruiter's own
  let qrShown = false;
  let urls = [];
  let message = { edited: false, link: "" };

  // ---- About you (the recruiter) ----
  const youBox = make("fieldset", { class: "mih-lb-you" });
  youBox.append(make("legend", {}, say("you-legend")));
  const youInputs = {};
  for (const [key, type, auto] of [["name", "text", "name"], ["phone", "tel", "tel"], ["email", "email", "email"]]) {
    const id = `mih-lb-you-${key}`;
    const row = make("p", { class: "mih-lb-row" });
    youInputs[key] = make("input", { id, type, autocomplete: auto, spellcheck: "false" });
    row.append(make("label", { for: id }, say(`you-${key}`)), youInputs[key]);
    youBox.append(row);
  }
  const keepRow = make("p", { class: "mih-lb-keep" });
  const keep = make("input", { id: "mih-lb-you-keep", type: "checkbox", "aria-describedby": "mih-lb-you-keep-hint" });
  keepRow.append(keep, " ", make("label", { for: "mih-lb-you-keep" }, say("you-keep")), make("br"),
    make("span", { id: "mih-lb-you-keep-hint", class: "mih-lb-hint" }, say("you-keep-hint")));
  const youStatus = make("p", { class: "mih-lb-status", role: "status" });
  youBox.append(keepRow, youStatus);

  // ---- The page and the candidate's details ----
  const pageLabel = make("label", { for: "mih-lb-page" }, say("label-page"));
  const select = make("select", { id: "mih-lb-page" });
  const groups = new Map();
  pages.forEach((page, index) => {
    if (!groups.has(page.group)) {
      const group = make("optgroup", { label: say(`group-${page.group}`) || page.group });
      groups.set(page.group, group);
      select.append(group);
    }
    groups.get(page.group).append(make("option", { value: String(index) }, page.title));
  });

  const fieldset = make("fieldset", { class: "mih-lb-fields" });
  fieldset.append(make("legend", {}, say("label-details")));
  const rows = make("div");
  const more = make("details", { class: "mih-lb-more" });
  const moreRows = make("div");
  more.append(make("summary", {}, say("more-details")), moreRows);
  const none = make("p", { class: "mih-lb-none" }, say("no-fields"));
  const next = make("button", { type: "button", class: "md-button" }, say("next"));
  const nextStatus = make("p", { class: "mih-lb-status", role: "status" });
  const nextRow = make("p", { class: "mih-lb-next" });
  nextRow.append(next);
  fieldset.append(rows, more, none, nextRow, nextStatus);

  // ---- The link ----
  const linkLabel = make("label", { for: "mih-lb-link" }, say("label-link"));
  const output = make("input", { id: "mih-lb-link", type: "url", readonly: "", spellcheck: "false", "aria-describedby": "mih-lb-length" });
  const length = make("span", { id: "mih-lb-length", class: "mih-lb-hint" });
  const copy = make("button", { type: "button", class: "md-button md-button--primary" }, say("label-copy"));
  const status = make("p", { class: "mih-lb-status mih-lb-link-status", role: "status" });

  // ---- The message ----
  const textLabel = make("label", { for: "mih-lb-text" }, say("label-text"));
  const text = make("textarea", { id: "mih-lb-text", rows: "5", spellcheck: "true", "aria-describedby": "mih-lb-count" });
  const count = make("p", { id: "mih-lb-count", class: "mih-lb-hint", "aria-live": "polite" });
  const sends = make("p", { class: "mih-lb-send" });
  const copyText_ = make("button", { type: "button", class: "md-button md-button--primary" }, say("text-copy"));
  const smsLink = make("a", { class: "md-button", "data-send": "sms", href: "sms:" }, say("text-sms"));
  const mailLink = make("a", { class: "md-button", "data-send": "email", href: "mailto:" }, say("text-email"));
  const waLink = make("a", { class: "md-button", "data-send": "whatsapp", href: "https://wa.me/", target: "_blank", rel: "noopener noreferrer" }, say("text-whatsapp"));
  const reset = make("button", { type: "button", class: "md-button", hidden: "" }, say("text-reset"));
  sends.append(copyText_, smsLink, mailLink, waLink, reset);
  const textStatus = make("p", { class: "mih-lb-status mih-lb-text-status", role: "status" });

  // ---- The QR code and the walk-in slip ----
  const figure = make("figure", { class: "mih-lb-qr" });
  const showQr = make("button", { type: "button", class: "md-button" }, say("label-show-qr"));
  figure.append(showQr);
  const tooLong = make("p", { class: "mih-lb-too-long", hidden: "" }, say("qr-too-long"));
  const downloads = make("p", { class: "mih-lb-downloads", hidden: "" });
  const svgLink = make("a", { class: "md-button", download: "link-qr.svg", href: "#" }, say("label-svg"));
  const pngLink = make("a", { class: "md-button", download: "link-qr.png", href: "#" }, say("label-png"));
  const slipButton = make("button", { type: "button", class: "md-button" }, say("slip-print"));
  downloads.append(svgLink, " ", pngLink, " ", slipButton);

  // ---- A whole class (built when first opened) ----
  const klass = make("details", { class: "mih-lb-class" });
  klass.append(make("summary", {}, say("class-summary")));

  function current() {
    return pages[Number(select.value)] || pages[0];
  }

  // Whose detail a field is: the recruiter's own ones come from "About you".
  function valueOf(id, details = values) {
    if (RECRUITER_FIELDS.has(id)) return you[RECRUITER_FIELDS.get(id)];
    return details.get(id) || "";
  }

  // [id, value] of every detail this page's link carries (the page's own fields only).
  function pairsFor(page, details = values) {
    return page.fields.map((id) => [id, valueOf(id, details)]);
  }

  function linkFor(page, details = values) {
    return personalLink(pageAddress(siteUrl, page.path), pairsFor(page, details));
  }

  // The message for one candidate: only sentences that are true of this link.
  function messageFor(page, link, details = values) {
    const filled = pairsFor(page, details).some(([id, value]) => value.trim() && !RECRUITER_FIELDS.has(id));
    return recruiterMessage((key, fill) => say(key.replace(/_/g, "-"), fill), {
      candidate: (details.get("your_name") || "").trim(),
      recruiter: you.name.trim(),
      recruiterPhone: you.phone.trim(),
      agency,
      agencyPhone,
      link,
      filled,
    });
  }

  function lengthSentence(textValue) {
    const measured = helpers.smsLength(textValue);
    const sentence = say(measured.segments === 1 ? "sms-one" : "sms-many", { characters: measured.characters, segments: measured.segments });
    return measured.gsm ? sentence : say("sms-unicode", { count: sentence });
  }

  function showFields() {
    const page = current();
    rows.replaceChildren();
    moreRows.replaceChildren();
    const own = page.fields.filter((id) => !RECRUITER_FIELDS.has(id));
    own.forEach((id, index) => {
      const field = fields[id] || { label: id, kind: "text" };
      const inputId = `mih-lb-f-${id}`;
      const row = make("p", { class: "mih-lb-row" });
      const input = make("input", { id: inputId, name: id, "data-link-field": id, type: INPUT_TYPES[field.kind] || "text", autocomplete: "off" });
      input.value = values.get(id) || "";
      row.append(make("label", { for: inputId }, field.label), input);
      // A detail already typed stays in sight, wherever the page lists it.
      (index < FIRST_SHOWN ? rows : moreRows).append(row);
      if (index >= FIRST_SHOWN && input.value) more.open = true;
    });
    more.hidden = own.length <= FIRST_SHOWN;
    none.hidden = own.length > 0;
    update();
  }

  function setHref(link, href) {
    link.setAttribute("href", href);
  }

  function updateSends() {
    const body = text.value;
    if (!helpers) return;
    setHref(smsLink, helpers.smsHref(values.get("your_phone") || "", body));
    setHref(mailLink, helpers.mailtoHref(values.get("your_email") || "", say("email-subject", { agency }), body));
    setHref(waLink, whatsappHref(values.get("your_phone") || "", body));
    count.textContent = lengthSentence(body);
  }

  function update() {
    const page = current();
    const link = linkFor(page);
    output.value = link;
    length.textContent = say("link-length", { count: link.length });
    if (!message.edited) {
      text.value = messageFor(page, link);
    } else if (message.link && text.value.includes(message.link)) {
      text.value = text.value.split(message.link).join(link); // the recruiter's words, the new link
    } else {
      textStatus.textContent = say("text-no-link");
    }
    message.link = link;
    updateSends();
    status.textContent = "";
    if (qrShown) drawQr(link).catch((error) => console.error(error));
  }

  // Draws the code for `link`, or says it is too long and shows none: the code on screen and
  // in the downloads is always the link's as it is now, never an older one.
  async function drawQr(link) {
    urls.forEach((url) => URL.revokeObjectURL(url));
    urls = [];
    svgLink.setAttribute("href", "#");
    pngLink.setAttribute("href", "#");
    const code = qrMatrix(link);
    if (!code) {
      figure.replaceChildren();
      tooLong.hidden = false;
      downloads.hidden = true;
      return;
    }
    tooLong.hidden = true;
    downloads.hidden = false;
    const svg = qrSvg(code, say("label-qr"));
    figure.replaceChildren(svg);
    const svgUrl = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }));
    urls.push(svgUrl);
    svgLink.setAttribute("href", svgUrl);
    const png = await qrPngBlob(code);
    if (output.value !== link || !png) return; // a newer link was made meanwhile
    const pngUrl = URL.createObjectURL(png);
    urls.push(pngUrl);
    pngLink.setAttribute("href", pngUrl);
  }

  // What components/link-builder-slips.js works with, and that module once fetched.
  const ctx = {
    say, fields, columns, values, agency, agencyPhone, current, linkFor, messageFor, qrMatrix, qrSvg, loadQr, copyText,
    address: (page) => pageAddress(siteUrl, page.path),
  };
  let slips = null;
  async function loadSlips() {
    slips = slips || (await import("./link-builder-slips.js"));
    return slips;
  }

  // ---- The recruiter's own details ----
  function readYou() {
    const kept = local.getJSON(RECRUITER);
    if (!kept || kept.version !== 1) return;
    for (const key of Object.keys(you)) {
      if (typeof kept[key] === "string") you[key] = youInputs[key].value = kept[key];
    }
    keep.checked = true;
  }

  function keepYou() {
    return local.setJSON(RECRUITER, { version: 1, ...you });
  }

  // ---- Events ----
  const helpersHere = () => needHelpers().then(() => {
    updateSends();
    sends.setAttribute("data-ready", "");
  }, (error) => console.error(error));
  root.addEventListener("focusin", helpersHere);
  root.addEventListener("pointerdown", helpersHere);
  // A send button tapped before its helpers came: it goes once they are here.
  sends.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-send]");
    if (!link || helpers) return;
    event.preventDefault();
    helpersHere().then(() => helpers && link.click());
  });
  copy.addEventListener("click", async () => {
    if (await copyText(output.value)) status.textContent = say("copied");
    else {
      output.select();
      status.textContent = say("copy-failed");
    }
  });
  copyText_.addEventListener("click", async () => {
    textStatus.textContent = (await copyText(text.value)) ? say("text-copied") : say("copy-failed");
  });
  text.addEventListener("input", () => {
    message.edited = true;
    reset.hidden = false;
    textStatus.textContent = text.value.includes(output.value) ? "" : say("text-no-link");
    updateSends();
  });
  reset.addEventListener("click", () => {
    message = { edited: false, link: "" };
    reset.hidden = true;
    textStatus.textContent = "";
    update();
  });
  showQr.addEventListener("click", async () => {
    showQr.disabled = true;
    try {
      await loadQr();
    } catch (error) {
      showQr.disabled = false; // the network failed: the button can try again
      console.error(error);
      return;
    }
    qrShown = true;
    await drawQr(output.value);
  });
  slipButton.addEventListener("click", async () => {
    const paper = await loadSlips();
    paper.printSlips([paper.slip(ctx, current(), output.value, (values.get("your_name") || "").trim())]);
  });
  select.addEventListener("change", showFields);
  fieldset.addEventListener("input", (event) => {
    const id = event.target.getAttribute("data-link-field");
    if (!id) return;
    if (event.target.value) values.set(id, event.target.value);
    else values.delete(id);
    update();
  });
  next.addEventListener("click", () => {
    values.clear();
    message = { edited: false, link: "" };
    reset.hidden = true;
    textStatus.textContent = "";
    showFields();
    nextStatus.textContent = say("next-done");
    const first = fieldset.querySelector("[data-link-field]");
    if (first) first.focus();
  });
  youBox.addEventListener("input", (event) => {
    if (event.target === keep) return;
    for (const key of Object.keys(you)) you[key] = youInputs[key].value;
    if (keep.checked) keepYou();
    update();
  });
  keep.addEventListener("change", () => {
    if (!keep.checked) {
      local.remove(RECRUITER);
      youStatus.textContent = say("you-not-kept");
    } else if (keepYou()) {
      youStatus.textContent = say("you-kept");
    } else {
      keep.checked = false;
      youStatus.textContent = say("you-keep-failed");
    }
  });
  // The footer's "clear everything" (components/forget.js) forgets the recruiter too.
  root.addEventListener("mih:forget", () => {
    for (const key of Object.keys(you)) you[key] = youInputs[key].value = "";
    keep.checked = false;
    update();
  });
  klass.addEventListener("toggle", async () => {
    if (!klass.open || klass.hasAttribute("data-ready")) return;
    klass.setAttribute("data-ready", "");
    try {
      (await loadSlips()).mountClass(ctx, klass);
    } catch (error) {
      klass.removeAttribute("data-ready"); // the network failed: opening it again tries again
      console.error(error);
    }
  });

  // ---- Put together ----
  const pick = make("p", { class: "mih-lb-row" });
  pick.append(pageLabel, select);
  const linkRow = make("p", { class: "mih-lb-row" });
  linkRow.append(linkLabel, output, length);
  const copyRow = make("p");
  copyRow.append(copy);
  const textRow = make("p", { class: "mih-lb-row" });
  textRow.append(textLabel, text, count);
  root.replaceChildren(youBox, pick, fieldset, linkRow, copyRow, status, textRow, sends, textStatus, figure, tooLong, downloads, klass);
  root.hidden = false;
  readYou();
  showFields();
}
