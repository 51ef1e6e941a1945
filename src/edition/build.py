"""Build the book the way the README does, for the tests and the benchmark.

Warnings are errors (-W), references are checked (-n), and the output goes
where the caller says, so a test or a benchmark never touches _build/.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from . import paths

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")


# Sphinx builders that Jupyter Book runs only as --builder custom --custom-builder NAME.
CUSTOM_BUILDERS = {"epub"}


def build_book(source: Path, out: Path, builder: str, strict: bool = True) -> subprocess.CompletedProcess:
    """Build the book at source into out/_build with the given builder (html, pdflatex, epub).

    strict=False drops -W -n, for the benchmark's default book, which is not the edition's.
    """
    selector = ["--builder", "custom", "--custom-builder", builder] if builder in CUSTOM_BUILDERS else ["--builder", builder]
    flags = ["-W", "-n", "--keep-going"] if strict else []
    return subprocess.run(
        [JUPYTER_BOOK, "build", str(source), "--path-output", str(out), *selector, *flags],
        capture_output=True,
        text=True,
        timeout=900,
    )


def copy_book(dest: Path) -> Path:
    """A copy of the book's sources (config, toc, pages, notebooks, data), for builds that change a page."""
    dest.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(paths.ROOT / name, dest / name)
    shutil.copytree(paths.BOOK, dest / "book")
    shutil.copytree(paths.ROOT / "notebooks", dest / "notebooks")
    shutil.copytree(paths.DATA, dest / "data")
    return dest
