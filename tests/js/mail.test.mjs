// mailto: and sms: links.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isPlainEmail, mailtoHref, phoneForLink, smsHref } from "../../docs/assets/javascripts/lib/mail.js";

test("a plain address goes before the query; line ends become CRLF", () => {
  assert.equal(mailtoHref("lee@example.com", "Hi, Ms. Lee", "Line 1\nLine 2"),
    "mailto:lee@example.com?subject=Hi%2C%20Ms.%20Lee&body=Line%201%0D%0ALine%202");
  assert.equal(mailtoHref("a@b.example", "", "x\r\ny\rz").split("body=")[1], "x%0D%0Ay%0D%0Az");
});

test("anything but a plain address leaves the recipient empty", () => {
  for (const bad of ["lee@example.com?bcc=x@evil.example", "Lee <lee@example.com>", "javascript:alert(1)", "lee@example", ""]) {
    assert.equal(isPlainEmail(bad), false, bad);
    assert.ok(mailtoHref(bad, "s", "b").startsWith("mailto:?subject="), bad);
  }
});

test("& = + # in the text are encoded, so they cannot add to the query", () => {
  const href = mailtoHref("", "a&b=c", "1+1 #x %0D%0A&body=x");
  assert.equal(href, "mailto:?subject=a%26b%3Dc&body=1%2B1%20%23x%20%250D%250A%26body%3Dx");
});

test("half an emoji does not throw; it becomes a replacement character", () => {
  assert.equal(mailtoHref("", "\uD83D", "x\uDE42"), "mailto:?subject=%EF%BF%BD&body=x%EF%BF%BD");
  assert.equal(smsHref("", "🙂"), "sms:?&body=%F0%9F%99%82");
});

test("phone numbers keep digits and one leading plus", () => {
  assert.equal(phoneForLink("+1 (615) 555-0100"), "+16155550100");
  assert.equal(phoneForLink("615.555.0100 +"), "6155550100");
  assert.equal(phoneForLink("call me"), "");
  assert.equal(phoneForLink("123456"), "", "too short");
  assert.equal(phoneForLink("1234567890123456"), "", "too long for E.164");
});

test("sms links use the ?&body= form and keep \\n", () => {
  assert.equal(smsHref("+1 615 555 0100", "Hi\nthere"), "sms:+16155550100?&body=Hi%0Athere");
  assert.equal(smsHref("nope", "x"), "sms:?&body=x");
});

test("addresses with apostrophes or letters beyond ASCII are kept, percent-encoded", async () => {
  const { isPlainEmail, mailtoHref } = await import("../../docs/assets/javascripts/lib/mail.js");
  assert.equal(isPlainEmail("o'brien@example.com"), true);
  assert.equal(isPlainEmail("josé@exämple.com"), true);
  assert.equal(mailtoHref("o'brien@example.com", "s", "b"), "mailto:o'brien@example.com?subject=s&body=b");
  assert.equal(mailtoHref("josé@example.com", "s", "b"), "mailto:jos%C3%A9@example.com?subject=s&body=b");
  for (const bad of ["a b@example.com", "a@b", "a?x=1@example.com", "a..b@example.com", ".a@example.com", "a&b@example.com"]) {
    assert.equal(isPlainEmail(bad), false, bad);
  }
});

test("an extension stays out of the dialled number: tel: gets ;ext=, sms: none", async () => {
  const { phoneForLink, smsHref, telHref, splitPhone } = await import("../../docs/assets/javascripts/lib/mail.js");
  for (const typed of ["(615) 555-0100 ext. 12", "615-555-0100 x12", "615 555 0100 extension 12", "6155550100#12", "6155550100,12", "6155550100;ext=12"]) {
    assert.deepEqual(splitPhone(typed), { number: "6155550100", extension: "12" }, typed);
    assert.equal(phoneForLink(typed), "6155550100", typed);
    assert.equal(telHref(typed), "tel:6155550100;ext=12", typed);
    assert.equal(smsHref(typed, "hi"), "sms:6155550100?&body=hi", typed);
  }
  assert.equal(telHref("+1 615 555 0100"), "tel:+16155550100");
  assert.equal(telHref("call me"), "");
});
