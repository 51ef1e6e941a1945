"""The author's text in the chapters (book/article/*.md), written from the established text.

The reading text has one source: the witness plus data/text-decisions.yaml. In a
chapter, every block of the author's (title, byline, heading, paragraph, page
milestone, note) stands inside a fence that `python -m edition establish` writes:

    % BEGIN author's text p-9..p-13 (from data/text-decisions.yaml by ...)
    ...
    % END author's text

A fence names its first and last block, or its one block (p-9, note-4, title,
byline, page-351, heading:<slug>); `establish` rewrites everything between its markers. Between the
fences stand the editors' cells, figures and exercises. The build and the tests call
problems(): a fenced block that differs from what `establish` would write, a block of
the author's outside every fence, or an author's paragraph or note written outside a
fence stops them, naming the chapter, the block and the first differing word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .text import Block, Note, ReadingText, render

BEGIN = "% BEGIN author's text "
END = "% END author's text"
BEGIN_NOTE = "(from data/text-decisions.yaml by `python -m edition establish`: change a decision, not these lines)"
_FENCE_RE = re.compile(re.escape(BEGIN) + r"([^\s.]+(?:-\d+)?)(?:\.\.(\S+))?(?: .*)?$")
_MYST_SPECIAL = re.compile(r"([\\`*_\[\]<>{}$|~])")
_AUTHOR_SYNTAX = re.compile(r"\{pn\}`|\{pb\}`|^\[\^\d+\]:|^\{\.byline\}")


class ChapterError(ValueError):
    """A chapter's fences are broken or its author's text differs; the message names chapter and block."""


@dataclass(frozen=True)
class Fence:
    first: str
    last: str
    begin: int  # 0-based line index of the BEGIN marker
    end: int  # 0-based line index of the END marker


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def block_id(block: Block | Note) -> str:
    if isinstance(block, Note):
        return f"note-{block.n}"
    return {"paragraph": f"p-{block.n}", "milestone": f"page-{block.n}", "heading": f"heading:{slug(block.plain)}"}.get(
        block.kind, block.kind
    )


def escape(words: str) -> str:
    return _MYST_SPECIAL.sub(r"\\\1", words)


def inline(parts) -> str:
    return render(
        parts,
        note=lambda n: f"[^{n}]",
        page=lambda p: f"{{pb}}`{p}`",
        emendation=lambda e: escape(e.corr),
        words=escape,
    )


def myst(block: Block | Note, opens_chapter: bool, has_title: bool) -> str:
    """One block of the author's as MyST Markdown, with the editorial markup it carries."""
    if isinstance(block, Note):
        return f"[^{block.n}]: {inline(block.parts)}"
    label = f"(article-{block.chapter})=\n" if opens_chapter else ""
    if block.kind == "title":
        return f"{label}# {inline(block.parts)}"
    if block.kind == "heading":
        return f"{label}{'#' * (block.rank + has_title)} {inline(block.parts)}"
    if block.kind == "milestone":
        return f"{{.ed}}\n{{pb}}`{block.n}`"
    if block.kind == "byline":
        return f"{{.byline}}\n{inline(block.parts)}"
    return f"{{pn}}`{block.n}` {inline(block.parts)}"


def chapter_blocks(rt: ReadingText, chapter: str) -> list[tuple[str, str]]:
    """(id, MyST) of every block of the author's in one chapter, in reading order, notes last."""
    blocks = [b for b in rt.blocks if b.chapter == chapter]
    has_title = any(b.kind == "title" for b in blocks)
    out = [(block_id(b), myst(b, k == 0, has_title)) for k, b in enumerate(blocks)]
    return out + [(block_id(n), myst(n, False, has_title)) for n in rt.notes if n.chapter == chapter]


def chapter_path(chapter: str, root: Path = paths.ROOT) -> Path:
    return root / "book" / "article" / f"{chapter}.md"


def fences(lines: list[str], where: str) -> list[Fence]:
    found, open_at = [], None
    for i, line in enumerate(lines):
        if line.startswith(BEGIN):
            m = _FENCE_RE.match(line)
            if open_at is not None or not m:
                raise ChapterError(f"{where}: line {i + 1}: a BEGIN marker inside a fence, or one naming no block")
            open_at, first, last = i, m.group(1), m.group(2) or m.group(1)
        elif line.startswith(END):
            if open_at is None:
                raise ChapterError(f"{where}: line {i + 1}: an END marker without its BEGIN")
            found.append(Fence(first, last, open_at, i))
            open_at = None
        elif open_at is None and _AUTHOR_SYNTAX.search(line):
            raise ChapterError(
                f"{where}: line {i + 1}: the author's text (a {{pn}} paragraph, a {{pb}} milestone, "
                "a note or the byline) stands outside every fence; only `python -m edition establish` "
                "writes it"
            )
    if open_at is not None:
        raise ChapterError(f"{where}: line {open_at + 1}: a fence that is never closed")
    return found


def assign(blocks: list[tuple[str, str]], fence_list: list[Fence], where: str) -> list[list[tuple[str, str]]]:
    """The blocks each fence holds: from its first to its last, in order, every block in exactly one fence."""
    ids = [i for i, _ in blocks]
    held, pos = [], 0
    for f in fence_list:
        for name in (f.first, f.last):
            if name not in ids:
                raise ChapterError(f"{where}: line {f.begin + 1}: {name!r} is no block of this chapter's author's text")
        start, stop = ids.index(f.first), ids.index(f.last)
        if start != pos:
            missing = ids[pos] if start > pos else f.first
            raise ChapterError(
                f"{where}: line {f.begin + 1}: the fences must hold every block of the author's once, "
                f"in order: {missing} is missing or twice"
            )
        if stop < start:
            raise ChapterError(f"{where}: line {f.begin + 1}: {f.first}..{f.last} runs backwards")
        held.append(blocks[start : stop + 1])
        pos = stop + 1
    if pos != len(ids):
        raise ChapterError(f"{where}: {ids[pos]} and what follows stand in no fence")
    return held


def fence_text(blocks: list[tuple[str, str]]) -> list[str]:
    return "\n\n".join(text for _, text in blocks).split("\n")


def first_difference(block_id_: str, expected: str, found: str) -> str:
    ew, fw = expected.split(), found.split()
    k = next((j for j in range(min(len(ew), len(fw))) if ew[j] != fw[j]), min(len(ew), len(fw)))
    e = " ".join(ew[k : k + 3]) or "(end)"
    f = " ".join(fw[k : k + 3]) or "(end)"
    return f"{block_id_}: word {k + 1}: the established text reads {e!r}, the chapter {f!r}"


def chapter_problems(rt: ReadingText, chapter: str, root: Path = paths.ROOT) -> list[str]:
    """What differs between a chapter's fences and the established text, one message per block."""
    path = chapter_path(chapter, root)
    where = path.relative_to(root).as_posix()
    lines = path.read_text(encoding="utf-8").split("\n")
    try:
        fence_list = fences(lines, where)
        held = assign(chapter_blocks(rt, chapter), fence_list, where)
    except ChapterError as err:
        return [str(err)]
    found = []
    for fence, blocks in zip(fence_list, held, strict=True):
        body = "\n".join(lines[fence.begin + 1 : fence.end]).strip("\n")
        if body.split("\n") == fence_text(blocks):
            continue
        written = [b for b in re.split(r"\n\s*\n", body) if b.strip()]
        for k, (name, text) in enumerate(blocks):
            there = written[k] if k < len(written) else ""
            if there != text:
                found.append(f"{where}: {first_difference(name, text, there)}")
                break
        else:
            found.append(
                f"{where}: line {fence.begin + 1}: the fence {fence.first}..{fence.last} holds more than "
                "the author's blocks"
            )
    return found


def problems(rt: ReadingText, root: Path = paths.ROOT) -> list[str]:
    return [p for chapter in rt.chapters for p in chapter_problems(rt, chapter, root)]


def write(rt: ReadingText, root: Path = paths.ROOT) -> list[Path]:
    """Rewrite every fence of every chapter from the established text; the chapters that changed."""
    changed = []
    for chapter in rt.chapters:
        path = chapter_path(chapter, root)
        where = path.relative_to(root).as_posix()
        lines = path.read_text(encoding="utf-8").split("\n")
        fence_list = fences(lines, where)
        held = assign(chapter_blocks(rt, chapter), fence_list, where)
        out, pos = [], 0
        for fence, blocks in zip(fence_list, held, strict=True):
            out += lines[pos : fence.begin]
            span = fence.first if fence.first == fence.last else f"{fence.first}..{fence.last}"
            out += [f"{BEGIN}{span} {BEGIN_NOTE}", *fence_text(blocks), END]
            pos = fence.end + 1
        out += lines[pos:]
        if out != lines:
            path.write_text("\n".join(out), encoding="utf-8")
            changed.append(path)
    return changed
