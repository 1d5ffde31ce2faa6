/* Personal links fill in the site's pages: #n=Jordan+Smith&interviewer_name=Ms.%20Lee.
 * The part after "#" never reaches a server. No DOM here: unit-tested in Node. */

import { wellFormed } from "./clean.js";


// [name, value] pairs from a location.hash, or null for a plain anchor such as "#tpl-text".
// "+" is a space, as in any web form's address (a plus in a phone number is written %2B).
export function parseFragment(hash) {
  const text = String(hash).replace(/^#/, "");
  if (!text.includes("=")) return null;
  return Array.from(new URLSearchParams(text));
}

// Only the page's own fields (`fieldNames`, their ids), matched whatever the case, or by any
// name `names` gives them (lower-cased name -> field id, such as the short names of a
// personal link: lib/short-names.js linkNames); only strings, each cut to maxLength and
// repaired, in a Map: a name such as "__proto__" or "constructor" is never looked up on an
// object, so it can never be a field. Names the page does not have are listed in `unknown`
// (once each, as written), so the page can tell the reader (lib/link-arrival.js unknownNames).
export function readFields(pairs, fieldNames, maxLength = 10000, names = null) {
  const ids = Array.from(fieldNames, String);
  const allowed = new Map(Array.from(names || []).filter(([, id]) => ids.includes(id)));
  for (const id of ids) allowed.set(id.toLowerCase(), id);
  const picked = new Map();
  const unknown = [];
  for (const [name, value] of pairs) {
    const field = typeof name === "string" ? allowed.get(name.toLowerCase()) : undefined;
    if (field === undefined) {
      if (typeof name === "string" && name && !unknown.includes(name)) unknown.push(name);
    } else if (typeof value === "string") {
      picked.set(field, wellFormed(value.slice(0, maxLength)));
    }
  }
  return { picked, unknown };
}

// The picked fields alone (see readFields).
export function pickFields(pairs, fieldNames, maxLength = 10000, names = null) {
  return readFields(pairs, fieldNames, maxLength, names).picked;
}
