"""MkDocs hook: files made from the built site, beside its pages: link-preview cards and
printable PDFs. Each is cached by the content it is made from, so an unchanged page is not
made again. The work itself lives in sitegen (cards.py, pdfs/); this hook only calls it.
"""

from __future__ import annotations


# --- Printables (sitegen.pdfs): PDFs, and what printed web pages need (QR code, link paths).
from pathlib import Path as _PdfPath

from markupsafe import Markup as _PdfMarkup
from mkdocs.exceptions import PluginError as _PdfPluginError
from mkdocs.plugins import event_priority as _pdf_priority

import sitegen.pdfs as _pdfs
from sitegen.pdfs import qr as _pdf_qr, sources as _pdf_sources

_pdf_state = {"command": None}


def on_startup(command, dirty):
    _pdf_state["command"] = command  # `serve` leaves PDFs out unless MIH_PDFS=1


def on_env(env, config, files):
    # overrides/partials/print-footer.html: the page's QR code as inline SVG, made here.
    env.filters["print_qr"] = lambda url, label="": _PdfMarkup(_pdf_qr.svg(url, label))
    return env


def on_page_content(html, page, config, files):
    site_url = config.site_url or "https://example.invalid/"
    return _pdf_sources.mark_site_links(html, page.canonical_url or site_url, site_url)


@_pdf_priority(-50)  # after the pages are written, before the CSP pass (-100)
def on_post_build(config):
    if not _pdfs.enabled(_pdf_state["command"]):
        return
    root = _PdfPath(config.config_file_path).parent
    try:
        _pdfs.build(site_dir=_PdfPath(config.site_dir), site_url=config.site_url, agency=config.extra["agency"],
                    nav=config.nav, data_dir=root / "data", cache_dir=_pdfs.cache_folder(root),
                    language=config.theme.get("language") or "en")
    except _pdfs.PdfError as error:
        raise _PdfPluginError(str(error)) from None


# --- Link sharing (sitegen.share): the staff page's link builder, from the data files.
from sitegen import share as _share


def on_page_markdown(markdown, page, config, files):
    if "<!-- link-builder -->" not in markdown:
        return markdown
    data = _PdfPath(config.config_file_path).parent / "data"
    redirects = config.plugins["redirects"].config["redirect_maps"] if "redirects" in config.plugins else {}
    short = _share.short_addresses_markdown(redirects, config.site_url or "/", _share.situation_titles(data))
    return (markdown.replace("<!-- link-builder -->", _share.link_builder_html(data, config.site_url or "/"))
            .replace("<!-- short-addresses -->", short))


@_pdf_priority(-100)  # after the content hook adds the generated pages, and after the plugin's own
def on_files(files, config):
    # mkdocs-redirects: let redirects point at generated pages (situations/late.md), and write
    # CSP-safe redirect pages that keep the fragment (sitegen/share.py).
    plugin = config.plugins.get("redirects")
    if plugin is not None:
        import mkdocs_redirects.plugin as _redirects

        _redirects.HTML_TEMPLATE = _share.redirect_page_template(config.site_url)
        plugin.doc_pages.update({f.src_uri: f for f in files.documentation_pages()})
    return files


# --- Link-preview cards (sitegen.cards): one 1200 x 630 PNG beside each page, cached by content.
from sitegen import cards as _cards


def on_post_page(output, page, config):
    if page.url.endswith("/") or page.url == "":
        root = _PdfPath(config.config_file_path).parent
        _cards.write_card(_PdfPath(config.site_dir) / _cards.card_path(page.url), _cards.page_title(page, config.site_name),
                          config.extra["agency"]["name"], config.site_name, root / ".cache" / "cards")
    return output
