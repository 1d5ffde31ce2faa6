"""MkDocs hook: the site in each language (sitegen.editions).

- In the English build, short addresses of another edition (``es/perdi.md``) leave the English
  map; sitegen.editions gives them to their own edition's build.
- In another edition's build, the files of docs/ that are not pages (stylesheets, scripts,
  images) are published too, as the English build publishes them; they are shared after.
- Every page's templates get ``editions_for(page)``: each edition's address of the page, for
  the language switcher and the ``hreflang`` links (overrides/partials/editions.html).

The other editions themselves are built by the post-build steps (sitegen.postbuild).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sitegen import context, editions


@event_priority(110)  # before the content hook reads the redirect map into the build context
def on_config(config):
    plugin = config.plugins.get("redirects")
    if plugin is not None and editions.main_config(config) is None:
        plugin.config["redirect_maps"] = editions.redirects_for(dict(plugin.config["redirect_maps"]), editions.MAIN)
    return config


def on_files(files, config):
    main = editions.main_config(config)
    if main is None:
        return files
    docs = editions.assets_docs(config)
    for path in editions.docs_assets(docs):
        src = path.relative_to(docs).as_posix()
        if files.get_file_from_path(src) is None:
            files.append(File(src, str(docs), config.site_dir, config.use_directory_urls))
    return files


def on_env(env, config, files):
    built = context.of(config)
    language = editions.language_of(config)
    main = editions.main_config(config) or config
    main_url = main.site_url or "/"
    generated = {page.src_uri for page in built.pages}
    prefix = "" if language == editions.MAIN else language + "/"

    def exists(code: str, src_uri: str) -> bool:
        return editions.has_page(built.root, code, src_uri, generated)

    def editions_for(page=None):
        """Each edition's address of ``page`` (none: the 404 page, which leads to each home),
        with the link from this page to it."""
        src = page.file.src_uri if page is not None and getattr(page, "file", None) else None
        found = editions.alternates(main_url, src, language, exists)
        if src is None:  # the 404 page answers at any address: links from the site's root
            root = urlsplit(main_url).path or "/"
            return [dict(entry, link=root + entry["path"]) for entry in found]
        here = prefix + page.url
        here_dir = here if here.endswith("/") or not here else here.rsplit("/", 1)[0] + "/"
        return [dict(entry, link=editions.relative(here_dir, entry["path"])) for entry in found]

    env.globals["editions_for"] = editions_for
    return env
