/* A checklist page: ticks saved in this browser, progress ("3 of 8 done") that screen readers
 * hear, and a reset that asks first. The page works without this file: the boxes are real
 * checkboxes. Wording: data-progress-text and data-cleared-text on the [role=status] element;
 * the notes about saving are hidden elements in the markup (markdown_templates/checklist.md). */

import { local } from "../storage.js";
import { wording } from "../ui.js";

const KEY_PREFIX = "mih.checklist.";
const FORMAT = 1;

// Saved ticks; anything unreadable (an older format, garbage, blocked storage) counts as none.
function loadTicks(key) {
  const saved = local.getJSON(key);
  if (!saved || saved.version !== FORMAT || !Array.isArray(saved.ticked)) return [];
  return saved.ticked.filter((id) => typeof id === "string");
}

// False when the browser refused (blocked or full), so the page can say ticks are not kept.
function saveTicks(key, ids) {
  return ids.length ? local.setJSON(key, { version: FORMAT, ticked: ids }) : local.remove(key);
}

// Only ids of boxes on the page now, so items removed from the list are forgotten on the next save.
function tickedIds(list) {
  return list.boxes.filter((box) => box.checked).map((box) => box.getAttribute("data-item-id"));
}

// "3 of 8 done" in the live region, after an optional lead sentence ("All ticks cleared.").
function showProgress(list, lead = "") {
  const text = wording(list.status, "progress", { done: tickedIds(list).length, total: list.boxes.length });
  list.status.textContent = lead ? lead + " " + text : text;
}

// Swaps the "saved in this browser" line for the "will not be saved" note.
function showUnsaved(list) {
  list.root.querySelector("[data-checklist-unsaved]").hidden = false;
  list.root.querySelector("[data-checklist-saved]").hidden = true;
}

// Saves the ticks now; a refusal turns on the "not saved" note.
function save(list) {
  if (!saveTicks(list.key, tickedIds(list))) showUnsaved(list);
}

// Sets every box from storage, then shows the parts that only work with JavaScript.
function restoreTicks(list) {
  const saved = loadTicks(list.key);
  list.boxes.forEach((box) => {
    box.checked = saved.includes(box.getAttribute("data-item-id"));
  });
  list.root.querySelectorAll("[data-checklist-enhanced]").forEach((element) => {
    element.hidden = false;
  });
  if (!local.canWrite()) showUnsaved(list);
  showProgress(list);
}

// Every tick saves at once: a reader may close the tab at any moment.
function bindTicks(list) {
  list.root.addEventListener("change", (event) => {
    if (!list.boxes.includes(event.target)) return;
    save(list);
    showProgress(list);
  });
}

// Unticks every box and saves that.
function untickAll(list) {
  list.boxes.forEach((box) => {
    box.checked = false;
  });
  save(list);
}

// Reset is a disclosure: the button opens a small confirm step under it (no dialog, no focus trap).
function bindReset(list) {
  const button = list.root.querySelector("[data-checklist-reset]");
  const step = list.root.querySelector(".mih-checklist__confirm");
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    step.hidden = !open;
  };
  // Focus goes back to the reset button, so keyboard users are not dropped at the top of the page.
  const close = () => {
    setOpen(false);
    button.focus();
  };
  button.addEventListener("click", () => setOpen(step.hidden));
  list.root.querySelector("[data-checklist-cancel]").addEventListener("click", close);
  list.root.querySelector("[data-checklist-confirm]").addEventListener("click", () => {
    untickAll(list);
    close();
    showProgress(list, wording(list.status, "cleared"));
  });
  // Escape closes the open step (focus on the reset button or in the step), like a popup.
  button.parentNode.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !step.hidden) close();
  });
}

// The footer's "clear everything" control has emptied storage; empty the boxes too.
function bindForget(list) {
  list.root.addEventListener("mih:forget", () => {
    list.boxes.forEach((box) => {
      box.checked = false;
    });
    showProgress(list);
  });
}

// Another tab ticked, reset or cleared this list: show what is saved now. The listener goes
// once this page is gone (Material's instant navigation swaps pages without unloading).
function bindOtherTabs(list) {
  const listener = (event) => {
    if (!list.root.isConnected) window.removeEventListener("storage", listener);
    else if (event.key === list.key || event.key === null) restoreTicks(list);
  };
  window.addEventListener("storage", listener);
}

// Starts one checklist (main.js calls this once per element). data-checklist-ready tells
// tests and other scripts that it is set up.
export function start(root) {
  const list = {
    root,
    key: KEY_PREFIX + root.getAttribute("data-checklist-id"),
    boxes: Array.from(root.querySelectorAll("input[data-item-id]")),
    status: root.querySelector("[role=status]"),
  };
  restoreTicks(list);
  bindTicks(list);
  bindReset(list);
  bindForget(list);
  bindOtherTabs(list);
  root.setAttribute("data-checklist-ready", "");
}
