"""Build times against a default Jupyter Book of the same pages: python tests/tools/benchmark.py [--runs N].

The machine is shared and noisy, so only ratios from alternating runs count. Each run makes
two fresh copies of the sources in a temporary folder: the edition (A), and the default
Jupyter Book 1 book of the same pages (B): the same _toc.yml, pages, notebooks and data, the
edition's {pn} and {pb} roles stripped, and a _config.yml with execute_notebooks: force and
no extensions or theme settings (only what decides which files are pages and which
notebooks run: the same as the edition's), built by `jupyter-book build . --builder html`.
Then A, then B (A B A B ...), each:

- cold: an HTML build with no _build and no execution cache;
- no-op: the same build again, nothing changed;
- prose edit: again, after one sentence of editorial prose in a chart chapter changed.

After its three, the edition's copy builds its PDF (if TeX Live is there), into a build folder
of its own: it should re-use the HTML build's executed outputs and execute nothing. Every build's log is searched for
notebook executions (myst-nb's "Executing notebook", the edition's "edition: executed").
It prints each run, then the medians, the ratios edition / default and the goals:
cold <= 0.8, no-op <= 1.0, prose edit <= 0.5, and no execution in the PDF build.
With --page-weight it measures instead the bytes a browser fetches per page (tests/tools/page_weight.py).
A developer's tool, not part of the edition's package; run it inside the project's environment.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from page_weight import jupyter_book_cli  # beside this file, which Python puts first on sys.path

from edition.build import build_book, copy_book

STEPS = ("cold", "no-op", "prose edit")
GOALS = {"cold": 0.8, "no-op": 1.0, "prose edit": 0.5}
CHART_CHAPTER = Path("book/article/summit-diplomacy.md")
PROSE = ("**Editors’ figure.** The article mentions", "**Editors’ figure.** The article names")  # outside the fences
EDITION_ROLES = re.compile(r"\{(?:pn|pb)\}`[^`]*`[ ]?")
EXECUTIONS = re.compile(r"Executing notebook|edition: executed ")
DEFAULT_CONFIG = """\
# A default Jupyter Book 1 book of the edition's pages (tests/tools/benchmark.py): no extensions, no theme
# settings; the pages and the notebooks that run are the edition's.
title: "{title}"
only_build_toc_files: true
exclude_patterns: {exclude}
execute:
  execute_notebooks: force
  exclude_patterns: [notebooks/assignments/*]
"""


def default_book(dest: Path) -> Path:
    """The default Jupyter Book of the same pages, made from a copy of the sources."""
    source = copy_book(dest)
    config = (source / "_config.yml").read_text(encoding="utf-8")
    title = re.search(r'^title: "(.*)"', config, re.M).group(1)
    exclude = re.search(r"^exclude_patterns: (\[[^\]]*\])", config, re.M | re.S).group(1)
    (source / "_config.yml").write_text(DEFAULT_CONFIG.format(title=title, exclude=exclude), encoding="utf-8")
    for page in [*source.glob("book/**/*.md"), *source.glob("notebooks/**/*.md")]:
        page.write_text(EDITION_ROLES.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    return source


def timed(source: Path, out: Path, builder: str, edition: bool) -> tuple[float, int]:
    """Seconds for one build, and the notebooks it executed (edition=False: the default book, by its command)."""
    start = time.perf_counter()
    proc = build_book(source, out, builder) if edition else jupyter_book_cli(source, out)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{builder} build of {source} failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return elapsed, len(EXECUTIONS.findall(proc.stdout + proc.stderr))


def edit_prose(source: Path) -> None:
    chapter = source / CHART_CHAPTER
    text = chapter.read_text(encoding="utf-8")
    if PROSE[0] not in text:
        raise SystemExit(f"{CHART_CHAPTER}: the sentence to edit ({PROSE[0]!r}) is gone; update PROSE")
    chapter.write_text(text.replace(*PROSE, 1), encoding="utf-8")


def three_builds(source: Path, out: Path, edition: bool) -> dict[str, tuple[float, int]]:
    figures = {"cold": timed(source, out, "html", edition), "no-op": timed(source, out, "html", edition)}
    edit_prose(source)
    figures["prose edit"] = timed(source, out, "html", edition)
    return figures


def one_run(tmp: Path, pdf: bool) -> dict[str, dict[str, tuple[float, int]]]:
    edition = copy_book(tmp / "edition")
    result = {"edition": three_builds(edition, tmp / "edition-out", edition=True)}
    if pdf:
        # A build folder of its own, as the tests' PDF has: one shared with the HTML build would share its
        # Sphinx environment too, and read (and so execute) nothing, cache or not.
        result["edition"]["PDF after HTML"] = timed(edition, tmp / "edition-pdf-out", "pdflatex", edition=True)
    result["default"] = three_builds(default_book(tmp / "default"), tmp / "default-out", edition=False)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/tools/benchmark.py", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds of A B (default 3)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF build")
    parser.add_argument("--page-weight", action="store_true", help="bytes per page, against a default Jupyter Book")
    args = parser.parse_args(argv)
    if args.page_weight:
        from page_weight import report

        report()
        return 0
    pdf = not args.no_pdf and bool(shutil.which("xelatex") and shutil.which("latexmk"))
    runs = []
    for k in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(one_run(Path(tmp), pdf))
        for book, figures in runs[-1].items():
            shown = ", ".join(f"{step} {secs:.1f} s ({n} executed)" for step, (secs, n) in figures.items())
            print(f"run {k + 1} {book:<8}: {shown}", flush=True)

    def median(book: str, step: str) -> float:
        return statistics.median(r[book][step][0] for r in runs)

    print(f"\nmedian of {args.runs} alternating runs   edition   default   edition/default   goal")
    for step in STEPS:
        ratio = median("edition", step) / median("default", step)
        verdict = "ok" if ratio <= GOALS[step] else "MISSED"
        print(
            f"{step:<34}{median('edition', step):>8.1f} s{median('default', step):>8.1f} s"
            f"{ratio:>14.2f}x    <= {GOALS[step]} {verdict}"
        )
    if pdf:
        executed = max(r["edition"]["PDF after HTML"][1] for r in runs)
        print(
            f"{'PDF after HTML':<34}{median('edition', 'PDF after HTML'):>8.1f} s"
            f"   notebooks executed: {executed} (goal 0) {'ok' if executed == 0 else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
