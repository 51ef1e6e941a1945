"""Build-time benchmark: python tests/tools/benchmark.py [--runs N]; page weight: --page-weight.

Prints the median of N runs (default 3) of: a cold HTML build, a rebuild with
nothing changed, a rebuild after editing one chapter, and a cold PDF build.
Each run works on a fresh copy of the sources in a temporary folder.
Targets on a 2-core machine: cold HTML <= 30 s, no-op <= 3 s, one chapter <= 8 s, PDF <= 45 s.
With --page-weight it measures instead the bytes a browser fetches per page (tests/tools/page_weight.py).
A developer's tool, not part of the edition's package; run it inside the project's environment.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from edition.build import build_book, copy_book

TARGETS = {"cold HTML build": 30, "no-op rebuild": 3, "one-chapter rebuild": 8, "PDF build": 45}


def timed(source: Path, out: Path, builder: str) -> float:
    start = time.perf_counter()
    proc = build_book(source, out, builder)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{builder} build failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed


def one_run(tmp: Path) -> dict[str, float]:
    source = copy_book(tmp / "src")
    out = tmp / "out"
    figures = {"cold HTML build": timed(source, out, "html"), "no-op rebuild": timed(source, out, "html")}
    chapter = source / "book" / "article" / "russian-views.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n<!-- benchmark edit -->\n", encoding="utf-8")
    figures["one-chapter rebuild"] = timed(source, out, "html")
    figures["PDF build"] = timed(source, tmp / "pdf", "pdflatex")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/tools/benchmark.py", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page-weight", action="store_true", help="bytes per page, against a default Jupyter Book")
    args = parser.parse_args(argv)
    if args.page_weight:
        from page_weight import report  # beside this file, which Python puts first on sys.path

        report()
        return 0
    runs = []
    for k in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(one_run(Path(tmp)))
        print(f"run {k + 1}: " + ", ".join(f"{name} {secs:.1f} s" for name, secs in runs[-1].items()), flush=True)
    print(f"\nmedian of {args.runs} runs       seconds   target")
    for name, target in TARGETS.items():
        median = statistics.median(r[name] for r in runs)
        print(f"{name:<24}{median:>8.1f}   <= {target} s {'ok' if median <= target else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
