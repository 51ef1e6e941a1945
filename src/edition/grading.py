"""Grade a folder of submissions to one assignment with otter-grader.

Every .ipynb or jupytext .md file in the folder is run afresh by otter
(otter.execute.grade_notebook: no Docker) in a scratch directory, with every
test of the assignment (notebooks/assignments/tests/<name>/q*.py), including
checks the student deleted. A file that cannot be read or run gets a row with
its error and no score.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import nbformat
import pandas as pd

from . import paths
from .assignments import NAMES, notebook


def tests_dir(assignment: str) -> Path:
    if assignment not in NAMES:
        raise ValueError(f"unknown assignment {assignment!r}; one of {', '.join(NAMES)}")
    return paths.ASSIGNMENTS / "tests" / assignment


def possible_points(assignment: str) -> dict[str, float]:
    """Question name → points, from the assignment's otter test files."""
    from otter.test_files import OKTestFile

    tests = (OKTestFile.from_file(str(p)) for p in sorted(tests_dir(assignment).glob("q*.py")))
    return {t.name: t.possible for t in tests}


def grade_file(path: Path, assignment: str) -> dict:
    """One row: the file, the score of each question, total, possible and any error."""
    from otter.execute import grade_notebook

    folder = tests_dir(assignment)
    points = possible_points(assignment)
    row = {
        "submission": path.name,
        **dict.fromkeys(points, 0.0),
        "total": 0.0,
        "possible": sum(points.values()),
        "error": "",
    }
    try:
        nb = notebook(path)
        with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
            nbformat.write(nb, "submission.ipynb")
            results = grade_notebook(
                "submission.ipynb", tests_glob=[str(p) for p in sorted(folder.glob("q*.py"))], test_dir=str(folder)
            )
    except Exception as err:  # noqa: BLE001 -- a broken submission is a row of the table, not the end of the run
        return {**row, "error": f"{type(err).__name__}: {err}"}
    if results.catastrophic_error:
        return {**row, "error": f"{type(results.catastrophic_error).__name__}: {results.catastrophic_error}"}
    scores = {name: float(results.get_score(name)) for name in points if name in results.results}
    return {**row, **scores, "total": float(sum(scores.values()))}


def grade_folder(folder: Path, assignment: str) -> pd.DataFrame:
    """A row per submission (.ipynb, .md) in folder, in name order."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".ipynb", ".md"))
    return pd.DataFrame([grade_file(p, assignment) for p in files], columns=grade_columns(assignment))


def grade_columns(assignment: str) -> list[str]:
    return ["submission", *possible_points(assignment), "total", "possible", "error"]
