/* The link builder's paper and classes, fetched the first time a recruiter asks for a slip or
 * opens "Links for a whole class" (components/link-builder.js), so the staff page stays light:
 * - the slip for a walk-in: a quarter of a Letter page with the page's title, a large QR code,
 *   the short address written out, the agency's phone and lines to write the interview's
 *   place, contact and time; four to a page for a class (the print rules are in
 *   link-builder.css);
 * - links for a class: candidates typed one on each line or pasted from a spreadsheet
 *   (lib/roster.js), each with a link, a message and a QR code, to copy or print.
 * Nothing here leaves the browser. `ctx` is what the builder shares: its words (say), the
 * pages' fields, the candidate's details typed above, and how it makes links, messages and
 * QR codes. */

import { readRoster } from "../lib/roster.js";

function make(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// One slip: the page, its code (or why there is none), the address, our phone, lines to write on.
export function slip(ctx, page, link, name) {
  const { say } = ctx;
  const card = make("section", { class: "mih-slip" });
  if (name) card.append(make("p", { class: "mih-slip__for" }, say("slip-for", { name })));
  card.append(make("h2", { class: "mih-slip__title" }, page.title));
  const code = ctx.qrMatrix(link);
  card.append(code ? ctx.qrSvg(code, say("label-qr")) : make("p", { class: "mih-slip__no-qr" }, say("slip-no-qr")));
  const scan = make("p", { class: "mih-slip__scan" }, say("slip-scan") + " ");
  scan.append(make("strong", {}, ctx.address(page).replace(/^https?:\/\//, "")));
  card.append(scan, make("p", { class: "mih-slip__call" }, say("slip-call", { agency: ctx.agency, phone: ctx.agencyPhone })));
  for (const key of ["slip-where", "slip-who", "slip-when"]) card.append(make("p", { class: "mih-slip__line" }, say(key)));
  return card;
}

// Prints the slips alone: the sheet goes at the end of the page, link-builder.css shows only
// it, four to a Letter page, and it is gone again once printed.
export function printSlips(cards) {
  document.querySelectorAll(".mih-slips").forEach((sheet) => sheet.remove());
  const sheet = make("div", { class: "mih-slips" });
  for (let index = 0; index < cards.length; index += 4) {
    const leaf = make("div", { class: "mih-slips__page" });
    leaf.append(...cards.slice(index, index + 4));
    sheet.append(leaf);
  }
  document.body.append(sheet);
  document.documentElement.classList.add("mih-printing-slips");
  const done = () => {
    document.documentElement.classList.remove("mih-printing-slips");
    sheet.remove();
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

// "Links for a whole class", inside `box` (the builder's <details>).
export function mountClass(ctx, box) {
  const { say } = ctx;
  const label = make("label", { for: "mih-lb-class-list" }, say("class-label"));
  const list = make("textarea", { id: "mih-lb-class-list", rows: "6", spellcheck: "false", "aria-describedby": "mih-lb-class-intro" });
  const makeButton = make("button", { type: "button", class: "md-button md-button--primary" }, say("class-make"));
  const status = make("p", { class: "mih-lb-status mih-lb-class-status", role: "status" });
  const copyAll = make("button", { type: "button", class: "md-button", hidden: "" }, say("class-copy"));
  const printAll = make("button", { type: "button", class: "md-button", hidden: "" }, say("class-print"));
  const out = make("ol", { class: "mih-lb-class-out" });
  const row = make("p", { class: "mih-lb-row" });
  row.append(label, list);
  const actions = make("p");
  actions.append(makeButton, " ", copyAll, " ", printAll);
  box.append(make("p", { id: "mih-lb-class-intro" }, say("class-intro")), row, actions, status, out);
  let made = []; // {name, link, text, page} of each candidate, from the last "Make the links"

  // Column names for each field: its builder label, its id, and the names in the strings.
  const columns = {};
  for (const [id, field] of Object.entries(ctx.fields)) columns[id] = [field.label, id, ...(ctx.columns[id] || [])];

  function makeLinks() {
    const page = ctx.current();
    const roster = readRoster(list.value, columns);
    made = roster.people.map((person) => {
      const details = new Map(ctx.values);
      person.forEach((value, id) => details.set(id, value));
      const link = ctx.linkFor(page, details);
      return { name: details.get("your_name") || "", link, text: ctx.messageFor(page, link, details), page };
    });
    out.replaceChildren(...made.map((item, index) => {
      const entry = make("li", { class: "mih-lb-class-item" });
      const code = ctx.qrMatrix(item.link);
      if (code) entry.append(ctx.qrSvg(code, say("label-qr")));
      const nameId = `mih-lb-class-name-${index}`;
      const linkBox = make("input", { type: "url", readonly: "", "data-class-link": "", "aria-labelledby": nameId, spellcheck: "false" });
      linkBox.value = item.link;
      const copyOne = make("button", { type: "button", class: "md-button", "data-class-copy": String(index) }, say("class-row-copy"));
      entry.append(make("p", { id: nameId, class: "mih-lb-class-name" }, item.name || String(index + 1)), linkBox,
        make("p", { class: "mih-lb-class-text" }, item.text), copyOne);
      return entry;
    }));
    const said = [made.length ? say("class-made", { count: made.length }) : say("class-none")];
    if (roster.cut) said.push(say("class-too-many", { count: roster.people.length }));
    if (made.length && roster.columns.length) said.push(say("class-columns", { columns: roster.columns.map((id) => (ctx.fields[id] || { label: id }).label).join(", ") }));
    if (roster.ignored.length) said.push(say("class-ignored", { columns: roster.ignored.join(", ") }));
    status.textContent = said.join(" ");
    copyAll.hidden = printAll.hidden = made.length === 0;
  }

  makeButton.addEventListener("click", async () => {
    try {
      await ctx.loadQr();
    } catch (error) {
      console.error(error); // the links still come, without their codes
    }
    makeLinks();
  });
  copyAll.addEventListener("click", async () => {
    const lines = made.map((item) => (item.name ? `${item.name}\t${item.link}` : item.link));
    status.textContent = (await ctx.copyText(lines.join("\n"))) ? say("class-copied") : say("copy-failed");
  });
  out.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-class-copy]");
    const item = button && made[Number(button.getAttribute("data-class-copy"))];
    if (item) button.textContent = (await ctx.copyText(item.text)) ? say("text-copied") : say("copy-failed");
  });
  printAll.addEventListener("click", () => {
    printSlips(made.map((item) => slip(ctx, item.page, item.link, item.name)));
  });
}
