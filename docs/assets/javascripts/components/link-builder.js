/* The staff page's link builder: pick a page, fill in a candidate's details, get the full
 * personal link (details in the fragment, never sent to a server), copy it, see and download
 * its QR code (SVG, PNG) when asked for, and a ready-to-send text. The pages, their fields
 * and all wording come from the element's data attributes, written at build time from data/
 * (sitegen/share.py).
 * Everything is built with DOM calls; values are only ever text or attribute values. */

import { personalLink, pageAddress, shareText } from "../lib/personal-link.js";

const SVG = "http://www.w3.org/2000/svg";
const QUIET = 4; // modules of white border the QR standard asks for
const INPUT_TYPES = { email: "email", tel: "tel", datetime: "datetime-local" };

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

// The QR matrix of `text`: a function (row, column) => dark, and its size in modules.
function matrix(text) {
  const code = qrcode(0, "M");
  code.addData(text, "Byte");
  code.make();
  return { size: code.getModuleCount(), isDark: (r, c) => code.isDark(r, c) };
}

function qrSvg(text, label) {
  const { size, isDark } = matrix(text);
  const full = size + 2 * QUIET;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("xmlns", SVG);
  svg.setAttribute("viewBox", `0 0 ${full} ${full}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
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

function qrPngBlob(text, scale = 10) {
  const { size, isDark } = matrix(text);
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

export function start(root) {
  const say = (key) => root.getAttribute(`data-${key}`) || "";
  const pages = JSON.parse(say("pages") || "[]");
  const fields = JSON.parse(say("fields") || "{}");
  const siteUrl = say("site-url") || document.baseURI;
  let urls = [];

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
  const none = make("p", { class: "mih-lb-none" }, say("no-fields"));
  fieldset.append(rows, none);

  const linkLabel = make("label", { for: "mih-lb-link" }, say("label-link"));
  const output = make("input", { id: "mih-lb-link", type: "url", readonly: "", spellcheck: "false" });
  const copy = make("button", { type: "button", class: "md-button md-button--primary" }, say("label-copy"));
  const status = make("p", { class: "mih-lb-status", role: "status" });

  const figure = make("figure", { class: "mih-lb-qr" });
  const showQr = make("button", { type: "button", class: "md-button" }, say("label-show-qr"));
  figure.append(showQr);
  const downloads = make("p", { class: "mih-lb-downloads", hidden: "" });
  const svgLink = make("a", { class: "md-button", download: "link-qr.svg", href: "#" }, say("label-svg"));
  const pngLink = make("a", { class: "md-button", download: "link-qr.png", href: "#" }, say("label-png"));
  downloads.append(svgLink, " ", pngLink);

  const textLabel = make("label", { for: "mih-lb-text" }, say("label-text"));
  const text = make("textarea", { id: "mih-lb-text", readonly: "", rows: "3" });

  function current() {
    return pages[Number(select.value)] || pages[0];
  }

  function showFields() {
    const page = current();
    rows.replaceChildren();
    for (const id of page.fields) {
      const field = fields[id] || { label: id, kind: "text" };
      const inputId = `mih-lb-f-${id}`;
      const row = make("p", { class: "mih-lb-row" });
      const input = make("input", { id: inputId, name: id, "data-link-field": id, type: INPUT_TYPES[field.kind] || "text", autocomplete: "off" });
      row.append(make("label", { for: inputId }, field.label), input);
      rows.append(row);
    }
    none.hidden = page.fields.length > 0;
    update();
  }

  async function update() {
    const page = current();
    const pairs = Array.from(rows.querySelectorAll("[data-link-field]"), (input) => [input.getAttribute("data-link-field"), input.value]);
    const link = personalLink(pageAddress(siteUrl, page.path), pairs);
    output.value = link;
    text.value = shareText(say("text"), link);
    status.textContent = "";
    if (qrcode) await drawQr(link);
  }

  async function drawQr(link) {
    const svg = qrSvg(link, say("label-qr"));
    figure.replaceChildren(svg);
    urls.forEach((url) => URL.revokeObjectURL(url));
    const svgUrl = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }));
    urls = [svgUrl];
    svgLink.setAttribute("href", svgUrl);
    const png = await qrPngBlob(link);
    if (output.value !== link || !png) return; // a newer link was made meanwhile
    const pngUrl = URL.createObjectURL(png);
    urls.push(pngUrl);
    pngLink.setAttribute("href", pngUrl);
  }

  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(output.value);
      status.textContent = say("copied");
    } catch {
      output.select();
      status.textContent = say("copy-failed");
    }
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
    downloads.hidden = false;
    await drawQr(output.value);
  });
  select.addEventListener("change", showFields);
  rows.addEventListener("input", () => update());

  const pick = make("p", { class: "mih-lb-row" });
  pick.append(pageLabel, select);
  const linkRow = make("p", { class: "mih-lb-row" });
  linkRow.append(linkLabel, output);
  const copyRow = make("p");
  copyRow.append(copy);
  const textRow = make("p", { class: "mih-lb-row" });
  textRow.append(textLabel, text);
  root.replaceChildren(pick, fieldset, linkRow, copyRow, status, figure, downloads, textRow);
  root.hidden = false;
  showFields();
}
