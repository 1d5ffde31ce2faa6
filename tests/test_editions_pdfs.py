"""The Spanish edition's paper (issue #18): its handouts and booklet, each in normal and large
print, tagged in Spanish, each handout one page with the Spanish write-in box, every QR code
leading to the Spanish page, and every one listed on the Spanish staff page and linked from
the Spanish pages. The English edition's paper: test_pdfs.py and test_paper_pdfs.py, whose
type-size and screen-only-words checks run over the Spanish PDFs too."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from sitegen import pdfs, strings, translations
from sitegen.project import ROOT
from testkit.project_data import data_of
from testkit.site_pages import pdfs_of

from test_paper_pdfs import _flat, _qr_texts, _text

LANGUAGE = translations.LANGUAGES[0]
UI = strings.load(strings.catalogue_path(ROOT, LANGUAGE))


@pytest.fixture(scope="module")
def made(built_site) -> list[str]:
    """The Spanish edition's PDFs, by name inside its folder (checklists/x/x.pdf)."""
    found = [path.relative_to(built_site / LANGUAGE).as_posix() for path in pdfs_of(built_site, LANGUAGE)]
    english = [path.relative_to(built_site).as_posix() for path in pdfs_of(built_site)]
    assert sorted(found) == sorted(english), "the same handouts and booklets in both editions"
    return found


def test_every_spanish_pdf_is_tagged_spanish_with_its_fonts(built_site, made):
    for name in made:
        reader = PdfReader(built_site / LANGUAGE / name)
        root = reader.trailer["/Root"]
        assert root.get("/Lang") == LANGUAGE, name
        assert reader.metadata.title and root["/MarkInfo"]["/Marked"], name


def test_each_spanish_handout_is_one_page_with_the_write_in_box(built_site, made):
    for name in made:
        if "booklet" in name or name.endswith(pdfs.LARGE_SUFFIX):  # large print may take more pages
            continue
        reader = PdfReader(built_site / LANGUAGE / name)
        assert len(reader.pages) == 1, f"{name} has {len(reader.pages)} pages"
        assert _flat(UI.pdf.write_in.title) in _flat(_text(reader.pages[0])), name
    for checklist in data_of("checklists"):
        assert pdfs.checklist_pdf(checklist["id"]) in made and pdfs.large_print(pdfs.checklist_pdf(checklist["id"])) in made


def test_every_spanish_qr_code_opens_the_spanish_page(built_site, site_url, made):
    base = site_url + LANGUAGE + "/"
    for name in made:
        reader = PdfReader(built_site / LANGUAGE / name)
        codes = [code for page in (reader.pages if "booklet" in name else reader.pages[:1]) for code in _qr_texts(page)]
        assert codes and all(code.startswith(base) for code in codes), f"{name}: {codes}"
        if "booklet" not in name:
            assert codes == [base + name.removesuffix(pdfs.LARGE_SUFFIX).removesuffix(".pdf").rsplit("/", 1)[0] + "/"], name


def test_the_spanish_staff_page_lists_every_spanish_pdf_and_pages_link_the_booklet(built_site, made):
    page = (built_site / LANGUAGE / "for-staff" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./([^"#?]+\.pdf)"', page))
    assert set(made) == linked, sorted(set(made) ^ linked)
    home = (built_site / LANGUAGE / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<aside class="mih-print-guide".*?</aside>', home, re.S).group(0)
    assert UI.print_guide.title in block and pdfs.BOOKLET in block
