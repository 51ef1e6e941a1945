"""The web site's furniture: its root page, and fresh copies of the edition's static files (HTML site only)."""

from __future__ import annotations

import filecmp
import html
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import paths
from .common import is_site

logger = logging.getLogger(__name__)

ROOT_REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,">
<meta http-equiv="Refresh" content="0; url={root}.html"></head>
<body><p><a href="{root}.html">{title}</a></p></body></html>
"""


def write_root_redirect(app: Sphinx, exception: Exception | None) -> None:
    """The site's index.html, which sends the reader to the title page.

    sphinx-external-toc writes a bare redirect when none exists (it runs after this).
    Without an icon link Chromium asks for /favicon.ico, a 404 here; with a link to the
    site's icon, the redirect aborts that request. An empty data: icon asks for nothing.
    """
    if exception is None and is_site(app):
        Path(app.outdir, "index.html").write_text(
            ROOT_REDIRECT.format(title=html.escape(app.config.project), root=app.config.root_doc), encoding="utf-8"
        )


def refresh_static_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy again the edition's own static files that differ from the site's: Sphinx 7.4 keeps stale copies."""
    if exception is None and is_site(app):
        stale = [
            path
            for path in (paths.BOOK / "_static").iterdir()
            if not (copy := Path(app.outdir) / "_static" / path.name).is_file()
            or not filecmp.cmp(path, copy, shallow=False)
        ]
        for path in stale:
            shutil.copy(path, Path(app.outdir) / "_static" / path.name)
        logger.info(f"edition: {len(stale)} static file(s) refreshed" if stale else "edition: static files up to date")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", refresh_static_files)
    app.connect("build-finished", write_root_redirect, priority=400)  # before sphinx-external-toc's own
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
