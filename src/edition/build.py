"""Build the book with Jupyter Book 1, for the command line (python -m edition build), the tests and the benchmark.

Warnings are errors, references are checked (nitpicky) and, with warnings as errors, the build
reports every warning before it fails (keep-going); the output goes where the caller says, so a
test or a benchmark never touches _build/. The audience (see edition.sphinxext.audience) is the Sphinx
config value edition_audience, passed as a config override: Jupyter Book 1's command line has no
option for one, so build_book runs its Python API (what `jupyter-book build` runs) in a subprocess,
one fresh Sphinx per build, as the command would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

from . import paths

AUDIENCES = ("student", "instructor")
# build_book's builder -> (Jupyter Book's builder, Sphinx's builder, output folder under out/_build).
BUILDERS = {
    "html": ("html", "html", "html"),
    "pdflatex": ("pdflatex", "latex", "latex"),
    "epub": ("custom", "epub", "epub"),
}


def build_book(
    source: Path, out: Path, builder: str, audience: str = "student", capture: bool = True
) -> subprocess.CompletedProcess:
    """Build the book at source into out/_build with the given builder (html, pdflatex, epub), for one audience,
    with warnings as errors, nitpicky and keep-going."""
    if builder not in BUILDERS:
        raise ValueError(f"builder {builder!r}: expected one of {', '.join(BUILDERS)}")
    if audience not in AUDIENCES:
        raise ValueError(f"audience {audience!r}: expected one of {', '.join(AUDIENCES)}")
    request = {
        "source": str(Path(source).resolve()),
        "out": str(Path(out).resolve()),
        "builder": builder,
        "audience": audience,
    }
    code = "import json, sys; from edition.build import run_jupyter_book; run_jupyter_book(**json.loads(sys.argv[1]))"
    env = {**os.environ, "EDITION_ROOT": request["source"]}  # the build, and its kernels, read source's files
    return subprocess.run(
        [sys.executable, "-c", code, json.dumps(request)],
        check=False,
        capture_output=capture,
        text=True,
        timeout=900,
        env=env,
    )


def run_jupyter_book(source: str, out: str, builder: str, audience: str) -> None:
    """In the build's own process: what `jupyter-book build SOURCE --path-output OUT --builder ... -W -n --keep-going`
    does (jupyter_book.cli.main.build), with the config override edition_audience.

    jsonschema, which jupyter_book imports to check _config.yml, loads rfc3987-syntax where it is
    installed (JupyterLab's jupyter-events needs it, for the Binder environment) and compiles its
    38 IRI grammars on import: 2-3 s of every build, for a format no schema of the build uses.
    The build's process marks it absent, as jsonschema allows (its format checker then skips IRIs).
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
    from jupyter_book.sphinx import build_sphinx

    with warnings.catch_warnings():  # the pinned click deprecates click.BaseCommand, which jupyter_book.cli uses
        warnings.simplefilter("ignore", DeprecationWarning)
        from jupyter_book.cli.main import builder_specific_actions

    jb_builder, sphinx_builder, folder = BUILDERS[builder]
    src = Path(source)
    output = Path(out) / "_build" / folder
    overrides = {
        "external_toc_path": (src / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        "edition_audience": audience,
        "nitpicky": True,
    }
    print(f"Jupyter Book ({sphinx_builder}, {audience}): {src} -> {output}", flush=True)
    result = build_sphinx(
        src,
        output,
        noconfig=True,
        path_config=src / "_config.yml",
        confoverrides=overrides,
        builder=sphinx_builder,
        warningiserror=True,
        keep_going=True,
    )
    # Exits non-zero on a failed build; for pdflatex, runs latexmk on the LaTeX (make all-pdf), as the command does.
    builder_specific_actions(result, jb_builder, output, "book", print_func=print)


def copy_book(dest: Path) -> Path:
    """A copy of the book's sources (config, toc, changelog, citation file, pages, notebooks, data),
    for builds that change a page."""
    dest.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml", "CHANGELOG.md", "CITATION.cff"):
        shutil.copy(paths.ROOT / name, dest / name)
    shutil.copytree(paths.BOOK, dest / "book")
    shutil.copytree(paths.ROOT / "notebooks", dest / "notebooks")
    shutil.copytree(paths.DATA, dest / "data")
    return dest
