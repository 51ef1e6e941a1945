"""Get the author's text back out of the built book, by the documented rule.

The rule (book/about.md, "The editorial layer"): in an article chapter, take the
article body, remove every element of class "ed" and Sphinx's link furniture
(headerlink anchors, the brackets around footnote numbers); what remains is the
author's text. The same rule, as blocks, is produced from the reading text by
expected_blocks(), so the two can be compared block by block.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from .text import Milestone, ReadingText, render

FURNITURE = ".ed, .headerlink, .fn-bracket, hr"
AuthorBlock = tuple[str, str]  # (kind, text): heading, byline, paragraph or note


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_blocks(html: str) -> list[AuthorBlock]:
    """The author's blocks of one built article chapter, in page order."""
    article = BeautifulSoup(html, "lxml").select_one("article.bd-article")
    for el in article.select(FURNITURE):
        el.decompose()
    for ref in article.select("a.footnote-reference"):
        ref.replace_with(f"[^{normalise(ref.get_text())}]")
    blocks: list[AuthorBlock] = []
    for el in article.find_all(["h1", "h2", "h3", "h4", "p", "aside"]):
        if el.name == "aside" and "footnote" in el.get("class", []) and "footnote-list" not in el.get("class", []):
            label = normalise(el.select_one(".label").get_text())
            body = normalise(" ".join(p.get_text() for p in el.find_all("p")))
            blocks.append(("note", f"[^{label}] {body}"))
        elif el.name.startswith("h"):
            blocks.append(("heading", normalise(el.get_text())))
        elif el.name == "p" and not el.find_parent("aside"):
            text = normalise(el.get_text())
            if text:
                blocks.append(("byline" if "byline" in el.get("class", []) else "paragraph", text))
    return blocks


def expected_blocks(rt: ReadingText, chapter: str) -> list[AuthorBlock]:
    """What the rule must give for one chapter: its blocks, then its notes."""
    blocks: list[AuthorBlock] = []
    for b in rt.blocks:
        if b.chapter != chapter or b.kind == "milestone":
            continue
        kind = "heading" if b.kind == "title" else b.kind
        blocks.append((kind, normalise(render(b.parts, page=None))))
    for note in rt.notes:
        if note.chapter == chapter:
            blocks.append(("note", normalise(f"[^{note.n}] {render(note.parts, page=None)}")))
    return blocks


def differences(expected: list[AuthorBlock], found: list[AuthorBlock]) -> list[str]:
    """Human-readable differences, word by word, between two block lists."""
    problems = []
    for i in range(max(len(expected), len(found))):
        e = expected[i] if i < len(expected) else ("missing", "")
        f = found[i] if i < len(found) else ("missing", "")
        if e == f:
            continue
        ew, fw = e[1].split(), f[1].split()
        k = next((j for j in range(min(len(ew), len(fw))) if ew[j] != fw[j]), min(len(ew), len(fw)))
        problems.append(
            f"block {i + 1} ({e[0]} / {f[0]}): word {k + 1}: expected {' '.join(ew[k : k + 4])!r}, "
            f"found {' '.join(fw[k : k + 4])!r}"
        )
    return problems


def chapter_html(html_dir: Path, chapter: str) -> str:
    return (html_dir / "book" / "article" / f"{chapter}.html").read_text(encoding="utf-8")


def milestone_next_words(rt: ReadingText) -> dict[int, str]:
    """For every print page, the first word of the author's text after its milestone."""
    out, waiting = {}, []
    for block in rt.blocks:
        if block.kind == "milestone":
            waiting.append(block.n)
            continue
        for part in block.parts:
            if isinstance(part, Milestone):
                waiting.append(part.page)
            elif isinstance(part, str) and part.strip():
                for page in waiting:
                    out[page] = part.split()[0]
                waiting = []
    return out
