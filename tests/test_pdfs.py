"""The PDFs `make build` makes (sitegen.pdfs), read back with pypdf and zxing-cpp:
one-page blank handouts per checklist and per situation, the workshop booklet (cover,
contents with real page numbers, reading order, footer, a QR code per section), embedded
fonts, tagged with language and title; the content-hash cache (large print included); no
network. What paper must give a workshop (type sizes, room to write, large print, "Print the
whole guide") is in tests/test_paper_pdfs.py."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

import sitegen.pdfs as pdfs
from sitegen.pdfs.cache import read_manifest
from sitegen.pdfs.engine import OfflineFetcher
from testkit.project_data import agency as project_agency, data_of, data_paths, ids_of
from testkit.site_pages import pdfs_of

from conftest import build

CHECKLISTS = data_paths("checklists")  # every checklist the project has, .yml and .yaml


def _agency() -> dict:
    return project_agency()


def _strings():
    from sitegen import strings
    from sitegen.project import ROOT

    return strings.load(strings.catalogue_path(ROOT, "en"))


def _checklist(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _fill(text: str, agency: dict) -> str:
    return re.sub(r"\{\{\s*agency\.(\w+)\s*\}\}", lambda m: agency[m.group(1)], text)


def _flat(text: str) -> str:
    """PDF text with its line breaks and hyphenation undone, spaces squeezed."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def _site_base(site: Path) -> str:
    first = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")).group(1)
    return first if first.endswith("/") else first.rsplit("/", 1)[0] + "/"


def _qr_texts(page) -> list[str]:
    import zxingcpp
    from PIL import Image

    # The PDF shares one resource list among its pages: take only the images this page draws.
    drawn = set(re.findall(r"/([^\s/\[\]()<>]+)\s+Do\b", page.get_contents().get_data().decode("latin-1")))
    found = []
    for image in page.images:
        if image.name.rsplit(".", 1)[0] not in drawn:
            continue
        picture = Image.open(io.BytesIO(image.data)).convert("L")
        picture = picture.resize((picture.width * 2, picture.height * 2), Image.NEAREST)
        found += [result.text for result in zxingcpp.read_barcodes(picture)]
    return found


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font on every page."""
    fonts = []
    for page in reader.pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.append((str(font.get("/BaseFont")), embedded))
    return fonts


@pytest.fixture(scope="module")
def agency() -> dict:
    return _agency()


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.stem)
def test_checklist_handout_is_one_blank_page_with_every_item_and_the_phone(built_site, agency, path):
    checklist = _checklist(path)
    pdf = built_site / pdfs.checklist_pdf(checklist["id"])
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1, f"{pdf.name} has {len(reader.pages)} pages"
    text = _flat(reader.pages[0].extract_text())
    for section in checklist["sections"]:
        assert _flat(section["title"]) in text
        for item in section["items"]:
            assert _flat(_fill(item["text"], agency)) in text, f"missing item {item['id']}"
    assert agency["phone"] in text
    assert agency["name"] in text
    ui = _strings()
    for label in (ui.pdf.write_in.interviewer, ui.pdf.write_in.their_phone, ui.pdf.write_in.new_time):
        assert label in text, "write-in box"
    # Blank: a handout never carries a reader's ticks (there are no form fields at all).
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert "\u2713" not in text


def test_situation_sheets_are_one_page_with_their_call_script(built_site, agency):
    made = sorted(pdf for pdf in built_site.glob("situations/*/*.pdf") if not pdf.name.endswith(pdfs.LARGE_SUFFIX))
    pages = pdfs.sources.situation_ids(built_site)
    # Every situation in data/situations/ is a page of the build: a missing one fails, never skips.
    assert set(pages) == set(ids_of("situations")) and pages, f"situation pages built: {pages}"
    assert {pdf.stem for pdf in made} == set(pages)
    for pdf in made:
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1, f"{pdf} has {len(reader.pages)} pages"
        text = _flat(reader.pages[0].extract_text())
        assert agency["phone"] in text
        # The call script of the page is there: its quoted words, as the page has them.
        article = (pdf.parent / "index.html").read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1)
        assert _flat(html.unescape(re.sub("<[^>]+>", "", heading))) in text
        scripts = re.findall(r'class="sit-script"[^>]*>(.*?)</', article, re.S)
        for script in scripts:
            words = _flat(html.unescape(re.sub("<[^>]+>", "", script)))[:60]
            assert words in text, f"{pdf.name}: call script missing: {words}"


def test_every_pdf_is_tagged_with_language_title_and_embedded_fonts(built_site):
    made = pdfs_of(built_site)  # the Spanish edition's: tests/test_editions_pdfs.py
    assert len(made) >= 2 * (len(CHECKLISTS) + 1), "each PDF and its large-print edition"
    for pdf in made:
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert root.get("/Lang") == "en", pdf
        assert reader.metadata.title, pdf
        assert root["/MarkInfo"]["/Marked"], f"{pdf} is not tagged"
        assert "/StructTreeRoot" in root, f"{pdf} has no structure tree"
        fonts = _fonts(reader)
        assert fonts, pdf
        assert all(embedded for _, embedded in fonts), f"{pdf}: fonts not embedded: {fonts}"
        assert any("Atkinson" in name for name, _ in fonts), fonts


@pytest.fixture(scope="module")
def booklet(built_site):
    return PdfReader(built_site / pdfs.BOOKLET)


def _contents(booklet: PdfReader) -> list[tuple[str, int]]:
    """(title, page) for each line of the contents, which starts on page 2 and may go on."""
    assert booklet.pages[1].extract_text().lstrip().startswith("Contents")
    entries = []
    for page in booklet.pages[1:]:
        lines = page.extract_text().splitlines()
        if not any(re.search(r"\.{3,}\s*\d+$", line.strip()) for line in lines):
            break
        for line in lines:
            match = re.match(r"^(.*?) ?\.{3,}\s*(\d+)$", line.strip())  # title, dotted leader, page
            if match and match.group(1).strip(" ."):
                entries.append((match.group(1).strip(" ."), int(match.group(2))))
    return entries


def test_booklet_cover_has_the_agency_and_the_build_date(booklet, agency):
    cover = _flat(booklet.pages[0].extract_text())
    for detail in ("name", "phone", "email", "address", "hours"):
        assert agency[detail] in cover, detail
    assert re.search(r"built on [A-Z][a-z]+ \d{1,2}, \d{4}", cover)


def test_booklet_contents_give_the_page_where_each_section_really_starts(booklet):
    entries = _contents(booklet)
    assert len(entries) >= 15
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers), "contents out of reading order"
    for title, number in entries:
        page = _flat(booklet.pages[number - 1].extract_text())
        assert _flat(title) in page, f"'{title}' not on page {number}"
        if number > 3:  # a section starts on that page, so it is not on the page before
            before = booklet.pages[number - 2].extract_text().splitlines()
            assert _flat(title) not in [_flat(line) for line in before[:3]], title


def test_booklet_holds_guides_situations_checklists_and_messages_in_reading_order(booklet, built_site):
    titles = [title for title, _ in _contents(booklet)]
    parts = [title for title in titles if title in ("Guides", "Situations", "Checklists", "Messages")]
    expected = ["Guides", "Situations", "Checklists", "Messages"]
    if not (built_site / "situations").is_dir():
        expected.remove("Situations")
    assert parts == expected
    for path in CHECKLISTS:
        assert _checklist(path)["title"] in titles
    ui = _strings()
    for template in data_of("templates"):  # a title another page has too names its kind (test_paper_pdfs.py)
        assert template["title"] in titles or ui.fill("pdf.same_title", title=template["title"], kind=ui.pdf.kinds.messages) in titles


def test_booklet_footer_has_page_numbers_and_the_phone(booklet, agency):
    total = len(booklet.pages)
    for number in range(2, total + 1):
        text = _flat(booklet.pages[number - 1].extract_text())
        assert f"{number} / {total}" in text, number
        assert agency["phone"] in text, number


def test_pdf_qr_codes_decode_to_their_page_addresses(built_site, booklet):
    base = _site_base(built_site)
    checklist = _checklist(CHECKLISTS[0])
    handout = PdfReader(built_site / pdfs.checklist_pdf(checklist["id"]))
    assert _qr_texts(handout.pages[0]) == [base + f"checklists/{checklist['id']}/"]
    entries = _contents(booklet)
    start = dict(entries)[checklist["title"]]
    assert _qr_texts(booklet.pages[start - 1]) == [base + f"checklists/{checklist['id']}/"]
    every = [text for page in booklet.pages for text in _qr_texts(page)]
    sections = [title for title, _ in entries if title not in ("Guides", "Situations", "Checklists", "Messages")]
    assert len(every) == len(sections), "one QR code per section"
    assert len(set(every)) == len(every)
    assert all(text.startswith(base) for text in every)


def test_pdfs_are_made_by_build_and_left_out_of_serve_unless_asked(monkeypatch):
    monkeypatch.delenv("MIH_PDFS", raising=False)
    assert pdfs.enabled("build") and pdfs.enabled("gh-deploy")
    assert not pdfs.enabled("serve")
    monkeypatch.setenv("MIH_PDFS", "1")
    assert pdfs.enabled("serve")
    monkeypatch.setenv("MIH_PDFS", "0")
    assert not pdfs.enabled("build")


def test_the_pdf_engine_never_reaches_the_network(tmp_path):
    inside = tmp_path / "ok.txt"
    inside.write_text("x")
    fetcher = OfflineFetcher([tmp_path])
    for url in ("http://127.0.0.1:9/x.png", "https://fonts.example.com/a.woff", "ftp://example.com/a"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    fetcher.fetch(inside.as_uri())
    fetcher.fetch("data:text/plain,hello")


def test_an_unchanged_rebuild_renders_no_pdf_and_a_change_renders_only_what_it_touches(project_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("MIH_PDF_CACHE", str(cache))  # its own, empty: the first build renders every PDF
    first = build(project_copy, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    cold = read_manifest(cache)
    assert cold["reused"] == [] and pdfs.BOOKLET in cold["rendered"]
    stored = {path.name: path.stat().st_mtime_ns for path in cache.glob("*.pdf")}

    second = build(project_copy, tmp_path / "two")
    assert second.returncode == 0, second.stderr
    warm = read_manifest(cache)
    assert warm["rendered"] == [], "an unchanged build rendered PDFs again"
    assert sorted(warm["reused"]) == sorted(cold["rendered"])
    assert {path.name for path in cache.glob("*.pdf")} == set(stored)
    for name in warm["reused"]:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()

    data, checklist = _one_checklist(project_copy)
    item = checklist["sections"][0]["items"][0]["text"]
    text = data.read_text(encoding="utf-8")
    assert f"text: {item}\n" in text, "the first item is written as plain text"
    data.write_text(text.replace(f"text: {item}\n", f"text: {item} Now.\n", 1), encoding="utf-8")
    third = build(project_copy, tmp_path / "three")
    assert third.returncode == 0, third.stderr
    changed = read_manifest(cache)
    touched = [pdfs.checklist_pdf(checklist["id"]), pdfs.BOOKLET]
    assert sorted(changed["rendered"]) == sorted(touched + [pdfs.large_print(name) for name in touched])
    handout = PdfReader(tmp_path / "three" / pdfs.checklist_pdf(checklist["id"]))
    assert _flat(f"{item} Now.") in _flat(handout.pages[0].extract_text())


def _one_checklist(project: Path) -> tuple[Path, dict]:
    """A checklist file of the project whose first item has no agency token, and its data."""
    for path in data_paths("checklists", project):
        data = _checklist(path)
        if "{{" not in data["sections"][0]["items"][0]["text"]:
            return path, data
    raise AssertionError("no checklist starts with a plain item")


def test_a_checklist_too_long_for_one_page_stops_the_build_naming_its_pdf(project_copy, tmp_path):
    data, checklist = _one_checklist(project_copy)
    checklist["sections"] = [{"title": f"Part {s}", "items": [
        {"id": f"item-{s}-{i}", "text": f"Do step {i} of part {s}, carefully and in order.",
         "detail": "A long detail that takes a whole line on paper, so the list cannot fit one page at all."}
        for i in range(20)]} for s in range(5)]
    data.write_text(yaml.safe_dump(checklist), encoding="utf-8")
    result = build(project_copy, tmp_path / "site")  # the session's PDF cache: only the changed ones render
    assert result.returncode != 0
    assert re.search(rf"{re.escape(pdfs.checklist_pdf(checklist['id']))} has [2-9] pages", result.stderr + result.stdout)
    assert "must fit on 1" in result.stderr + result.stdout


def test_staff_page_lists_every_handout_and_the_booklet(built_site):
    page = (built_site / "for-staff" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./([^"#?]+\.pdf)"', page))
    assert linked, "the staff page lists no printables"
    made = {path.relative_to(built_site).as_posix() for path in pdfs_of(built_site)}
    assert made <= linked, f"not listed on the staff page: {sorted(made - linked)}"
    assert linked <= made, f"the staff page links PDFs that were not made: {sorted(linked - made)}"
