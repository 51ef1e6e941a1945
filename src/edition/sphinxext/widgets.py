"""The widget JavaScript served by the site itself, never a CDN (HTML site only; see edition.vendor).

When the builder starts, the pinned npm tarballs are fetched into the cache (once, checked
against their published integrity), so a build that cannot get them fails before it reads
a page; when it has finished, their files are copied into the site's _vendor/.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .common import is_site

logger = logging.getLogger(__name__)


def fetch_widget_scripts(app: Sphinx) -> None:
    if is_site(app):
        from ..vendor import PACKAGES, tarball

        for name in PACKAGES:
            tarball(name)


def copy_widget_scripts(app: Sphinx, exception: Exception | None) -> None:
    """Vendor the scripts, unless the site has every file that the same pins gave last time, at its size.

    What was vendored (the pins, then each file and its size) is kept in the build's doctree folder.
    """
    if exception is None and is_site(app):
        from ..vendor import PACKAGES, VENDOR_DIR, vendor_into

        vendored = Path(app.outdir) / VENDOR_DIR
        stamp = Path(app.doctreedir) / "edition-vendor.txt"
        pins = [integrity for _, integrity, _ in PACKAGES.values()]
        lines = stamp.read_text(encoding="utf-8").splitlines() if stamp.is_file() else []
        files = [line.rsplit(" ", 1) for line in lines[len(pins) :]]
        if (
            lines[: len(pins)] == pins
            and files
            and all(
                (vendored / name).is_file() and (vendored / name).stat().st_size == int(size) for name, size in files
            )
        ):
            logger.info("edition: widget scripts already in _vendor/ (same pins), not copied again")
            return
        vendor_into(Path(app.outdir))
        made = sorted(p for p in vendored.rglob("*") if p.is_file())
        listing = [f"{p.relative_to(vendored).as_posix()} {p.stat().st_size}" for p in made]
        stamp.write_text("\n".join(pins + listing) + "\n", encoding="utf-8")
        logger.info(f"edition: widget scripts copied into _vendor/ ({len(made)} files)")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", fetch_widget_scripts)
    app.connect("build-finished", copy_widget_scripts)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
