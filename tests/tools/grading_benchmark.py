"""Benchmark (not a test): grade a class of 30 submissions, 5 of them hostile, with the default limits.

    PYTHONPATH=src .venv/bin/python tests/tools/grading_benchmark.py [--assignment chronology] [--jobs N]

The class: 20 model solutions (half .ipynb, half MyST .md), 5 untouched starters, and 5 hostile
notebooks from tests/grading_corpus.py (an endless loop, a memory bomb, 50 MB of output, os._exit,
a notebook that rewrites the tests), with a roster. It prints the bound the grader states, the
time the run took and each hostile row, and exits 1 if the run broke its bound or a model solution
lost a point.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for grading_corpus

import jupytext  # noqa: E402
import pandas as pd  # noqa: E402

from edition import assignments  # noqa: E402
from edition.grading import Limits, grade_command, time_bound  # noqa: E402
from grading_corpus import Case, hostile, ipynb, write  # noqa: E402

HOSTILE = ["endless-loop.ipynb", "memory-bomb.ipynb", "flood.ipynb", "os-exit.ipynb", "rewrite-tests.ipynb"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="chronology", choices=assignments.NAMES)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    limits = Limits(**({"jobs": args.jobs} if args.jobs else {}))
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as tmp:
        folder = Path(tmp) / "class"
        model, starter = assignments.solution(args.assignment), assignments.starter(args.assignment)
        cases = [Case(f"student{i:02d}.ipynb", ipynb(model), []) for i in range(1, 11)]
        cases += [Case(f"student{i:02d}.md", jupytext.writes(model, fmt="md:myst").encode(), []) for i in range(11, 21)]
        cases += [Case(f"student{i:02d}.ipynb", ipynb(starter), []) for i in range(21, 26)]
        bad = {c.file: c for c in hostile(args.assignment, Path(tmp) / "probe.json", limits.cell, limits.wall)}
        cases += [Case(f"student{i:02d}-{name}", bad[name].data, bad[name].says) for i, name in enumerate(HOSTILE, 26)]
        write(folder, cases)
        roster = Path(tmp) / "roster.csv"
        with open(roster, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["student id", "name", "file"])
            writer.writerows([f"s{i:03d}", f"Student {i}", c.file] for i, c in enumerate(cases, 1))
        printed = io.StringIO()
        start = time.monotonic()
        with contextlib.redirect_stdout(printed):
            grade_command(folder, args.assignment, roster=roster, jobs=limits.jobs)
        elapsed = time.monotonic() - start
        table = pd.read_csv(folder / f"grades-{args.assignment}.csv", keep_default_na=False)
    bound = time_bound(len(cases), limits)
    print(
        f"{len(cases)} submissions ({len(HOSTILE)} hostile) to {args.assignment}, {limits.jobs} at a time: "
        f"{elapsed:.0f} s (bound {bound:.0f} s)"
    )
    for _, row in table[table["submission"].str.contains("-")].iterrows():
        print(f"  {row['submission']}: {row['total']:g}/{row['possible']:g}  {row['error'][:150]}")
    models = table[table["submission"].str.fullmatch(r"student(0\d|1\d|20)\.(ipynb|md)")]
    lost = models[models["total"] != models["possible"]]
    if len(lost):
        print(f"model solutions that lost points:\n{lost.to_string(index=False)}")
    return 0 if elapsed <= bound and len(models) == 20 and not len(lost) else 1


if __name__ == "__main__":
    sys.exit(main())
