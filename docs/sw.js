/* The site's service worker (issue #19): pages a reader has read or saved open with no signal.
 *
 * - Files with a content hash in their name never change: cache first.
 * - Pages: the network first, and each page read is kept; with no connection, the kept copy,
 *   marked as such, and for a page never kept, a short page listing the ones that are.
 * - Anything else of the site: the network, then a kept copy if there is one.
 * - Nothing from another host, and no address's query or fragment (a personal link's details
 *   live in the fragment, which never reaches here): every page is kept under its bare path.
 * - "Save for offline" (components/offline-save.js) asks for one edition's pack, the list
 *   scripts/sitegen/offline.py writes into offline.json; that file, kept, marks it saved.
 * - Each build has its own cache; a new one saves the packs the reader had saved again, then
 *   deletes the old cache.
 * It lives at the site's root, so its scope is the whole site, editions included. The build
 * fills in SITE; the values here are what the unit tests (tests/js/sw.test.mjs) start from. */
"use strict";

const SITE = {"version": "dev", "hashed": "\\.[0-9a-f]{8,}\\.[^/]+$", "editions": {"": {"lang": "en", "title": "No connection", "missing": "This page is not saved on this device.", "saved": "Pages saved on this device:", "none": "No page is saved on this device yet."}}};

const PREFIX = "mih-";
const CACHE = PREFIX + SITE.version;
const HASHED = new RegExp(SITE.hashed);
const SAVED_AT = "x-mih-saved"; // when a copy was kept (ms), a header on the cached response
const TITLE = "x-mih-title"; // a kept page's <title>, as written in its HTML
const AT_ONCE = 4; // files fetched at the same time while saving

// What to do with a request: "asset", "page", "file", or null to leave it to the browser.
function route(url, method, mode, scope) {
  if (method !== "GET" || !url.startsWith(scope)) return null;
  const path = new URL(url).pathname;
  if (HASHED.test(path)) return "asset";
  if (mode === "navigate" || path.endsWith("/") || path.endsWith(".html")) return "page";
  return "file";
}

// The address a page is kept under: no query, no fragment.
function bare(url) {
  const address = new URL(url);
  address.search = "";
  address.hash = "";
  return address.href;
}

// The edition a page belongs to: the longest folder of SITE.editions its path starts with.
function editionOf(url, scope) {
  const rest = url.startsWith(scope) ? url.slice(scope.length) : "";
  return Object.keys(SITE.editions).filter((folder) => rest.startsWith(folder))
    .sort((a, b) => b.length - a.length)[0] || "";
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
}

// "December 1, 2026 at 9:30 PM (3 hours ago)", in the page's language.
function when(at, now, lang) {
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(at);
  const minutes = Math.round((now - at) / 60000);
  const [amount, unit] = minutes < 60 ? [minutes, "minute"] : minutes < 2880 ? [Math.round(minutes / 60), "hour"]
    : [Math.round(minutes / 1440), "day"];
  return date + " (" + new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(-amount, unit) + ")";
}

// A kept page shown as the saved copy: its notice (overrides/partials/saved-copy.html),
// hidden in the page as published, shows with the date the copy was kept.
function markSaved(html, at, now) {
  const lang = (/<html[^>]* lang="([^"]+)"/.exec(html) || [])[1] || "en";
  return html.replace(/(<p class="mih-saved-copy"[^>]*?) hidden>([^<]*)<\/p>/,
    (whole, start, words) => start + ">" + words.replace("{when}", escapeHtml(when(at, now, lang))) + "</p>");
}

// The page for an address never kept: what is kept instead, with links, in the edition's words.
function notSavedPage(words, pages) {
  const items = pages.map((p) => '<li><a href="' + escapeHtml(p.url) + '">' + p.title + "</a></li>").join("");
  return "<!doctype html><html lang=\"" + escapeHtml(words.lang) + "\"><head><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + escapeHtml(words.title) +
    "</title></head><body><main><h1>" + escapeHtml(words.title) + "</h1><p>" + escapeHtml(words.missing) + "</p>" +
    (pages.length ? "<p>" + escapeHtml(words.saved) + "</p><ul>" + items + "</ul>" : "<p>" + escapeHtml(words.none) + "</p>") +
    "</main></body></html>";
}

// Keeps a page's HTML with when it was kept and its title (the title as the HTML has it,
// already escaped, with no "<" by the pattern).
async function keepPage(cache, key, response) {
  const html = await response.text();
  const title = (/<title>([^<]*)<\/title>/.exec(html) || [])[1] || "";
  await cache.put(key, new Response(html, { headers: {
    "content-type": response.headers.get("content-type") || "text/html; charset=utf-8",
    [SAVED_AT]: String(Date.now()), [TITLE]: encodeURIComponent(title) } }));
}

// Keeping a copy never holds up the answer, nor fails it (a full device keeps nothing).
function meanwhile(event, work) {
  event.waitUntil(work.catch(() => {}));
}

async function page(event) {
  const request = event.request;
  const key = bare(request.url);
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    const html = (response.headers.get("content-type") || "").startsWith("text/html");
    if (response.ok && response.type === "basic" && !response.redirected && html) {
      meanwhile(event, keepPage(cache, key, response.clone()));
    }
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) {
      const html = markSaved(await kept.text(), Number(kept.headers.get(SAVED_AT)), Date.now());
      return new Response(html, { headers: { "content-type": kept.headers.get("content-type") } });
    }
    // Instant navigation asked: a failure makes Material load the address as a whole page.
    if (request.mode !== "navigate") return Response.error();
    const scope = self.registration.scope;
    const folder = editionOf(key, scope);
    const pages = [];
    for (const entry of await cache.keys()) {
      const title = (await cache.match(entry)).headers.get(TITLE);
      if (title !== null && editionOf(entry.url, scope) === folder) pages.push({ url: entry.url, title: decodeURIComponent(title) });
    }
    return new Response(notSavedPage(SITE.editions[folder], pages), { headers: { "content-type": "text/html; charset=utf-8" } });
  }
}

async function asset(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") meanwhile(event, cache.put(bare(request.url), response.clone()));
  return response;
}

async function file(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await (await caches.open(CACHE)).match(request, { ignoreSearch: true });
    return kept || Response.error();
  }
}

// Saves one edition's pack into this build's cache; tells progress(done, total) as it goes.
// A pack of another build (the page is newer than this worker) is refused: reload, then save.
async function savePack(packUrl, progress) {
  const answer = await fetch(packUrl, { cache: "no-cache" });
  if (!answer.ok) throw new Error("no pack at " + packUrl);
  const pack = await answer.clone().json();
  if (pack.version !== SITE.version) throw new Error("updated");
  const cache = await caches.open(CACHE);
  const files = pack.files.map((url) => new URL(url, packUrl).href);
  let done = 0;
  let failed = false; // one file failed: the others take no new one
  const one = async (url) => {
    const isPage = route(url, "GET", "", self.registration.scope) === "page";
    const response = await fetch(url, { cache: isPage ? "reload" : "default" });
    if (!response.ok) throw new Error(url + ": " + response.status);
    if (isPage) await keepPage(cache, bare(url), response);
    else await cache.put(url, response);
    progress(++done, pack.files.length);
  };
  const next = async () => {
    while (files.length && !failed) await one(files.shift()).catch((error) => { failed = true; throw error; });
  };
  await Promise.all(Array.from({ length: AT_ONCE }, next));
  await cache.put(packUrl, new Response(await answer.text(), { headers: { "content-type": "application/json", [SAVED_AT]: String(Date.now()) } }));
}

// A new build: the packs the reader saved with an earlier one, saved again from this one.
async function saveAgain() {
  for (const folder of Object.keys(SITE.editions)) {
    const pack = new URL(folder + "offline.json", self.registration.scope).href;
    if (await caches.match(pack)) await savePack(pack, () => {});
  }
}

if (typeof ServiceWorkerGlobalScope !== "undefined" && self instanceof ServiceWorkerGlobalScope) {
  self.addEventListener("install", (event) => {
    event.waitUntil(saveAgain().then(() => self.skipWaiting()));
  });

  self.addEventListener("activate", (event) => {
    event.waitUntil(caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
  });

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    const kind = route(request.url, request.method, request.mode, self.registration.scope);
    if (kind === "asset") event.respondWith(asset(event));
    else if (kind === "page") event.respondWith(page(event));
    else if (kind === "file") event.respondWith(file(request));
  });

  // {type: "save", pack: "<the edition's offline.json>"}, with a port for the progress.
  self.addEventListener("message", (event) => {
    const data = event.data || {};
    const port = event.ports && event.ports[0];
    if (data.type !== "save" || typeof data.pack !== "string" || !port) return;
    if (!data.pack.startsWith(self.registration.scope)) return;
    event.waitUntil(savePack(data.pack, (done, total) => port.postMessage({ done, total })).then(
      () => port.postMessage({ ok: true }),
      (error) => port.postMessage({ ok: false, reason: error.name === "QuotaExceededError" ? "full"
        : error.message === "updated" ? "updated" : "network" })));
  });
}
