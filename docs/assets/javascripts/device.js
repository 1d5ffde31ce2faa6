/* Handing text to the reader's device: the clipboard and a downloaded file. Used by the
 * message templates; kept apart so the pages without templates never load it. */

// Older browsers: copy from a text box kept off screen (class tpl-offscreen in the CSS).
function legacyCopy(text) {
  const box = document.createElement("textarea");
  box.value = text;
  box.setAttribute("readonly", "");
  box.className = "tpl-offscreen";
  document.body.appendChild(box);
  box.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch (error) {
    copied = false;
  }
  box.remove();
  return copied;
}

// Puts text on the clipboard; resolves to false when the browser would not let us.
export function copyText(text) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    return navigator.clipboard.writeText(text).then(() => true, () => legacyCopy(text));
  }
  return Promise.resolve(legacyCopy(text));
}

// Offers text as a file to save or open, like a calendar file. Made in the page (a blob:
// address), so nothing is sent anywhere.
export function saveFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the file after click() returns: give them time before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
