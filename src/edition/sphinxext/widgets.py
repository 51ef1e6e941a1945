"""The widget JavaScript served by the site itself, never a CDN (HTML site only; see edition.vendor).

When the builder starts, the pinned npm tarballs are fetched into the cache (once, checked
against their published integrity), so a build that cannot get them fails before it reads
a page; when it has finished, their files are copied into the site's _vendor/.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .common import is_site


def fetch_widget_scripts(app: Sphinx) -> None:
    if is_site(app):
        from ..vendor import PACKAGES, tarball

        for name in PACKAGES:
            tarball(name)


def copy_widget_scripts(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and is_site(app):
        from ..vendor import vendor_into

        vendor_into(Path(app.outdir))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", fetch_widget_scripts)
    app.connect("build-finished", copy_widget_scripts)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
