"""Printable PDFs made with the site, from the built pages and the checklist data:

- ``checklists/<id>/<id>.pdf``: a one-page, blank handout per checklist, with a write-in box;
- ``situations/<id>/<id>.pdf``: a one-page sheet per situation page (when those pages exist),
  with the words to say and a write-in box;
- ``missed-interview-booklet.pdf``: the workshop booklet (cover, contents with page numbers,
  every guide, situation, checklist and message in reading order, a QR code per section, a
  write-in box after each checklist);
- each of these again in large print (16pt body text), named ``...-large-print.pdf``. A
  large-print handout may take more than one page.

Body text is 12pt or more (pdf.css). Each PDF is keyed by a hash of what decides its bytes
(``cache.py``); an unchanged one is copied from the cache, not rendered. Once they are made,
``fill_sizes`` writes each one's pages and KB into the pages' "Print the whole guide" block
(overrides/partials/print-guide.html). ``enabled()`` says whether this build makes PDFs:
``mkdocs build`` does, ``mkdocs serve`` does not, unless MIH_PDFS=1 (``make serve PDFS=1``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as htmlmod
import multiprocessing
import os
import posixpath
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup, escape

from sitegen import render
from sitegen.context import BuildContext
from sitegen.pdfs import qr, sources
from sitegen.pdfs.cache import Cache, Report, copy_out, key
from sitegen.pdfs.engine import TEMPLATES, engine_fingerprint

BOOKLET = "missed-interview-booklet.pdf"
LARGE_SUFFIX = "-large-print.pdf"
# The type never shrinks below 12pt to fit a handout on its page: lines a little closer, then
# two columns, then the items' details left out (the page online has them).
FIT_STEPS = [(True, 1, False), (True, 1, True), (True, 2, False), (True, 2, True), (False, 1, False),
             (False, 2, False)]  # (details, columns, tight)
# A situation sheet until it fits its page: all of it in one column, then in two; without the
# "Read more" links; without the lists of choices that lead to other pages (a line says the
# QR code opens them); lines a little closer; without the foot (the agency box at the top has
# the phone and hours, the running footer the name and website); last, every space a little
# smaller (a smaller QR code, lines to write on a quarter inch apart). Type stays at 12pt.
SHEET_STEPS = [(), ("two-columns",), ("two-columns", "no-more"), ("two-columns", "no-more", "no-choices"),
               ("two-columns", "no-more", "no-choices", "tight"),
               ("two-columns", "no-more", "no-choices", "tight", "no-foot"),
               ("two-columns", "no-more", "no-choices", "tight", "no-foot", "compact")]
LAST_REPORT: Report | None = None


class PdfError(Exception):
    """A PDF cannot be made as promised (a handout longer than one page)."""


def enabled(command: str | None) -> bool:
    """PDFs in `mkdocs build`; in `mkdocs serve` only when asked with MIH_PDFS=1."""
    wanted = os.environ.get("MIH_PDFS", "").strip().lower()
    if wanted in ("0", "no", "false", "off"):
        return False
    if wanted in ("1", "yes", "true", "on"):
        return True
    return command != "serve"


def _build_day() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch.isdigit() else dt.date.today()


def cache_folder(project_root: Path) -> Path:
    return Path(os.environ.get("MIH_PDF_CACHE") or project_root / ".cache" / "pdfs")


def checklist_pdf(checklist_id: str) -> str:
    return f"checklists/{checklist_id}/{checklist_id}.pdf"


def situation_pdf(situation_id: str) -> str:
    return f"situations/{situation_id}/{situation_id}.pdf"


def large_print(name: str) -> str:
    """The large-print edition of a PDF: missed-interview-booklet-large-print.pdf."""
    return name.removesuffix(".pdf") + LARGE_SUFFIX


def printables_markdown(markdown: str, built: BuildContext, page_url: str) -> str:
    """The staff page's lists of printables, made from what this build prints: the markers
    ``<!-- printables: checklists -->`` and ``<!-- printables: situations -->`` become a list
    of links to each handout, titled as its page, with its large-print edition after it, and
    each one's pages and KB once the PDFs are made; ``<!-- printables: booklet -->`` becomes the
    booklet's two links. A new checklist is listed by itself."""
    ui = built.strings
    lists = {
        "checklists": [(checklist_pdf(c.id), c.title) for c in built.checklists],
        "situations": [(situation_pdf(s.id), s.title) for s in built.situations],
        "booklet": [(BOOKLET, ui.print_guide.booklet)],
    }

    def link(path: str, words: str) -> str:
        # The empty span gets the PDF's pages and KB once it is made (fill_sizes).
        return (f'<a href="{escape(posixpath.relpath(path, page_url or "."))}">{render.text(words)}</a> '
                f'<span class="mih-print-guide__size" data-pdf-size="{escape(path)}"></span>')

    for name, entries in lists.items():
        # Raw links: MkDocs would refuse a Markdown link to a file that is not in docs/.
        lines = [f"- {link(path, title)}; {link(large_print(path), ui.pdf.large_print_link)}" for path, title in entries]
        markdown = markdown.replace(f"<!-- printables: {name} -->", "\n".join(lines))
    return markdown


def _jinja() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["qr"] = qr.data_uri
    env.filters["address"] = sources.address_markup
    return env


def _render(site_dir: Path, variants: list[str], max_pages: int | None) -> tuple[bytes, int]:
    """The first variant that fits ``max_pages`` (or the last one): PDF bytes and pages."""
    from sitegen.pdfs.engine import Renderer

    global _RENDERER
    if _RENDERER is None or _RENDERER[0] != site_dir:  # fonts loaded once per process
        _RENDERER = (site_dir, Renderer([site_dir]))
    renderer = _RENDERER[1]
    document = None
    for html in variants:
        document = renderer.document(html, site_dir)
        if max_pages is None or len(document.pages) <= max_pages:
            break
    return renderer.pdf(document), len(document.pages)


_RENDERER = None


def _workers() -> int:
    wanted = os.environ.get("MIH_PDF_JOBS", "").strip()
    return max(1, int(wanted)) if wanted.isdigit() else min(2, os.cpu_count() or 1)


class _Job:
    """Collects what to make, then renders only what the cache lacks, on up to two cores
    (MIH_PDF_JOBS=1 keeps it in this process), and copies every PDF into the site."""

    def __init__(self, site_dir: Path, cache: Cache, report: Report):
        self.site_dir, self.cache, self.report = site_dir, cache, report
        self.wanted: list[tuple[str, str, list[str], int | None]] = []

    def add(self, name: str, variants: list[str], max_pages: int | None = None) -> None:
        digest = key(engine_fingerprint(), name, str(max_pages), *variants)
        self.wanted.append((name, digest, variants, max_pages))

    def run(self) -> None:
        missing = [entry for entry in self.wanted if self.cache.get(entry[1]) is None]
        # Largest first, so the booklet starts at once and the handouts fill the other core.
        missing.sort(key=lambda entry: -len(entry[2][0]))
        workers = min(_workers(), len(missing))
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            import weasyprint  # noqa: F401  imported once, before the fork, for both workers

            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = {entry[0]: pool.submit(_render, self.site_dir, entry[2], entry[3]) for entry in missing}
                made = {name: future.result() for name, future in futures.items()}
        else:
            global _RENDERER
            made = {entry[0]: _render(self.site_dir, entry[2], entry[3]) for entry in missing}
            _RENDERER = None  # let WeasyPrint clean up its fonts now, not at interpreter exit
        too_long = []
        for name, digest, _variants, max_pages in self.wanted:
            if name in made:
                data, pages = made[name]
                if max_pages is not None and pages > max_pages:
                    too_long.append(f"{name} has {pages} pages even in its most compact layout, and must fit on {max_pages}")
                    continue
                cached = self.cache.put(digest, data, pages)
                self.report.rendered.append(name)
            else:
                cached = self.cache.get(digest)
                self.report.reused.append(name)
            copy_out(cached, self.site_dir / name)
            self.report.sizes[name] = cached.stat().st_size
            self.report.pages[name] = self.cache.pages(digest)
        if too_long:
            raise PdfError("Printable PDFs: " + "; ".join(too_long) + ". Shorten the checklist or page it comes from.")


def distinct_titles(sections: list[sources.Section], ui) -> list[sources.Section]:
    """The sections with no two titles alike: a title that several share gets its part's kind
    after it ("The interviewer did not show up or call (messages to send)"), then a number."""
    counts: dict[str, int] = {}
    for section in sections:
        counts[section.title] = counts.get(section.title, 0) + 1
    out, seen = [], set()
    for section in sections:
        title = section.title
        if counts[title] > 1:
            title = ui.fill("pdf.same_title", title=title, kind=ui.pdf.kinds[section.part])
        base, number = title, 2
        while title in seen:
            title, number = f"{base} {number}", number + 1
        seen.add(title)
        out.append(dataclasses.replace(section, title=title))
    return out


def _sheet(env, common: dict, section: sources.Section, address: str, fit: tuple[str, ...], large: bool) -> str:
    lead, body = sources.lead_of(section.body)
    if "no-more" in fit:
        body = sources.without_read_more(body)
    if "no-choices" in fit:
        body = sources.without_choices(body, str(escape(common["ui"].pdf.sheet.choices_note)))
    return env.get_template("sheet.html").render(
        **common, section=dataclasses.replace(section, body=body), lead=Markup(lead), address=address, fit=fit,
        large=large)


def _sheet_variants(env, common: dict, section: sources.Section, address: str) -> list[str]:
    return [_sheet(env, common, section, address, fit, large=False) for fit in SHEET_STEPS]


def build(*, site_dir: Path, built: BuildContext, nav: list | None, cache_dir: Path,
          today: dt.date | None = None) -> Report:
    """Every PDF of this build, from the build context's checklists and the built pages, in
    regular and large print; then their sizes in the pages that link them."""
    global LAST_REPORT
    started = time.perf_counter()
    site_url = built.site_url
    report = Report()
    cache = Cache(cache_dir, built.language)
    job = _Job(site_dir, cache, report)
    env = _jinja()
    common = {"agency": built.agency, "lang": built.language, "site_url": site_url, "ui": built.strings}

    for checklist in built.checklists:
        address = built.absolute(f"checklists/{checklist.id}.md")
        handout = env.get_template("handout.html")
        variants = [handout.render(**common, checklist=checklist, address=address, details=details, columns=columns,
                                   tight=tight, large=False)
                    for details, columns, tight in FIT_STEPS]
        job.add(checklist_pdf(checklist.id), variants, max_pages=1)
        job.add(large_print(checklist_pdf(checklist.id)),
                [handout.render(**common, checklist=checklist, address=address, details=True, columns=1, tight=False,
                                large=True)])

    for situation_id in built.situation_ids:
        section = sources.read_section(site_dir, f"situations/{situation_id}/", site_url, "situations")
        if section is None:
            report.skipped.append(situation_pdf(situation_id))
            continue
        address = urljoin(site_url, section.url)
        job.add(situation_pdf(situation_id), _sheet_variants(env, common, section, address), max_pages=1)
        job.add(large_print(situation_pdf(situation_id)), [_sheet(env, common, section, address, (), large=True)])

    sections = distinct_titles([found for part, url in sources.reading_order(nav, site_dir)
                                if (found := sources.read_section(site_dir, url, site_url, part)) is not None],
                               built.strings)
    parts: list[tuple[str, list]] = []
    for section in sections:
        if not parts or parts[-1][0] != section.part:
            parts.append((section.part, []))
        parts[-1][1].append(section)
    day = (today or _build_day()).strftime(built.strings.pdf.date_format)
    for large in (False, True):
        booklet = env.get_template("booklet.html").render(
            **common, parts=parts, built=day, address=site_url, urljoin=urljoin, large=large)
        job.add(large_print(BOOKLET) if large else BOOKLET, [booklet])

    job.run()
    fill_sizes(site_dir, report, built.strings)
    report.seconds = time.perf_counter() - started
    cache.finish(report)
    LAST_REPORT = report
    return report


# "Print the whole guide" (overrides/partials/print-guide.html) names each PDF it links in an
# empty <span data-pdf-size="missed-interview-booklet.pdf">, which gets the PDF's pages and KB.
SIZE_SLOT = re.compile(r'(<span class="mih-print-guide__size" data-pdf-size="([^"]*)">)(</span>)')


def size_text(pages: int, size: int, ui) -> str:
    kb = max(1, round(size / 1024))
    return ui.fill("print_guide.size_one", kb=kb) if pages == 1 else ui.fill("print_guide.size_many", pages=pages, kb=kb)


def fill_sizes(site_dir: Path, report: Report, ui) -> None:
    """Write each linked PDF's pages and KB into every page's "Print the whole guide" block.
    A page that links a PDF this build did not make stops the build, naming both."""
    missing = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if 'data-pdf-size="' not in text:
            continue

        def fill(match: re.Match) -> str:
            name = htmlmod.unescape(match.group(2))
            if name not in report.sizes:
                missing.append(f"{page.relative_to(site_dir).as_posix()} links {name}")
                return match.group(0)
            return match.group(1) + str(escape(size_text(report.pages[name], report.sizes[name], ui))) + match.group(3)

        filled = SIZE_SLOT.sub(fill, text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    if missing:
        raise PdfError("Printable PDFs: " + "; ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
                       + ", which this build did not make. Check overrides/partials/print-guide.html.")
