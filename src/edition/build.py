"""Build the book the way the README does, for the tests, the benchmark and teachers.

Warnings are errors (-W), references are checked (-n), and the output goes
where the caller says, so a test or a benchmark never touches _build/.

Two audiences, one command each (see edition.sphinxext.audience):

    python -m edition.build student      # _build/html: no solutions anywhere (what .ci/build makes)
    python -m edition.build instructor   # _build/instructor/_build/html: solutions under the exercises, collapsed
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from . import paths

OUTPUT = {"student": paths.ROOT, "instructor": paths.ROOT / "_build" / "instructor"}


# Sphinx builders that Jupyter Book runs only as --builder custom --custom-builder NAME.
CUSTOM_BUILDERS = {"epub"}


def build_book(source: Path, out: Path, builder: str, audience: str = "student", capture: bool = True,
               strict: bool = True) -> subprocess.CompletedProcess:
    """Build the book at source into out/_build with the given builder (html, pdflatex, epub), for one audience.

    What `jupyter-book build SOURCE --path-output OUT --builder BUILDER -W -n --keep-going` does, in a
    fresh Python process (run_jupyter_book), with the audience as the Sphinx config value edition_audience.
    strict=False drops -W -n, for the benchmark's default book, which is not the edition's.
    """
    code = f"from edition.build import run_jupyter_book; run_jupyter_book({str(source)!r}, {str(out)!r}, " \
           f"{builder!r}, {audience!r}, {strict!r})"
    return subprocess.run([sys.executable, "-c", code], capture_output=capture, text=True, timeout=900, check=False)


def run_jupyter_book(source: str, out: str, builder: str, audience: str, strict: bool) -> None:
    """Jupyter Book 1's `build` command for a whole book, as in jupyter_book/cli/main.py, plus one config override.

    Its command line cannot set a Sphinx config value (no -D), so this calls the functions it calls.
    """
    import click
    from jupyter_book.cli.main import BUILDER_OPTS, builder_specific_actions, find_config_path
    from jupyter_book.sphinx import build_sphinx

    source_dir = Path(source).absolute()
    config_dir, found = find_config_path(source_dir)
    output = Path(out) / "_build" / ("latex" if builder == "pdflatex" else builder)
    overrides = {"external_toc_path": (source_dir / "_toc.yml").as_posix(), "latex_individualpages": False,
                 "edition_audience": audience}
    if strict:
        overrides["nitpicky"] = True
    result = build_sphinx(source_dir, output, noconfig=True, path_config=config_dir / "_config.yml" if found else None,
                          confoverrides=overrides, builder=BUILDER_OPTS.get(builder, builder),
                          warningiserror=strict, keep_going=strict)
    cli_builder = "custom" if builder in CUSTOM_BUILDERS else builder
    builder_specific_actions(result, cli_builder, output, "book", None, click.echo)


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
