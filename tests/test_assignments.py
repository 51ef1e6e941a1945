"""The assignments (notebooks/assignments/): solutions score full marks and quote the text
exactly, the untouched starters run and fail every check, and the grading command gives a
row per submission, a broken one included (tests/test_grading.py grades hostile ones)."""

from __future__ import annotations

import ast
import contextlib
import io
import re
import shutil

import jupytext
import nbclient
import nbformat
import pandas as pd
import pytest

from edition import assignments, data, paths
from edition.cli import main
from edition.grading import grade_command, possible_points
from edition.text import establish_from_files

pytestmark = pytest.mark.filterwarnings(  # otter imports ipylab, whose traits use a deprecated form
    "ignore:Traits should be given as instances:DeprecationWarning"
)
NAMES = assignments.NAMES
ANCHOR = re.compile(r"(p|note)-\d+")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[str, tuple[pd.DataFrame, str]]:
    """Per assignment, the grade command (edition.grading.grade_command, what `python -m edition grade`
    runs) on a folder of the solution, the untouched starter and (for close reading) a file that is
    not a notebook: the CSV it writes, and what it prints."""
    out = {}
    for name in NAMES:
        folder = tmp_path_factory.mktemp(name)
        nbformat.write(assignments.solution(name), folder / "solution.ipynb")
        shutil.copy(paths.ASSIGNMENTS / f"{name}.md", folder / "starter.md")
        if name == "close-reading":
            (folder / "broken.ipynb").write_text("{not a notebook", encoding="utf-8")
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert grade_command(folder, name, progress=False) == 0
        table = pd.read_csv(folder / f"grades-{name}.csv", keep_default_na=False)
        out[name] = table.set_index("submission"), printed.getvalue()
    return out


@pytest.mark.parametrize("name", NAMES)
def test_each_question_has_a_check_an_answer_cell_and_a_test_file(name):
    starter = assignments.starter(name)
    checked = [q for c in starter.cells for q in re.findall(r'grader\.check\("(q\d+)"\)', c.source)]
    answers = assignments.answer_cells(starter)
    files = sorted(p.stem for p in (paths.ASSIGNMENTS / "tests" / name).glob("q*.py"))
    assert checked == files == list(possible_points(name)) == [f"q{i}" for i in range(1, len(files) + 1)]
    assert len(answers) == len(checked) >= 3


@pytest.mark.build  # runs otter grading
@pytest.mark.parametrize("name", NAMES)
def test_the_solution_scores_full_marks(graded, name):
    row = graded[name][0].loc["solution.ipynb"]
    assert row["error"] == ""
    assert row["total"] == row["possible"] == sum(possible_points(name).values()) > 0


@pytest.mark.build  # runs otter grading
@pytest.mark.parametrize("name", NAMES)
def test_the_untouched_starter_fails_every_question(graded, name):
    row = graded[name][0].loc["starter.md"]
    assert row["error"] == ""
    assert [row[q] for q in possible_points(name)] == [0] * len(possible_points(name))
    assert row["total"] == 0 < row["possible"]


@pytest.mark.build  # runs otter grading
def test_a_broken_submission_is_a_row_not_a_crash(graded):
    table, printed = graded["close-reading"]
    assert list(table.index) == ["broken.ipynb", "solution.ipynb", "starter.md"]
    assert list(table.columns) == ["q1", "q2", "q3", "total", "possible", "error"]
    assert table.loc["broken.ipynb", "error"].startswith("not a notebook: invalid JSON")
    assert table.loc["broken.ipynb", "total"] == 0
    assert table.loc["broken.ipynb", "possible"] == table.loc["solution.ipynb", "possible"]
    for submission in table.index:
        assert submission in printed


@pytest.mark.build  # runs a kernel
@pytest.mark.parametrize("name", NAMES)
def test_the_starter_runs_as_a_student_opens_it(name, tmp_path):
    """Every cell runs without error, and every check says that it failed."""
    shutil.copytree(paths.ASSIGNMENTS, tmp_path, dirs_exist_ok=True)  # otter writes its log beside the notebook
    nb = jupytext.read(tmp_path / f"{name}.md")
    nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [(c.source, o) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert [o for _, o in outputs if o.output_type == "error"] == []
    checks = [o["data"]["text/plain"] for source, o in outputs if source.startswith("grader.check(") and "data" in o]
    assert len(checks) == len(possible_points(name))
    assert all("Test case failed" in text for text in checks)
    (check_all,) = [o["data"]["text/plain"] for source, o in outputs if source == "grader.check_all()" and "data" in o]
    assert [f"{q} results:" in check_all for q in possible_points(name)] == [True] * len(possible_points(name))


@pytest.mark.parametrize("name", NAMES)
def test_each_question_states_its_points(name):
    """As its test file gives them: the heading says "(2 points)"; the Points paragraph, the total."""
    text = (paths.ASSIGNMENTS / f"{name}.md").read_text(encoding="utf-8")
    stated = {f"q{n}": float(p) for n, p in re.findall(r"^## Question (\d+): .+ \((\d+) points?\)$", text, re.M)}
    assert stated == possible_points(name)
    assert f"**Points.** {sum(stated.values()):g} in all" in text
    assert "grader.check_all()" in text


def solution_sources() -> dict[str, str]:
    return {name: (paths.SOLUTIONS / f"{name}.md").read_text(encoding="utf-8") for name in NAMES}


@pytest.mark.build  # runs a kernel
@pytest.mark.parametrize("name", NAMES)
def test_the_solution_file_runs_on_its_own(name):
    """As the edition's other notebooks do (python -m edition execute runs every notebooks/**/*.md)."""
    nb = assignments.notebook(paths.SOLUTIONS / f"{name}.md")
    nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(paths.SOLUTIONS)}}
    ).execute()
    assert [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"] == []


def test_every_quotation_in_the_solutions_is_in_the_reading_text():
    """(anchor, quote) pairs in the solutions' code are found at their anchor; every “…” passage in the text."""
    texts = establish_from_files().anchor_texts()
    pairs, passages = [], []
    for name, source in solution_sources().items():
        for cell in assignments.notebook(paths.SOLUTIONS / f"{name}.md").cells:
            if cell.cell_type == "code":
                for node in ast.walk(ast.parse(cell.source)):
                    values = [getattr(e, "value", None) for e in getattr(node, "elts", [])]
                    if (
                        isinstance(node, ast.Tuple)
                        and len(values) == 2
                        and all(isinstance(v, str) for v in values)
                        and ANCHOR.fullmatch(values[0])
                    ):
                        pairs.append(values)
        passages += re.findall(r"“([^”]+)”", source.replace("\n", " "))
    assert pairs and passages
    assert [(a, q) for a, q in pairs if q not in texts[a]] == []
    assert [p for p in passages if not any(p in t for t in texts.values())] == []


def test_stance_problems_names_the_row_and_field_of_a_misquotation():
    evidence = pd.DataFrame(
        [
            ("p-42", "Moscow unambiguously holds Washington responsible"),
            ("p-42", "Moscow holds Washington fully responsible"),
            ("p-99", "Moscow"),
        ],
        columns=["anchor", "quote"],
    )
    problems = assignments.stance_problems("RUS", "unilateral-disarmament", "opposes", "a reason", evidence)
    assert any(p.startswith("stance_evidence.csv, row 3, field quote") for p in problems)
    assert any(p.startswith("stance_evidence.csv, row 4, field anchor") for p in problems)
    assert not any("row 2," in p for p in problems)
    assert assignments.stance_problems("RUS", "unilateral-disarmament", "opposes", "a reason", evidence.iloc[:1]) == []
    assert assignments.stance_problems("RUS", "unilateral-disarmament", "leans towards", "a reason", evidence.iloc[:1])


def test_anchor_text_is_the_text_the_checks_read():
    assert assignments.anchor_text("p-38").startswith("Russia half-heartedly endorsed the Geneva talks")
    assert "[p. 363]" not in assignments.anchor_text("p-38")
    assert assignments.anchor_text("note-12").startswith("Participants in the four-party talks")


def test_check_with_refuses_a_later_event_before_the_article():
    later = pd.DataFrame(
        [
            {
                "id": "le-x",
                "label": "x",
                "type": "summit",
                "start": "2002-08-23",
                "end": "",
                "precision": "day",
                "actors": "RUS;DPRK",
                "place": "",
                "sources": "https://en.yna.co.kr/view/AEN20190425000000315",
                "consulted": "2026-12-02",
                "weak_source_reason": "",
            }
        ]
    )
    assert assignments.check_with(later_events=later) == [
        "later_events.csv, row 2, field start: 2002-08-23 is before the article (2003)"
    ]
    assert assignments.check_with(later_events=later.assign(start="2019-04-25")) == []


def test_a_source_of_kind_other_needs_its_reason_and_an_unknown_host_is_named():
    later = data.load("later_events").head(1).copy()
    mirror = later.assign(sources="https://www.wikiwand.com/en/articles/Six-party_talks")
    assert assignments.check_with(later_events=mirror) == [
        "later_events.csv, row 2, field weak_source_reason: "
        "every source is of kind 'other': say why no source of record"
    ]
    assert assignments.check_with(later_events=mirror.assign(weak_source_reason="only a mirror states it")) == []
    unknown = later.assign(sources="https://blog.example.net/post")
    assert assignments.check_with(later_events=unknown)[0] == (
        "later_events.csv, row 2, field sources: host 'blog.example.net' is not in source_hosts.csv"
    )
    stated = later.assign(weak_source_reason="no reason to give")
    assert assignments.check_with(later_events=stated) == [
        "later_events.csv, row 2, field weak_source_reason: the row cites a source of record: drop the reason"
    ]


@pytest.mark.parametrize("name", NAMES)
def test_the_solution_command_writes_the_starter_with_the_answers(name, tmp_path):
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["solution", name, "-o", str(tmp_path / f"{name}.ipynb")]) == 0
    written = nbformat.read(tmp_path / f"{name}.ipynb", as_version=4)
    starter = assignments.starter(name)
    assert len(written.cells) == len(starter.cells)
    changed = [i for i, (a, b) in enumerate(zip(written.cells, starter.cells, strict=True)) if a.source != b.source]
    assert changed == assignments.answer_cells(starter)
