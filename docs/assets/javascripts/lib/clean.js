/* What a reader types, made safe to show and to send: the preview is exactly what is sent.
 * No DOM here: unit-tested in Node. */

// Half of an emoji with its other half missing (from a paste, a link or old stored data).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters (tab and newline too: every field is one line) and the invisible
// direction marks that can reorder or hide what is sent (overrides, isolates, embeddings).
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Valid Unicode: a lone surrogate becomes the replacement character (encodeURIComponent and
// some apps throw on it).
export function wellFormed(text) {
  return String(text).replace(LONE_SURROGATE, "\uFFFD");
}

// One field's value as shown and sent: valid Unicode, no hidden characters, trimmed.
export function cleanValue(text) {
  return wellFormed(text).replace(HIDDEN, "").trim();
}
