"""Build the book the way the README does, for the tests, the benchmark and teachers.

Warnings are errors (-W), references are checked (-n), and the output goes
where the caller says, so a test or a benchmark never touches _build/.

Two audiences, one command each (see edition.sphinx_audience):

    python -m edition.build student      # _build/html: no solutions anywhere (what .ci/build makes)
    python -m edition.build instructor   # _build/instructor/_build/html: solutions under the exercises, collapsed
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import paths

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
OUTPUT = {"student": paths.ROOT, "instructor": paths.ROOT / "_build" / "instructor"}


# Sphinx builders that Jupyter Book runs only as --builder custom --custom-builder NAME.
CUSTOM_BUILDERS = {"epub"}


def build_book(source: Path, out: Path, builder: str, audience: str = "student", capture: bool = True,
               strict: bool = True) -> subprocess.CompletedProcess:
    """Build the book at source into out/_build with the given builder (html, pdflatex, epub), for one audience.

    strict=False drops -W -n, for the benchmark's default book, which is not the edition's.
    """
    selector = ["--builder", "custom", "--custom-builder", builder] if builder in CUSTOM_BUILDERS else ["--builder", builder]
    flags = ["-W", "-n", "--keep-going"] if strict else []
    return subprocess.run(
        [JUPYTER_BOOK, "build", str(source), "--path-output", str(out), *selector, *flags],
        capture_output=capture,
        text=True,
        timeout=900,
        env={**os.environ, "EDITION_AUDIENCE": audience},
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.build", description="Build the book for one audience.")
    parser.add_argument("audience", choices=sorted(OUTPUT))
    parser.add_argument("--builder", default="html", choices=["html", "pdflatex"])
    args = parser.parse_args(argv)
    out = OUTPUT[args.audience]
    proc = build_book(paths.ROOT, out, args.builder, args.audience, capture=False)
    if proc.returncode == 0:
        target = "html/index.html" if args.builder == "html" else "latex/book.pdf"
        print(f"{args.audience} build: {(out / '_build' / target).relative_to(paths.ROOT)}")
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
