"""The downloads beside the site: the PDF, the EPUB, the offline copy and the data.

The book links them (book/about.md, with the {artefact} role of edition.sphinxext.downloads)
as downloads/<name> next to its pages, and no build links a file it did not put there.
When the HTML site is written, its build puts into downloads/:

- the data, as a folder and as a zip: always;
- the PDF and the EPUB: if the PDF and EPUB builds have already left them in the same
  _build/ folder (FROM_BUILDS); otherwise the book names them without a link;
- the offline copy (a zip of the finished site, without itself): always, last.

So a site has them all when the PDF and the EPUB are built before it (as .ci/build does).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from . import paths

DIR = "downloads"
OFFLINE_ZIP = "edition-html.zip"
DATA_ZIP = "mansourov-edition-data.zip"
# Name under downloads/ -> where the PDF or the EPUB build leaves the file, relative to _build/.
FROM_BUILDS = {
    "mansourov-edition.pdf": "latex/book.pdf",
    "mansourov-edition.epub": "epub/mansourov-russian-north-korean-relations.epub",
}
ARTEFACTS = {*FROM_BUILDS, OFFLINE_ZIP, DATA_ZIP}


def available(build: Path) -> set[str]:
    """The names that the site at build/html will have in downloads/ when its build has finished."""
    return {DATA_ZIP, OFFLINE_ZIP} | {name for name, made in FROM_BUILDS.items() if (build / made).is_file()}


def place(build: Path) -> list[str]:
    """Fill build/html/downloads/ afresh with data/ (as a folder and as a zip) and the PDF and EPUB present.

    Anything an earlier build left there goes first, so the folder holds what this build links,
    except the offline zip, which the build checks against the finished site and rewrites if it differs.
    """
    target = build / "html" / DIR
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
        elif old.name != OFFLINE_ZIP:
            old.unlink()
    shutil.copytree(paths.DATA, target / "data")
    with zipfile.ZipFile(target / DATA_ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(paths.DATA.rglob("*")):
            if path.is_file():
                archive.write(path, Path("data") / path.relative_to(paths.DATA))
    placed = [DATA_ZIP]
    for name, made in FROM_BUILDS.items():
        if (build / made).is_file():
            shutil.copy(build / made, target / name)
            placed.append(name)
    return placed


def bundle_members(site: Path, target: Path) -> list[tuple[Path, Path]]:
    """(file, name in the zip) for every file of the offline zip of site.

    It leaves out the target, and the offline zip in downloads/ (the target itself when the
    HTML build writes it there), so no zip ever holds a zip of the site.
    """
    return [
        (path, Path("edition") / path.relative_to(site))
        for path in sorted(site.rglob("*"))
        if path.is_file()
        and not path.name.startswith(".")
        and path.relative_to(site).as_posix() != f"{DIR}/{OFFLINE_ZIP}"
        and path.resolve() != target.resolve()
    ]


def bundle(site: Path, target: Path) -> Path:
    """The built site as a zip that works opened from disk: unpack it and open edition/index.html."""
    # Level 1: a third of the default level's time in every build that changes a page, for a zip
    # about 15% larger (measured on this site: 0.7 s and 9.4 MB against 2.3 s and 8.2 MB).
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path, name in bundle_members(site, target):
            archive.write(path, name)
    return target
