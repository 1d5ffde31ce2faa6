/* Redirect pages (mkdocs-redirects, made CSP-safe by scripts/hooks/outputs.py): go to the
 * page's canonical address and keep the fragment, so a personal link such as
 * /late/#your_name=Jordan still fills in the page it lands on. Without this script the
 * page's meta refresh still goes there (without the fragment). */
const canonical = document.querySelector('link[rel="canonical"]');
if (canonical) {
  const target = new URL(canonical.getAttribute("href"), window.location.href);
  target.hash = window.location.hash;
  window.location.replace(target.href);
}
