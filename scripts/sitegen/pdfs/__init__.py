"""Printable PDFs made with the site, from the built pages and the checklist data:

- ``checklists/<id>/<id>.pdf``: a one-page, blank handout per checklist, with a write-in box;
- ``situations/<id>/<id>.pdf``: a one-page sheet per situation page (when those pages exist);
- ``missed-interview-booklet.pdf``: the workshop booklet (cover, contents with page numbers,
  every guide, situation, checklist and message in reading order, a QR code per section).

Each PDF is keyed by a hash of what decides its bytes (``cache.py``); an unchanged one is
copied from the cache, not rendered. ``enabled()`` says whether this build makes PDFs:
``mkdocs build`` does, ``mkdocs serve`` does not, unless MIH_PDFS=1 (``make serve PDFS=1``).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import posixpath
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import jinja2

from sitegen import render
from sitegen.context import BuildContext
from sitegen.pdfs import qr, sources
from sitegen.pdfs.cache import Cache, Report, copy_out, key
from sitegen.pdfs.engine import TEMPLATES, engine_fingerprint

BOOKLET = "missed-interview-booklet.pdf"
# Smaller type, then no item details, until a handout fits on one page.
FIT_STEPS = [(1.0, True), (0.92, True), (0.85, True), (0.78, True), (0.9, False), (0.78, False), (0.68, False)]
# A situation sheet: one column, then two columns with short link paths, then smaller type.
SHEET_STEPS = [(1.0, 1), (0.92, 1), (0.92, 2), (0.85, 2), (0.78, 2), (0.7, 2), (0.62, 2)]
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


def printables_markdown(markdown: str, built: BuildContext, page_url: str) -> str:
    """The staff page's lists of printables, made from what this build prints: the markers
    ``<!-- printables: checklists -->`` and ``<!-- printables: situations -->`` become a list
    of links to each handout, titled as its page. A new checklist is listed by itself."""
    lists = {
        "checklists": [(checklist_pdf(c.id), c.title) for c in built.checklists],
        "situations": [(situation_pdf(s.id), s.title) for s in built.situations],
    }
    for name, entries in lists.items():
        # Raw links: MkDocs would refuse a Markdown link to a file that is not in docs/.
        lines = [f'- <a href="{posixpath.relpath(path, page_url or ".")}">{render.text(title)}</a>' for path, title in entries]
        markdown = markdown.replace(f"<!-- printables: {name} -->", "\n".join(lines))
    return markdown


def _jinja() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["qr"] = qr.data_uri
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
                    too_long.append(f"{name} has {pages} pages even in its smallest type, and must fit on {max_pages}")
                    continue
                cached = self.cache.put(digest, data)
                self.report.rendered.append(name)
            else:
                cached = self.cache.get(digest)
                self.report.reused.append(name)
            copy_out(cached, self.site_dir / name)
            self.report.sizes[name] = cached.stat().st_size
        if too_long:
            raise PdfError("Printable PDFs: " + "; ".join(too_long) + ". Shorten the checklist or page it comes from.")


def build(*, site_dir: Path, built: BuildContext, nav: list | None, cache_dir: Path,
          today: dt.date | None = None) -> Report:
    """Every PDF of this build, from the build context's checklists and the built pages."""
    global LAST_REPORT
    started = time.perf_counter()
    site_url = built.site_url
    report = Report()
    cache = Cache(cache_dir)
    job = _Job(site_dir, cache, report)
    env = _jinja()
    common = {"agency": built.agency, "lang": built.language, "site_url": site_url, "ui": built.strings}

    for checklist in built.checklists:
        address = built.absolute(f"checklists/{checklist.id}.md")
        variants = [env.get_template("handout.html").render(**common, checklist=checklist, address=address,
                                                            scale=scale, details=details)
                    for scale, details in FIT_STEPS]
        job.add(checklist_pdf(checklist.id), variants, max_pages=1)

    for situation_id in built.situation_ids:
        section = sources.read_section(site_dir, f"situations/{situation_id}/", site_url, "situations")
        if section is None:
            report.skipped.append(situation_pdf(situation_id))
            continue
        address = urljoin(site_url, section.url)
        variants = [env.get_template("sheet.html").render(**common, section=section, address=address, scale=scale,
                                                          columns=columns)
                    for scale, columns in SHEET_STEPS]
        job.add(situation_pdf(situation_id), variants, max_pages=1)

    sections = [found for part, url in sources.reading_order(nav, site_dir)
                if (found := sources.read_section(site_dir, url, site_url, part)) is not None]
    parts: list[tuple[str, list]] = []
    for section in sections:
        if not parts or parts[-1][0] != section.part:
            parts.append((section.part, []))
        parts[-1][1].append(section)
    booklet = env.get_template("booklet.html").render(
        **common, parts=parts, built=(today or _build_day()).strftime(built.strings.pdf.date_format),
        address=site_url, urljoin=urljoin)
    job.add(BOOKLET, [booklet])

    job.run()
    report.seconds = time.perf_counter() - started
    cache.finish(report)
    LAST_REPORT = report
    return report
