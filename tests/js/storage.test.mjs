// The shared storage wrapper: works, or says it did not, when storage is blocked or full.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { local, session, storageArea } from "../../docs/assets/javascripts/storage.js";

// A Storage look-alike backed by a Map.
class FakeStorage {
  constructor() { this.items = new Map(); }
  get length() { return this.items.size; }
  key(index) { return [...this.items.keys()][index] ?? null; }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

// Installs globalThis[name] for one test: a value, or a getter that throws like a blocked browser.
function install(name, value) {
  Object.defineProperty(globalThis, name, { configurable: true, get: () => value });
}
function block(name) {
  Object.defineProperty(globalThis, name, { configurable: true, get: () => { throw new Error("SecurityError"); } });
}

afterEach(() => {
  delete globalThis.localStorage;
  delete globalThis.sessionStorage;
});

test("get, set, remove and keys on working storage", () => {
  install("localStorage", new FakeStorage());
  assert.equal(local.get("a"), null);
  assert.equal(local.set("a", "1"), true);
  assert.equal(local.get("a"), "1");
  assert.deepEqual(local.keys(), ["a"]);
  assert.equal(local.remove("a"), true);
  assert.equal(local.remove("never-there"), true);
  assert.deepEqual(local.keys(), []);
  assert.equal(local.canWrite(), true);
  assert.deepEqual(local.keys(), [], "the probe leaves nothing behind");
});

test("JSON in and out; garbage reads as null", () => {
  const store = new FakeStorage();
  install("localStorage", store);
  assert.equal(local.setJSON("k", { version: 1, ticked: ["a"] }), true);
  assert.deepEqual(local.getJSON("k"), { version: 1, ticked: ["a"] });
  store.setItem("k", "not json{");
  assert.equal(local.getJSON("k"), null);
  assert.equal(local.getJSON("missing"), null);
});

test("blocked storage (even reaching it throws): nothing throws, everything says no", () => {
  block("localStorage");
  assert.equal(local.get("a"), null);
  assert.equal(local.set("a", "1"), false);
  assert.equal(local.remove("a"), false);
  assert.equal(local.keys(), null);
  assert.equal(local.getJSON("a"), null);
  assert.equal(local.setJSON("a", {}), false);
  assert.equal(local.canWrite(), false);
});

test("no storage at all (an old or locked-down browser)", () => {
  assert.equal(local.get("a"), null);
  assert.equal(local.set("a", "1"), false);
  assert.equal(local.canWrite(), false);
});

test("full storage: reads work, writes say no", () => {
  const store = new FakeStorage();
  store.setItem("old", "1");
  store.setItem = () => { throw new Error("QuotaExceededError"); };
  install("localStorage", store);
  assert.equal(local.get("old"), "1");
  assert.equal(local.set("a", "1"), false);
  assert.equal(local.setJSON("a", [1]), false);
  assert.equal(local.canWrite(), false);
  assert.equal(local.remove("old"), true);
});

test("a value JSON cannot write (a cycle) says no instead of throwing", () => {
  install("localStorage", new FakeStorage());
  const cycle = {};
  cycle.self = cycle;
  assert.equal(local.setJSON("a", cycle), false);
});

test("the two areas are separate", () => {
  install("localStorage", new FakeStorage());
  install("sessionStorage", new FakeStorage());
  session.set("s", "1");
  assert.equal(local.get("s"), null);
  assert.equal(storageArea("sessionStorage").get("s"), "1");
});
