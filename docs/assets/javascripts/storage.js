/* The one way this site's scripts use the browser's storage. Privacy settings can block it
 * (even reading window.localStorage throws), it can be full, or refuse every write: each call
 * is guarded and says what happened instead of throwing. Components never touch
 * localStorage themselves. Uses only globalThis, so it is unit-tested in Node. */

// The storage object, or null when the browser blocks it.
function reach(name) {
  try {
    return globalThis[name] || null;
  } catch (error) {
    return null;
  }
}

// Runs one storage call; gives `fallback` when storage is blocked or the call throws.
function guarded(name, fallback, call) {
  const store = reach(name);
  if (!store) return fallback;
  try {
    return call(store);
  } catch (error) {
    return fallback;
  }
}

// One area ("localStorage" or "sessionStorage") with safe calls.
export function storageArea(name) {
  return {
    // The saved text, or null when there is none or storage is blocked.
    get: (key) => guarded(name, null, (store) => store.getItem(key)),
    // True when the browser kept the value; false when it refused (blocked or full).
    set: (key, value) => guarded(name, false, (store) => (store.setItem(key, value), true)),
    // True when the key is gone (or was never there); false when storage is blocked.
    remove: (key) => guarded(name, false, (store) => (store.removeItem(key), true)),
    // Every key now saved, or null when storage is blocked.
    keys: () => guarded(name, null, (store) => Array.from({ length: store.length }, (_, index) => store.key(index))),
    // The saved value parsed from JSON; null for nothing, garbage or blocked storage.
    getJSON: (key) => guarded(name, null, (store) => JSON.parse(store.getItem(key))),
    // Saves a value as JSON; true when the browser kept it.
    setJSON: (key, value) => guarded(name, false, (store) => (store.setItem(key, JSON.stringify(value)), true)),
    // Some browsers hand out a storage that refuses every write: try one before promising to keep anything.
    canWrite: () => guarded(name, false, (store) => {
      store.setItem("mih.probe", "1");
      store.removeItem("mih.probe");
      return true;
    }),
  };
}

// The two areas the site uses; localStorage survives closing the browser, sessionStorage does not.
export const local = storageArea("localStorage");
export const session = storageArea("sessionStorage");
