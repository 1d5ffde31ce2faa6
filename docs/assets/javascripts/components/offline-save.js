/* "Save for offline" (overrides/partials/offline-save.html): asks the service worker (docs/sw.js)
 * to keep this edition's pack (its offline.json, written by sitegen/offline.py) and says how it
 * goes. A browser that cannot keep pages never sees the control. Words: data-*-text on the root. */

import { announce, wording } from "../ui.js";

const READY_WITHIN = 10000; // ms to wait for the service worker before saying it did not start

function formatted(at) {
  const lang = document.documentElement.lang || "en";
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(at);
}

// The time the pack was saved, or null: the service worker keeps the pack file itself as the mark.
async function savedAt(pack) {
  const kept = await caches.match(pack).catch(() => undefined);
  return kept ? Number(kept.headers.get("x-mih-saved")) || null : null;
}

function ready() {
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise((resolve) => setTimeout(() => resolve(null), READY_WITHIN)),
  ]);
}

// Sends the request to the worker; resolves to its last answer ({ok, reason}). Progress that
// arrives after it (files already under way when one failed) is not shown.
function ask(worker, pack, progress) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      if (typeof event.data.done !== "number") {
        channel.port1.onmessage = null;
        resolve(event.data);
      } else progress(event.data.done, event.data.total);
    };
    worker.postMessage({ type: "save", pack }, [channel.port2]);
  });
}

async function save(root, button, status, pack) {
  button.disabled = true;
  status.textContent = wording(root, "saving", { done: 0, total: "…" });
  // Kept data the browser may otherwise clear when space runs low (or, in Safari, after a week).
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => false);
  const registration = await ready();
  let answer = { ok: false, reason: "not-ready" };
  if (registration && registration.active) {
    answer = await ask(registration.active, pack, (done, total) => {
      status.textContent = wording(root, "saving", { done, total });
    });
  }
  button.disabled = false;
  announce(status, wording(root, answer.ok ? "done" : { full: "full", updated: "updated", "not-ready": "not-ready" }[answer.reason] || "failed"));
}

export function start(root) {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  const pack = new URL(root.getAttribute("data-pack"), location.href).href;
  const button = root.querySelector("button");
  const status = root.querySelector("[role=status]");
  root.hidden = false;
  savedAt(pack).then((at) => {
    if (at) status.textContent = wording(root, "saved", { when: formatted(at) });
  });
  button.addEventListener("click", () => save(root, button, status, pack));
  root.addEventListener("mih:forget", () => { status.textContent = ""; });
}
