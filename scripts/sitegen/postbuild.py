"""What happens to the built site after every page is written: one ordered list, STEPS.

Each step reads what the ones before it left, so the order is the design. The first two are
each edition's own (an edition's build runs them in its folder, like site/es/); the rest run
once, in the English build, over the whole site:
1. the search index loses the pages and sections it should not list (sitegen.search_index);
2. the PDFs, from the finished pages (sitegen.pdfs; `mkdocs serve` leaves them out);
2b. the other editions (sitegen.editions): each built into its folder, its copies of the
   assets then shared with the English site's;
3. Material's stylesheets cut to the rules some page can use (sitegen.unused_css), then our
   own CSS and JavaScript and the cut stylesheets get content-hashed names, every reference
   rewritten (sitegen.fingerprint): the cut files are new content, so they are named after it;
4. each edition's offline pack (offline.json, its size in the pages) and the service worker's
   build values, once every name is final (sitegen.offline);
5. the Content-Security-Policy, with the hashes of the theme's own inline scripts, as a
   <meta> tag in every page: one policy must fit the whole site, so it comes once every page
   is final (sitegen.security);
6. site/_headers, the same policy and the cache rules for hosts that read one, and
   site/_redirects, each edition's 404 page for Netlify;
7. last, once every file is final, the gzip twins nginx sends as they are (sitegen.precompress).

scripts/hooks/postbuild.py runs the list; a step's problem stops the build with its message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from sitegen import editions, fingerprint, offline, precompress, search_index, security, translations, unused_css
from sitegen import pdfs as printables
from sitegen.cache_folder import writable_or_temporary


# Everything under these folders of docs/ gets a content-hashed name (Material's files have theirs).
FINGERPRINTED_FOLDERS = ("assets/javascripts", "assets/stylesheets")


class StepError(Exception):
    """A step found something the maintainer must fix; the message says what and where."""


@dataclass
class Finishing:
    """What the steps read, and what one step leaves for the next."""

    site: Path
    docs: Path
    root: Path  # the project (for its .cache folders)
    site_url: str
    built: Any  # sitegen.context.BuildContext
    nav: Any
    theme_scripts: list  # security.ThemeScript: the theme's own inline scripts
    make_pdfs: bool
    config: Any = None  # the MkDocs config, to build the other editions from
    command: str | None = None  # which MkDocs command runs (build, serve)
    policy_hashes: list = field(default_factory=list)  # step 5 leaves them for step 6

    @property
    def site_path(self) -> str:
        """The site's path on its host ("/", or "/advice/"): root-relative addresses start with it."""
        return urlsplit(self.site_url or "/").path or "/"

    @property
    def whole_site(self) -> bool:
        """True in the English build, which finishes the site; False in another edition's."""
        return self.config is None or editions.main_config(self.config) is None


def tidy_search_index(job: Finishing) -> None:
    search_index.tidy(job.site)


def make_pdfs(job: Finishing) -> None:
    if not job.make_pdfs:
        return
    try:
        printables.build(site_dir=job.site, built=job.built, nav=job.nav, cache_dir=printables.cache_folder(job.built.root))
    except printables.PdfError as error:
        raise StepError(str(error)) from None


def build_editions(job: Finishing) -> None:
    for language in editions.present(job.config):
        try:
            editions.build(job.config, language, job.command)
            editions.share_assets(job.site, language, job.site_path)
        except editions.EditionError as error:
            raise StepError(str(error)) from None


def fingerprint_assets(job: Finishing) -> None:
    assets = fingerprint.own_assets(job.docs, job.site, FINGERPRINTED_FOLDERS)
    assets += unused_css.prune_site(job.site)
    try:
        fingerprint.fingerprint_site(job.site, assets, job.site_path)
    except fingerprint.FingerprintError as error:
        raise StepError(str(error)) from error


def save_for_offline(job: Finishing) -> None:
    folders = translations.folders(editions.present(job.config))
    source = job.docs / offline.WORKER
    if not source.is_file():
        raise StepError(f"docs/{offline.WORKER} is missing: it is the site's service worker (see README, Offline)")
    try:
        offline.write(job.site, source.read_text(encoding="utf-8"), folders, job.site_path)
    except offline.OfflineError as error:
        raise StepError(str(error)) from None


def write_policy(job: Finishing) -> None:
    # Only the theme's own scripts are hashed; any other stops the build (pages the hooks did
    # not see, such as the short addresses' redirect pages, are checked here).
    try:
        job.policy_hashes = security.site_script_hashes(job.site, job.theme_scripts)
    except security.UnknownScript as error:
        raise StepError(str(error)) from None
    meta = security.content_security_policy(job.policy_hashes, for_meta=True)
    for page in security.site_pages(job.site):
        page.write_text(security.add_meta_policy(page.read_text(encoding="utf-8"), meta), encoding="utf-8")


def write_headers(job: Finishing) -> None:
    header = security.content_security_policy(job.policy_hashes, for_meta=False)
    (job.site / "_headers").write_text(security.headers_file(header, security.fingerprinted_files(job.site)), encoding="utf-8")
    (job.site / "_redirects").write_text(not_found_rules(editions.present(job.config), job.site_path), encoding="utf-8")


def not_found_rules(languages: list[str], site_path: str = "/") -> str:
    """site/_redirects for Netlify: an unknown address under an edition's folder gets that
    edition's 404 page, with status 404 (Netlify otherwise sends the site's root 404.html).
    nginx does the same with a location of its own; Cloudflare Pages finds the nearest
    404.html by itself and skips a rule with this status."""
    lines = ["# Netlify: each edition's own 404 page for unknown addresses in its folder."]
    lines += [f"{site_path}{language}/*  {site_path}{language}/404.html  404" for language in languages]
    return "\n".join(lines) + "\n"


def compress(job: Finishing) -> None:
    cache, temporary = writable_or_temporary(precompress.cache_folder(job.root), prefix="mih-cache-")
    try:
        precompress.precompress(job.site, cache)
    finally:
        if temporary is not None:
            temporary.cleanup()


EDITION, SITE = "edition", "site"  # whose step: each edition's, or the whole site's (once)
STEPS: tuple[tuple[str, Callable[[Finishing], None], str], ...] = (
    ("tidy the search index", tidy_search_index, EDITION),
    ("make the PDFs", make_pdfs, EDITION),
    ("build the other editions", build_editions, SITE),
    ("cut Material's CSS and fingerprint the assets", fingerprint_assets, SITE),
    ("write the offline packs and the service worker's values", save_for_offline, SITE),
    ("write the security policy into every page", write_policy, SITE),
    ("write _headers and _redirects", write_headers, SITE),
    ("make the gzip twins", compress, SITE),
)


def run(job: Finishing) -> None:
    for _name, step, whose in STEPS:
        if whose == EDITION or job.whole_site:
            step(job)
