/* The site's one entry script (an ES module, loaded on every page from mkdocs.yml).
 * Elements ask for behaviour with data-module="checklist", "message-template" or "forget";
 * this starts each one once. A component's code is only downloaded on a page that has such an
 * element. The pages work without any of this: scripts only add to them.
 * data-module-when="link" starts an element only on a page opened with a personal link (a
 * fragment with "=", like #n=Jordan): the notice every page has for one downloads nothing
 * on the other visits. */

// Each component, fetched the first time a page needs it. One literal path per component
// (never a computed one): the build renames each file to a content-hashed name and rewrites
// these paths (scripts/sitegen/fingerprint.py), so a new component needs its own line here.
const COMPONENTS = new Map([
  ["checklist", () => import("./components/checklist.js")],
  ["message-template", () => import("./components/message-template.js")],
  ["forget", () => import("./components/forget.js")],
  ["link-builder", () => import("./components/link-builder.js")],
  ["share", () => import("./components/share.js")],
  ["details-notice", () => import("./components/details-notice.js")],
  ["offline-save", () => import("./components/offline-save.js")],
]);

// Conditions an element may set in data-module-when before its component is fetched.
const WHEN = {
  link: () => location.hash.includes("="),
};

// Starts one element's component. The mark comes first, so a second call (Material may
// announce the same page again) leaves a started element alone.
async function startElement(element) {
  const load = COMPONENTS.get(element.getAttribute("data-module"));
  if (!load || element.hasAttribute("data-module-started")) return;
  if (element.hasAttribute("data-module-when")) {
    const name = element.getAttribute("data-module-when");
    if (!Object.prototype.hasOwnProperty.call(WHEN, name) || !WHEN[name]()) return;
  }
  element.setAttribute("data-module-started", "");
  const component = await load();
  component.start(element);
}

// Every element on the page that asks for a component; one failing leaves the others working.
function startAll() {
  for (const element of document.querySelectorAll("[data-module]")) {
    startElement(element).catch((error) => console.error(error));
  }
}

// A personal link opened on the page the tab already shows changes only the fragment: the
// elements waiting for one (data-module-when="link") start then.
window.addEventListener("hashchange", startAll);

// The service worker (docs/sw.js, at the site's root, two folders above this file): pages read
// are kept for when the signal drops. A browser without one, or that refuses it, reads as before.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url)).catch(() => {});
}

// Material's document$ announces the first page and each page its instant navigation shows.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(startAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startAll);
} else {
  startAll();
}
