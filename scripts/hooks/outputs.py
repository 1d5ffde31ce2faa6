"""MkDocs hook: files made beside the pages: link-preview cards, and what printed pages, the
staff page's link builder and the short addresses need. Each card is cached by the content it
is made from. The work lives in sitegen (cards.py, pdfs/, share.py); this hook only calls it.
The PDFs are made after the build, in sitegen/postbuild.py's list of steps.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import event_priority

import sitegen.pdfs as pdfs
from sitegen import cards, context, editions, share
from sitegen.pdfs import qr, sources

# --- Printables (sitegen.pdfs): PDFs, and what printed web pages need (QR code, link paths).


def on_env(env, config, files):
    # overrides/partials/print-footer.html: the page's QR code as inline SVG, made here.
    env.filters["print_qr"] = lambda url, label="": Markup(qr.svg(url, label))
    # The title a page is shared under (share control, preview tags, cards): one rule, in share.py.
    env.filters["share_title"] = lambda page: share.page_title(page, config.site_name)
    return env


def on_page_content(html, page, config, files):
    site_url = config.site_url or "https://example.invalid/"
    return sources.mark_site_links(html, page.canonical_url or site_url, site_url)


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

        redirects_plugin.HTML_TEMPLATE = share.redirect_page_template(editions.site_root_url(config), context.of(config).strings)
        plugin.doc_pages.update({f.src_uri: f for f in files.documentation_pages()})
    return files


# --- Link-preview cards (sitegen.cards): one 1200 x 630 PNG beside each page, cached by content.


def on_post_page(output, page, config):
    if page.url.endswith("/") or page.url == "":
        built = context.of(config)
        cards.write_card(Path(config.site_dir) / cards.card_path(page.url), share.page_title(page, config.site_name),
                         built.agency["name"], config.site_name, built.root / ".cache" / "cards")
    return output
