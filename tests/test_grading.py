"""Grading against a real class: a corpus of hostile and broken submissions (built by code in
tests/grading_corpus.py), graded together with the model solution in one run with a roster, as a
teacher runs it. Each hostile row says what happened, the good submissions beside it keep full
marks, the run ends within the bound it states, and the LMS CSV and the feedback files are checked
column by column. The unit tests below need no kernel."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from edition import gradebook, grading, paths
from edition.gradebook import Student
from edition.grading import Limits, grade_command, possible_points, time_bound
from grading_corpus import Case, as_json, good, hostile, write

pytestmark = [
    pytest.mark.build,  # grading starts kernels and worker processes: not the fast tier
    pytest.mark.filterwarnings("ignore:Traits should be given as instances:DeprecationWarning"),
]
ASSIGNMENT = "delegations"
CELL, WALL = 20.0, 60.0
CASES = hostile(ASSIGNMENT, Path("probe.json"), CELL, WALL)
TITLE = gradebook.lms_column(ASSIGNMENT)


def roster_rows(cases: list[Case]) -> list[dict]:
    """A student per corpus file, as a Canvas export with a 'file' column; carol renamed hers, zoe sent nothing."""
    rows = [
        {
            "Student": f"Student {i:02d}",
            "ID": str(1000 + i),
            "SIS User ID": f"s{i:02d}",
            "SIS Login ID": f"s{i:02d}@example.edu",
            "Section": "A",
            "file": c.file,
        }
        for i, c in enumerate(cases, 1)
    ]
    rows.append(
        {
            "Student": "Carol Renamed",
            "ID": "2001",
            "SIS User ID": "s90",
            "SIS Login ID": "carol@example.edu",
            "Section": "B",
            "file": "delegations-carol.ipynb",
        }
    )
    rows.append(
        {
            "Student": "Zoe Absent",
            "ID": "2002",
            "SIS User ID": "s99",
            "SIS Login ID": "zoe@example.edu",
            "Section": "B",
            "file": "delegations-zoe.ipynb",
        }
    )
    return rows


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> SimpleNamespace:
    base = tmp_path_factory.mktemp("class")
    folder, probe = base / "submissions", base / "probe.json"
    cases = [*good(ASSIGNMENT), *hostile(ASSIGNMENT, probe, CELL, WALL)]
    model = cases[0].data
    extra = [Case("delegations-carol (1).ipynb", model, [], True), Case("stray.ipynb", model, [], True)]
    write(folder, [*cases, *extra])
    rows = roster_rows([*cases])
    roster = base / "roster.csv"
    with open(roster, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    printed = io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(printed):
        code = grade_command(folder, ASSIGNMENT, roster=roster, cell=CELL, wall=WALL, progress=False)
    elapsed = time.monotonic() - start
    n = len(cases) + len(extra)
    text = {c: str for c in ("student id", "name", "submission", "error")}
    table = pd.read_csv(folder / f"grades-{ASSIGNMENT}.csv", dtype=text).fillna(dict.fromkeys(text, ""))
    return SimpleNamespace(
        code=code,
        elapsed=elapsed,
        printed=printed.getvalue(),
        folder=folder,
        probe=probe,
        columns=list(table.columns),
        cases={c.file: c for c in [*cases, *extra]},
        table=table.set_index("submission"),
        rows=rows,
        bound=time_bound(n, Limits(cell=CELL, wall=WALL)),
        lms_path=folder / f"lms-{ASSIGNMENT}.csv",
        feedback=folder / f"feedback-{ASSIGNMENT}",
    )


def test_the_run_finishes_within_the_bound_it_states(run):
    assert run.code == 0
    stated = re.search(r"the run ends within (\d+) (s|min)", run.printed)
    assert stated, run.printed[:500]
    assert run.elapsed <= run.bound
    assert f"time limit {WALL:g} s per submission, {CELL:g} s per cell; memory 1 GiB per process" in run.printed


@pytest.mark.parametrize("file", [c.file for c in CASES])
def test_each_hostile_submission_gets_a_row_that_says_what_happened(run, file):
    case, row = run.cases[file], run.table.loc[file]
    for phrase in case.says:
        assert phrase in row["error"], (file, row["error"])
    if not case.says:
        assert row["error"] == "", (file, row["error"])
    points = possible_points(ASSIGNMENT)
    if case.full_marks:
        assert row["total"] == row["possible"] == sum(points.values()), (file, row.to_dict())
    for q, score in case.scores.items():
        assert row[q] == score, (file, q, row.to_dict())
    if case.says and not case.full_marks and not case.scores:  # not a notebook of this assignment: nothing graded
        assert row["total"] == 0


@pytest.mark.parametrize("file", ["model.ipynb", "model.md", "stray.ipynb", "delegations-carol (1).ipynb"])
def test_the_good_submissions_beside_them_keep_full_marks(run, file):
    row = run.table.loc[file]
    assert row["total"] == row["possible"] == sum(possible_points(ASSIGNMENT).values())
    assert row["error"] in (
        "",
        "not on the roster",
        "submitted as 'delegations-carol (1).ipynb'; the roster says 'delegations-carol.ipynb'",
    )


def test_the_submission_saw_no_solutions_no_network_and_a_copy_of_the_edition(run):
    found = as_json(run.probe)
    assert found["solutions"] is False
    assert Path(found["root"]) != paths.ROOT
    assert found["http"].startswith("blocked")  # the proxies point nowhere, and the namespace has no network
    if grading.sandbox_prefix():
        assert found["socket"].startswith("blocked")
    assert found["tests_writable"] is False


def test_the_teacher_table_has_every_student_and_every_file(run):
    table = run.table.reset_index()
    assert run.columns == [
        "student id",
        "name",
        "submission",
        *possible_points(ASSIGNMENT),
        "total",
        "possible",
        "error",
    ]
    assert list(table["student id"]) == [r["SIS User ID"] for r in run.rows] + [""]
    zoe = table[table["student id"] == "s99"].iloc[0]
    assert zoe["submission"] == "" and pd.isna(zoe["total"]) and pd.isna(zoe["q1"])
    assert zoe["error"] == "no submission (expected 'delegations-zoe.ipynb')"
    assert table.iloc[-1]["submission"] == "stray.ipynb" and table.iloc[-1]["error"] == "not on the roster"
    for file in run.cases:
        assert file in run.printed


def test_the_lms_csv_column_by_column(run):
    with open(run.lms_path, newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    header, rows = lines[0], lines[1:]
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", TITLE]
    assert len(rows) == len(run.rows)  # one per roster student, in its order; no row for the stray file
    by_id = {r[2]: dict(zip(header, r, strict=True)) for r in rows}
    for expected, row in zip(run.rows, rows, strict=True):
        got = dict(zip(header, row, strict=True))
        assert got["Student"] == expected["Student"]  # the name, as the roster gives it
        assert got["ID"] == expected["ID"]  # Canvas's own user id, when the roster has it
        assert got["SIS User ID"] == expected["SIS User ID"]  # the student id (Moodle: ID number)
        assert got["SIS Login ID"] == expected["SIS Login ID"]  # login (Moodle: username or email)
        assert got["Section"] == expected["Section"]
    assert by_id["s01"][TITLE] == "5"  # model.ipynb: the total, as a plain number
    assert by_id["s90"][TITLE] == "5"  # carol's renamed file, matched
    assert by_id["s99"][TITLE] == ""  # zoe: nothing submitted, blank, not 0
    empty = next(r["SIS User ID"] for r in run.rows if r["file"] == "empty.ipynb")
    assert by_id[empty][TITLE] == "0"  # a file that is not a notebook: 0
    os_exit = next(r["SIS User ID"] for r in run.rows if r["file"] == "os-exit.ipynb")
    assert by_id[os_exit][TITLE] == "1"  # the question reached before the exit


def test_the_feedback_says_which_checks_passed_and_failed_in_the_tests_words(run):
    files = sorted(p.name for p in run.feedback.glob("*.md"))
    assert files == sorted([f"{r['SIS User ID']}.md" for r in run.rows] + ["stray.md"])
    by_file = {r["file"]: r["SIS User ID"] for r in run.rows}
    model = (run.feedback / f"{by_file['model.ipynb']}.md").read_text(encoding="utf-8")
    assert "Score: **5 of 5 points**" in model and "failed" not in model
    tampered = (run.feedback / f"{by_file['rewrite-tests.ipynb']}.md").read_text(encoding="utf-8")
    assert "Score: **0 of 5 points**" in tampered
    assert "the notebook changed the test files" in tampered
    message = "A dict from delegation id to its number of member rows in data/delegation_members.csv"
    assert f"**failed**: q1 - 1: {message}" in tampered
    stopped = (run.feedback / f"{by_file['os-exit.ipynb']}.md").read_text(encoding="utf-8")
    assert "| q1 | 1 of 1 | passed |" in stopped and "| q2 | 0 of 1 | not reached |" in stopped
    absent = (run.feedback / "s99.md").read_text(encoding="utf-8")
    assert "No submission was graded: no submission (expected 'delegations-zoe.ipynb')" in absent


# -- without a kernel ------------------------------------------------------------------------


def test_the_bound_is_rounds_of_the_time_limit():
    limits = Limits(wall=100, jobs=4)
    assert time_bound(0, limits) == 0
    assert time_bound(1, limits) == time_bound(4, limits) == 100 + grading.KILL_GRACE
    assert time_bound(9, limits) == 3 * (100 + grading.KILL_GRACE)


def test_sizes_read_as_people_write_them():
    assert grading.parse_size("1GiB") == grading.parse_size("1G") == 1 << 30
    assert grading.parse_size("512MiB") == 512 << 20
    assert grading.parse_size("2048") == 2048
    with pytest.raises(ValueError):
        grading.parse_size("a lot")
    assert grading.size_text(1 << 30) == "1 GiB" and grading.size_text(1 << 20) == "1 MiB"


def test_the_guide_states_the_default_limits():
    guide = (paths.BOOK / "teaching" / "guide.md").read_text(encoding="utf-8")
    limits = Limits()
    for text in (
        f"{limits.wall:g} s",
        f"{limits.cell:g} s",
        grading.size_text(limits.memory),
        grading.size_text(limits.output),
    ):
        assert text in guide, text
    for option in ("--time-limit", "--cell-time-limit", "--memory-limit", "--output-limit", "--jobs", "--roster"):
        assert option in guide, option


def test_a_roster_is_read_from_our_columns_or_a_canvas_export(tmp_path):
    ours = tmp_path / "ours.csv"
    ours.write_text("Student ID,Name,File\n123,Ada Lovelace,ada.ipynb\n456,Alan Turing,\n", encoding="utf-8-sig")
    assert gradebook.read_roster(ours) == [Student("123", "Ada Lovelace", "ada.ipynb"), Student("456", "Alan Turing")]
    canvas = tmp_path / "canvas.csv"
    canvas.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,file\nLovelace, Ada,1,123,ada@x.edu,A,a.md\n".replace(
            "Lovelace, Ada", '"Lovelace, Ada"'
        ),
        encoding="utf-8",
    )
    assert gradebook.read_roster(canvas) == [Student("123", "Lovelace, Ada", "a.md", "ada@x.edu", "A", "1")]
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no column for student id or name"):
        gradebook.read_roster(bad)
    twice = tmp_path / "twice.csv"
    twice.write_text("student id,name\n1,a\n1,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="more than one row: 1"):
        gradebook.read_roster(twice)


def test_renamed_files_are_matched_to_their_student():
    assert gradebook.key("Delegations (1).ipynb") == gradebook.key("delegations-Copy1.ipynb") == "delegations"
    assert gradebook.key("ada.ipynb.txt") == gradebook.key("ada.md") == "ada"
    results = [grading.Result(n, {"q1": 1.0}) for n in ("ada (2).ipynb", "456_delegations.ipynb", "other.ipynb")]
    students = [
        Student("123", "Ada", "ada.ipynb"),
        Student("456", "Alan", "alan.ipynb"),
        Student("789", "Grace", "g.md"),
    ]
    matches = gradebook.match(students, results)
    assert [(m.student and m.student.name, m.result and m.result.submission, m.note) for m in matches] == [
        ("Ada", "ada (2).ipynb", "submitted as 'ada (2).ipynb'; the roster says 'ada.ipynb'"),
        (
            "Alan",
            "456_delegations.ipynb",
            "submitted as '456_delegations.ipynb' (found by the student id); the roster says 'alan.ipynb'",
        ),
        ("Grace", None, "no submission (expected 'g.md')"),
        (None, "other.ipynb", "not on the roster"),
    ]
    lms = gradebook.lms_table(matches, "A1")
    assert list(lms.columns) == [*gradebook.LMS_COLUMNS, "A1"]
    assert list(lms["A1"]) == ["0", "0", ""]


def test_the_grader_outputs_and_hidden_files_are_not_submissions(tmp_path):
    for name in ("a.ipynb", "b.md", ".hidden.ipynb", f"grades-{ASSIGNMENT}.csv", f"lms-{ASSIGNMENT}.csv", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / f"feedback-{ASSIGNMENT}").mkdir()
    assert [p.name for p in grading.submission_files(tmp_path)] == ["a.ipynb", "b.md", "notes.txt"]


def test_the_guides_worked_example_is_what_the_grader_writes(tmp_path):
    """The roster and the LMS CSV of the teacher's guide, byte for byte, from Ada's 5 points, Alan's 3 and no Grace."""
    guide = (paths.BOOK / "teaching" / "guide.md").read_text(encoding="utf-8")
    example = guide[guide.index("A short worked example") :]
    roster_text, lms_text = re.findall(r"```text\n(.*?)```", example, re.S)[:2]
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_text, encoding="utf-8")
    points = possible_points(ASSIGNMENT)
    ada, alan = grading.Result("delegations-ada.ipynb", points), grading.Result("delegations-alan.md", points)
    ada.questions = {q: {"score": p} for q, p in points.items()}
    alan.questions = {q: {"score": points[q] if q in ("q1", "q2", "q3") else 0.0} for q in points}
    matches = gradebook.match(gradebook.read_roster(roster), [ada, alan])
    assert gradebook.lms_table(matches, gradebook.lms_column(ASSIGNMENT)).to_csv(index=False) == lms_text
    written = gradebook.write_feedback(tmp_path / "feedback", ASSIGNMENT, [ada, alan], matches, points)
    assert [p.name for p in written] == ["s1001.md", "s1002.md", "s1003.md"]
    assert "No submission was graded" in written[2].read_text(encoding="utf-8")
