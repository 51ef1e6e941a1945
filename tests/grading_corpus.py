"""A corpus of hostile and broken submissions, built by code (never committed): for the grading tests
and for tests/tools/grading_benchmark.py.

Each entry is a file name, its bytes and what the row must say. The notebooks are an assignment's
model solution with one bad cell put in after a question's check (so that the questions before it
are graded and those after it show whether grading went on), or files that are not notebooks.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat

from edition import assignments

STUBBORN_LOOP = """\
while True:  # swallows the interrupt the cell time limit sends
    try:
        while True:
            pass
    except KeyboardInterrupt:
        pass
"""
MEMORY_BOMB = """\
blocks = []
while True:
    blocks.append(bytes(128 * 2**20))
"""
REWRITE_TESTS = """\
import os, stat
for name in os.listdir("tests/{name}"):
    path = os.path.join("tests/{name}", name)
    os.chmod("tests/{name}", 0o755)
    os.chmod(path, 0o644)
    q = name[:-3]
    with open(path, "w") as f:
        f.write("OK_FORMAT = True\\ntest = " + repr({{"name": q, "points": 100, "suites": [{{"type": "doctest",
            "cases": [{{"code": ">>> True\\nTrue", "hidden": False}}], "scored": True,
            "setup": "", "teardown": ""}}]}}))
"""
PROBE = """\
import json, os, socket, urllib.request
from edition import paths
found = {{"solutions": paths.SOLUTIONS.exists(), "root": str(paths.ROOT),
          "tests_writable": os.access("tests/{name}/q1.py", os.W_OK) and os.geteuid() != 0}}
try:
    socket.create_connection(("1.1.1.1", 80), timeout=5).close()
    found["socket"] = "reached"
except OSError as err:
    found["socket"] = f"blocked: {{err}}"
try:
    urllib.request.urlopen("http://example.com/", timeout=5)
    found["http"] = "reached"
except Exception as err:
    found["http"] = f"blocked: {{err}}"
with open({probe!r}, "w") as f:
    json.dump(found, f)
"""


@dataclass
class Case:
    file: str
    data: bytes
    says: list[str]  # phrases the row's error must contain ([] = no error at all)
    full_marks: bool = False  # the questions around the bad cell keep their points
    scores: dict[str, float] = field(default_factory=dict)  # questions whose score is known


def after_check(nb, question: str, source: str):
    """nb with a code cell `source` put in just after the cell that runs grader.check(question)."""
    nb = copy.deepcopy(nb)
    at = next(i for i, c in enumerate(nb.cells) if f'grader.check("{question}")' in c.source)
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(source))
    return nb


def ipynb(nb) -> bytes:
    return nbformat.writes(nb).encode()


def hostile(name: str, probe: Path, cell: float, wall: float, memory: str = "1 GiB") -> list[Case]:
    """Every bad submission the issue lists, to `name`, for a run with these limits."""
    model = assignments.solution(name)
    starter = assignments.starter(name)
    other = next(n for n in assignments.NAMES if n != name)
    slow = model  # cells that each stay under the cell time limit, together over the time limit
    for _ in range(int(wall // (cell * 0.8)) + 2):
        slow = after_check(slow, "q1", f"import time\ntime.sleep({cell * 0.8:g})")
    return [
        Case(
            "endless-loop.ipynb",
            ipynb(after_check(model, "q1", "while True:\n    pass")),
            [f"cell time limit ({cell:g} s) reached in code cell", "interrupted and grading went on"],
            True,
        ),
        Case(
            "stubborn-loop.ipynb",
            ipynb(after_check(model, "q1", STUBBORN_LOOP)),
            [
                f"cell time limit ({cell:g} s) reached",
                "did not stop when interrupted",
                "questions not reached (0 points): q2",
            ],
            scores={"q1": 1.0, "q2": 0.0},
        ),
        Case(
            "slow.ipynb",
            ipynb(slow),
            [f"time limit ({wall:g} s) reached", "questions not reached (0 points): q2"],
            scores={"q1": 1.0, "q2": 0.0},
        ),
        Case(
            "memory-bomb.ipynb",
            ipynb(after_check(model, "q1", MEMORY_BOMB)),
            [f"memory limit ({memory})"],
            scores={"q1": 1.0},
        ),
        Case(
            "flood.ipynb",
            ipynb(after_check(model, "q1", 'print("x" * 50_000_000)')),
            ["output cut at the output limit"],
            True,
        ),
        Case(
            "os-exit.ipynb",
            ipynb(after_check(model, "q1", "import os\nos._exit(0)")),
            ["the notebook ended the kernel (os._exit", "questions not reached (0 points): q2"],
            scores={"q1": 1.0, "q2": 0.0},
        ),
        Case(
            "sys-exit.ipynb",
            ipynb(after_check(model, "q1", "import sys\nsys.exit(1)")),
            ["sys.exit() called in code cell", "the kernel went on"],
            True,
        ),
        Case(
            "delete-folder.ipynb",
            ipynb(after_check(model, "q1", "import os, shutil\nshutil.rmtree(os.getcwd())")),
            ["the notebook deleted its working folder"],
            True,
        ),
        Case(
            "rewrite-tests.ipynb",
            ipynb(after_check(starter, "q1", REWRITE_TESTS.format(name=name))),
            ["the notebook changed the test files; it was graded with the instructor's copy"],
            scores={q: 0.0 for q in ("q1", "q2", "q3")},
        ),
        Case("not-json.ipynb", b'{"cells": [ this is not JSON', ["not a notebook: invalid JSON"]),
        Case(
            "not-myst.md",
            b"# %%\nmembers = 1\n\n# %% [markdown]\n# a py:percent script saved as .md\n",
            ["not a MyST notebook: no code cells"],
        ),
        Case("empty.ipynb", b"", ["empty file"]),
        Case("renamed.ipynb.txt", ipynb(model), ["the file's name ends in .txt, not .ipynb or .md"], True),
        Case(
            "wrong-assignment.ipynb", ipynb(assignments.solution(other)), [f"notebook for another assignment ({other})"]
        ),
        Case("probe.ipynb", ipynb(after_check(model, "q1", PROBE.format(name=name, probe=str(probe)))), [], True),
    ]


def good(name: str) -> list[Case]:
    model = assignments.solution(name)
    return [
        Case("model.ipynb", ipynb(model), [], True),
        Case("model.md", jupytext.writes(model, fmt="md:myst").encode(), [], True),
    ]


def write(folder: Path, cases: list[Case]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for case in cases:
        (folder / case.file).write_bytes(case.data)


def as_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
