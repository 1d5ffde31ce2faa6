"""MkDocs hook: finishing touches on each page's HTML, after Markdown and the theme are done.

- Links that leave the site get a class, so print can show their address. Material turns
  internal links into absolute URLs once a page loads, so CSS alone cannot tell them apart.
- After the build, Material's stylesheets cut to the rules the site can use (sitegen.unused_css),
  then content-hashed names for our own CSS and JavaScript (main.1a2b3c4d.js, every
  reference rewritten: sitegen.fingerprint), so hosts may cache them for a year; then the
  Content-Security-Policy: hashes of the inline scripts Material still
  writes, as a <meta> tag in every page (for hosts that cannot send headers) and in
  site/_headers (for hosts that read one); the build fails if their number changes; last,
  gzip twins of the text assets, made once with zopfli (sitegen.precompress).
- A page's own stylesheets (front matter `styles: [checklist]`, loaded by overrides/main.html)
  must exist: a wrong name stops the build with the page's name.
- The templates' indentation between tags becomes one line break (drop_indentation).
- Two fixes to Material's own markup, so every page passes the Nu HTML Checker:
  its base template puts autocomplete="off" on checkbox toggles (not allowed on checkboxes;
  the lines sit outside any template block, so overriding would mean copying base.html), and
  on a section's index page its contents sidebar has a <label for="__toc"> with no such input.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitegen import fingerprint, precompress, security, unused_css

# Everything under these folders of docs/ gets a content-hashed name (Material's files have theirs).
FINGERPRINTED_FOLDERS = ("assets/javascripts", "assets/stylesheets")
EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"')
# Whitespace between two tags that holds a line break: the templates' indentation. One line
# break reads the same wherever whitespace collapses, and saves a tenth of a page's gzip size.
# Never inside <pre>, <textarea> or <script>, where whitespace is content.
INDENTATION = re.compile(r">[ \t\r\n]*\n[ \t\r\n]*<")
KEEPS_WHITESPACE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
STYLE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def mark_external(html: str, site_host: str) -> str:
    def mark(match: re.Match) -> str:
        host = urlsplit(match.group(1)).netloc
        return match.group(0) if host == site_host else f'<a class="external-link" href="{match.group(1)}"'

    return EXTERNAL.sub(mark, html)


def material_fixes(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html


def drop_indentation(html: str) -> str:
    parts = KEEPS_WHITESPACE.split(html)  # text, kept block, text, kept block, ..., text
    return "".join(part if i % 2 else INDENTATION.sub(">\n<", part) for i, part in enumerate(parts))


def page_styles(meta: dict, docs_dir: Path) -> list[str]:
    """The names in a page's `styles:` front matter; ValueError unless each is a stylesheet
    of docs/assets/stylesheets/ (named without .css)."""
    names = meta.get("styles") or []
    if not isinstance(names, list):
        raise ValueError(f"styles: must be a list of names, like [checklist], not {names!r}")
    for name in names:
        if not isinstance(name, str) or not STYLE_NAME.fullmatch(name):
            raise ValueError(f"styles: {name!r} is not a stylesheet name (lowercase letters, digits, - and _)")
        if not (docs_dir / "assets" / "stylesheets" / f"{name}.css").is_file():
            raise ValueError(f"styles: there is no docs/assets/stylesheets/{name}.css")
    return names


def on_page_content(html, page, config, files):
    try:
        page_styles(page.meta, Path(config.docs_dir))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error
    return mark_external(html, urlsplit(config.site_url or "").netloc)


@event_priority(-100)  # last: sees the page exactly as it will be written
def on_post_page(output, page, config):
    return drop_indentation(material_fixes(output))


def on_post_template(output_content, template_name, config):
    return drop_indentation(material_fixes(output_content)) if template_name.endswith(".html") else output_content


@event_priority(-100)  # after every page is written (hooks reading our assets by name run before)
def on_post_build(config):
    site = Path(config.site_dir)
    assets = fingerprint.own_assets(Path(config.docs_dir), site, FINGERPRINTED_FOLDERS)
    # Material's stylesheets lose the rules no page can use, so they need new names too.
    assets += unused_css.prune_site(site)
    try:
        fingerprint.fingerprint_site(site, assets, urlsplit(config.site_url or "/").path or "/")
    except fingerprint.FingerprintError as error:
        raise PluginError(str(error)) from error
    # Then the policy: one must fit the whole site, so it comes once every page is final.
    hashes = security.site_script_hashes(site)
    if len(hashes) != security.EXPECTED_INLINE_SCRIPTS:
        raise PluginError(
            f"Material's pages now hold {len(hashes)} different inline scripts, not {security.EXPECTED_INLINE_SCRIPTS}: "
            "check what changed, then update EXPECTED_INLINE_SCRIPTS in scripts/sitegen/security.py"
        )
    meta = security.content_security_policy(hashes, for_meta=True)
    for page in security.site_pages(site):
        page.write_text(security.add_meta_policy(page.read_text(encoding="utf-8"), meta), encoding="utf-8")
    header = security.content_security_policy(hashes, for_meta=False)
    (site / "_headers").write_text(security.headers_file(header, security.fingerprinted_files(site)), encoding="utf-8")
    # Last, once every asset is final: their gzip twins, for nginx's gzip_static.
    precompress.precompress(site, precompress.cache_folder(Path(config.config_file_path).parent))
