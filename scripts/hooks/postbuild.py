"""MkDocs hook: the steps after every page is written, in the order of sitegen.postbuild.STEPS
(search index, PDFs, fingerprints, security policy, _headers, gzip twins). Listed last under
hooks: in mkdocs.yml, and it runs last among the post-build work, so every page is final."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitegen import context, postbuild
from sitegen import pdfs

_state = {"command": None}  # which MkDocs command runs: known only at on_startup, before any config


def on_startup(command, dirty):
    _state["command"] = command  # `serve` leaves PDFs out unless MIH_PDFS=1


@event_priority(-100)  # after any plugin's own post-build work
def on_post_build(config):
    built = context.of(config)
    job = postbuild.Finishing(
        site=Path(config.site_dir), docs=Path(config.docs_dir), root=built.root, site_url=config.site_url or "",
        built=built, nav=config.nav, theme_scripts=built.theme_scripts, make_pdfs=pdfs.enabled(_state["command"]),
        config=config, command=_state["command"],
    )
    try:
        postbuild.run(job)
    except postbuild.StepError as error:
        raise PluginError(str(error)) from None
