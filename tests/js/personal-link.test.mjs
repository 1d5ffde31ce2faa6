// The staff link builder's links and messages (lib/personal-link.js).
import test from "node:test";
import assert from "node:assert/strict";
import { encodePart, pageAddress, personalLink, recruiterMessage, shareText, whatsappHref } from "../../docs/assets/javascripts/lib/personal-link.js";
import { parseFragment, pickFields } from "../../docs/assets/javascripts/lib/fragment.js";
import { SHORT_NAMES, linkNames } from "../../docs/assets/javascripts/lib/short-names.js";

const tricky = [
  ["your_name", "Zoë Ménard-Núñez"],
  ["company", "Smith & Sons #2 + Co = 100%"],
  ["interviewer_name", "שרה כהן"],
  ["role", "  Cashier  "],
  ["your_email", ""],
  ["original_time", "Tue May 6, 2:30 PM (Room 4/B) @ desk"],
];

test("every value survives the trip through fragment.js exactly", () => {
  const link = personalLink("https://advice.example.com/templates/forgot/", tricky);
  const ids = tricky.map(([n]) => n);
  const picked = pickFields(parseFragment(new URL(link).hash), ids, 10000, linkNames(ids));
  assert.equal(picked.get("your_name"), "Zoë Ménard-Núñez");
  assert.equal(picked.get("company"), "Smith & Sons #2 + Co = 100%");
  assert.equal(picked.get("interviewer_name"), "שרה כהן");
  assert.equal(picked.get("role"), "Cashier");
  assert.equal(picked.get("original_time"), "Tue May 6, 2:30 PM (Room 4/B) @ desk");
  assert.equal(picked.has("your_email"), false);
});

test("links are compact: short names, + for spaces, plain , : / @ and a single #", () => {
  const link = personalLink("https://a.example/t/#old", [["company", "A & B #1 + C"], ["original_time", "Tue May 6, 2 PM"]]);
  assert.equal(link, "https://a.example/t/#c=A+%26+B+%231+%2B+C&t=Tue+May+6,+2+PM");
  assert.match(link, /^[\x21-\x7e]+$/);
  assert.equal(encodePart("a:b/c@d,e f"), "a:b/c@d,e+f");
});

test("five typical details make a fragment of 69 characters", () => {
  const five = [["your_name", "Jordan Smith"], ["interviewer_name", "Ms. Lee"], ["company", "Example Foods"], ["role", "Cashier"], ["original_time", "Tue May 6, 2 PM"]];
  const link = personalLink("https://advice.example.com/missed/", five);
  assert.equal(link, "https://advice.example.com/missed/#n=Jordan+Smith&i=Ms.+Lee&c=Example+Foods&r=Cashier&t=Tue+May+6,+2+PM");
  assert.equal(new URL(link).hash.length, 69);
});

test("a field without a short name goes by its id", () => {
  assert.equal(personalLink("https://a.example/", [["new_field", "x"]]), "https://a.example/#new_field=x");
  assert.equal(SHORT_NAMES.your_name, "n");
});

test("a link never ends in punctuation an app would leave out of it", () => {
  assert.equal(personalLink("https://a.example/", [["your_name", "Sam Rivera Jr."]]), "https://a.example/#n=Sam+Rivera+Jr%2E");
  assert.equal(personalLink("https://a.example/", [["company", "Acme (East)"]]), "https://a.example/#c=Acme+(East%29");
  const picked = pickFields(parseFragment(new URL("https://a.example/#n=Sam+Rivera+Jr%2E").hash), ["your_name"], 10000, linkNames(["your_name"]));
  assert.equal(picked.get("your_name"), "Sam Rivera Jr.");
});

test("a lone surrogate is repaired instead of throwing", () => {
  assert.equal(personalLink("https://a.example/", [["company", "A\uD800"]]), "https://a.example/#c=A%EF%BF%BD");
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

const WORDS = {
  hello: "Hi,", hello_name: "Hi {name},", from_recruiter: "this is {recruiter} at {agency}.", from_agency: "this is {agency}.",
  link: "Here is the page: {link}", filled: "I filled in your details.", call_recruiter: "Call me at {phone}.", call_agency: "Call us at {phone}.",
};
const say = (key, values) => WORDS[key].replace(/\{(\w+)\}/g, (_, name) => values[name]);

test("the message names the agency and the recruiter, and says only what is true", () => {
  const full = recruiterMessage(say, { candidate: "Jordan", recruiter: "Sam", recruiterPhone: "(555) 555-0177", agency: "Acme Staffing", agencyPhone: "(615) 555-0142", link: "https://x/#n=Jordan", filled: true });
  assert.equal(full, "Hi Jordan, this is Sam at Acme Staffing. Here is the page: https://x/#n=Jordan I filled in your details. Call me at (555) 555-0177.");
  const bare = recruiterMessage(say, { candidate: "", recruiter: "", recruiterPhone: "", agency: "Acme Staffing", agencyPhone: "(615) 555-0142", link: "https://x/", filled: false });
  assert.equal(bare, "Hi, this is Acme Staffing. Here is the page: https://x/ Call us at (615) 555-0142.");
});

test("WhatsApp gets the number in its own form, or none", () => {
  assert.equal(whatsappHref("(555) 555-0188", "Hi & bye"), "https://wa.me/15555550188?text=Hi%20%26%20bye");
  assert.equal(whatsappHref("+44 20 7946 0958", "x"), "https://wa.me/442079460958?text=x");
  assert.equal(whatsappHref("555-0188", "x"), "https://wa.me/?text=x");
  assert.equal(whatsappHref("", "x\uD800"), "https://wa.me/?text=x%EF%BF%BD");
});
