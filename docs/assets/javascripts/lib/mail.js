/* mailto: and sms: links that open the reader's own app with the message filled in.
 * No DOM here: unit-tested in Node. */

// One address, no display name: letters of any script, digits and the specials RFC 5322 allows
// in a local part (like o'brien@ or josé@). Nothing that would end the address in a link:
// no spaces, "?", "&", "%", ",", ";", quotes or angle brackets.
const EMAIL = /^[\p{L}\p{N}!#$'*+/=^_`{|}~.-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;
// Half of an emoji with its other half missing: encodeURIComponent would throw on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Percent-encoded text; mail wants CRLF line ends (RFC 6068), text messages keep "\n".
function encode(text, crlf) {
  const whole = String(text).replace(LONE_SURROGATE, "\uFFFD");
  return encodeURIComponent(crlf ? whole.replace(/\r\n|\r|\n/g, "\r\n") : whole);
}

// True for an address we dare put before "?" in a mailto: link.
export function isPlainEmail(address) {
  const text = String(address);
  return EMAIL.test(text) && !text.startsWith(".") && !text.includes("..") && !/\.@/.test(text);
}

// The address as it goes in a mailto: link: letters outside ASCII percent-encoded (UTF-8),
// and "#" too (allowed in an address, but in a link it starts the fragment, and the mail
// app would lose the subject and the body after it).
function addressForLink(address) {
  const [local, domain] = address.split("@");
  const safe = (part) => part.replace(/[^A-Za-z0-9!$'*+/=^_`{|}~.@-]/gu, (char) => encodeURIComponent(char));
  return safe(local) + "@" + safe(domain);
}

// An extension after the number: "ext. 12", "x12", "extension 12", "#12", ",12" or ";ext=12".
const EXTENSION = /\s*(?:;\s*ext\s*=|,+|#|\b(?:ext(?:ension)?\.?|x)\s*)\s*(\d{1,8})\s*$/i;

// {number, extension}: the number to dial (digits with one leading "+", or "" when it cannot
// be a phone number: 7 to 15 digits, as E.164 allows) and any extension, kept apart.
export function splitPhone(phone) {
  const text = String(phone).trim();
  const match = EXTENSION.exec(text);
  const main = match ? text.slice(0, match.index) : text;
  const number = main.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  const digits = number.replace(/\D/g, "").length;
  return { number: digits >= 7 && digits <= 15 ? number : "", extension: match ? match[1] : "" };
}

// The number to dial or text, without any extension ("" when it is not a phone number).
export function phoneForLink(phone) {
  return splitPhone(phone).number;
}

// "tel:+16155550100;ext=12" (RFC 3966), or "" when there is no number to call.
export function telHref(phone) {
  const { number, extension } = splitPhone(phone);
  if (!number) return "";
  return "tel:" + number + (extension ? ";ext=" + extension : "");
}

// "mailto:to?subject=...&body=..."; a doubtful address leaves the recipient empty.
export function mailtoHref(to, subject, body) {
  const address = isPlainEmail(to) ? addressForLink(String(to)) : "";
  return "mailto:" + address + "?subject=" + encode(subject, true) + "&body=" + encode(body, true);
}

// "sms:number?&body=...": the "?&" form works on both iPhone and Android.
export function smsHref(phone, body) {
  return "sms:" + phoneForLink(phone) + "?&body=" + encode(body, false);
}
