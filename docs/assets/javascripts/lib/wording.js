/* Sentences come from the page's markup (data-*-text attributes), so a maintainer can reword
 * them without touching code. This fills their {placeholders}. No DOM here: unit-tested in Node. */

// "{done} of {total} done" with {done: 3, total: 8} gives "3 of 8 done". One pass, so a value
// that itself contains "{done}" or "$&" is shown as typed. Unknown placeholders stay as written.
export function fillIn(sentence, values = {}) {
  return String(sentence).replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole);
}
