"""Paper a workshop host hands out (issue #17), checked on every PDF the build makes, read back
with pypdf and zxing-cpp: nothing that only works on a screen; body text at 12pt or more
(16pt or more in the large-print edition), notes at 10pt, addresses at 9pt, an address broken
only after a "/"; write-in lines at least 2.5in long and a "Write it down" box on every
handout and after every checklist in the booklet; phone scripts that keep their turns; one
page per handout; every QR code decodes to its page; contents titles that differ, each on
the page its number gives; and "Print the whole guide" on every page, with each PDF's pages
and KB. What to check comes from the data, the catalogue and the built pages.
Long values (issue #22) stay inside the page: checked on the PDF templates with values of
our own."""

from __future__ import annotations

import html
import io
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

import sitegen.pdfs as pdfs
from sitegen import strings
from sitegen.project import ROOT
from testkit.project_data import agency as project_agency, data_of, data_paths
from sitegen import translations
from testkit.site_pages import page_file, page_urls, pdfs_of, url_of

INCH = 72.0
BODY_MIN, BODY_MIN_LARGE = 12.0, 16.0
NOTE_MIN, NOTE_MIN_LARGE = 10.0, 14.0
SMALLEST, SMALLEST_LARGE = 9.0, 12.0
WRITE_IN_MIN = 2.5 * INCH
SNIPPET = 14  # a paragraph is known by its first 14 characters

UI = strings.load(strings.catalogue_path(ROOT, "en"))


# --- reading PDFs -----------------------------------------------------------------------------

def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


@lru_cache(maxsize=64)
def _reader(path: Path) -> PdfReader:
    return PdfReader(path)


_READ: dict[tuple, object] = {}


def _once(function):
    """Each page read once per module: decoding QR codes and reading text are slow. The entry
    keeps its page: an id is only unique while its object lives, and a page of a reader made
    outside _reader (tests/test_editions_pdfs.py) would otherwise go, and its id come back for
    another PDF's page, which then got the first one's QR codes."""

    def cached(page, *rest):
        key = (function.__name__, id(page), *rest)
        if key not in _READ or _READ[key][0] is not page:
            _READ[key] = (page, function(page, *rest))
        return _READ[key][1]

    return cached


@_once
def _text(page) -> str:
    return page.extract_text()


@_once
def _runs(page) -> list[tuple[float, str]]:
    """(font size in pt as printed, text) for each piece of text the page draws."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            found.append((round(size * (c * c + d * d) ** 0.5, 2), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@_once
def _lines(page) -> list[str]:
    return [line.strip() for line in _text(page).splitlines() if line.strip()]


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


@_once
def _rules(page) -> list[tuple[float, float, float]]:
    """(width, x, y) in pt of every lone horizontal line the page draws: a border on one side
    of a box (a write-in line, a rule under a heading). WeasyPrint draws each such side
    clipped to a thin four-cornered path, then fills it."""
    ctm, stack, path, found = [1, 0, 0, 1, 0, 0], [], [], []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        operator = operator.decode() if isinstance(operator, bytes) else operator
        if operator == "q":
            stack.append(ctm)
        elif operator == "Q":
            ctm = stack.pop() if stack else ctm
        elif operator == "cm":
            ctm = _multiply([float(x) for x in operands], ctm)
        elif operator == "m":
            path = [tuple(float(x) for x in operands)]
        elif operator == "l":
            path.append(tuple(float(x) for x in operands))
        elif operator in ("W", "W*"):
            if len(path) == 4:
                points = [(x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]) for x, y in path]
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                if max(ys) - min(ys) <= 2.5 and max(xs) - min(xs) > 4:
                    found.append((max(xs) - min(xs), min(xs), min(ys)))
            path = []
        elif operator in ("c", "n", "f", "f*", "S", "B", "h"):
            path = []
    return found


@_once
def _qr_texts(page) -> list[str]:
    """What each QR code the page draws says (the images of a PDF share one list: only the
    ones this page draws)."""
    import zxingcpp
    from PIL import Image

    drawn = sorted(set(re.findall(r"/([^\s/\[\]()<>]+)\s+Do\b", page.get_contents().get_data().decode("latin-1"))))
    found = []
    for name in drawn:
        try:
            image = page.images["/" + name]
        except (KeyError, IndexError):
            continue
        picture = Image.open(io.BytesIO(image.data)).convert("L")
        found += [result.text for result in zxingcpp.read_barcodes(picture)]
    return found


def _site_base(site: Path) -> str:
    first = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")).group(1)
    return first if first.endswith("/") else first.rsplit("/", 1)[0] + "/"


# --- what the build made ------------------------------------------------------------------------

def _large(name: str) -> bool:
    return name.endswith(pdfs.LARGE_SUFFIX)


def _regular(name: str) -> str:
    return name.removesuffix(pdfs.LARGE_SUFFIX) + ".pdf" if _large(name) else name


def _kind(name: str) -> str:
    regular = _regular(name)
    if regular == pdfs.BOOKLET:
        return "booklet"
    return "checklist" if regular.startswith("checklists/") else "situation"


def _made(site: Path) -> list[str]:
    """The English edition's PDFs (the Spanish edition's: tests/test_editions_pdfs.py)."""
    return [path.relative_to(site).as_posix() for path in pdfs_of(site)]


def _page_of(name: str) -> str:
    """The site page a handout is made from: checklists/follow-up/follow-up.pdf -> checklists/follow-up/."""
    return _regular(name).rsplit("/", 1)[0] + "/"


@pytest.fixture(scope="module")
def made(built_site) -> list[str]:
    found = _made(built_site)
    assert pdfs.BOOKLET in found
    return found


def _agency_filled(text: str) -> str:
    agency = project_agency()
    return re.sub(r"\{\{\s*agency\.(\w+)\s*\}\}", lambda m: agency[m.group(1)], text)


def _contents(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, page) for each line of the contents, which may take several pages and wrap a
    long title onto two lines."""
    entries, held = [], ""
    for page in reader.pages[1:]:
        lines = _lines(page)
        if not any(re.search(r"\.{3,}\s*\d+$", line) for line in lines):
            break
        for line in lines:
            match = re.match(r"^(.*?) ?\.{3,}\s*(\d+)$", line)
            if match:
                title = _flat(f"{held} {match.group(1)}").strip(" .")
                held = ""
                if title:
                    entries.append((title, int(match.group(2))))
            elif line != UI.pdf.booklet.contents and " / " not in line:
                held = f"{held} {line}"
    return entries


PART_NAMES = set(UI.pdf.parts.values())


def _sections(reader: PdfReader) -> list[tuple[str, int, int]]:
    """(title, first page, last page) of every section of a booklet (not the part titles)."""
    entries = _contents(reader)
    out = []
    for index, (title, start) in enumerate(entries):
        if title in PART_NAMES:
            continue
        later = [number for _, number in entries[index + 1:] if number > start]
        out.append((title, start, (later[0] - 1) if later else len(reader.pages)))
    return out


# --- nothing from the screen reaches paper --------------------------------------------------------

def _screen_only_words(ui=UI) -> list[str]:
    """The catalogue's words for what works only on a screen: the share block, "Print the
    whole guide", the footer's "clear everything", the link builder, the links to the PDFs,
    and the message and checklist controls. Each value's longest run of words between its
    {placeholders}, if long enough to be unmistakable."""
    every = ui.dotted()
    screen_groups = ("share.", "print_guide.", "footer.", "link_builder.", "message.calendar.", "message.keep.",
                     "message.staff.", "message.script.")
    keys = [key for key in every if key.startswith(screen_groups) or key.endswith(".print_link")]
    keys += [key for key in every if key.startswith("message.channels.")
             and key.rsplit(".", 1)[1] in ("copy", "open", "copy_subject", "fields_label")]
    keys += [f"checklist.{name}" for name in ("reset", "saved", "unsaved", "cleared", "confirm", "confirm_yes", "confirm_no")]
    keys += [f"message.{name}" for name in ("privacy_before", "privacy_link", "call_button", "more_details", "zone_label", "zone_hint")]
    paper = " ".join(value for key, value in every.items() if key.startswith("pdf."))  # words paper has too
    words = set()
    # A count's words ("{segments} mensajes de texto") are a unit, not a phrase of a control.
    for key in [key for key in keys if not key.endswith(("_one", "_many"))]:
        piece = _flat(max(re.split(r"\{[a-z_]+\}", every[key]), key=len).strip(" .:;,()"))
        if len(piece) >= 12 and piece not in paper:
            words.add(piece)
    return sorted(words)


def test_the_screen_only_words_are_found_in_the_pages(built_site):
    """The list below is not empty, and really is on the pages: the share block's words are."""
    words = _screen_only_words()
    assert UI.share.title in words and UI.print_guide.title in words
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert UI.share.title in page and UI.print_guide.title in page


@pytest.mark.parametrize("folder", translations.folders(), ids=lambda folder: folder.rstrip("/") or "en")
def test_no_pdf_carries_the_share_block_or_other_screen_only_words(built_site, folder):
    edition, made, language = _edition(built_site, folder)
    words = _screen_only_words(strings.load(strings.catalogue_path(ROOT, language)))
    assert len(words) >= 20, f"{language}: only {len(words)} screen-only phrases to look for"
    for name in made:
        text = _flat(" ".join(_text(page) for page in _reader(edition / name).pages))
        found = [word for word in words if word in text]
        assert found == [], f"{name} prints what only works on a screen: {found}"


# --- readable type ------------------------------------------------------------------------------

def _checklists(language: str = translations.MAIN) -> list[dict]:
    """The checklists' data in ``language`` (the translation laid over the English file)."""
    if language == translations.MAIN:
        return data_of("checklists")
    return [translations.read_translated(path, language).data for path in data_paths("checklists")]


def _edition(site: Path, folder: str) -> tuple[Path, list[str], str]:
    """(the edition's folder in the built site, its PDFs named inside it, its language)."""
    language = folder.rstrip("/") or translations.MAIN
    return site / folder, [path.relative_to(site / folder).as_posix() for path in pdfs_of(site, language)], language


def _body_snippets(site: Path, name: str, language: str = translations.MAIN) -> list[str]:
    """The start of each paragraph and list item that a PDF prints as body text: a checklist's
    items and summary from its data, else the plain paragraphs and list items of the built
    pages it is made from. ``site``: the edition's folder (site/es for the Spanish one)."""
    regular = _regular(name)
    if regular.startswith("checklists/"):
        checklist_id = regular.split("/")[1]
        data = next(item for item in _checklists(language) if item["id"] == checklist_id)
        texts = [data["summary"]] + [item["text"] for section in data["sections"] for item in section["items"]]
        return [_flat(_agency_filled(text))[:SNIPPET] for text in texts if len(_flat(text)) >= SNIPPET]
    left_out = {url_of(src) for src in pdfs.sources.LEFT_OUT}  # the booklet leaves them out
    others = tuple(f"{code}/" for code in translations.LANGUAGES)  # another edition's pages, inside this one's site
    pages = [_page_of(name)] if regular != pdfs.BOOKLET else [
        url for url in page_urls(site) if not url.endswith(".html") and url not in left_out and not url.startswith(others)]
    snippets = []
    for url in pages:
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>',
                            page_file(site, url).read_text(encoding="utf-8"), re.S)
        if not article:
            continue
        # What the PDFs leave out (the contact box, the share block, ...) is not their body text.
        for block in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", pdfs.sources.drop_screen_only(article.group(1)), re.S):
            text = _flat(html.unescape(re.sub(r"<[^>]+>", "", block)))
            if len(text) >= 20 and not block.lstrip().startswith("<"):
                snippets.append(text[:SNIPPET])
    return snippets


@pytest.mark.parametrize("folder", translations.folders(), ids=lambda folder: folder.rstrip("/") or "en")
def test_body_text_is_12pt_and_16pt_in_large_print_notes_10pt_nothing_under_9pt(built_site, folder):
    """Both editions' PDFs (the Spanish ones in site/es/), each by its own words and data."""
    edition, made, language = _edition(built_site, folder)
    assert pdfs.BOOKLET in made and len(made) == len(_made(built_site)), folder
    for name in made:
        large = _large(name)
        reader = _reader(edition / name)
        agency = project_agency()
        footer = _flat(f"{agency['name']} · {agency['phone']}")  # the running footer, in small type on purpose
        runs = [run for page in reader.pages for run in _runs(page)]
        starting: dict[str, list[float]] = {}  # the sizes of the runs that start with each 14 characters
        for size, text in runs:
            flat = _flat(text)
            if not flat.startswith(footer):
                starting.setdefault(flat[:SNIPPET], []).append(size)
        # A paragraph's size where it is body text: the same words may also be a note elsewhere.
        body = [max(starting[snippet]) for snippet in _body_snippets(edition, name, language) if snippet in starting]
        assert len(body) >= 1, f"{name}: no body text found"
        smallest_body = min(body)
        assert smallest_body >= (BODY_MIN_LARGE if large else BODY_MIN), f"{name}: body text at {smallest_body}pt"
        smallest = min(size for size, _ in runs)
        assert smallest >= (SMALLEST_LARGE if large else SMALLEST), \
            f"{name}: text at {smallest}pt: {[text for size, text in runs if size == smallest][:3]}"
        if _kind(name) == "checklist":
            checklist_id = _regular(name).split("/")[1]
            data = next(item for item in _checklists(language) if item["id"] == checklist_id)
            details = [_flat(_agency_filled(item["detail"]))[:SNIPPET] for section in data["sections"]
                       for item in section["items"] if len(_flat(item.get("detail") or "")) >= SNIPPET]
            notes = {size for snippet in details for size in starting.get(snippet, [])}
            if notes:
                assert min(notes) >= (NOTE_MIN_LARGE if large else NOTE_MIN), f"{name}: notes at {min(notes)}pt"


@pytest.mark.parametrize("folder", translations.folders(), ids=lambda folder: folder.rstrip("/") or "en")
def test_body_text_in_the_booklet_is_found_widely(built_site, folder):
    """The body-size check above reads many paragraphs, not a stray few, in each edition."""
    edition, _made_here, language = _edition(built_site, folder)
    reader = _reader(edition / pdfs.BOOKLET)
    starts = {_flat(text)[:SNIPPET] for page in reader.pages for _, text in _runs(page)}
    found = set(_body_snippets(edition, pdfs.BOOKLET, language)) & starts
    assert len(found) >= 40, f"only {len(found)} paragraphs of the pages found in the booklet"


def _address(url: str) -> str:
    return url.removeprefix("https://")


@_once
def _placed_runs(page) -> list[tuple[float, float, str]]:
    """(x, y, text) of each piece of text the page draws, y upwards from the page's foot."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            matrix = _multiply(list(tm), list(cm))
            found.append((matrix[4], matrix[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def _address_lines(page, address: str) -> list[str] | None:
    """The lines an address is printed on beside or under a QR code, top to bottom: the pieces
    of it the right half of the page draws, grouped by baseline; None if they do not make it up."""
    width = float(page.mediabox.width)
    rows: dict[int, list[tuple[float, str]]] = {}
    for x, y, text in _placed_runs(page):
        if x > width * 0.45 and text in address:
            rows.setdefault(round(y), []).append((x, text))
    lines = ["".join(text for _, text in sorted(row)) for _, row in sorted(rows.items(), reverse=True)]
    for start in range(len(lines)):
        joined = ""
        for end in range(start, len(lines)):
            joined += lines[end]
            if joined == address:
                return lines[start:end + 1]
            if not address.startswith(joined):
                break
    return None


def test_addresses_under_qr_codes_break_only_after_a_slash(built_site, made):
    base = _site_base(built_site)
    for name in made:
        reader = _reader(built_site / name)
        if _kind(name) == "booklet":
            wanted = [(page, url) for page in reader.pages for url in _qr_texts(page)]
        else:
            wanted = [(reader.pages[0], base + _page_of(name))]
        assert wanted, name
        for page, url in wanted:
            lines = _address_lines(page, _address(url))
            assert lines, f"{name}: {_address(url)} is not printed whole beside its QR code"
            assert all(line.endswith("/") for line in lines[:-1]), f"{name}: {_address(url)} broken as {lines}"


def test_link_paths_break_only_after_a_slash(built_site, made):
    for name in made:
        for page in _reader(built_site / name).pages:
            for line in _lines(page):
                opened = line.rfind("(/")
                if opened != -1 and ")" not in line[opened:]:
                    assert line.endswith("/"), f"{name}: a printed path broken inside a word: {line!r}"


# --- room to write ------------------------------------------------------------------------------

def test_every_write_in_line_is_at_least_2_5_inches(built_site, made):
    for name in made:
        reader = _reader(built_site / name)
        rules = [(number, rule) for number, page in enumerate(reader.pages, 1) for rule in _rules(page)]
        short = [(number, round(width / INCH, 2)) for number, (width, _x, _y) in rules if width < WRITE_IN_MIN]
        assert short == [], f"{name}: lines shorter than 2.5in (page, inches): {short[:5]}"
        if _kind(name) != "booklet":
            # The head's rule and the write-in box's three lines at least.
            assert len(rules) >= 4, f"{name}: {len(rules)} lines"


def test_the_booklets_messages_have_a_line_for_every_blank(built_site):
    reader = _reader(built_site / pdfs.BOOKLET)
    lines = sum(len(_rules(page)) for page in reader.pages)
    blanks = sum(len(re.findall(r'class="tpl-blank"', page_file(built_site, f"templates/{template['id']}/").read_text(encoding="utf-8")))
                 for template in data_of("templates"))
    assert lines >= blanks, f"{lines} lines to write on for {blanks} blanks"


def test_every_handout_and_every_checklist_in_the_booklet_has_a_write_it_down_box(built_site, made):
    title = UI.pdf.write_in.title
    labels = [UI.pdf.write_in.interviewer, UI.pdf.write_in.their_phone, UI.pdf.write_in.new_time]
    for name in made:
        reader = _reader(built_site / name)
        if _kind(name) != "booklet":
            text = _flat(" ".join(_text(page) for page in reader.pages))
            assert title in text and all(label in text for label in labels), name
            continue
        checklists = {item["title"] for item in data_of("checklists")}
        sections = [section for section in _sections(reader) if section[0] in checklists]
        assert len(sections) == len(checklists), f"{name}: checklists in its contents: {sections}"
        for section_title, first, last in sections:
            text = _flat(" ".join(_text(reader.pages[number - 1]) for number in range(first, last + 1)))
            assert title in text and all(label in text for label in labels), f"{name}: {section_title} has no box"


def _phone_script(site: Path, template_id: str) -> list[str]:
    page = page_file(site, f"templates/{template_id}/").read_text(encoding="utf-8")
    channel = re.search(r'data-channel="phone".*?<p class="tpl-text tpl-body"[^>]*>(.*?)</p>', page, re.S)
    text = html.unescape(re.sub(r'<span class="tpl-blank"[^>]*>[^<]*</span>', "\u2063", channel.group(1)))
    return [para for para in re.split(r"\n\s*\n", re.sub(r"<[^>]+>", "", text)) if para.strip()]


def test_phone_scripts_keep_their_lines_and_turns_in_the_booklet(built_site):
    for large in (False, True):
        name = pdfs.large_print(pdfs.BOOKLET) if large else pdfs.BOOKLET
        reader = _reader(built_site / name)
        sections = {title: (first, last) for title, first, last in _sections(reader)}
        checked = 0
        for template in data_of("templates"):
            if "phone" not in template["channels"]:
                continue
            titles = (template["title"], UI.fill("pdf.same_title", title=template["title"], kind=UI.pdf.kinds.messages))
            title = next(t for t in sections if t in titles)
            first, last = sections[title]
            starts = [_flat(line) for number in range(first, last + 1) for line in _lines(reader.pages[number - 1])]
            for paragraph in _phone_script(built_site, template["id"])[1:]:
                opening = _flat(paragraph.split("\u2063")[0])[:18].strip()
                if len(opening) < 6:
                    continue
                assert any(line.startswith(opening) for line in starts), \
                    f"{name}, {title}: the turn '{opening}' does not start its own line"
                checked += 1
        assert checked >= len(data_of("templates")), f"{name}: only {checked} turns checked"


# --- pages, QR codes, contents ------------------------------------------------------------------

def test_every_handout_is_one_page_and_each_has_a_large_print_edition(built_site, made):
    regular = [name for name in made if not _large(name)]
    assert {name for name in regular if _kind(name) == "checklist"} == {pdfs.checklist_pdf(item["id"]) for item in data_of("checklists")}
    for name in regular:
        assert pdfs.large_print(name) in made, f"{name} has no large-print edition"
        if _kind(name) != "booklet":
            assert len(_reader(built_site / name).pages) == 1, f"{name} is not one page"
    assert all(_regular(name) in made for name in made if _large(name))


def test_every_printed_qr_code_decodes_to_its_page(built_site, made):
    base = _site_base(built_site)
    for name in made:
        reader = _reader(built_site / name)
        if _kind(name) != "booklet":
            assert _qr_texts(reader.pages[0]) == [base + _page_of(name)], name
            continue
        sections = _sections(reader)
        codes = []
        for title, first, _last in sections:
            found = _qr_texts(reader.pages[first - 1])
            assert len(found) == 1 and found[0].startswith(base), f"{name}: {title} on page {first}: {found}"
            codes += found
        every = [text for page in reader.pages for text in _qr_texts(page)]
        assert sorted(every) == sorted(codes), f"{name}: a QR code outside a section's first page"
        assert len(set(codes)) == len(codes), f"{name}: two sections share a QR code"
        for code in codes:
            path = code.removeprefix(base)
            assert page_file(built_site, path).is_file(), f"{name}: {code} is not a page of the site"


def test_contents_titles_differ_and_each_starts_on_its_page(built_site):
    for name in (pdfs.BOOKLET, pdfs.large_print(pdfs.BOOKLET)):
        reader = _reader(built_site / name)
        entries = _contents(reader)
        sections = [title for title in [t for t, _ in entries] if title not in PART_NAMES]
        assert len(sections) >= 15, f"{name}: {len(sections)} contents entries"
        assert len(set(sections)) == len(sections), f"{name}: titles shared: {sorted({t for t in sections if sections.count(t) > 1})}"
        numbers = [number for _, number in entries]
        assert numbers == sorted(numbers), f"{name}: contents out of order"
        for title, number in entries:
            page = _flat(_text(reader.pages[number - 1]))
            assert title in page, f"{name}: '{title}' not on page {number}"


def test_distinct_titles_name_the_kind_of_page_and_then_count():
    from sitegen.pdfs.sources import Section

    made = pdfs.distinct_titles([Section("situations", "a/", "Same", ""), Section("messages", "b/", "Same", ""),
                                 Section("messages", "c/", "Same", ""), Section("guides", "d/", "Other", "")], UI)
    titles = [section.title for section in made]
    situations = UI.fill("pdf.same_title", title="Same", kind=UI.pdf.kinds.situations)
    messages = UI.fill("pdf.same_title", title="Same", kind=UI.pdf.kinds.messages)
    assert titles == [situations, messages, f"{messages} 2", "Other"]


# --- "Print the whole guide" on every page --------------------------------------------------------

def _print_guide(page_html: str) -> str | None:
    block = re.search(r'<aside class="mih-print-guide".*?</aside>', page_html, re.S)
    return block.group(0) if block else None


def _size_words(reader: PdfReader, size: int) -> str:
    pages = len(reader.pages)
    kb = max(1, round(size / 1024))
    return UI.fill("print_guide.size_one", kb=kb) if pages == 1 else UI.fill("print_guide.size_many", pages=pages, kb=kb)


def test_every_page_links_the_booklet_and_its_own_handout_with_pages_and_kb(built_site):
    handouts = {f"checklists/{item['id']}/": pdfs.checklist_pdf(item["id"]) for item in data_of("checklists")}
    handouts.update({f"situations/{sid}/": pdfs.situation_pdf(sid) for sid in pdfs.sources.situation_ids(built_site)})
    # The English edition's pages (the Spanish edition's: tests/test_editions_pdfs.py).
    urls = [url for url in page_urls(built_site) if not url.endswith(".html") and url.split("/")[0] not in translations.LANGUAGES]
    assert len(urls) > 10
    for url in urls:
        block = _print_guide(page_file(built_site, url).read_text(encoding="utf-8"))
        assert block, f"/{url}: no 'Print the whole guide'"
        assert UI.print_guide.title in block
        links = dict(re.findall(r'<a href="([^"]+\.pdf)"[^>]*>[^<]*</a> <span class="mih-print-guide__size" data-pdf-size="[^"]*">([^<]*)</span>', block))
        wanted = [pdfs.BOOKLET, pdfs.large_print(pdfs.BOOKLET)]
        if url in handouts:
            wanted += [handouts[url], pdfs.large_print(handouts[url])]
        resolved = {posixpath.normpath(posixpath.join(url, html.unescape(href))): html.unescape(words)
                    for href, words in links.items()}
        assert sorted(resolved) == sorted(wanted), f"/{url}: links {sorted(resolved)}"
        for name in wanted:
            pdf = built_site / name
            assert resolved[name] == _size_words(_reader(pdf), pdf.stat().st_size), f"/{url}: {name} said {resolved[name]}"


def test_a_page_that_links_a_pdf_the_build_did_not_make_stops_it(tmp_path):
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text('<span class="mih-print-guide__size" data-pdf-size="nothing.pdf"></span>', encoding="utf-8")
    report = pdfs.Report(sizes={"a.pdf": 2048}, pages={"a.pdf": 3})
    with pytest.raises(pdfs.PdfError, match=r"x/index.html links nothing.pdf"):
        pdfs.fill_sizes(tmp_path, report, UI)
    page.write_text('<span class="mih-print-guide__size" data-pdf-size="a.pdf"></span>', encoding="utf-8")
    pdfs.fill_sizes(tmp_path, report, UI)
    assert UI.fill("print_guide.size_many", pages=3, kb=2) in page.read_text(encoding="utf-8")


# --- long values stay on the page (issue #22) ---------------------------------------------------

LONG = "Averyveryverylongnamewithnospacesatallthatgoesonandonandonforeverandeverandeverandeverandever"


def _overflow(document) -> list[str]:
    """Text that runs past the right edge of its page's content area."""
    wrong = []
    for number, page in enumerate(document.pages, 1):
        box = page._page_box
        right = box.margin_width() - box.margin_right
        stack = [box]
        while stack:
            current = stack.pop()
            stack.extend(getattr(current, "children", None) or [])
            text = getattr(current, "text", None)
            if text and current.position_x + current.width > right + 1:
                wrong.append(f"page {number}: {text[:40]!r} ends at {round(current.position_x + current.width)} > {round(right)}")
    return wrong


def test_long_unbroken_values_stay_inside_the_page(tmp_path):
    from sitegen.pdfs.engine import Renderer
    from sitegen.pdfs.sources import Section

    agency = {name: f"{LONG}{name}" for name in ("name", "phone", "email", "address", "hours", "website")}
    address = f"https://{LONG.lower()}.example.com/checklists/{LONG.lower()}-list/"
    checklist = SimpleNamespace(title=LONG, summary=f"{LONG} {LONG}", sections=[
        SimpleNamespace(title=LONG, items=[SimpleNamespace(text=f"Call {LONG}.", detail=f"Say {LONG}.")])])
    env = pdfs._jinja()
    common = {"agency": agency, "lang": "en", "site_url": "https://example.com/", "ui": UI}
    body = (f'<p>{LONG}{LONG}</p><p><a data-print-path="/{LONG.lower()}/{LONG.lower()}/" href="x">a link</a></p>'
            f'<div class="sit-script"><p>"{LONG}"</p></div>')
    section = Section("situations", "situations/x/", LONG, body)
    documents = {
        "handout": env.get_template("handout.html").render(**common, checklist=checklist, address=address, details=True,
                                                           columns=1, tight=False, large=False),
        "large handout": env.get_template("handout.html").render(**common, checklist=checklist, address=address,
                                                                 details=True, columns=1, tight=False, large=True),
        "sheet": pdfs._sheet(env, common, section, address, ("two-columns",), large=False),
        "booklet": env.get_template("booklet.html").render(**common, parts=[("situations", [section])], built="today",
                                                           address=address, urljoin=lambda a, b: a + b, large=False),
    }
    renderer = Renderer([tmp_path])
    for kind, markup in documents.items():
        assert _overflow(renderer.document(markup, tmp_path)) == [], kind


def test_every_part_of_the_booklet_has_a_name_and_a_kind():
    assert set(pdfs.sources.PARTS) <= set(UI.pdf.parts) and set(pdfs.sources.PARTS) <= set(UI.pdf.kinds)
