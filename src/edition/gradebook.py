"""The gradebook: a roster, the CSV an LMS imports (Canvas, Moodle), and a feedback file per student.

The roster is a CSV with a row per student: the student's id, name and the file they submitted
(column names are matched loosely: "student id", "SIS User ID" or "ID number"; "name" or
"Student"; "file" or "submission"; and, if the LMS needs them, "SIS Login ID" and "Section"). A
Canvas gradebook export with a "file" column added is a roster.

The LMS CSV has the columns of a Canvas gradebook export, which Moodle's CSV import also reads
(mapping "SIS User ID" to the users' ID number, or "SIS Login ID" to their username or email):

    Student, ID, SIS User ID, SIS Login ID, Section, <assignment>

one row per student of the roster, in its order; the last column is the total score, blank for a
student who submitted nothing (an LMS leaves a blank cell ungraded; it does not mean 0).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths

LMS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
ALIASES = {  # roster field → accepted column names, compared without case, spaces, '_' or '-'
    "student_id": ["studentid", "sisuserid", "idnumber", "student number", "matriculation"],
    "name": ["name", "student", "studentname", "fullname"],
    "file": ["file", "filename", "submission", "submitted"],
    "login": ["sisloginid", "login", "loginid", "username", "email", "emailaddress"],
    "section": ["section"],
    "lms_id": ["id", "canvasid"],
}
DECORATION = re.compile(r"(\s*\(\d+\)|[-_ ]?copy\d*|[-_ ]checkpoint)$")
SUFFIXES = (".ipynb", ".md", ".txt", ".json", ".html")


@dataclass(frozen=True)
class Student:
    student_id: str
    name: str
    file: str = ""
    login: str = ""
    section: str = ""
    lms_id: str = ""


@dataclass
class Match:
    """A student of the roster and their graded file; either may be missing."""

    student: Student | None
    result: object | None  # edition.grading.Result
    note: str = ""


def simple(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header.strip().lower())


def read_roster(path: Path) -> list[Student]:
    """The students of a roster CSV, in its order (UTF-8, with or without a byte-order mark)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise ValueError("no students (the first line must name the columns: student id, name, file)")
    headers = {simple(h): h for h in rows[0] if h}
    columns = {}
    for key, names in ALIASES.items():
        found = [headers[simple(n)] for n in names if simple(n) in headers]
        if found:
            columns[key] = found[0]
    missing = [k for k in ("student_id", "name") if k not in columns]
    if missing:
        raise ValueError(
            f"no column for {' or '.join(m.replace('_', ' ') for m in missing)} "
            f"(found: {', '.join(h for h in rows[0] if h)})"
        )
    students = [Student(**{k: (row.get(c) or "").strip() for k, c in columns.items()}) for row in rows]
    students = [s for s in students if s.student_id or s.name]
    ids = [s.student_id for s in students if s.student_id]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise ValueError(f"student id(s) on more than one row: {', '.join(doubles)}")
    return students


def key(name: str) -> str:
    """A file name without its suffixes and the marks a browser or a copy adds: 'Work (1).ipynb' → 'work'."""
    stem = name.strip().lower()
    while stem.endswith(SUFFIXES):
        stem = stem.rsplit(".", 1)[0]
    previous = None
    while previous != stem:
        previous, stem = stem, DECORATION.sub("", stem)
    return re.sub(r"[^0-9a-z]+", "", stem)


def match(students: list[Student], results: list) -> list[Match]:
    """Each student with their file: by its exact name, then by the name without suffix and copy marks,
    then by a file whose name contains the student's id. Files no student claims come last."""
    unclaimed = {r.submission: r for r in results}
    found: dict[int, Match] = {}
    for i, s in enumerate(students):
        if s.file and s.file in unclaimed:
            found[i] = Match(s, unclaimed.pop(s.file))
    for i, s in enumerate(students):
        if i in found or not s.file:
            continue
        same = [n for n in unclaimed if key(n) == key(s.file)]
        if len(same) == 1:
            found[i] = Match(s, unclaimed.pop(same[0]), f"submitted as {same[0]!r}; the roster says {s.file!r}")
    for i, s in enumerate(students):
        if i in found or not s.student_id:
            continue
        token = re.compile(rf"(?<![0-9a-z]){re.escape(s.student_id.lower())}(?![0-9a-z])")
        named = [n for n in unclaimed if token.search(n.lower())]
        if len(named) == 1:
            expected = f"; the roster says {s.file!r}" if s.file else ""
            found[i] = Match(
                s, unclaimed.pop(named[0]), f"submitted as {named[0]!r} (found by the student id){expected}"
            )
    matches = []
    for i, s in enumerate(students):
        expected = f" (expected {s.file!r})" if s.file else ""
        matches.append(found.get(i) or Match(s, None, f"no submission{expected}"))
    matches += [Match(None, r, "not on the roster") for r in unclaimed.values()]
    return matches


def teacher_table(results: list, matches: list[Match], points: dict[str, float]) -> pd.DataFrame:
    """The per-question table with the roster's id and name: a row per student, then files on no roster row."""
    rows = []
    for m in matches:
        s = m.student or Student("", "")
        if m.result is None:
            row = {
                "submission": "",
                **dict.fromkeys(points, None),
                "total": None,
                "possible": sum(points.values()),
                "error": m.note,
            }
        else:
            row = m.result.row()
            row["error"] = "; ".join(p for p in (m.note, row["error"]) if p)
        rows.append({"student id": s.student_id, "name": s.name, **row})
    return pd.DataFrame(rows, columns=["student id", "name", "submission", *points, "total", "possible", "error"])


def number(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def lms_table(matches: list[Match], column: str) -> pd.DataFrame:
    """The CSV for Canvas or Moodle: a row per roster student, the total in `column`, blank when nothing came."""
    rows = [
        {
            "Student": m.student.name,
            "ID": m.student.lms_id,
            "SIS User ID": m.student.student_id,
            "SIS Login ID": m.student.login,
            "Section": m.student.section,
            column: number(m.result.total) if m.result is not None else "",
        }
        for m in matches
        if m.student is not None
    ]
    return pd.DataFrame(rows, columns=[*LMS_COLUMNS, column], dtype=str)


def lms_column(assignment: str) -> str:
    """The LMS CSV's default name for the score column: 'Assignment: delegations' (--lms-column changes it)."""
    return f"Assignment: {assignment}"


def assignment_title(assignment: str) -> str:
    """The assignment's heading, for the feedback ('Assignment: delegations — who went, and from where')."""
    for line in (paths.ASSIGNMENTS / f"{assignment}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return assignment


# -- feedback --------------------------------------------------------------------------------


def detail(message: str) -> str:
    """What a failed doctest showed: its Expected/Got or the exception, without the 'Trying' trace."""
    if "Failed example:" not in message:
        return ""
    last = message.rsplit("Failed example:", 1)[1]
    lines = [ln for ln in last.splitlines() if ln.strip() and not ln.startswith("*****")]
    text = "\n".join(lines).strip()
    return text if len(text) <= 1500 else text[:1500] + "\n…"


def plural(x: float, word: str = "point") -> str:
    return f"{number(x)} {word}" + ("" if x == 1 else "s")


def feedback_markdown(
    assignment: str, result, points: dict[str, float], student: Student | None = None, note: str = ""
) -> str:
    """A student's feedback: the score, what happened, each check passed or failed and why."""
    who = "" if student is None else f"{student.name} ({student.student_id})" if student.student_id else student.name
    title = f"# Feedback: {assignment_title(assignment)}" + (f" — {who}" if who else "")
    lines = [title, ""]
    if result is None:
        return "\n".join([*lines, f"No submission was graded: {note or 'no submission'}.", ""])
    lines += [
        f"- Submission: `{result.submission}`",
        f"- Score: **{number(result.total)} of {plural(result.possible)}**",
        "",
    ]
    happened = [p for p in (note, *result.happened()) if p]
    if happened:
        lines += ["## What happened when your notebook was run", "", *[f"- {p}" for p in happened], ""]
    lines += ["## Checks", "", "| question | points | result |", "| --- | --- | --- |"]
    for q, possible in points.items():
        r = result.questions.get(q)
        state = (
            "not reached"
            if r is None
            else (
                "passed" if r.get("score") == possible else ("partly passed" if (r.get("score") or 0) > 0 else "failed")
            )
        )
        lines.append(f"| {q} | {number(result.score(q))} of {number(possible)} | {state} |")
    lines.append("")
    for q, possible in points.items():
        r = result.questions.get(q)
        lines += [f"### {q} ({plural(possible)})", ""]
        if r is None:
            lines += ["Not reached: the notebook stopped before this question was checked (see above).", ""]
            continue
        if r.get("error"):
            lines += [f"- {r['error']}"]
        for case in r.get("cases") or []:
            if case.get("passed"):
                lines.append(f"- passed: {case.get('name')}")
                continue
            lines.append(f"- **failed**: {case.get('name')}: {case.get('failure_message') or 'the check failed.'}")
            shown = detail(case.get("message") or "")
            if shown:
                lines += ["", "  ```text", *[f"  {ln}" for ln in shown.splitlines()], "  ```", ""]
        lines.append("")
    if result.cell_errors:
        lines += ["## Cells that raised an error", ""]
        lines += [f"- code cell {e['cell']}: `{e['text'][:200]}`" for e in result.cell_errors[:20]]
        lines.append("")
    return "\n".join(lines)


def safe_name(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "-", text).strip("-.") or "submission"


def write_feedback(
    folder: Path, assignment: str, results: list, matches: list[Match], points: dict[str, float]
) -> list[Path]:
    """A Markdown file per student (named by student id) or, without a roster, per submission."""
    folder.mkdir(parents=True, exist_ok=True)
    items = matches or [Match(None, r) for r in results]
    written, used = [], set()
    for m in items:
        base = (
            safe_name(m.student.student_id or m.student.name)
            if m.student
            else safe_name(Path(m.result.submission).stem)
            if m.result
            else "submission"
        )
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        path = folder / f"{name}.md"
        path.write_text(feedback_markdown(assignment, m.result, points, m.student, m.note), encoding="utf-8")
        written.append(path)
    return written
