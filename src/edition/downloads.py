"""The downloads beside the site: the PDF, the EPUB, the offline copy and the data.

The book links them (book/about.md, with the {artefact} role) as downloads/<name> next
to its pages. Every HTML build puts the data there itself, and whichever of the other
files an earlier build left in the same _build/ folder; .ci/build, once the PDF and the
EPUB exist, calls publish(), which also makes the offline zip. So the data links hold on
every site, and the other three on every site .ci/build makes (the published one). A
site from the HTML builder alone (the tests' html_dir) lacks them: their links carry the
class FULL_BUILD_CLASS, which the tests' link check accepts for these names only.
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from . import paths
from .site import bundle

DIR = "downloads"
FULL_BUILD_CLASS = "artefact-full-build"
OFFLINE_ZIP = "edition-html.zip"
# Name under downloads/ -> where the full build leaves the file, relative to _build/.
FULL_BUILD = {
    "mansourov-edition.pdf": "latex/book.pdf",
    "mansourov-edition.epub": "epub/mansourov-russian-north-korean-relations.epub",
    OFFLINE_ZIP: OFFLINE_ZIP,
}
DATA_ZIP = "mansourov-edition-data.zip"
ARTEFACTS = {*FULL_BUILD, DATA_ZIP}


def place(build: Path) -> list[str]:
    """Put data/ (as a folder and as a zip) and the present full-build files into build/html/downloads/."""
    target = build / "html" / DIR
    if (target / "data").exists():
        shutil.rmtree(target / "data")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(paths.DATA, target / "data")
    with zipfile.ZipFile(target / DATA_ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(paths.DATA.rglob("*")):
            if path.is_file():
                archive.write(path, Path("data") / path.relative_to(paths.DATA))
    placed = [DATA_ZIP]
    for name, made in FULL_BUILD.items():
        if (build / made).is_file():
            shutil.copy(build / made, target / name)
            placed.append(name)
    return placed


def publish(build: Path) -> list[str]:
    """After the full build: place the downloads, make the offline zip of the site with them, place it too."""
    placed = place(build)
    bundle(build / "html", build / OFFLINE_ZIP)
    shutil.copy(build / OFFLINE_ZIP, build / "html" / DIR / OFFLINE_ZIP)
    return placed if OFFLINE_ZIP in placed else [*placed, OFFLINE_ZIP]
