"""Fixture pages for the component tests, made by the project's own generation code.

Each page goes the way a generated page goes in a build (sitegen.pages): fixture data files
-> the page family's checked models -> its Markdown template (scripts/sitegen/markdown_templates/)
-> HTML by Python-Markdown with the site's ``markdown_extensions`` from mkdocs.yml. That HTML is
put in a minimal shell (tests/fixtures/components/shell.html) that loads a stand-in for
Material's ``document$`` (document-stub.js) and then main.js, which starts each component
where its ``data-module`` appears, as on the real site. No whole-site build, no nginx.

Data: tests/fixtures/data/ (the frozen field catalogue and the ``forgot`` template, through
testkit.fixtures) and tests/fixtures/components/data/ (a checklist and rules of the tests' own),
with the made-up agency of testkit.sample_agency.
"""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
import yaml

from sitegen import checklists, context, share, strings, templates
from sitegen.project import ROOT
from testkit import fixtures
from testkit.sample_agency import AGENCY

HERE = Path(__file__).resolve().parent
COMPONENT_FIXTURES = HERE.parent / "fixtures" / "components"
ASSETS = ROOT / "docs" / "assets"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml may hold tags (!ENV, !!python/name); only markdown_extensions is read here."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def markdown_extensions() -> tuple[list[str], dict]:
    """The site's Markdown extensions and their settings, as mkdocs.yml lists them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(entry)
    return names, settings


def to_html(page_markdown: str) -> tuple[dict, str]:
    """(front matter, HTML) of a generated page's Markdown."""
    meta = {}
    found = FRONT_MATTER.match(page_markdown)
    if found:
        meta = yaml.safe_load(found.group(1)) or {}
        page_markdown = page_markdown[found.end():]
    names, settings = markdown_extensions()
    return meta, markdown.markdown(page_markdown, extensions=names, extension_configs=settings)


def shell(title: str, body: str, styles: list[str]) -> str:
    """The page around a component: the site's CSS, document$'s stand-in, then main.js."""
    links = [f'<link rel="stylesheet" href="/assets/stylesheets/{name}.css">' for name in ["site", "share", *styles]]
    template = string.Template((COMPONENT_FIXTURES / "shell.html").read_text(encoding="utf-8"))
    return template.substitute(title=title, body=body, styles="\n".join(links))


def data_dir(target: Path) -> Path:
    """Fixture data in the layout of data/: the frozen catalogue and template, plus our own."""
    fixtures.data_dir(target, templates=("forgot",))
    shutil.copytree(COMPONENT_FIXTURES / "data", target, dirs_exist_ok=True)
    return target


def details_notice(loaded, ui) -> str:
    """The personal-link notice, from the theme's own partial, with the fixture catalogue."""
    source = (ROOT / "overrides" / "partials" / "details-notice.html").read_text(encoding="utf-8")
    config = SimpleNamespace(mih_context=SimpleNamespace(templates=loaded))
    return jinja2.Environment(autoescape=True).from_string(source).render(config=config, ui=ui)


def write_page(root: Path, address: str, title: str, html: str, styles: list[str]) -> Path:
    """The page at ``address`` ("templates/forgot/"), as the site publishes it."""
    out = root / address / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(shell(title, html, styles), encoding="utf-8")
    return out


def write_generated(root: Path, page, ui, before: str = "") -> Path:
    """A generated page (sitegen.pages.Page) at its address (sitegen.context.page_url)."""
    meta, html = to_html(page.markdown(ui))
    return write_page(root, context.page_url(page.src_uri), page.src_uri, before + html, list(meta.get("styles", [])))


SHARE_URL = "https://advice.example.com/checklists/practice/"  # what the share control shares
SHARE_TITLE = "A practice list"


def share_control(ui) -> str:
    """The share control, from the theme's own partial (overrides/partials/share.html)."""
    source = (ROOT / "overrides" / "partials" / "share.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True)
    env.filters["share_title"] = lambda page: SHARE_TITLE
    return env.from_string(source).render(page=SimpleNamespace(canonical_url=SHARE_URL), ui=ui)


def build_context(project: Path, site_url: str, data: Path, ui, loaded_checklists, loaded_templates) -> context.BuildContext:
    """A build context (sitegen.context) made from fixture data, for the link builder: no
    situations, the fixture checklist and template, and the guide pages in ``project``/docs."""
    families = {"situations": ([],), "checklists": loaded_checklists, "templates": loaded_templates}
    return context.BuildContext(
        root=project, config_file=project / "mkdocs.yml", site_url=site_url, site_name="Practice site", language="en",
        agency=dict(AGENCY), strings=ui, families=families, pages=[], rules=loaded_templates.rules,
    )


def build(root: Path, site_url: str, assets: Path = ASSETS) -> Path:
    """Write every fixture page into ``root`` (with ``assets`` linked in as assets/), for a
    site served at ``site_url``. Addresses: checklists/practice/, templates/forgot/, share/, staff/."""
    root.mkdir(parents=True, exist_ok=True)
    project = root.parent / f"{root.name}-project"
    shutil.copytree(COMPONENT_FIXTURES / "docs", project / "docs")
    data = data_dir(project / "data")
    ui = strings.load(strings.catalogue_path(ROOT, "en"))
    (root / "assets").symlink_to(assets, target_is_directory=True)
    shutil.copy2(COMPONENT_FIXTURES / "document-stub.js", root / "document-stub.js")
    shutil.copy2(ROOT / "docs" / "sw.js", root / "sw.js")  # main.js registers it from the site's root

    loaded_checklists = checklists.load(data, AGENCY)
    checklist_page = next(p for p in checklists.pages(loaded_checklists) if p.src_uri == "checklists/practice.md")
    write_generated(root, checklist_page, ui)

    loaded_templates = templates.load(data, AGENCY)
    notice = details_notice(loaded_templates, ui)  # every page of the site has it (overrides/main.html)
    for page in templates.pages(loaded_templates):
        if page.src_uri != templates.INDEX:
            write_generated(root, page, ui, before=notice)

    write_page(root, "share/", "Share", f"<h1>{SHARE_TITLE}</h1>\n{share_control(ui)}", [])

    built = build_context(project, site_url, data, ui, loaded_checklists, loaded_templates)
    staff = f"<h1>Links for staff</h1>\n{share.link_builder_html(built)}"
    write_page(root, "staff/", "Staff", staff, ["link-builder"])
    return root
