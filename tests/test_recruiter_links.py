"""The recruiter's link builder (issue #16): short links to every page, in the recruiter's voice,
the message to send with them, QR codes that are never stale and print well, links for a whole
class with a sheet of slips, and nothing typed ever reaching the network.

What to check comes from the data: the pages the builder offers (its data-pages, written from
data/ by sitegen/share.py), the fields of data/fields.yml, the strings catalogue, the agency's
details. The five details are the issue's own typical ones. Run with -s to see the lengths and
QR versions the closing note asks for.

Helpers here are shared with tests/test_recruiter_candidate.py.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
import yaml

from sitegen import strings
from sitegen.project import ROOT
from testkit.helpers import check_axe, open_page, set_palette
from testkit.project_data import agency, mkdocs_config
from testkit.system_packages import install_command

STAFF = "for-staff/"
PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
# The five typical details: about 55 characters of values.
FIVE = {"your_name": "Jordan Smith", "interviewer_name": "Ms. Lee", "company": "Example Foods", "role": "Cashier",
        "original_time": "Tue May 6, 2 PM"}
MAX_LINK = 120
RECRUITER_FIELDS = {"recruiter_name", "recruiter_phone", "recruiter_email"}
UI = strings.load(strings.catalogue_path(ROOT, "en"))
FIELDS = {field["id"]: field for field in yaml.safe_load((ROOT / "data" / "fields.yml").read_text(encoding="utf-8"))["fields"]}
SHORT_NAMES_JS = ROOT / "docs" / "assets" / "javascripts" / "lib" / "short-names.js"


def default_site_url() -> str:
    """The site's own address from mkdocs.yml (the tests' build uses 127.0.0.1 instead)."""
    url = mkdocs_config().site_url or ""
    return url if url.endswith("/") else url + "/"


def on_default_site(link: str, site_url: str) -> str:
    assert link.startswith(site_url), link
    return default_site_url() + link[len(site_url):]


# --- driving the builder --------------------------------------------------------------------


def open_builder(page) -> None:
    open_page(page, STAFF)
    page.locator("#mih-lb-link").wait_for()


# The pages the builder offers, as its data attributes list them (sitegen/share.py).
OFFERED = """(() => {
        const root = document.querySelector('[data-module="link-builder"]');
        const sets = JSON.parse(root.dataset.fieldSets);
        return JSON.parse(root.dataset.pages).map(([group, path, canonical, title, set]) => ({group, path, canonical, title, fields: sets[set]}));
    })()"""


def offered(page) -> list[dict]:
    return page.evaluate(OFFERED)


def choose(page, entry: dict) -> None:
    index = next(i for i, p in enumerate(offered(page)) if p["canonical"] == entry["canonical"] and p["group"] == entry["group"])
    page.select_option("#mih-lb-page", str(index))


def type_details(page, values: dict[str, str]) -> None:
    """Types each value the page has a box for (unfolding "More details" first)."""
    page.evaluate("document.querySelectorAll('.mih-lb-more').forEach((d) => { d.open = true; })")
    for name, value in values.items():
        box = page.locator(f"#mih-lb-f-{name}")
        if box.count():
            box.fill(value)


def make_link(page, entry: dict, values: dict[str, str]) -> str:
    choose(page, entry)
    type_details(page, values)
    return page.input_value("#mih-lb-link")


def sends_ready(page) -> None:
    """The send buttons' helpers (lib/mail.js, lib/sms.js) come on the first touch: wait for them."""
    page.wait_for_selector(".mih-lb-send[data-ready]", state="attached")


def copy_link(page) -> str:
    page.get_by_role("button", name=UI.link_builder.label_copy).click()
    status = page.locator(".mih-lb-link-status")
    page.wait_for_function("el => el.textContent.length > 0", arg=status.element_handle())
    return page.evaluate("navigator.clipboard.readText()")


def qr_version(link: str) -> int:
    """The smallest QR version (error correction M, byte mode) that holds the link."""
    import segno

    return segno.make(link, error="m", mode="byte", micro=False, boost_error=False).version


def decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


# --- the pages and their details --------------------------------------------------------------


def test_the_builder_offers_every_kind_of_page_with_the_details_it_needs(page, built_site):
    open_builder(page)
    pages = offered(page)
    groups = {p["group"] for p in pages}
    assert groups == {"situation", "template", "checklist", "guide"}
    templates = {p["canonical"]: p for p in pages if p["group"] == "template"}
    for data in (yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "data" / "templates").glob("*.y*ml"))):
        entry = templates[f"templates/{data['id']}/"]
        assert set(entry["fields"]) == {f["id"] for f in data["fields"]}, "a message page gets its own fields, no others"
    for entry in pages:
        assert (built_site / entry["path"] / "index.html").exists(), entry
        if entry["group"] != "template":
            assert not RECRUITER_FIELDS & set(entry["fields"]), "the recruiter's own details go only where a message uses them"
    # The form shows the page's own details, the recruiter's own ones aside, in the builder's order.
    entry = next(iter(templates.values()))
    choose(page, entry)
    shown = page.eval_on_selector_all("[data-link-field]", "els => els.map(e => e.name)")
    assert shown == [f for f in entry["fields"] if f not in RECRUITER_FIELDS]


def test_labels_speak_to_the_recruiter(page):
    open_builder(page)
    entry = next(p for p in offered(page) if p["group"] == "guide")
    choose(page, entry)
    labels = page.eval_on_selector_all(".mih-lb-fields label", "els => els.map(e => e.textContent)")
    assert labels and not [label for label in labels if label.startswith("Your ")], labels
    for field_id in entry["fields"]:
        expected = UI.link_builder.fields.get(field_id) or UI.fill("link_builder.field_fallback", label=FIELDS[field_id]["label"])
        assert page.locator(f'label[for="mih-lb-f-{field_id}"]').text_content() == expected


def test_five_details_make_a_link_of_120_characters_or_less_to_every_page(page, site_url):
    open_builder(page)
    too_long = []
    lengths = {}
    for entry in offered(page):
        link = on_default_site(make_link(page, entry, FIVE), site_url)
        lengths[entry["canonical"]] = (len(link), qr_version(link))
        shown = page.locator("#mih-lb-length").text_content()
        assert shown == UI.fill("link_builder.link_length", count=len(make_link(page, entry, FIVE))), "the builder shows the length"
        if len(link) > MAX_LINK:
            too_long.append(f"{link} ({len(link)} characters): add `{entry['canonical'].rstrip('/').rsplit('/', 1)[-1]}.md: "
                            f"{entry['canonical'].rstrip('/')}.md` under redirect_maps in mkdocs.yml")
        page.get_by_role("button", name=UI.link_builder.next).click()
    print("\nfive details, default site address: characters and QR version per page")
    for canonical, (length, version) in lengths.items():
        print(f"  {length:4d}  v{version:<2d}  {canonical or '(home)'}")
    assert not too_long, "\n".join(too_long)


def test_every_field_filled_link_lengths_and_qr_versions(page, site_url):
    """The closing note's other measure: each page with every detail it carries filled in with
    data/fields.yml's example values. Such links may run past a printable code; the builder
    then says so (tested below)."""
    open_builder(page)
    print("\nevery field (data/fields.yml examples): characters and QR version per page")
    for entry in offered(page):
        choose(page, entry)
        page.get_by_role("button", name=UI.link_builder.next).click()
        link = on_default_site(make_link(page, entry, {f: FIELDS[f]["example"] for f in entry["fields"]}), site_url)
        print(f"  {len(link):4d}  v{qr_version(link):<2d}  {entry['canonical'] or '(home)'}")
        assert len(link) < 2953  # what the largest QR code holds: the builder's code never overflows silently


def test_old_field_names_still_fill_every_field(new_page, site_url):
    page = new_page(**PHONE)
    data = yaml.safe_load(sorted((ROOT / "data" / "templates").glob("*.y*ml"))[0].read_text(encoding="utf-8"))
    values = {f["id"]: FIELDS[f["id"]]["example"] for f in data["fields"]}
    fragment = "&".join(f"{name}={quote(value, safe='')}" for name, value in values.items())  # the old form: %20, long names
    page.goto(f"templates/{data['id']}/#{fragment}")
    page.wait_for_selector("[data-ready]")
    for name, value in values.items():
        assert page.locator(f'.tpl :is(input, select)[data-field="{name}"]').input_value() == value, name
    assert page.watch.console_errors == []


def test_short_names_are_one_table_unique_and_never_a_field_id():
    text = SHORT_NAMES_JS.read_text(encoding="utf-8")
    table = json.loads(re.search(r"// short-names:start\nconst TABLE = (\{.*?\});\n// short-names:end", text, re.S).group(1))
    shorts = list(table.values())
    assert len(set(shorts)) == len(shorts)
    assert not set(shorts) & set(FIELDS), "a short name must never be another field's id"
    assert set(table) - {"time_zone"} <= set(FIELDS), "a short name for a field that is gone: keep it, but never reuse it"


# --- the message to send -----------------------------------------------------------------------


def test_the_message_names_the_agency_and_the_recruiter_and_each_button_sends_it_exactly(new_page, site_url):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_builder(page)
    page.fill("#mih-lb-you-name", "Sam Rivera")
    page.fill("#mih-lb-you-phone", "(555) 555-0177")
    entry = next(p for p in offered(page) if p["group"] == "situation")
    link = make_link(page, entry, {**FIVE, "your_phone": "(555) 555-0188", "your_email": "jordan@example.com"})
    sends_ready(page)
    text = page.input_value("#mih-lb-text")
    name = agency()["name"]
    assert "Sam Rivera" in text and name in text and "(555) 555-0177" in text and link in text
    assert UI.link_builder.filled in text, "the link carries details, so the message says so"
    sms = page.locator('[data-send="sms"]').get_attribute("href")
    assert sms.startswith("sms:5555550188?&body=") and unquote(sms.split("&body=", 1)[1]) == text
    mail = urlsplit(page.locator('[data-send="email"]').get_attribute("href"))
    assert unquote(mail.path) == "jordan@example.com"
    body = unquote(mail.query.split("&body=", 1)[1]).replace("\r\n", "\n")
    assert body == text and name in unquote(mail.query.split("&body=", 1)[0])
    wa = urlsplit(page.locator('[data-send="whatsapp"]').get_attribute("href"))
    assert (wa.netloc, wa.path) == ("wa.me", "/15555550188") and parse_qs(wa.query)["text"] == [text]
    page.get_by_role("button", name=UI.link_builder.text_copy).click()
    page.wait_for_function("() => document.querySelector('.mih-lb-text-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == text
    # Characters and text messages of the whole text, link included.
    count = page.locator("#mih-lb-count").text_content()
    assert count.startswith(f"{len(text)} characters")
    # Without details the message says nothing about details.
    page.get_by_role("button", name=UI.link_builder.next).click()
    assert UI.link_builder.filled not in page.input_value("#mih-lb-text")
    assert page.watch.console_errors == []


def test_the_message_is_editable_and_follows_the_link(page):
    open_builder(page)
    entry = next(p for p in offered(page) if p["group"] == "template")
    make_link(page, entry, {"your_name": "Jordan Smith"})
    box = page.locator("#mih-lb-text")
    box.fill("See you soon. " + page.input_value("#mih-lb-link"))
    page.fill("#mih-lb-f-company", "Example Foods")
    link = page.input_value("#mih-lb-link")
    assert page.input_value("#mih-lb-text") == "See you soon. " + link, "the recruiter's words stay, with the new link"
    sends_ready(page)
    body = unquote(page.locator('[data-send="sms"]').get_attribute("href").split("&body=", 1)[1])
    assert body == "See you soon. " + link
    page.get_by_role("button", name=UI.link_builder.text_reset).click()
    assert page.input_value("#mih-lb-text").startswith(UI.link_builder.hello_name.replace("{name}", "Jordan Smith"))


def test_details_stay_when_the_page_changes_and_next_candidate_empties_them(page):
    open_builder(page)
    pages = offered(page)
    first = next(p for p in pages if p["group"] == "situation")
    second = next(p for p in pages if p["group"] == "checklist")
    make_link(page, first, FIVE)
    choose(page, second)
    for name, value in FIVE.items():
        if name in second["fields"]:
            assert page.input_value(f"#mih-lb-f-{name}") == value
    page.fill("#mih-lb-you-name", "Sam Rivera")
    page.get_by_role("button", name=UI.link_builder.next).click()
    assert page.eval_on_selector_all("[data-link-field]", "els => els.filter(e => e.value).length") == 0
    assert page.input_value("#mih-lb-you-name") == "Sam Rivera", "the recruiter's own details stay"
    assert "#" not in page.input_value("#mih-lb-link"), "the next candidate's link starts without details"


def test_the_recruiters_details_stay_on_the_device_only_when_asked(page):
    open_builder(page)
    page.fill("#mih-lb-you-name", "Sam Rivera")
    page.reload()
    page.locator("#mih-lb-link").wait_for()
    assert page.input_value("#mih-lb-you-name") == ""
    assert page.evaluate("localStorage.getItem('mih.recruiter')") is None
    page.fill("#mih-lb-you-name", "Sam Rivera")
    page.check("#mih-lb-you-keep")
    page.reload()
    page.locator("#mih-lb-link").wait_for()
    assert page.input_value("#mih-lb-you-name") == "Sam Rivera" and page.is_checked("#mih-lb-you-keep")
    page.uncheck("#mih-lb-you-keep")
    assert page.evaluate("localStorage.getItem('mih.recruiter')") is None


# --- QR codes ------------------------------------------------------------------------------


def show_qr(page) -> None:
    page.get_by_role("button", name=UI.link_builder.label_show_qr).click()
    page.wait_for_function("() => document.querySelector('.mih-lb-qr svg') || !document.querySelector('.mih-lb-too-long').hidden")


def test_the_qr_code_is_the_smallest_that_holds_the_link_and_never_stale(new_page, site_url):
    page = new_page(accept_downloads=True)
    open_builder(page)
    entry = next(p for p in offered(page) if p["group"] == "template")
    link = make_link(page, entry, FIVE)
    show_qr(page)
    svg = page.locator(".mih-lb-qr svg")
    assert int(svg.get_attribute("data-version")) == qr_version(link)
    assert decode(svg.screenshot()) == [link]
    # Past what prints well: no code at all, and no download of an older one.
    page.fill("#mih-lb-f-your_name", "J" * 400)
    page.wait_for_function("() => !document.querySelector('.mih-lb-too-long').hidden")
    assert page.locator(".mih-lb-qr svg").count() == 0
    assert page.locator(".mih-lb-downloads").is_hidden()
    assert page.locator('.mih-lb-downloads a[download$=".png"]').get_attribute("href") == "#"
    assert page.locator(".mih-lb-too-long").text_content() == UI.link_builder.qr_too_long
    # Past what any QR code holds: still no error, and still no code.
    page.fill("#mih-lb-f-your_name", "J" * 4000)
    page.wait_for_function("() => !document.querySelector('.mih-lb-too-long').hidden")
    assert page.locator(".mih-lb-qr svg").count() == 0
    # Back to a short link: the code is this link's.
    page.fill("#mih-lb-f-your_name", FIVE["your_name"])
    page.wait_for_function("() => document.querySelector('.mih-lb-qr svg')")
    assert decode(page.locator(".mih-lb-qr svg").screenshot()) == [page.input_value("#mih-lb-link")]
    page.wait_for_function("() => document.querySelector('.mih-lb-downloads a[download$=\".png\"]').href.startsWith('blob:')")
    with page.expect_download() as info:
        page.click('.mih-lb-downloads a[download$=".png"]')
    assert decode(Path(info.value.path()).read_bytes()) == [page.input_value("#mih-lb-link")]
    assert page.watch.console_errors == []


def longest_printable(page, entry) -> str:
    """Types a candidate's name just long enough that the link's code is the largest the builder
    shows (its MAX_QR_VERSION), and gives that link."""
    page.evaluate("document.querySelectorAll('.mih-lb-more').forEach((d) => { d.open = true; })")
    low, high = 1, 400
    while low < high:  # the longest name whose code still shows
        middle = (low + high + 1) // 2
        page.fill("#mih-lb-f-your_name", "J" * middle)
        page.wait_for_function("() => document.querySelector('.mih-lb-qr svg') || !document.querySelector('.mih-lb-too-long').hidden")
        if page.locator(".mih-lb-qr svg").count():
            low = middle
        else:
            high = middle - 1
    page.fill("#mih-lb-f-your_name", "J" * low)
    page.wait_for_function("() => document.querySelector('.mih-lb-qr svg')")
    return page.input_value("#mih-lb-link")


def pdf_pages_at_150_dpi(pdf: bytes, folder: Path) -> list[bytes]:
    """Each page of a PDF as a PNG at 150 dpi (poppler's pdftoppm)."""
    tool = install_command("pdftoppm", "poppler-utils")
    if not tool:
        pytest.skip("pdftoppm (poppler-utils) is needed to read the printed slips")
    source = folder / "slips.pdf"
    source.write_bytes(pdf)
    subprocess.run([tool, "-r", "150", "-png", str(source), str(folder / "page")], check=True)
    return [path.read_bytes() for path in sorted(folder.glob("page*.png"))]


PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def test_the_longest_printable_code_decodes_on_screen_and_on_the_printed_slip(new_page, tmp_path):
    page = new_page()
    page.add_init_script(PRINT_STUB)
    open_builder(page)
    entry = next(p for p in offered(page) if p["group"] == "template")
    choose(page, entry)
    type_details(page, FIVE)
    show_qr(page)
    link = longest_printable(page, entry)
    version = int(page.locator(".mih-lb-qr svg").get_attribute("data-version"))
    assert version == qr_version(link) and version >= 9, "the code is the largest the builder shows"
    assert decode(page.locator(".mih-lb-qr svg").screenshot()) == [link]
    page.get_by_role("button", name=UI.link_builder.slip_print).click()
    page.wait_for_function("() => window.__printed === 1")
    text = page.locator(".mih-slip").text_content()  # read before printing: afterprint takes the sheet away
    pngs = pdf_pages_at_150_dpi(page.pdf(format="Letter", prefer_css_page_size=True), tmp_path)
    assert len(pngs) == 1
    assert decode(pngs[0]) == [link]
    assert page.locator(".mih-slips").count() == 0, "the sheet is gone once printed"
    assert entry["title"] in text and agency()["phone"] in text
    assert urlsplit(page.url).netloc + "/" + entry["path"] in text, "the short address is written out"
    for key in ("slip_where", "slip_who", "slip_when"):
        assert UI.link_builder[key] in text


# --- a whole class ---------------------------------------------------------------------------


def class_rows(count: int) -> str:
    """A CSV a spreadsheet would give: a header row of column names, then one row per candidate."""
    header = ",".join([UI.link_builder.fields.your_name, UI.link_builder.fields.company, UI.link_builder.fields.role])
    rows = [f'"Candidate {n:02d}, Jr",Company {n},Job {n}' for n in range(1, count + 1)]
    return "\n".join([header, *rows])


def test_twenty_candidates_give_twenty_links_that_each_fill_their_own_details(new_page, site_url, tmp_path):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.add_init_script(PRINT_STUB)
    open_builder(page)
    wanted = {"your_name", "company", "role", "interviewer_name"}
    entry = next(p for p in offered(page) if p["group"] == "template" and wanted <= set(p["fields"]))
    choose(page, entry)
    type_details(page, {"interviewer_name": "Ms. Lee"})  # the same for everyone
    page.locator(".mih-lb-class > summary").click()
    page.fill("#mih-lb-class-list", class_rows(20))
    page.get_by_role("button", name=UI.link_builder.class_make).click()
    page.wait_for_function("() => document.querySelectorAll('.mih-lb-class-item').length === 20")
    links = page.eval_on_selector_all("[data-class-link]", "els => els.map(e => e.value)")
    assert len(set(links)) == 20
    texts = page.eval_on_selector_all(".mih-lb-class-text", "els => els.map(e => e.textContent)")
    assert all(link in text for link, text in zip(links, texts))
    page.get_by_role("button", name=UI.link_builder.class_copy).click()
    page.wait_for_function("() => document.querySelector('.mih-lb-class-status').textContent.includes('copied')")
    copied = page.evaluate("navigator.clipboard.readText()").split("\n")
    assert [line.split("\t")[-1] for line in copied] == links
    # The sheet of slips: four on a Letter page, each code its own candidate's link.
    page.get_by_role("button", name=UI.link_builder.class_print).click()
    page.wait_for_function("() => window.__printed === 1")
    pngs = pdf_pages_at_150_dpi(page.pdf(format="Letter", prefer_css_page_size=True), tmp_path)
    assert len(pngs) == 5
    found = [decode(png) for png in pngs]
    assert all(len(codes) == 4 for codes in found), [len(codes) for codes in found]
    assert sorted(code for codes in found for code in codes) == sorted(links)
    # Each link, opened on a phone, fills its own candidate's details.
    phone = new_page(**PHONE)
    for number in (1, 7, 20):
        phone.goto(links[number - 1])
        phone.wait_for_selector("[data-ready]")
        box = lambda name: phone.locator(f'.tpl input[data-field="{name}"]').input_value()  # noqa: E731
        assert (box("your_name"), box("company"), box("role"), box("interviewer_name")) == (
            f"Candidate {number:02d}, Jr", f"Company {number}", f"Job {number}", "Ms. Lee")
    assert page.watch.console_errors == [] and phone.watch.console_errors == []


def test_a_picture_of_the_printed_slip_sheet(new_page, tmp_path):
    """The closing note's picture: four slips of a class on one Letter page, saved as
    /tmp/mih-slip-sheet.png (150 dpi), with the layout checked in inches."""
    page = new_page()
    page.add_init_script(PRINT_STUB)
    open_builder(page)
    choose(page, next(p for p in offered(page) if p["group"] == "situation"))
    page.locator(".mih-lb-class > summary").click()
    page.fill("#mih-lb-class-list", "Jordan Smith\nAna Lopez\nLee Park\nSam Chen")
    page.get_by_role("button", name=UI.link_builder.class_make).click()
    page.get_by_role("button", name=UI.link_builder.class_print).click()
    page.wait_for_function("() => window.__printed === 1")
    page.emulate_media(media="print")
    boxes = page.eval_on_selector_all(".mih-slip", """els => {
        const sheet = document.querySelector('.mih-slips__page').getBoundingClientRect();
        return els.map(e => { const r = e.getBoundingClientRect(); return [(r.x - sheet.x) / 96, (r.y - sheet.y) / 96, r.width / 96, r.height / 96]; });
    }""")
    assert [tuple(round(v, 2) for v in box) for box in boxes] == [(0, 0, 4.25, 5.5), (4.25, 0, 4.25, 5.5), (0, 5.5, 4.25, 5.5), (4.25, 5.5, 4.25, 5.5)]
    lines = page.eval_on_selector_all(".mih-slip__line", "els => els.map(e => e.getBoundingClientRect().width / 96)")
    assert min(lines) >= 2.5, "write-in lines are at least 2.5 in"
    overflow = page.eval_on_selector_all(".mih-slip", "els => els.filter(e => e.scrollHeight > e.clientHeight + 1).length")
    assert overflow == 0, "every slip fits its quarter page"
    pngs = pdf_pages_at_150_dpi(page.pdf(format="Letter", prefer_css_page_size=True), tmp_path)
    assert len(pngs) == 1 and len(decode(pngs[0])) == 4
    Path("/tmp/mih-slip-sheet.png").write_bytes(pngs[0])


# --- privacy and accessibility -------------------------------------------------------------------


def test_nothing_typed_into_the_builder_reaches_the_network(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.add_init_script(PRINT_STUB)
    sent = []
    page.on("request", lambda request: sent.append((request.url, request.post_data or "")))
    open_builder(page)
    secret = {"your_name": "Zaphod Quux", "interviewer_name": "Ms. Xylophone", "company": "Qwertyuiop Foods", "role": "Llamaherder",
              "original_time": "Thursday Zebra Hour"}
    entry = next(p for p in offered(page) if p["group"] == "situation")
    make_link(page, entry, secret)
    page.fill("#mih-lb-you-name", "Recruiter Vlorp")
    copy_link(page)
    show_qr(page)
    page.locator(".mih-lb-class > summary").click()
    page.fill("#mih-lb-class-list", "Classmate Wibblewobble\nClassmate Frobnitz")
    page.get_by_role("button", name=UI.link_builder.class_make).click()
    page.wait_for_function("() => document.querySelectorAll('.mih-lb-class-item').length === 2")
    page.get_by_role("button", name=UI.link_builder.class_print).click()
    words = [w for value in [*secret.values(), "Vlorp", "Wibblewobble", "Frobnitz"] for w in value.split() if len(w) > 4]
    leaked = [(url, body) for url, body in sent for word in words if word.lower() in unquote(url + body).lower()]
    assert sent, "requests were recorded"
    assert leaked == []
    assert page.watch.foreign_requests == [] and page.watch.console_errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_filled_builder_has_no_axe_violations(page, scheme):
    open_builder(page)
    entry = next(p for p in offered(page) if p["group"] == "template")
    make_link(page, entry, FIVE)
    page.fill("#mih-lb-you-name", "Sam Rivera")
    show_qr(page)
    page.locator(".mih-lb-class > summary").click()
    page.fill("#mih-lb-class-list", "Jordan Smith\nAna Lopez")
    page.get_by_role("button", name=UI.link_builder.class_make).click()
    page.wait_for_function("() => document.querySelectorAll('.mih-lb-class-item').length === 2")
    set_palette(page, scheme)
    check_axe(page, f"({scheme}, link builder in full)")


def test_steps_from_an_empty_builder_to_a_copied_link(new_page, site_url):
    """The closing note's count: pick the page (1), type five details (5), copy (1)."""
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_builder(page)
    steps = 0
    entry = next(p for p in offered(page) if p["group"] == "situation")
    choose(page, entry)
    steps += 1
    for name, value in FIVE.items():
        page.fill(f"#mih-lb-f-{name}", value)
        steps += 1
    copied = copy_link(page)
    steps += 1
    assert copied == page.input_value("#mih-lb-link") and steps == 7
    assert all(page.locator(f"#mih-lb-f-{name}").is_visible() for name in FIVE), "the five are in sight, none folded away"
    print(f"\nsteps from an empty builder to a copied link: {steps}")
