/* Small DOM helpers the components share: wording from the markup and screen-reader
 * announcements. Text only ever goes in through textContent. */

import { fillIn } from "./lib/wording.js";

// A sentence from the markup: the element's data-NAME-text attribute with its {placeholders}
// filled in. The words live in the page, not here, so they can change without code.
export function wording(element, name, values = {}) {
  return fillIn(element.getAttribute("data-" + name + "-text") || "", values);
}

// Says a message in a live region. Emptied first, then filled a moment later, so screen
// readers announce the same message a second time too.
export function announce(region, message) {
  if (!region) return;
  region.textContent = "";
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}
