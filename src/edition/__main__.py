"""Command line: python -m edition establish | check-text | check | grade | solution."""
import argparse
import sys
from pathlib import Path

import jupytext

from . import assignments, paths
from .assignments import NAMES
from .export import to_tei, to_text
from .text import DecisionError, establish_from_files


def outputs() -> dict:
    rt = establish_from_files()
    return {paths.READING_TEXT: to_text(rt), paths.READING_TEI: to_tei(rt)}


def stale_outputs() -> list[str]:
    """Names of committed reading-text files that differ from a fresh derivation."""
    return [p.name for p, text in outputs().items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def grade_command(folder: Path, assignment: str, csv: Path) -> int:
    from .grading import grade_folder

    table = grade_folder(folder, assignment)
    print(table.to_string(index=False))
    table.to_csv(csv, index=False)
    print(f"wrote {csv}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("establish", help="write the reading text")
    commands.add_parser("check-text", help="compare the reading text with witness + decisions")
    commands.add_parser("check", help="check-text, then validate every dataset in data/")
    grade = commands.add_parser("grade", help="grade every .ipynb and .md submission in a folder with otter")
    grade.add_argument("folder", type=Path)
    grade.add_argument("--assignment", required=True, choices=NAMES)
    grade.add_argument("--csv", type=Path, help="where to write the table (default: FOLDER/grades-ASSIGNMENT.csv)")
    solution = commands.add_parser("solution", help="write an assignment's solution notebook (starter + answers)")
    solution.add_argument("assignment", choices=NAMES)
    solution.add_argument("-o", "--output", type=Path, required=True, help="a .ipynb or .md path")
    args = parser.parse_args(argv)
    if args.command == "grade":
        return grade_command(args.folder, args.assignment, args.csv or args.folder / f"grades-{args.assignment}.csv")
    if args.command == "solution":
        jupytext.write(assignments.solution(args.assignment), args.output)
        print(f"wrote {args.output}")
        return 0
    try:
        if args.command == "establish":
            for path, text in outputs().items():
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(paths.ROOT)}")
            return 0
        stale = stale_outputs()
    except DecisionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if stale:
        print(f"error: {', '.join(stale)} differ from witness + decisions; run python -m edition establish", file=sys.stderr)
        return 1
    print("reading text: witness + decisions reproduce the committed files")
    if args.command == "check":
        from .data import check

        problems = check()
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        if problems:
            return 1
        print("data: every file valid against data/datapackage.json, every anchor and quote found in the text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
