// The service worker's routing and its pure helpers (docs/sw.js), run in a bare context: the
// file is a classic worker script, so its top-level functions become the context's globals.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../docs/sw.js", import.meta.url), "utf8");
const SCOPE = "https://advice.example/";

// A fresh worker context; `site` replaces the SITE line's values (the build's part).
function worker(site) {
  let source = SOURCE;
  // As written, or as the build minifies it (const SITE={…};const PREFIX…).
  if (site) source = source.replace(/const SITE\s*=\s*\{.*?\};(?=\s*const PREFIX)/s, "const SITE = " + JSON.stringify(site) + ";");
  const context = { URL, Intl, Response: class {} };
  vm.createContext(context);
  vm.runInContext(source, context);
  return context;
}

test("fingerprinted files are assets, taken from the cache first", () => {
  const { route } = worker();
  assert.equal(route(SCOPE + "assets/javascripts/main.3fe86255.js", "GET", "cors", SCOPE), "asset");
  assert.equal(route(SCOPE + "assets/stylesheets/main.57a0d79d.min.6743171b.css", "GET", "no-cors", SCOPE), "asset");
  assert.equal(route(SCOPE + "assets/javascripts/bundle.a5f9d56c.min.js", "GET", "no-cors", SCOPE), "asset");
});

test("pages are addresses ending in a folder or .html, and every navigation", () => {
  const { route } = worker();
  assert.equal(route(SCOPE, "GET", "navigate", SCOPE), "page");
  assert.equal(route(SCOPE + "situations/missed/", "GET", "cors", SCOPE), "page"); // instant navigation
  assert.equal(route(SCOPE + "es/perdi/", "GET", "navigate", SCOPE), "page");
  assert.equal(route(SCOPE + "404.html", "GET", "cors", SCOPE), "page");
  assert.equal(route(SCOPE + "templates/forgot/?n=Jordan", "GET", "navigate", SCOPE), "page");
});

test("the site's other files are files: the network first", () => {
  const { route } = worker();
  assert.equal(route(SCOPE + "sitemap.xml", "GET", "cors", SCOPE), "file");
  assert.equal(route(SCOPE + "assets/images/favicon.svg", "GET", "no-cors", SCOPE), "file");
  assert.equal(route(SCOPE + "search/search_index.json", "GET", "cors", SCOPE), "file");
  assert.equal(route(SCOPE + "guide.pdf", "GET", "navigate", SCOPE), "page"); // an opened PDF is a navigation
});

test("other hosts, other methods and addresses outside the scope are left to the browser", () => {
  const { route } = worker();
  assert.equal(route("https://cdn.example/assets/javascripts/main.3fe86255.js", "GET", "cors", SCOPE), null);
  assert.equal(route(SCOPE + "contact/", "POST", "navigate", SCOPE), null);
  assert.equal(route("https://advice.example/other/", "GET", "navigate", SCOPE + "advice/"), null);
  // A host whose name starts like the scope's is another host.
  assert.equal(route("https://advice.example.evil/x/", "GET", "navigate", SCOPE), null);
});

test("a page is kept under its bare address: no query, no fragment", () => {
  const { bare } = worker();
  assert.equal(bare(SCOPE + "templates/forgot/?n=Jordan&c=Acme#n=Jordan"), SCOPE + "templates/forgot/");
  assert.equal(bare(SCOPE + "es/"), SCOPE + "es/");
});

test("each address belongs to its edition's folder", () => {
  const { editionOf } = worker({ version: "t", hashed: "\\.[0-9a-f]{8,}\\.[^/]+$", editions: { "": {}, "es/": {} } });
  assert.equal(editionOf(SCOPE + "es/situations/missed/", SCOPE), "es/");
  assert.equal(editionOf(SCOPE + "es/", SCOPE), "es/");
  assert.equal(editionOf(SCOPE + "estimates/", SCOPE), ""); // a folder, not a prefix of a name
  assert.equal(editionOf(SCOPE + "situations/", SCOPE), "");
});

test("a saved copy shows its notice with the date, in the page's language", () => {
  const { markSaved } = worker();
  const at = Date.UTC(2026, 11, 1, 15, 30);
  const page = (lang, words) => `<html lang="${lang}"><body><p class="mih-saved-copy" data-saved-copy hidden>${words}</p><p>hidden</p></body></html>`;
  const english = markSaved(page("en", "Saved on {when}."), at, at + 3 * 3600000);
  assert.match(english, /<p class="mih-saved-copy" data-saved-copy>Saved on December 1, 2026 at .+ \(3 hours ago\)\.<\/p>/);
  assert.match(english, /<p>hidden<\/p>/, "only the notice changes");
  const spanish = markSaved(page("es", "Guardada el {when}."), at, at + 2 * 86400000);
  assert.match(spanish, /Guardada el 1 de diciembre de 2026.+\(anteayer\)\./);
});

test("the page for an address never kept lists the kept ones, every word as text", () => {
  const { notSavedPage } = worker();
  const words = { lang: "es", title: "Sin <conexión>", missing: "No está.", saved: "Guardadas:", none: "Ninguna." };
  const html = notSavedPage(words, [{ url: SCOPE + "es/?a=\"x\"", title: "Inicio &amp; más" }]);
  assert.match(html, /<html lang="es">/);
  assert.match(html, /<h1>Sin &#60;conexión&#62;<\/h1>/);
  assert.match(html, /<a href="https:\/\/advice.example\/es\/\?a=&#34;x&#34;">Inicio &amp; más<\/a>/);
  assert.match(notSavedPage(words, []), /<p>Ninguna\.<\/p>/);
});
