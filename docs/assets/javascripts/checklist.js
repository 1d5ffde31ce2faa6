/* Checklists: save ticks in this browser, show progress, and clear them on request.
 * The page works without this file: the boxes are real checkboxes (see partials/checklist.html).
 * One setupChecklist(root) per [data-module="checklist"], started from Material's document$,
 * which fires again after each instant navigation. No framework, no inline handlers (CSP). */
(function () {
  "use strict";

  var KEY_PREFIX = "mih.checklist.";
  var FORMAT = 1;

  // localStorage itself can throw (blocked by privacy settings), so even reaching it is guarded.
  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  // Some browsers hand out a storage object that refuses every write: try one before trusting it.
  function storageWorks() {
    try {
      storage().setItem(KEY_PREFIX + "probe", "1");
      storage().removeItem(KEY_PREFIX + "probe");
      return true;
    } catch (error) {
      return false;
    }
  }

  // Saved ticks; anything unreadable (an older format, garbage, blocked storage) counts as none.
  function loadTicks(key) {
    try {
      var saved = JSON.parse(storage().getItem(key));
      if (saved && saved.version === FORMAT && Array.isArray(saved.ticked)) {
        return saved.ticked.filter(function (id) { return typeof id === "string"; });
      }
    } catch (error) { /* fall through: start with nothing ticked */ }
    return [];
  }

  // False when the browser refused (blocked or full), so the page can say ticks are not kept.
  function saveTicks(key, ids) {
    try {
      if (ids.length) {
        storage().setItem(key, JSON.stringify({ version: FORMAT, ticked: ids }));
      } else {
        storage().removeItem(key);
      }
      return true;
    } catch (error) {
      return false;
    }
  }

  // Only ids of boxes on the page now are kept, so removed items are forgotten on the next save.
  function tickedIds(boxes) {
    return boxes.filter(function (box) { return box.checked; })
      .map(function (box) { return box.getAttribute("data-item-id"); });
  }

  // "3 of 8 done" into the live region, which screen readers announce politely.
  function showProgress(list, lead) {
    var text = list.status.getAttribute("data-progress-text")
      .replace("{done}", String(tickedIds(list.boxes).length))
      .replace("{total}", String(list.boxes.length));
    list.status.textContent = lead ? lead + " " + text : text;
  }

  // Swap the "saved in this browser" line for the "will not be saved" note.
  function showUnsaved(list) {
    list.root.querySelector("[data-checklist-unsaved]").hidden = false;
    list.root.querySelector("[data-checklist-saved]").hidden = true;
  }

  function save(list) {
    if (!saveTicks(list.key, tickedIds(list.boxes))) showUnsaved(list);
  }

  // Ticks from storage, then the parts that only make sense with JavaScript are shown.
  function restoreTicks(list) {
    var saved = loadTicks(list.key);
    list.boxes.forEach(function (box) { box.checked = saved.indexOf(box.getAttribute("data-item-id")) !== -1; });
    Array.prototype.forEach.call(list.root.querySelectorAll("[data-checklist-enhanced]"), function (el) { el.hidden = false; });
    if (!storageWorks()) showUnsaved(list);
    showProgress(list);
  }

  // Every tick saves at once: a reader may close the tab at any moment.
  function bindTicks(list) {
    list.root.addEventListener("change", function (event) {
      if (list.boxes.indexOf(event.target) === -1) return;
      save(list);
      showProgress(list);
    });
  }

  // Reset is a disclosure: the button opens a small confirm step under it (no dialog, no focus trap).
  function bindReset(list) {
    var button = list.root.querySelector("[data-checklist-reset]");
    var step = list.root.querySelector(".mih-checklist__confirm");
    function setOpen(open) {
      button.setAttribute("aria-expanded", String(open));
      step.hidden = !open;
    }
    // Focus goes back to the reset button, so keyboard users are not dropped at the top of the page.
    function close() {
      setOpen(false);
      button.focus();
    }
    button.addEventListener("click", function () { setOpen(step.hidden); });
    list.root.querySelector("[data-checklist-cancel]").addEventListener("click", close);
    list.root.querySelector("[data-checklist-confirm]").addEventListener("click", function () {
      list.boxes.forEach(function (box) { box.checked = false; });
      save(list);
      close();
      showProgress(list, list.status.getAttribute("data-cleared-text"));
    });
    // Escape closes the open step (focus on the reset button or in the step), like a popup.
    button.parentNode.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !step.hidden) close();
    });
  }

  // The footer's "clear everything" control has emptied storage; empty the boxes too.
  function bindForget(list) {
    list.root.addEventListener("mih:forget", function () {
      list.boxes.forEach(function (box) { box.checked = false; });
      showProgress(list);
    });
  }

  function setupChecklist(root) {
    if (root.hasAttribute("data-checklist-ready")) return; // already bound: never bind twice
    root.setAttribute("data-checklist-ready", "");
    var list = {
      root: root,
      key: KEY_PREFIX + root.getAttribute("data-checklist-id"),
      boxes: Array.prototype.slice.call(root.querySelectorAll("input[data-item-id]")),
      status: root.querySelector("[role=status]")
    };
    restoreTicks(list);
    bindTicks(list);
    bindReset(list);
    bindForget(list);
  }

  // Material's document$ fires on first load and after every instant navigation.
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="checklist"]'), setupChecklist);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
