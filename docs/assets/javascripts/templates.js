/* Message templates: one set of fields fills every message on the page, live.
 * Progressive enhancement: without this script the messages read with [blanks].
 * Values are only ever written with textContent or createTextNode, never as markup. */
(function () {
  "use strict";

  var STORE = "mih.details";
  var MAX = 10000;
  var ZONE = "America/Chicago";
  var EMAIL = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
  var DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;
  var GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡" +
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var GSM_EXT = "^{}\\[~]|€\f";

  // Material swaps pages without reloading; run for every page it shows.
  function start() {
    document.querySelectorAll('[data-module="message-template"]').forEach(setupTemplate);
  }

  function setupTemplate(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector(".tpl-form");
    var page = {
      root: root,
      inputs: {},
      texts: [],
      status: form.querySelector(".tpl-done"),
      remember: form.querySelector("#tpl-remember"),
      zone: form.querySelector('[data-field="time_zone"]'),
      timer: 0
    };
    form.querySelectorAll("input[data-field], select[data-field]").forEach(function (el) {
      page.inputs[el.dataset.field] = el;
    });
    root.querySelectorAll(".tpl-text").forEach(function (el) {
      page.texts.push({ el: el, channel: el.closest("[data-channel]"), part: el.dataset.part, parts: readParts(el) });
    });
    restore(page);
    // The form, buttons and counts only work with this script, so only it shows them.
    root.querySelectorAll("[hidden]").forEach(function (el) { el.hidden = false; });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function (event) { onInput(page, event); });
    form.addEventListener("change", function (event) { onInput(page, event); });
    root.addEventListener("click", function (event) { onClick(page, event); });
    // The footer's "clear everything" control (forget.js) empties the form too.
    root.addEventListener("mih:forget", function () { clearAll(page); });
    render(page, true);
  }

  // The message as written: literal text and named blanks, read back from the server's markup.
  function readParts(el) {
    return Array.prototype.map.call(el.childNodes, function (node) {
      if (node.nodeType === 1 && node.dataset.field) return { field: node.dataset.field, blank: node.textContent };
      return { text: node.textContent };
    });
  }

  // ---- Values ----------------------------------------------------------------------------

  function raw(page, id) {
    var el = page.inputs[id];
    return el ? el.value.trim() : "";
  }

  // What a field reads as in a message; dates are spelled out with their time zone.
  function display(page, id) {
    var value = raw(page, id);
    var el = page.inputs[id];
    if (!value || !el || el.dataset.kind !== "datetime") return value;
    var m = DATETIME.exec(value);
    if (!m) return "";
    var date = new Date(Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5]));
    var text = new Intl.DateTimeFormat("en-US", {
      weekday: "long", month: "long", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC"
    }).format(date);
    // Newer browsers put a narrow space before "AM", which would make a text message cost more.
    return text.replace(/[\u202f\u00a0]/g, " ") + " " + zoneInfo(page).name;
  }

  function zoneInfo(page) {
    var option = page.zone && page.zone.selectedOptions[0];
    if (!option) return { id: ZONE, name: "Central Time", std: "-0600 CST", dst: "-0500 CDT" };
    return { id: option.value, name: option.dataset.name, std: option.dataset.std, dst: option.dataset.dst };
  }

  function optionalEmpty(page, id) {
    var el = page.inputs[id];
    return !!el && el.hasAttribute("data-optional") && !raw(page, id);
  }

  // ---- Rendering ---------------------------------------------------------------------------

  // Split into lines; in a body, leave out a line that holds only empty optional blanks, like "- [a third time]".
  function lines(page, parts, keepAll) {
    var out = [[]];
    parts.forEach(function (part) {
      if (part.field) { out[out.length - 1].push(part); return; }
      part.text.split("\n").forEach(function (piece, i) {
        if (i) out.push([]);
        if (piece) out[out.length - 1].push({ text: piece });
      });
    });
    return out.filter(function (line) { return keepAll || !droppable(page, line); });
  }

  function droppable(page, line) {
    var blanks = 0;
    for (var i = 0; i < line.length; i++) {
      var part = line[i];
      if (part.field) {
        if (!optionalEmpty(page, part.field)) return false;
        blanks++;
      } else if (/[\p{L}\p{N}]/u.test(part.text)) {
        return false;
      }
    }
    return blanks > 0;
  }

  function plain(page, item) {
    return lines(page, item.parts, item.part !== "body").map(function (line) {
      return line.map(function (part) {
        return part.field ? display(page, part.field) || part.blank : part.text;
      }).join("");
    }).join("\n");
  }

  function paint(page, item) {
    var fragment = document.createDocumentFragment();
    lines(page, item.parts, item.part !== "body").forEach(function (line, i) {
      if (i) fragment.appendChild(document.createTextNode("\n"));
      line.forEach(function (part) { fragment.appendChild(node(page, part)); });
    });
    item.el.replaceChildren(fragment);
  }

  // A filled value is isolated (<bdi>) so right-to-left text cannot reorder the sentence around it.
  function node(page, part) {
    if (!part.field) return document.createTextNode(part.text);
    var value = display(page, part.field);
    var el = document.createElement(value ? "bdi" : "span");
    el.className = value ? "tpl-value" : "tpl-blank";
    el.dataset.field = part.field;
    el.textContent = value || part.blank;
    return el;
  }

  function textOf(page, channel, part) {
    var item = page.texts.find(function (t) { return t.channel.dataset.channel === channel && t.part === part; });
    return item ? plain(page, item) : "";
  }

  function render(page, quiet) {
    page.texts.forEach(function (item) { paint(page, item); });
    var mail = page.root.querySelector('[data-action="mailto"]');
    if (mail) mail.setAttribute("href", mailto(raw(page, fieldOf(page, "email")), textOf(page, "email", "subject"), textOf(page, "email", "body")));
    var sms = page.root.querySelector('[data-action="sms"]');
    if (sms) sms.setAttribute("href", smsLink(raw(page, fieldOf(page, "text")), textOf(page, "text", "body")));
    var count = page.root.querySelector(".tpl-count");
    if (count) {
      clearTimeout(page.timer);
      // Wait for a pause in typing, so screen readers do not announce every keystroke.
      var show = function () { count.textContent = smsText(smsCount(textOf(page, "text", "body"))); };
      if (quiet) show(); else page.timer = setTimeout(show, 600);
    }
  }

  // The field a channel's "To:" line names, like interviewer_email.
  function fieldOf(page, channel) {
    var item = page.texts.find(function (t) { return t.channel.dataset.channel === channel && t.part === "to"; });
    var blank = item && item.parts.find(function (p) { return p.field; });
    return blank ? blank.field : "";
  }

  // ---- Links -------------------------------------------------------------------------------

  function encode(text, crlf) {
    return encodeURIComponent(crlf ? text.replace(/\r?\n/g, "\r\n") : text);
  }

  // Only a plain address goes before "?"; anything else leaves the recipient empty.
  function mailto(to, subject, body) {
    var address = EMAIL.test(to) ? to : "";
    return "mailto:" + address + "?subject=" + encode(subject, true) + "&body=" + encode(body, true);
  }

  // Digits and a leading + only; "?&body=" works on both iPhone and Android.
  function smsLink(phone, body) {
    var number = phone.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
    var digits = number.replace(/\D/g, "").length;
    return "sms:" + (digits >= 7 && digits <= 15 ? number : "") + "?&body=" + encode(body, false);
  }

  // ---- Text-message length ---------------------------------------------------------------

  function smsCount(text) {
    var septets = 0;
    var gsm = true;
    for (var ch of text) {
      if (GSM.indexOf(ch) >= 0) septets += 1;
      else if (GSM_EXT.indexOf(ch) >= 0) septets += 2;
      else { gsm = false; break; }
    }
    var units = gsm ? septets : text.length;
    var single = gsm ? 160 : 70;
    var part = gsm ? 153 : 67;
    return { chars: Array.from(text).length, parts: units <= single ? 1 : Math.ceil(units / part), gsm: gsm };
  }

  function smsText(count) {
    var text = count.chars + " characters · " + count.parts + (count.parts === 1 ? " text message" : " text messages");
    if (!count.gsm) text += ". Some characters, like emoji or curly quotes, make each text message shorter.";
    return text;
  }

  // ---- Actions -----------------------------------------------------------------------------

  function onClick(page, event) {
    var button = event.target.closest("button[data-action]");
    if (!button || !page.root.contains(button)) return;
    var action = button.dataset.action;
    if (action === "copy") copyPart(page, button);
    else if (action === "ics") calendar(page, button);
    else if (action === "clear") clearAll(page);
  }

  function announce(region, message) {
    if (!region) return;
    // Empty first, so the same message twice is still read out.
    region.textContent = "";
    setTimeout(function () { region.textContent = message; }, 50);
  }

  function copyPart(page, button) {
    var section = button.closest("[data-channel]");
    var text = textOf(page, section.dataset.channel, button.dataset.part);
    var region = section.querySelector(".tpl-done");
    writeClipboard(text).then(function (ok) {
      button.focus();
      if (!ok) { announce(region, "Could not copy. Select the text and copy it yourself."); return; }
      var missing = emptyRequired(page, section, button.dataset.part);
      announce(region, missing.length ? "Copied. Still blank: " + missing.join(", ") + "." : "Copied.");
    });
  }

  function emptyRequired(page, section, part) {
    var item = page.texts.find(function (t) { return t.channel === section && t.part === part; });
    var names = [];
    item.parts.forEach(function (p) {
      var el = page.inputs[p.field];
      if (p.field && el && !el.hasAttribute("data-optional") && !raw(page, p.field) && names.indexOf(el.dataset.label) < 0) {
        names.push(el.dataset.label);
      }
    });
    return names;
  }

  function writeClipboard(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  // Older browsers: copy from a hidden text box.
  function legacyCopy(text) {
    var box = document.createElement("textarea");
    box.value = text;
    box.setAttribute("readonly", "");
    box.className = "tpl-offscreen";
    document.body.appendChild(box);
    box.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    box.remove();
    return ok;
  }

  // ---- Calendar file (.ics, RFC 5545) -------------------------------------------------------

  function calendar(page, button) {
    var field = button.dataset.field;
    var region = button.closest("section").querySelector(".tpl-done");
    var m = DATETIME.exec(raw(page, field));
    if (!m) {
      announce(region, "First fill in: " + page.inputs[field].dataset.label + ".");
      page.inputs[field].focus();
      return;
    }
    var company = raw(page, "company");
    var summary = button.dataset.summary + (company ? " at " + company : "");
    var notes = button.dataset.details.split(" ").filter(function (id) { return raw(page, id); }).map(function (id) {
      return page.inputs[id].dataset.label + ": " + raw(page, id);
    });
    var reminders = button.dataset.reminders ? button.dataset.reminders.split(" ").map(Number) : [];
    var text = ics(m, +button.dataset.minutes, zoneInfo(page), summary, notes.join("\n"), reminders);
    download(field.replace(/_at$/, "").replace(/_/g, "-") + ".ics", text);
    announce(region, "Calendar file downloaded. Open it to add the event.");
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function stamp(date) {
    return date.getUTCFullYear() + pad(date.getUTCMonth() + 1) + pad(date.getUTCDate()) + "T" +
      pad(date.getUTCHours()) + pad(date.getUTCMinutes()) + pad(date.getUTCSeconds());
  }

  function uid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) { return pad16(b); }).join("");
  }

  function pad16(b) { return (b < 16 ? "0" : "") + b.toString(16); }

  // Text values escape backslash, semicolon, comma and newline; control characters are dropped.
  function escapeText(text) {
    return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  }

  // Lines longer than 75 octets (UTF-8 bytes) continue on the next line after CRLF and a space.
  function fold(line) {
    var out = "";
    var used = 0;
    for (var ch of line) {
      var cp = ch.codePointAt(0);
      var size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + size > 75) { out += "\r\n "; used = 1; }
      out += ch;
      used += size;
    }
    return out;
  }

  function vtimezone(zone) {
    var std = zone.std.split(" ");
    if (!zone.dst) {
      return ["BEGIN:VTIMEZONE", "TZID:" + zone.id, "BEGIN:STANDARD", "DTSTART:19700101T000000",
        "TZOFFSETFROM:" + std[0], "TZOFFSETTO:" + std[0], "TZNAME:" + std[1], "END:STANDARD", "END:VTIMEZONE"];
    }
    var dst = zone.dst.split(" ");
    // US rules since 2007: summer time from the 2nd Sunday in March to the 1st Sunday in November.
    return ["BEGIN:VTIMEZONE", "TZID:" + zone.id,
      "BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "TZOFFSETFROM:" + std[0], "TZOFFSETTO:" + dst[0],
      "TZNAME:" + dst[1], "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
      "BEGIN:STANDARD", "DTSTART:20071104T020000", "TZOFFSETFROM:" + dst[0], "TZOFFSETTO:" + std[0],
      "TZNAME:" + std[1], "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE"];
  }

  function ics(m, minutes, zone, summary, notes, reminders) {
    // Wall-clock arithmetic in UTC, so the local start and end are written as typed.
    var start = new Date(Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5]));
    var end = new Date(start.getTime() + minutes * 60000);
    var event = [
      "BEGIN:VEVENT",
      "UID:" + uid() + "@" + (location.host || "missed-interview-help"),
      "DTSTAMP:" + stamp(new Date()) + "Z",
      "DTSTART;TZID=" + zone.id + ":" + stamp(start),
      "DTEND;TZID=" + zone.id + ":" + stamp(end),
      "SUMMARY:" + escapeText(summary),
      "DESCRIPTION:" + escapeText(notes)
    ];
    reminders.forEach(function (before) {
      event.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + escapeText(summary), "TRIGGER:-PT" + before + "M", "END:VALARM");
    });
    event.push("END:VEVENT");
    var all = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Missed Interview Help//Message templates//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH"].concat(vtimezone(zone), event, ["END:VCALENDAR"]);
    return all.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // ---- Keeping details: memory by default, this device only if asked ---------------------

  function readStore() {
    try {
      var data = JSON.parse(localStorage.getItem(STORE) || "null");
      return data && data.version === 1 && data.values && typeof data.values === "object" ? data.values : null;
    } catch (error) {
      return null;
    }
  }

  function writeStore(page) {
    var values = readStore() || {};
    Object.keys(page.inputs).forEach(function (id) {
      var value = page.inputs[id].value;
      if (value) values[id] = value; else delete values[id];
    });
    try {
      localStorage.setItem(STORE, JSON.stringify({ version: 1, values: values }));
      return true;
    } catch (error) {
      return false;
    }
  }

  function dropStore() {
    try { localStorage.removeItem(STORE); } catch (error) { /* Storage is blocked: nothing was kept. */ }
  }

  // Only known fields, only strings, never longer than MAX.
  function fill(page, values) {
    var count = 0;
    Object.keys(values).forEach(function (id) {
      var el = page.inputs[id];
      if (!el || typeof values[id] !== "string") return;
      el.value = values[id].slice(0, MAX);
      count += el.value ? 1 : 0;
    });
    if (page.zone && !page.zone.value) page.zone.value = ZONE;
    return count;
  }

  // Staff links: #interviewer_name=Ms.%20Lee&company=Acme. The fragment never reaches a server.
  function readFragment() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) return null;
    // Keep "+" as a plus (phone numbers); staff write spaces as %20.
    var params = new URLSearchParams(hash.replace(/\+/g, "%2B"));
    var values = {};
    params.forEach(function (value, key) { values[key] = value; });
    // Do not leave the details in the address bar of a shared computer.
    history.replaceState(history.state, "", location.pathname + location.search);
    return values;
  }

  function restore(page) {
    var stored = readStore();
    if (stored) {
      fill(page, stored);
      page.remember.checked = true;
    }
    var linked = readFragment();
    if (linked && fill(page, linked)) {
      announce(page.root.querySelector(".tpl-prefilled"), "Some details were filled in from your link. Check them before you send.");
      if (page.remember.checked) writeStore(page);
    }
  }

  function onInput(page, event) {
    if (event.target === page.remember) {
      if (event.type !== "change") return;
      toggleRemember(page);
      return;
    }
    if (event.type === "change" && event.target.dataset.kind !== "datetime" && event.target !== page.zone) return;
    render(page, false);
    if (page.remember.checked) writeStore(page);
  }

  function toggleRemember(page) {
    if (!page.remember.checked) {
      dropStore();
      announce(page.status, "Your details will not be kept on this device.");
    } else if (writeStore(page)) {
      announce(page.status, "Your details will be kept on this device until you clear them.");
    } else {
      page.remember.checked = false;
      announce(page.status, "This browser cannot keep your details. They stay on this page until you close it.");
    }
  }

  function clearAll(page) {
    Object.keys(page.inputs).forEach(function (id) { page.inputs[id].value = ""; });
    if (page.zone) page.zone.value = ZONE;
    page.remember.checked = false;
    dropStore();
    render(page, true);
    announce(page.status, "Your details are cleared from this page and this device.");
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
