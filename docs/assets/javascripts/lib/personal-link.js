/* The staff link builder's address: a page's address plus the candidate's details in the
 * fragment, as lib/fragment.js reads them (#interviewer_name=Ms.%20Lee&company=Acme).
 * No DOM here: unit-tested in Node. */

// Every character that could end or change a name or value is percent-encoded: space (%20,
// never "+", which fragment.js reads as a space), "&", "=", "#", "+", "%" and non-ASCII.
function encode(text) {
  return encodeURIComponent(String(text));
}

// The full address: `pageUrl` (absolute) without any fragment, then "#name=value&..." for
// each pair whose value is not empty after trimming, in the order given. No pairs: no "#".
export function personalLink(pageUrl, pairs) {
  const base = String(pageUrl).split("#")[0];
  const parts = [];
  for (const [name, value] of pairs) {
    const text = String(value ?? "").trim();
    if (text) parts.push(`${encode(name)}=${encode(text)}`);
  }
  return parts.length ? `${base}#${parts.join("&")}` : base;
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
