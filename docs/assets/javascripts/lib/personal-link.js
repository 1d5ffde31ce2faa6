/* The staff link builder's links and messages: a page's address plus the candidate's details
 * in the fragment, as lib/fragment.js reads them (#n=Jordan+Smith&c=Example+Foods), and the
 * message a recruiter sends with it. No DOM here: unit-tested in Node. */

import { wellFormed } from "./clean.js";
import { shortName } from "./short-names.js";

// Characters percent-encoding would write as %XX that a fragment may carry as they are
// (RFC 3986 allows them there, and fragment.js reads them back unchanged): "," ":" "/" "@".
const KEPT = { "%2C": ",", "%3A": ":", "%2F": "/", "%40": "@" };
// Apps that turn text into links leave these out when they end a link ("...Ms. Lee."), so
// the link's last character is written as %XX if it is one of them.
const TRAILING = /[.,:;!?'()*]$/;

// One name or value, compact: a space is "+" (fragment.js reads "+" as a space, so a real
// plus is %2B), and "&", "=", "#", "%" and anything outside ASCII are percent-encoded.
export function encodePart(text) {
  return encodeURIComponent(wellFormed(text))
    .replace(/%20/g, "+")
    .replace(/%2C|%3A|%2F|%40/g, (code) => KEPT[code]);
}

// The full address: `pageUrl` (absolute) without any fragment, then "#name=value&..." for each
// pair whose value is not empty after trimming, in the order given; each name as its short
// name (lib/short-names.js). No pairs: no "#".
export function personalLink(pageUrl, pairs) {
  const base = String(pageUrl).split("#")[0];
  const parts = [];
  for (const [name, value] of pairs) {
    const text = String(value ?? "").trim();
    if (text) parts.push(`${encodePart(shortName(name))}=${encodePart(text)}`);
  }
  if (!parts.length) return base;
  const link = `${base}#${parts.join("&")}`;
  const last = link.slice(-1);
  return TRAILING.test(last) ? link.slice(0, -1) + "%" + last.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0") : link;
}

// A page's absolute address from the site's address and its path ("templates/forgot/").
export function pageAddress(siteUrl, path) {
  return new URL(String(path).replace(/^\//, ""), String(siteUrl)).href;
}

// The ready-to-send text: the wording with "{link}" replaced by the link (once, literally).
export function shareText(wording, link) {
  const text = String(wording);
  return text.includes("{link}") ? text.split("{link}").join(link) : `${text} ${link}`;
}

// The message a recruiter sends with the link, from sentences that say only what is true:
// `say(key, values)` gives the wording of one sentence ("hello_name" with {name}, ...).
// details: {candidate, recruiter, recruiterPhone, agency, agencyPhone, link, filled}, where
// `filled` is true when the link carries details, and empty strings are details not known.
export function recruiterMessage(say, details) {
  const { candidate, recruiter, recruiterPhone, agency, agencyPhone, link, filled } = details;
  const first = candidate ? say("hello_name", { name: candidate }) : say("hello", {});
  const who = recruiter ? say("from_recruiter", { recruiter, agency }) : say("from_agency", { agency });
  const sentences = [`${first} ${who}`, say("link", { link })];
  if (filled) sentences.push(say("filled", {}));
  if (recruiterPhone) sentences.push(say("call_recruiter", { phone: recruiterPhone }));
  else if (agencyPhone) sentences.push(say("call_agency", { phone: agencyPhone }));
  return sentences.filter(Boolean).join(" ");
}

// "https://wa.me/15555550188?text=...": WhatsApp's own address for a message, to the number
// when it can be written the way WhatsApp wants (country code and digits: a US number of 10
// digits gets its 1), else to no one (the recruiter picks the chat).
export function whatsappHref(phone, text) {
  const raw = String(phone ?? "").trim();
  let digits = raw.replace(/\D/g, "");
  if (!raw.startsWith("+") && digits.length === 10) digits = "1" + digits;
  const ok = digits.length >= 8 && digits.length <= 15 && (raw.startsWith("+") || (digits.length === 11 && digits.startsWith("1")));
  return "https://wa.me/" + (ok ? digits : "") + "?text=" + encodeURIComponent(wellFormed(text));
}
