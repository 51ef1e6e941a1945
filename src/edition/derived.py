"""Everything derived from the witness and the decisions, written by one command and checked by every build.

`python -m edition establish` writes the reading text (data/reading-text.txt, and the TEI
edition data/reading-text.tei.xml, which also carries the registers and the editors' notes
from data/: a change there makes it stale too) and the author's text in the chapters
(edition.chapters). problems() re-derives all of it and lists what differs: the build
refuses to start while one problem remains, so no HTML, PDF or EPUB carries a word of the
author's that the witness and the decisions do not give.
"""

from __future__ import annotations

from pathlib import Path

from . import chapters, paths
from .export import to_tei, to_text
from .text import DecisionError, ReadingText, establish_from_files


def reading_text_files(rt: ReadingText) -> dict[Path, str]:
    return {paths.READING_TEXT: to_text(rt), paths.READING_TEI: to_tei(rt)}


def problems(root: Path = paths.ROOT, *, files: bool = True) -> list[str]:
    """What differs from witness + decisions, each naming its file (and, in a chapter, the block and word).

    files=False leaves out the reading-text files (the TEI takes most of the time), for a caller
    that knows their inputs are those they were last found right with.
    """
    try:
        rt = establish_from_files()
    except DecisionError as err:
        return [str(err)]
    found = [
        f"{path.relative_to(paths.ROOT).as_posix()} differs from witness + decisions"
        for path, text in (reading_text_files(rt).items() if files else ())
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    return found + chapters.problems(rt, root)


def write() -> list[Path]:
    """Write every derived file; the ones whose content changed."""
    rt = establish_from_files()
    changed = []
    for path, text in reading_text_files(rt).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed + chapters.write(rt)
