"""The assignments (notebooks/assignments/): the edition's own check applied to a student's rows.

A student's table takes the place of one of the edition's (a cell of the stance
grid, the layer of later events) in a copy of data/, and validate.check() runs on the
copy: the same schemas, keys, anchors and verbatim quotations, and messages that
name file, row and field. The otter tests of the assignments call these functions.

Solutions are kept short: notebooks/solutions/<name>.md holds the answer cells
(tagged "answer", after a cell that sets up what the starter defines, so that the
file runs on its own), and solution() puts them in place of the starter's cells
tagged "answer".
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import jupytext
import nbformat
import pandas as pd

from . import paths
from .anchors import Anchor
from .text import establish_from_files
from .validate import check, read
from .vocab import NO_EVIDENCE

NAMES = list(paths.ASSIGNMENT_NAMES)


def check_with(**tables: pd.DataFrame) -> list[str]:
    """Every problem validate.check() finds in a copy of data/ where each named table is replaced.

    The copy is a student's layer, not the edition: its web sources need no citation row in sources.csv."""
    with tempfile.TemporaryDirectory() as tmp:
        for path in [paths.DATA / "datapackage.json", *paths.DATA.glob("*.csv")]:
            shutil.copy(path, tmp)
        for name, frame in tables.items():
            frame.fillna("").to_csv(Path(tmp) / f"{name}.csv", index=False)
        return check(Path(tmp), published=False)


def anchor_text(anchor: str) -> str:
    """The author's words of a paragraph (p-N) or note (note-N), as the checks read them."""
    return establish_from_files().anchor_texts()[str(Anchor.parse(anchor))]


def open_cells() -> pd.DataFrame:
    """The actor × issue cells that data/stances.csv leaves at 'no evidence'."""
    stances = read("stances.csv", paths.DATA)
    return stances[stances["stance"] == NO_EVIDENCE][["actor", "issue"]].reset_index(drop=True)


def stance_problems(actor: str, issue: str, stance: str, summary: str, evidence: pd.DataFrame) -> list[str]:
    """What the edition's check says once this coding and its evidence (anchor, quote) fill the cell.

    The evidence rows come first in stance_evidence.csv, so "row 2" is the first row of evidence.
    """
    stances = read("stances.csv", paths.DATA)
    cell = (stances["actor"] == actor) & (stances["issue"] == issue)
    if not cell.any():
        return [f"stances.csv: there is no cell {actor!r} × {issue!r}"]
    stances.loc[cell, ["stance", "summary"]] = [stance, summary]
    rows = evidence.assign(actor=actor, issue=issue)[["actor", "issue", "anchor", "quote"]]
    return check_with(stances=stances, stance_evidence=pd.concat([rows, read("stance_evidence.csv", paths.DATA)]))


def notebook(path: Path) -> nbformat.NotebookNode:
    """A notebook from .ipynb or a jupytext text file (.md)."""
    return jupytext.read(path) if path.suffix != ".ipynb" else nbformat.read(path, as_version=4)


def starter(name: str) -> nbformat.NotebookNode:
    return notebook(paths.ASSIGNMENTS / f"{name}.md")


def answer_cells(nb: nbformat.NotebookNode) -> list[int]:
    """Positions of the cells tagged "answer"."""
    return [i for i, c in enumerate(nb.cells) if "answer" in c.metadata.get("tags", [])]


def solution(name: str) -> nbformat.NotebookNode:
    """The starter with its answer cells, in order, replaced by the answer cells of the solution file."""
    nb = starter(name)
    key = notebook(paths.SOLUTIONS / f"{name}.md")
    answers = [key.cells[i] for i in answer_cells(key)]
    slots = answer_cells(nb)
    if len(answers) != len(slots):
        raise ValueError(f"{name}: the solution has {len(answers)} answer cells, the starter {len(slots)}")
    for i, answer in zip(slots, answers, strict=True):
        nb.cells[i] = answer
    return nb


def drawn_ids(fig) -> set[str]:
    """The ids of the events a chart draws: the gid of every line and patch (charts.py sets them)."""
    return {a.get_gid() for ax in fig.axes for a in [*ax.lines, *ax.patches]} - {None}
