"""Command line: python -m edition establish | check-text | check | downloads."""
import argparse
import sys

from . import paths
from .export import to_tei, to_text
from .text import DecisionError, establish_from_files


def outputs() -> dict:
    rt = establish_from_files()
    return {paths.READING_TEXT: to_text(rt), paths.READING_TEI: to_tei(rt)}


def stale_outputs() -> list[str]:
    """Names of committed reading-text files that differ from a fresh derivation."""
    return [p.name for p, text in outputs().items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition")
    parser.add_argument("command", choices=["establish", "check-text", "check", "downloads"],
                        help="establish: write the reading text; check-text: compare it with witness + decisions; "
                        "check: check-text, then validate every dataset in data/; "
                        "downloads: after the builds, put PDF, EPUB, data and the offline zip in _build/html/downloads/")
    args = parser.parse_args(argv)
    if args.command == "downloads":
        from .downloads import DIR, publish

        placed = publish(paths.ROOT / "_build")
        print(f"_build/html/{DIR}/: {', '.join(placed)}")
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
