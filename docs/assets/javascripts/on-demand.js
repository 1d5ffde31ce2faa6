/* What Material's bundle fetches by itself, fetched only when it is needed (the brief's page
 * budget). Two things:
 *
 * 1. Search loads what it needs when it is first used: Material's
 * bundle starts its search worker and fetches search/search_index.json on every page load,
 * some 25 KB that most readers never use. This classic script runs before the bundle (it is
 * in <head>, overrides/main.html) and holds both back until the reader opens search: they
 * focus the search box, click the search button, or press one of Material's search keys.
 * Material then gets the same worker and index it would have had, a moment later.
 *
 * It changes two browser objects, for those two addresses only: the Worker constructor for
 * the search worker (a stand-in queues the bundle's messages until the real worker starts)
 * and XMLHttpRequest.send for the index. Anything else passes straight through. Without
 * JavaScript there is no search either way.
 *
 * 2. No sitemap is asked for where there is none. Material fetches "sitemap.xml" beside the
 * address of every <link rel="alternate">, meant for links to a language's home page. Ours name
 * each page's own counterpart (overrides/partials/editions-head.html), so the bundle would ask
 * for /es/contact/sitemap.xml and get a 404 page, on every page. Those requests are never
 * sent (XMLHttpRequest.send): only the sitemap of the page's own edition goes out (/sitemap.xml,
 * /es/sitemap.xml), the one instant navigation reads.
 *
 * 3. Search that cannot load (no signal, and no saved copy of the index: docs/sw.js) says so
 * where its results go, in the words on this script's data-offline-text, instead of waiting
 * for ever on "Initializing search".
 *
 * Not a module: a module would run after the bundle.
 */
(function () {
  "use strict";
  var WORKER = /\/workers\/search\.[^/]*\.js(?:[?#]|$)/;
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var used = false;
  var waiting = [];

  function start() {
    if (used) return;
    used = true;
    var queued = waiting;
    waiting = [];
    queued.forEach(function (run) { run(); });
  }

  function whenUsed(run) {
    if (used) run();
    else waiting.push(run);
  }

  // A link to a search (?q=words, Material's search.share) opens search at once.
  if (/[?&]q=/.test(location.search)) used = true;

  var RealWorker = window.Worker;
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    var Deferred = function (url, options) {
      var target = new EventTarget();
      var real = null;
      var queue = [];
      target.postMessage = function (message) {
        if (real) real.postMessage(message);
        else queue.push(message);
      };
      target.terminate = function () {
        if (real) real.terminate();
        queue = [];
      };
      whenUsed(function () {
        real = new RealWorker(url, options);
        ["message", "messageerror", "error"].forEach(function (type) {
          real.addEventListener(type, function (event) {
            target.dispatchEvent(type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data }));
          });
        });
        queue.forEach(function (message) { real.postMessage(message); });
        queue = [];
      });
      return target;
    };
    window.Worker = function (url, options) {
      return WORKER.test(String(url)) ? Deferred(url, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  // The site's root: this script is <root>/assets/javascripts/on-demand.<hash>.js.
  var OFFLINE = (document.currentScript && document.currentScript.getAttribute("data-offline-text")) || "";
  var script = document.currentScript && document.currentScript.src;
  var ROOT = script ? script.replace(/assets\/javascripts\/[^/]*$/, "") : "";
  var SITEMAP = /\/sitemap\.xml(?:[?#]|$)/;

  // The sitemap instant navigation reads: the one of this page's edition, at the site's root
  // for English (sitegen/editions.py MAIN) and at <root>es/ for Spanish.
  function editionSitemap(address) {
    var language = document.documentElement.getAttribute("lang") || "en";
    var folder = address.replace(/sitemap\.xml(?:[?#].*)?$/, "");
    return !ROOT || folder === ROOT + (language === "en" ? "" : language + "/");
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.mihSearchIndex = INDEX.test(String(url));
    var address = new URL(String(url), location.href).href;
    this.mihNoSitemap = SITEMAP.test(address) && !editionSitemap(address);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.mihNoSitemap) return undefined; // never sent: no event, no error, no request
    if (request.mihSearchIndex) request.addEventListener("error", cannotSearch);
    if (!request.mihSearchIndex || used) return send.apply(request, args);
    whenUsed(function () { send.apply(request, args); });
  };

  // The index did not come: say so where the results go (as text), on this page and on the
  // pages instant navigation shows next, since the bundle does not ask again.
  var failed = false;
  function cannotSearch() {
    failed = true;
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && OFFLINE) meta.textContent = OFFLINE;
  }
  document.addEventListener("focusin", function () {
    if (failed) cannotSearch();
  });

  // What opens search: the box gets focus (a click or Tab), the search button (a label for
  // the #__search toggle), and Material's keys, which set the toggle and focus the box.
  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-md-component=search], form[name=search]")) start();
  });
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("label[for=__search]")) start();
  });
  document.addEventListener("keydown", function (event) {
    if (!event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f", "S", "F"].indexOf(event.key) !== -1) {
      var into = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
      if (!into) start();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("__search");
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) start(); });
  });
})();
