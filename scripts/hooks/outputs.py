"""MkDocs hook: files made from the built site, beside its pages: link-preview cards and
printable PDFs, plus what the staff page's link builder and the short addresses need, and the
search index tidied. Each file is cached by the content it is made from, so an unchanged page
is not made again. The work itself lives in sitegen (cards.py, pdfs/, share.py,
search_index.py); this hook only calls it.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import sitegen.pdfs as pdfs
from sitegen import cards, context, search_index, share
from sitegen.pdfs import qr, sources

_state = {"command": None}  # which MkDocs command runs: known only at on_startup, before any config


# --- Printables (sitegen.pdfs): PDFs, and what printed web pages need (QR code, link paths).


def on_startup(command, dirty):
    _state["command"] = command  # `serve` leaves PDFs out unless MIH_PDFS=1


def on_env(env, config, files):
    # overrides/partials/print-footer.html: the page's QR code as inline SVG, made here.
    env.filters["print_qr"] = lambda url, label="": Markup(qr.svg(url, label))
    # The title a page is shared under (share control, preview tags, cards): one rule, in share.py.
    env.filters["share_title"] = lambda page: share.page_title(page, config.site_name)
    return env


def on_page_content(html, page, config, files):
    site_url = config.site_url or "https://example.invalid/"
    return sources.mark_site_links(html, page.canonical_url or site_url, site_url)


@event_priority(-50)  # after the pages and the search index are written, before the fingerprints and the CSP (-100)
def on_post_build(config):
    search_index.tidy(Path(config.site_dir))
    if not pdfs.enabled(_state["command"]):
        return
    built = context.of(config)
    try:
        pdfs.build(site_dir=Path(config.site_dir), built=built, nav=config.nav, cache_dir=pdfs.cache_folder(built.root))
    except pdfs.PdfError as error:
        raise PluginError(str(error)) from None


# --- Link sharing (sitegen.share): the staff page's link builder, from the data files.


def on_page_markdown(markdown, page, config, files):
    if "<!-- link-builder -->" not in markdown and "<!-- printables" not in markdown:
        return markdown
    built = context.of(config)
    markdown = markdown.replace("<!-- link-builder -->", share.link_builder_html(built))
    markdown = markdown.replace("<!-- short-addresses -->", share.short_addresses_markdown(built))
    return pdfs.printables_markdown(markdown, built, page.url)


@event_priority(-100)  # after the content hook adds the generated pages, and after the plugin's own
def on_files(files, config):
    # mkdocs-redirects: let redirects point at generated pages (situations/late.md), and write
    # CSP-safe redirect pages that keep the fragment (sitegen/share.py).
    plugin = config.plugins.get("redirects")
    if plugin is not None:
        import mkdocs_redirects.plugin as redirects_plugin

        redirects_plugin.HTML_TEMPLATE = share.redirect_page_template(config.site_url, context.of(config).strings)
        plugin.doc_pages.update({f.src_uri: f for f in files.documentation_pages()})
    return files


# --- Link-preview cards (sitegen.cards): one 1200 x 630 PNG beside each page, cached by content.


def on_post_page(output, page, config):
    if page.url.endswith("/") or page.url == "":
        built = context.of(config)
        cards.write_card(Path(config.site_dir) / cards.card_path(page.url), share.page_title(page, config.site_name),
                         built.agency["name"], config.site_name, built.root / ".cache" / "cards")
    return output
