/* One control, in every page's footer, that clears everything this site keeps on the device:
 * checklist ticks, remembered details, the pages saved for offline and Material's own settings
 * (palette). Readers on a shared computer use it before they leave. Each component on the page
 * hears "mih:forget" and empties what it shows. Without JavaScript the site keeps nothing, so the control stays hidden.
 * Wording: data-done-text and data-nothing-text on the root (partials/copyright.html). */

import { local, session } from "../storage.js";
import { announce, wording } from "../ui.js";

// This site's keys: its own ("mih.") and Material's (its scope path, then a dot).
function isOwn(key) {
  const scope = window.__md_scope ? window.__md_scope.pathname + "." : null;
  return key.startsWith("mih.") || (scope !== null && key.startsWith(scope));
}

// Removes this site's keys from one area; false when the browser blocks that storage.
function forgetIn(area) {
  const keys = area.keys();
  if (keys === null) return false;
  keys.filter(isOwn).forEach((key) => area.remove(key));
  return true;
}

// A key set and removed at once: message pages in other tabs hear it and empty their forms
// (checklists there hear their own keys go).
const CLEARED = "mih.cleared";

// The pages kept for offline (docs/sw.js names its caches "mih-<build>"); false when the
// browser has no cache storage or refuses it.
async function forgetSavedPages() {
  if (!("caches" in window)) return false;
  try {
    const names = (await caches.keys()).filter((name) => name.startsWith("mih-"));
    await Promise.all(names.map((name) => caches.delete(name)));
    return true;
  } catch (error) {
    return false;
  }
}

// Clears both areas and the saved pages, tells every component here and in other tabs, then
// says what happened.
async function forgetAll(root, status) {
  const pages = await forgetSavedPages();
  const cleared = [forgetIn(local), forgetIn(session), pages].some(Boolean);
  if (local.set(CLEARED, String(Date.now()))) local.remove(CLEARED);
  document.querySelectorAll("[data-module]").forEach((element) => {
    element.dispatchEvent(new CustomEvent("mih:forget"));
  });
  announce(status, wording(root, cleared ? "done" : "nothing"));
}

// Shows the control and binds its button (main.js starts each footer once).
export function start(root) {
  const status = root.querySelector("[role=status]");
  root.querySelector("button").addEventListener("click", () => forgetAll(root, status));
  root.hidden = false;
}
