/* The share control at the end of every page (overrides/partials/share.html). Its email,
 * text and WhatsApp links work without this script; this adds the copy button's work and,
 * where the browser has one, the system share sheet. Only the page's public address
 * (data-url, the canonical address) is shared: never the fragment or anything typed. */

export function start(root) {
  const url = root.getAttribute("data-url");
  const title = root.getAttribute("data-title") || document.title;
  const status = root.querySelector(".mih-share__status");
  const say = (text) => { if (status) status.textContent = text; };

  const copy = root.querySelector('[data-share="copy"]');
  copy?.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(url);
      say(root.getAttribute("data-copied"));
    } catch {
      say(root.getAttribute("data-copy-failed"));
    }
  });

  const native = root.querySelector('[data-share="native"]');
  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", () => {
      navigator.share({ title, url }).catch(() => {}); // closing the sheet is not an error
    });
  }
}
