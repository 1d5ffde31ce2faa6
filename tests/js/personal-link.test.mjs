import test from "node:test";
import assert from "node:assert/strict";
import { personalLink, pageAddress, shareText } from "../../docs/assets/javascripts/lib/personal-link.js";
import { parseFragment, pickFields } from "../../docs/assets/javascripts/lib/fragment.js";

const tricky = [
  ["your_name", "Zoë Ménard-Núñez"],
  ["company", "Smith & Sons #2 + Co = 100%"],
  ["interviewer_name", "שרה כהן"],
  ["role", "  Cashier  "],
  ["your_email", ""],
];

test("every value survives the trip through fragment.js exactly", () => {
  const link = personalLink("https://advice.example.com/templates/forgot/", tricky);
  const hash = new URL(link).hash;
  const picked = pickFields(parseFragment(hash), tricky.map(([n]) => n));
  assert.equal(picked.get("your_name"), "Zoë Ménard-Núñez");
  assert.equal(picked.get("company"), "Smith & Sons #2 + Co = 100%");
  assert.equal(picked.get("interviewer_name"), "שרה כהן");
  assert.equal(picked.get("role"), "Cashier");
  assert.equal(picked.has("your_email"), false);
});

test("the link is plain ASCII with %20 for spaces and a single #", () => {
  const link = personalLink("https://a.example/t/#old", [["company", "A & B #1 + C"]]);
  assert.equal(link, "https://a.example/t/#company=A%20%26%20B%20%231%20%2B%20C");
  assert.match(link, /^[\x21-\x7e]+$/);
});

test("no details: the page address alone", () => {
  assert.equal(personalLink("https://a.example/t/", [["company", " "]]), "https://a.example/t/");
});

test("page addresses and share text", () => {
  assert.equal(pageAddress("https://a.example/site/", "templates/forgot/"), "https://a.example/site/templates/forgot/");
  assert.equal(pageAddress("https://a.example/", "/late/"), "https://a.example/late/");
  assert.equal(shareText("Open {link} today", "https://x/"), "Open https://x/ today");
  assert.equal(shareText("Open this:", "https://x/"), "Open this: https://x/");
});
