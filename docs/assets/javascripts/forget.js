/* One control, in every page's footer, that clears everything this site keeps on the device:
 * checklist ticks, remembered details and Material's own settings (palette). Readers on a
 * shared computer use it before they leave. Each page module hears "mih:forget" and empties
 * what it shows. Without JavaScript the site keeps nothing, so the control stays hidden. */
(function () {
  "use strict";

  // Keys of this site: its own ("mih.") and Material's (its scope path, then a dot).
  function isOwn(key) {
    var scope = window.__md_scope ? window.__md_scope.pathname + "." : null;
    return key.indexOf("mih.") === 0 || (scope !== null && key.indexOf(scope) === 0);
  }

  // Removes this site's keys from one storage; false when the browser blocks storage.
  function forgetIn(name) {
    try {
      var store = window[name];
      var keys = [];
      for (var i = 0; i < store.length; i++) keys.push(store.key(i));
      keys.filter(isOwn).forEach(function (key) { store.removeItem(key); });
      return true;
    } catch (error) {
      return false;
    }
  }

  function forgetAll(status) {
    var local = forgetIn("localStorage");
    var session = forgetIn("sessionStorage");
    document.querySelectorAll("[data-module]").forEach(function (el) {
      el.dispatchEvent(new CustomEvent("mih:forget"));
    });
    status.textContent = "";
    // A fresh message after a short pause, so screen readers announce it even the second time.
    setTimeout(function () {
      status.textContent = local || session
        ? "Done. This site keeps nothing on this device now."
        : "This browser does not let the site keep anything, so there was nothing to clear.";
    }, 50);
  }

  function setupForget(root) {
    if (root.hasAttribute("data-forget-ready")) return; // bound once, even when document$ fires again
    root.setAttribute("data-forget-ready", "");
    root.hidden = false;
    var status = root.querySelector("[role=status]");
    root.querySelector("button").addEventListener("click", function () { forgetAll(status); });
  }

  function start() {
    document.querySelectorAll('[data-module="forget"]').forEach(setupForget);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
