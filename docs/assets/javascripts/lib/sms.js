/* Text-message length: how many characters a reader typed and how many text messages
 * (segments) a phone will send. No DOM here: unit-tested in Node.
 *
 * Phones send plain text in GSM-7 (160 characters in one message, 153 a message when split),
 * and anything else, such as an emoji or a curly quote, in UCS-2 (70, or 67 a message). One
 * character outside GSM-7 switches the whole message to UCS-2: smsLength names the first. */

// GSM 03.38's basic table (the escape code that starts an extension character is left out).
const GSM_BASIC = new Set(Array.from(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
));
// The extension table: each of these costs two septets (an escape code, then the character).
const GSM_EXTENSION = new Set(Array.from("^{}\\[~]|€\f"));

export const LIMITS = {
  gsm: { single: 160, split: 153 },
  ucs2: { single: 70, split: 67 },
};

// Typing that phones and word processors turn into characters outside GSM-7, with the plain
// character each stands for: a curly apostrophe or quote, a dash, an ellipsis, a hard space.
const PLAIN_FORMS = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟″]/g, '"'],
  [/[‐‑‒–—―]/g, "-"],
  [/…/g, "..."],
  [/[\u00a0\u2007\u202f\u2009\u200a]/g, " "],
];

// Septets one character costs in GSM-7, or 0 when GSM-7 cannot write it.
function gsmCost(character) {
  if (GSM_BASIC.has(character)) return 1;
  if (GSM_EXTENSION.has(character)) return 2;
  return 0;
}

// What each character costs in the encoding the phone will pick for the whole message.
function costs(characters) {
  const gsm = characters.map(gsmCost);
  if (gsm.every((cost) => cost > 0)) return { encoding: "gsm", units: gsm };
  // UCS-2 as phones really send it: UTF-16, so an emoji takes two units.
  return { encoding: "ucs2", units: characters.map((character) => character.length) };
}

// Messages needed: a character never splits across two messages (an escape code and its
// character, or the two halves of an emoji, stay together), so the last one may start early.
function countSegments(units, limits) {
  const total = units.reduce((sum, size) => sum + size, 0);
  if (total <= limits.single) return 1;
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > limits.split) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return segments;
}

// {characters, segments, gsm, forcing}: characters as a reader counts them (an emoji is one),
// the number of text messages, whether the cheap GSM-7 encoding fits (false means shorter
// messages), and the first character that does not fit it ("" when all do).
export function smsLength(text) {
  const characters = Array.from(String(text));
  const { encoding, units } = costs(characters);
  return {
    characters: characters.length,
    segments: countSegments(units, LIMITS[encoding]),
    gsm: encoding === "gsm",
    forcing: characters.find((character) => !gsmCost(character)) || "",
  };
}

// The text with typing that means a plain character written as that character (’ as ', “ ” as
// ", – as -, … as ...), so a curly apostrophe from a phone keyboard does not halve the room in
// a text message. Anything else, an emoji or a letter GSM-7 lacks, stays as written.
export function plainForms(text) {
  return PLAIN_FORMS.reduce((result, [pattern, plain]) => result.replace(pattern, plain), String(text));
}
