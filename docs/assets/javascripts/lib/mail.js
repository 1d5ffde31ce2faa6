/* mailto: and sms: links that open the reader's own app with the message filled in.
 * No DOM here: unit-tested in Node. */

// A plain address only: anything with "?", spaces or a display name would add to the link.
const EMAIL = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
// Half of an emoji with its other half missing: encodeURIComponent would throw on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Percent-encoded text; mail wants CRLF line ends (RFC 6068), text messages keep "\n".
function encode(text, crlf) {
  const whole = String(text).replace(LONE_SURROGATE, "\uFFFD");
  return encodeURIComponent(crlf ? whole.replace(/\r\n|\r|\n/g, "\r\n") : whole);
}

// True for an address we dare put before "?" in a mailto: link.
export function isPlainEmail(address) {
  return EMAIL.test(address);
}

// The number as digits with one leading "+", or "" when it cannot be a phone number
// (7 to 15 digits, as E.164 allows): then the reader picks the contact in the app.
export function phoneForLink(phone) {
  const number = String(phone).replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  const digits = number.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15 ? number : "";
}

// "mailto:to?subject=...&body=..."; a doubtful address leaves the recipient empty.
export function mailtoHref(to, subject, body) {
  const address = isPlainEmail(to) ? to : "";
  return "mailto:" + address + "?subject=" + encode(subject, true) + "&body=" + encode(body, true);
}

// "sms:number?&body=...": the "?&" form works on both iPhone and Android.
export function smsHref(phone, body) {
  return "sms:" + phoneForLink(phone) + "?&body=" + encode(body, false);
}
