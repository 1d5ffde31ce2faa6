/* Staff links fill in a template page: #interviewer_name=Ms.%20Lee&company=Acme.
 * The part after "#" never reaches a server. No DOM here: unit-tested in Node. */

// [name, value] pairs from a location.hash, or null for a plain anchor such as "#tpl-text".
export function parseFragment(hash) {
  const text = String(hash).replace(/^#/, "");
  if (!text.includes("=")) return null;
  // "+" stays a plus (phone numbers like +1 615...); staff write a space as %20.
  return Array.from(new URLSearchParams(text.replace(/\+/g, "%2B")));
}

// Only the page's own field names, only strings, each cut to maxLength, in a Map: a name such
// as "__proto__" or "constructor" is never looked up on an object, so it can never be a field.
export function pickFields(pairs, fieldNames, maxLength = 10000) {
  const allowed = new Set(fieldNames);
  const picked = new Map();
  for (const [name, value] of pairs) {
    if (allowed.has(name) && typeof value === "string") picked.set(name, value.slice(0, maxLength));
  }
  return picked;
}
