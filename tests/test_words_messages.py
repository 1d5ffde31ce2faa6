"""What a reader sends, word for word (issue #15), on every message page, in every channel.

Natural typing, typed and through a link: values that end in their own full stop ("10:15 a.m.",
a whole sentence), a job title with its own "position" or "job", optional fields left empty,
a curly apostrophe and an emoji. What is copied, mailed (mailto:) and texted (sms:) must be
what a person would write: no doubled stop, no doubled word, no sentence left around an empty
optional blank, and the blanks still in the words named when they are copied.

The expected words come from `expected_words` below: the rules of issue #15 written out
again, plainly and apart from lib/message.js, and checked on their own first. Also here: the
length of each text with the sample details (one GSM-7 segment), and the count the page shows.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

import pytest

from sitegen import templates
from sitegen.project import ROOT
from testkit.sms import GSM_BASIC, GSM_EXTENSION, gsm_septets
from testkit.project_data import agency, ids_of

PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
TEMPLATE_IDS = ids_of("templates")

# --- the expected words, written out plainly ------------------------------------------------

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
JOB_WORDS = {"job", "position", "role", "opening", "vacancy"}
SENTENCE_BREAK = re.compile(r'(?<=[.!?])("?)(\s+)')
PLAIN_FORMS = [("‘’‚‛′", "'"), ("“”„‟″", '"'), ("‐‑‒–—―", "-")]


def plain_forms(text: str) -> str:
    """What a text message sends for typed curly quotes, dashes and ellipses (GSM-7 has none)."""
    for characters, plain in PLAIN_FORMS:
        text = re.sub(f"[{characters}]", plain, text)
    return re.sub("[\u00a0\u2007\u202f\u2009\u200a]", " ", text.replace("…", "..."))


def _split_sentences(line: str) -> list[list[str]]:
    """[text, gap] for each sentence of a template line (placeholders still in it)."""
    found, last = [], 0
    for match in SENTENCE_BREAK.finditer(line):
        found.append([line[last:match.end(1)], match.group(2)])
        last = match.end()
    if last < len(line):
        found.append([line[last:], ""])
    return found


def _drops(sentence: str, values: dict, optional: set) -> bool:
    names = PLACEHOLDER.findall(sentence)
    return bool(names) and all(name in optional and not values.get(name) for name in names)


def _keep_sentences(line: str, values: dict, optional: set) -> str | None:
    """The line without sentences whose only blanks are optional and empty; quotes balanced."""
    sentences = _split_sentences(line)
    kept, carry = [], ""
    for text, gap in sentences:
        if not _drops(text, values, optional):
            if carry and not text.startswith('"'):
                text = carry + text
            carry = ""
            kept.append([text, gap])
            continue
        opens, closes = text.startswith('"'), text.endswith('"')
        if opens and not closes:
            carry = '"'
        elif closes and not opens and kept and not kept[-1][0].endswith('"'):
            kept[-1][0] += '"'
    if not kept:
        return None
    kept[-1][1] = sentences[-1][1]
    return "".join(text + gap for text, gap in kept)


def _same(a: str, b: str) -> bool:
    a, b = a.lower().replace("’", "'"), b.lower().replace("’", "'")
    return a == b or (a in JOB_WORDS and b in JOB_WORDS)


def _fill_line(line: str, values: dict, blanks: dict, channel: str) -> str:
    """The line's placeholders as the reader's values, joined the way a person writes."""
    pieces = PLACEHOLDER.split(line)  # text, name, text, name, ..., text
    texts, names = pieces[0::2], pieces[1::2]
    shown = []
    for index, name in enumerate(names):
        value = values.get(name, "")
        if channel == "text":
            value = plain_forms(value)
        before, after = texts[index], texts[index + 1]
        if value:
            if re.search(r"[.!?]$", value) and after.startswith("."):
                after = after[1:]
            elif re.search(r"[,;:]$", value) and re.match(r"[.,;:!?]", after):
                value = value[:-1].rstrip()
            elif re.search(r"[^.]\.$", value) and not re.search(r"(^|\W)(\w\.){2,}$", value) and re.match(r"[?!,;:]", after):
                value = value[:-1]
            last, first = re.search(r"([\w'’-]+)\W*$", value), re.match(r"\s+([\w'’-]+)", after)
            if last and first and _same(last.group(1), first.group(1)):
                after = after[first.end():]
            start, previous = re.match(r"\W*([\w'’-]+)", value), re.search(r"([\w'’-]+)\s+$", before)
            if start and previous and _same(start.group(1), previous.group(1)) and previous.group(1).lower() not in JOB_WORDS:
                before = before[: previous.start()]
            starts = (index == 0 and re.fullmatch(r'"?', before)) or re.search(r'[.!?]"?\s+"?$', before)
            if starts and " " in value and not re.search(r"[@/]", value):
                value = value[:1].upper() + value[1:]
        texts[index], texts[index + 1] = before, after
        shown.append(value or blanks[name])
    return "".join(text + (shown[i] if i < len(shown) else "") for i, text in enumerate(texts))


def expected_words(text: str, values: dict, blanks: dict, optional: set, *, keep_all: bool = False, channel: str = "") -> str:
    """The words a channel part sends, from its template text: choices already filled in."""
    lines: list[str] = []
    for line in text.split("\n"):
        if line and not keep_all:
            line = _keep_sentences(line, values, optional)
            if line is None:
                continue
        lines.append(_fill_line(line, values, blanks, channel) if line else "")
    tidy: list[str] = []
    for line in lines:
        if not line and (not tidy or not tidy[-1]):
            continue
        tidy.append(line)
    while tidy and not tidy[-1]:
        tidy.pop()
    return "\n".join(tidy)


def test_the_expected_words_follow_the_rules():
    """The oracle itself, on made-up templates: each rule of the issue, one at a time."""
    blanks = {"at": "[time]", "role": "[job title]", "cb": "[call back]", "r": "[reason]", "me": "[your name]"}
    opt = {"cb"}
    assert expected_words("I will be there by {at}. Is that OK?", {"at": "10:15 a.m."}, blanks, opt) == "I will be there by 10:15 a.m. Is that OK?"
    assert expected_words("for the {role} job.", {"role": "Cashier position"}, blanks, opt) == "for the Cashier position."
    assert expected_words('"Call me. I will call again on {cb}. Thank you."', {}, blanks, opt) == '"Call me. Thank you."'
    assert expected_words('"Call me. I will call again on {cb}."', {}, blanks, opt) == '"Call me."'
    assert expected_words("Sorry. {r}. Bye.", {"r": "my shift can’t move."}, blanks, opt, channel="text") == "Sorry. My shift can't move. Bye."
    assert expected_words("Hi {me}.\n\n- {cb}\n\nBye", {}, blanks, opt) == "Hi [your name].\n\nBye"
    assert expected_words("Meet {at}?", {"at": "Friday."}, blanks, opt) == "Meet Friday?"


# --- the pages ------------------------------------------------------------------------------

# What a person types, naturally: a stop of their own, a title with "position", a curly
# apostrophe, an emoji. Optional fields stay empty (but the number to text, to open the app).
NATURAL = {
    "your_name": "Jordan Smith",
    "your_phone": "(615) 555-0188",
    "interviewer_name": "Ms. Lee",
    "interviewer_phone": "(615) 555-0100",
    "recruiter_name": "Sam Rivera",
    "recruiter_phone": "(615) 555-0177",
    "company": "Acme Foods",
    "role": "Cashier position",
    "original_time": "today at 10:15 a.m.",
    "arrival_time": "10:45 a.m.",
    "free_time_1": "Thursday after 1 PM.",
    "reason": "my shift can’t be moved.",
    "talk_point": "the new evening team 🙂",
}
# The same person through a staff link, a job title with its own "job".
LINKED = {**NATURAL, "role": "cashier job", "reason": "I have a shift I can’t change!"}


@pytest.fixture(scope="module")
def loaded() -> templates.Loaded:
    return templates.load(ROOT / "data", agency())


def _template(loaded, template_id):
    return next(t for t in loaded.templates if t.id == template_id)


def _channel_text(template, channel: str, part: str) -> str:
    """The part's template text with each choice's first answer in it (the one picked to begin with)."""
    text = (getattr(getattr(template.channels, channel), part) or "").strip()
    for choice in template.choices:
        text = text.replace("{" + choice.id + "}", choice.options[0].words)
    return text


def _expected(loaded, template, values: dict) -> dict[tuple[str, str], str]:
    fields = {used.id: used for used in template.fields}
    mine = {name: value for name, value in values.items() if name in fields}
    optional = {name for name, used in fields.items() if not used.required}
    blanks = {name: loaded.catalogue[name].blank_text for name in fields}
    found = {}
    for channel, parts in templates.CHANNEL_PARTS.items():
        for part in parts:
            if part == "to":
                continue
            text = _channel_text(template, channel, part)
            found[(channel, part)] = expected_words(text, mine, blanks, optional, keep_all=part != "body", channel=channel)
    return found


def _open(page, template_id: str, fragment: str = "") -> None:
    page.goto(f"templates/{template_id}/{fragment}")
    page.wait_for_selector('[data-module="message-template"][data-ready]')
    page.evaluate("document.querySelectorAll('.tpl-more').forEach((d) => { d.open = true; })")


def _query(href: str) -> dict[str, str]:
    pairs = [item.split("=", 1) for item in urlsplit(href).query.split("&") if "=" in item]
    return {key: unquote(value) for key, value in pairs}


def _copied(page, channel: str, part: str) -> tuple[str, str]:
    """Copies one part with its button: (what the clipboard holds, what the page said)."""
    status = page.locator(f'[data-channel="{channel}"] [role="status"]')
    page.evaluate("el => { el.textContent = ''; }", status.element_handle())
    page.locator(f'[data-channel="{channel}"] button[data-action="copy"][data-part="{part}"]').click()
    page.wait_for_function("el => el.textContent.length > 0", arg=status.element_handle())
    return page.evaluate("navigator.clipboard.readText()"), status.text_content()


def _check_every_channel(page, loaded, template, values: dict) -> None:
    expected = _expected(loaded, template, values)
    labels = {used.id: loaded.catalogue[used.id].label for used in template.fields}
    blank_of = {loaded.catalogue[used.id].blank_text: labels[used.id] for used in template.fields}
    for (channel, part), words in expected.items():
        shown = page.locator(f'[data-channel="{channel}"] .tpl-text[data-part="{part}"]').inner_text()
        assert shown == words, f"{template.id} {channel} {part}: the page shows other words"
        copied, said = _copied(page, channel, part)
        assert copied == words, f"{template.id} {channel} {part}: copied"
        still = [label for blank, label in blank_of.items() if blank in words]
        if still:
            assert all(label in said for label in still), f"{template.id} {channel}: the blanks are named when copied: {said}"
        else:
            assert said == "Copied.", said
        assert not re.search(r"(?<!\.)\.\.(?!\.)|[?!]\.|\.[?!]", words), f"{template.id} {channel}: a doubled stop"
        assert not re.search(r"\b(job|position) (job|position)\b|\b(\w+) \3\b", words, re.I), f"{template.id} {channel}: a doubled word"
    mail = _query(page.locator('a[data-action="mailto"]').get_attribute("href"))
    assert mail["subject"] == expected[("email", "subject")], f"{template.id}: mailed subject"
    assert mail["body"].replace("\r\n", "\n") == expected[("email", "body")], f"{template.id}: mailed body"
    sms = page.locator('a[data-action="sms"]').get_attribute("href")
    assert _query(sms)["body"] == expected[("text", "body")], f"{template.id}: texted words"
    assert re.match(r"sms:\+?1?615555\d{4}\?", sms), sms


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_natural_typing_sends_clean_words_in_every_channel(new_page, loaded, template_id):
    template = _template(loaded, template_id)
    page = new_page(**PHONE, **CLIPBOARD)
    _open(page, template_id)
    for name, value in NATURAL.items():
        box = page.locator(f'.tpl input[data-field="{name}"]')
        if box.count():
            box.fill(value)
    # The helpers (dates, text-message forms) load on the first touch: wait for the count.
    page.wait_for_function("() => document.querySelector('.tpl-count').textContent.includes('characters')")
    _check_every_channel(page, loaded, template, NATURAL)
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_natural_values_through_a_link_send_clean_words_in_every_channel(new_page, loaded, template_id):
    template = _template(loaded, template_id)
    used = {field.id for field in template.fields}
    page = new_page(**PHONE, **CLIPBOARD)
    fragment = "#" + "&".join(f"{name}={quote(value, safe='')}" for name, value in LINKED.items() if name in used)
    _open(page, template_id, fragment)
    page.wait_for_function(
        "value => document.querySelector('.tpl input[data-field=\"your_name\"]').value === value", arg=LINKED["your_name"])
    page.locator('.tpl input[data-field="your_name"]').focus()  # a first touch loads the helpers
    page.wait_for_function("() => document.querySelector('.tpl-count').textContent.includes('characters')")
    _check_every_channel(page, loaded, template, LINKED)


def test_copy_names_the_blanks_still_in_the_words(new_page, loaded):
    """A required detail left out: copying says which blanks the copied words still hold."""
    template_id = TEMPLATE_IDS[0]
    page = new_page(**PHONE, **CLIPBOARD)
    _open(page, template_id)
    page.locator('.tpl input[data-field="interviewer_name"]').fill("Ms. Lee")
    copied, said = _copied(page, "email", "body")
    assert "[your name]" in copied
    assert said.startswith("Copied. Still in the words:") and "Your name" in said and "Interviewer's name" not in said


# --- short texts --------------------------------------------------------------------------

def _sample_texts(loaded):
    """Each text message with the sample details (the catalogue's examples), once per answer of each choice."""
    for template in loaded.templates:
        fields = {used.id: used for used in template.fields}
        values = {name: loaded.catalogue[name].example for name in fields if fields[name].required or name in PLACEHOLDER.findall(template.channels.text.body)}
        blanks = {name: loaded.catalogue[name].blank_text for name in fields}
        bodies = [template.channels.text.body.strip()]
        for choice in template.choices:
            bodies = [body.replace("{" + choice.id + "}", option.words) for body in bodies for option in choice.options]
        for body in bodies:
            yield template.id, expected_words(body, values, blanks, set(), channel="text")


def test_each_text_fits_one_segment_with_the_sample_details(loaded):
    longest = max(_sample_texts(loaded), key=lambda found: len(found[1]))
    for template_id, text in _sample_texts(loaded):
        septets = gsm_septets(text)
        assert septets is not None, f"{template_id}: the text needs UCS-2: {set(c for c in text if c not in GSM_BASIC | GSM_EXTENSION)}"
        assert septets <= 160, f"{template_id}: {septets} GSM-7 characters is more than one text message:\n{text}"
    print(f"\nLONGEST TEXT {longest[0]}: {len(longest[1])} characters, 1 segment: {longest[1]}")


def test_our_own_text_is_gsm_7(loaded):
    """The template's own words in a text bring in no character outside GSM-7."""
    for template in loaded.templates:
        words = PLACEHOLDER.sub("", template.channels.text.body) + "".join(o.words for c in template.choices for o in c.options)
        assert gsm_septets(words) is not None, template.id


def test_the_count_is_right_for_gsm_7_and_ucs_2(new_page, loaded):
    template = next(t for t in loaded.templates if t.choices) if any(t.choices for t in loaded.templates) else loaded.templates[0]
    page = new_page(**PHONE)
    _open(page, template.id)
    examples = {used.id: loaded.catalogue[used.id].example for used in template.fields if loaded.catalogue[used.id].kind != "datetime"}
    for name, value in examples.items():
        page.locator(f'.tpl input[data-field="{name}"]').fill(value)
    count = page.locator(".tpl-count")
    text = page.locator('[data-channel="text"] .tpl-body').inner_text()
    page.wait_for_function("n => document.querySelector('.tpl-count').textContent.startsWith(n + ' characters')", arg=len(text))
    assert count.text_content() == f"{len(text)} characters · 1 text message"
    # A curly apostrophe typed on a phone is sent plain: the text stays GSM-7.
    page.locator('.tpl input[data-field="your_name"]').fill("Jordan O’Neil")
    page.wait_for_function("() => document.querySelector('[data-channel=text] .tpl-body').textContent.includes(\"O'Neil\")")
    # An emoji makes it UCS-2: 70 units a message, and the count names the character.
    page.locator('.tpl input[data-field="your_name"]').fill("Jordan 🙂")
    text = page.locator('[data-channel="text"] .tpl-body').inner_text()
    units = len(text.encode("utf-16-le")) // 2
    messages = 1 if units <= 70 else -(-units // 67)
    page.wait_for_function("() => document.querySelector('.tpl-count').textContent.includes('🙂')")
    said = "1 text message" if messages == 1 else f"{messages} text messages"
    assert count.text_content() == (f"{len(text)} characters · {said}. "
                                    "The character 🙂 makes each text message shorter: 70 characters, not 160.")
