"""The edition's one command line: python -m edition COMMAND (python -m edition --help lists them).

establish   write the reading text (data/reading-text.txt, .tei.xml) and the chapters' author's text
check       witness + decisions reproduce both, then every dataset is valid
build       build the book: html, pdf, epub or all, for the student or the instructor audience
grade       grade a folder of submissions with otter
solution    write an assignment's solution notebook
execute     run the text notebooks in a fresh kernel
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from . import paths
from .build import AUDIENCES, build_book

# build's targets -> build_book's builders, in the order they run; "all" makes the PDF and the EPUB first,
# so that the HTML build, last, finds them and places them (and the offline zip) beside the site.
TARGETS = {"html": ("html",), "pdf": ("pdflatex",), "epub": ("epub",), "all": ("pdflatex", "epub", "html")}
# Where each builder's main output lands under OUT/_build.
RESULTS = {"html": "html/index.html", "pdflatex": "latex/book.pdf", "epub": "epub/*.epub"}
PDF_TOOLS = ("xelatex", "latexmk")


def default_out(audience: str) -> Path:
    """The student build goes to _build/ (what the site publishes), the instructor's to _build/instructor/_build/."""
    return paths.ROOT if audience == "student" else paths.ROOT / "_build" / "instructor"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m edition", description="The edition's commands.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "establish", help="write the reading text and the chapters' author's text from witness + decisions"
    )
    check = commands.add_parser(
        "check", help="compare the reading text with witness + decisions, then validate every dataset in data/"
    )
    check.add_argument("--text-only", action="store_true", help="the reading text only, not the datasets")
    build = commands.add_parser(
        "build",
        help="build the book (warnings are errors, nitpicky, keep-going)",
        description="Build the book with Jupyter Book. Warnings are errors, every reference is checked "
        "(nitpicky), and the build reports all its warnings before it fails (keep-going).",
    )
    build.add_argument(
        "target",
        nargs="?",
        default="html",
        choices=list(TARGETS),
        help="html (default), pdf (needs TeX Live), epub, or all: pdf, epub, then html, "
        "whose site links the PDF and the EPUB",
    )
    build.add_argument(
        "--audience",
        default="student",
        choices=AUDIENCES,
        help="student (default): no solutions anywhere; instructor: solutions under each exercise",
    )
    build.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="the output goes to DIR/_build/ (default: the repository for the student build, "
        "_build/instructor for the instructor build)",
    )
    grade = commands.add_parser("grade", help="grade every .ipynb and .md submission in a folder with otter")
    grade.add_argument("folder", type=Path)
    grade.add_argument("--assignment", required=True, choices=paths.ASSIGNMENT_NAMES)
    grade.add_argument("--csv", type=Path, help="where to write the table (default: FOLDER/grades-ASSIGNMENT.csv)")
    solution = commands.add_parser("solution", help="write an assignment's solution notebook (starter + answers)")
    solution.add_argument("assignment", choices=paths.ASSIGNMENT_NAMES)
    solution.add_argument("-o", "--output", type=Path, required=True, help="a .ipynb or .md path")
    execute = commands.add_parser("execute", help="run text notebooks in a fresh kernel")
    execute.add_argument(
        "path",
        nargs="*",
        type=Path,
        help="MyST notebooks (default: every page with a kernel under book/ and notebooks/)",
    )
    return top


def build_command(target: str, audience: str, out: Path | None) -> int:
    builders = TARGETS[target]
    if "pdflatex" in builders:
        missing = [tool for tool in PDF_TOOLS if shutil.which(tool) is None]
        if missing:
            print(
                f"error: the PDF needs TeX Live ({', '.join(missing)} missing); "
                "install it with: bash .ci/system-packages.sh build",
                file=sys.stderr,
            )
            return 1
    out = (out or default_out(audience)).resolve()
    for builder in builders:
        proc = build_book(paths.ROOT, out, builder, audience, capture=False)
        if proc.returncode:
            print(f"error: the {builder} build failed (exit code {proc.returncode})", file=sys.stderr)
            return proc.returncode
    for builder in builders:
        found = sorted((out / "_build").glob(RESULTS[builder]))
        print(f"{audience} {builder}: {found[0] if found else out / '_build' / RESULTS[builder]}")
    return 0


def check_command(text_only: bool) -> int:
    from .derived import problems

    found = problems()
    for p in found:
        print(f"error: {p}", file=sys.stderr)
    if found:
        print(
            "change data/text-decisions.yaml (not the derived files), then run python -m edition establish",
            file=sys.stderr,
        )
        return 1
    print("text: witness + decisions reproduce the reading-text files and the author's text in the chapters")
    if text_only:
        return 0
    from .validate import check

    problems = check()
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if problems:
        return 1
    print("data: every file valid against data/datapackage.json, every anchor and quote found in the text")
    return 0


def establish_command() -> int:
    from .chapters import ChapterError
    from .derived import write
    from .text import DecisionError

    try:
        changed = write()
    except (DecisionError, ChapterError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"wrote {path.relative_to(paths.ROOT)}")
    print("the reading text and the chapters' author's text are as witness + decisions give them")
    return 0


def grade_command(folder: Path, assignment: str, csv: Path) -> int:
    from .grading import grade_folder

    table = grade_folder(folder, assignment)
    print(table.to_string(index=False))
    table.to_csv(csv, index=False)
    print(f"wrote {csv}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "establish":
        return establish_command()
    if args.command == "check":
        return check_command(args.text_only)
    if args.command == "build":
        return build_command(args.target, args.audience, args.out)
    if args.command == "grade":
        return grade_command(args.folder, args.assignment, args.csv or args.folder / f"grades-{args.assignment}.csv")
    if args.command == "solution":
        import jupytext

        from . import assignments

        jupytext.write(assignments.solution(args.assignment), args.output)
        print(f"wrote {args.output}")
        return 0
    if args.command == "execute":
        from .execute import execute_all

        return execute_all(args.path)
    raise AssertionError(args.command)
