"""Align the reading text with the text pdftotext reads from the PDF.

The PDF interleaves the author's words with things that are not the author's:
paragraph numbers in the margin (¶ 14), milestones ([p. 356]), and at every page
break the page's footnotes, footer and next running head. The aligner walks the
author's words in order and allows exactly these interruptions: editorial marks
anywhere, anything else only across a page break. Words split by the PDF's own
line-end hyphenation, or broken after a real hyphen or an en dash (Russian–North), are
matched as one word (pdftotext may also join a word broken at a real hyphen and drop that
hyphen); nothing else is forgiven.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

PAGE = "\f"
PN_RE = re.compile(r"^¶\s*(\d+)$", re.M)  # a margin number stands alone on its line
PB_RE = re.compile(r"\[p\.\s*(\d+)\]")
# The editorial marks, glued to a word: [a] (editors' note), ° (index entry), ↗ (work cited);
# with pdftotext's space (or line end) before punctuation or a dash.
EDITORS_NOTE_RE = re.compile(r"\s?(?:\[[a-z]\]|[°↗])(?:\s(?=[,.;:)”’—]))?")
SHORT_TITLE = "Russian–North Korean Relations"  # the running head's left part (_config.yml, latex preamble)
LOOKAHEAD = 600  # tokens a page break may put between two words (footnotes, footer, header)


@dataclass
class Token:
    text: str
    page: int
    line_end: bool = False  # last token of its line in the PDF


def without_furniture(page: str, marks: set[str]) -> list[str]:
    """The page's lines without its running head and its footer.

    The running head (the PDF's fancyhdr style, set in _config.yml's latex preamble) is the
    article's short title and the section's title (one of marks), which may wrap onto two lines;
    pdftotext reads them in either order. The footer is the page number. A chapter's first page
    has no head. A margin paragraph number may follow the footer in pdftotext's reading order.
    """
    lines = [line for line in page.split("\n") if line.strip()]
    head = next((k for k in range(min(4, len(lines))) if lines[k].strip() == SHORT_TITLE), None)
    if head is not None:
        end = head + 1
        while end < min(head + 3, len(lines)) and any(lines[end].strip() in mark for mark in marks):
            end += 1
        del lines[:end]
    tail = [k for k in range(max(0, len(lines) - 3), len(lines)) if lines[k].strip().isdigit()]
    if tail:
        del lines[tail[-1]]
    return lines


def tokens(pages: list[str], marks: set[str]) -> list[Token]:
    """The words of the PDF, page furniture removed, editorial marks made single tokens."""
    out: list[Token] = []
    for number, page in enumerate(pages):
        page = unicodedata.normalize("NFKC", page)
        page = PN_RE.sub(lambda m: f" ¶{m.group(1)} ", page)
        page = PB_RE.sub(lambda m: f" [p{m.group(1)}] ", page)
        page = EDITORS_NOTE_RE.sub("", page)
        for line in without_furniture(page, marks):
            words = line.split()
            out.extend(Token(w, number, k == len(words) - 1) for k, w in enumerate(words))
        out.append(Token(PAGE, number))
    return out


def is_editorial(t: Token) -> bool:
    return t.text.startswith("¶") or t.text.startswith("[p")


def hyphen_dropped(word: str) -> set[str]:
    """word without one of its hyphens: pdftotext joins a word broken at a real hyphen."""
    return {word[:k] + word[k + 1 :] for k, c in enumerate(word) if c == "-"}


class Misaligned(AssertionError):
    pass


class Aligner:
    def __init__(self, toks: list[Token]):
        self.toks = toks

    def find(self, words: list[str], start: int) -> int:
        """Position of the first of words (up to 5, in a row) at or after start."""
        probe = words[:5]
        for i in range(start, len(self.toks)):
            if self.continues(probe, i):
                return i
        raise Misaligned(f"{' '.join(probe)!r} not found in the PDF after token {start}")

    def match_at(self, word: str, i: int) -> int | None:
        """End position if word is at i (whole, or split by a line-end hyphen)."""
        t = self.toks[i]
        if t.text == word or t.text in hyphen_dropped(word):
            return i + 1
        if t.line_end and t.text.endswith(("-", "–")) and len(t.text) > 1:  # TeX breaks after a dash too
            j = self.skip_editorial(i + 1)
            # A word broken at a page's last line goes on in one of the next two pages (a page of floats
            # may come between), after their furniture.
            ahead = [j]
            if j < len(self.toks) and self.toks[j].text == PAGE:
                breaks = itertools.accumulate(self.toks[p].text == PAGE for p in range(j + 1, len(self.toks)))
                ahead = [j + 1 + n for n, seen in enumerate(itertools.takewhile(lambda b: b < 2, breaks))]
            for p in ahead if j < len(self.toks) else []:
                nxt = self.toks[p].text
                if t.text[:-1] + nxt == word or t.text + nxt == word:
                    return p + 1
        return None

    def skip_editorial(self, i: int) -> int:
        while i < len(self.toks) and is_editorial(self.toks[i]):
            i += 1
        return i

    def align(self, words: list[str], start: int, what: str) -> list[int]:
        """Positions of words, in order, from start; raises Misaligned naming the word."""
        positions, i = [], start
        for k, word in enumerate(words):
            i = self.skip_editorial(i)
            end = self.match_at(word, i) if i < len(self.toks) else None
            if end is None:
                end, i = self.across_page_break(words, k, i, what)
            positions.append(i)
            i = end
        return positions

    def across_page_break(self, words: list[str], k: int, i: int, what: str) -> tuple[int, int]:
        window = self.toks[i : i + LOOKAHEAD]
        found = self.toks[i].text if i < len(self.toks) else "end of text"
        if not any(t.text == PAGE for t in window):
            raise Misaligned(f"{what}: word {k + 1}: expected {words[k]!r}, found {found!r}")
        j = i + next(n for n, t in enumerate(window) if t.text == PAGE)
        confirm = words[k : k + 3]
        head = self.toks[i].text if i < len(self.toks) else ""
        # A word broken at a line-end hyphen where the page (here a footnote running on) breaks too.
        rest = {words[k][len(head) - cut :] for cut in (0, 1) if len(head) > 1 and head.endswith("-")}
        rest = {r for r in rest if words[k] in (head + r, head[:-1] + r)}
        for p in range(j, min(j + LOOKAHEAD, len(self.toks))):
            end, start = self.match_at(words[k], p), p
            if end is None and self.toks[p].text in rest:
                end, start = p + 1, i  # the word begins before the break
            if end is not None and self.continues(confirm[1:], end):
                return end, start
        raise Misaligned(f"{what}: word {k + 1}: expected {words[k]!r} after the page break, found {found!r}")

    def continues(self, words: list[str], i: int) -> bool:
        for word in words:
            i = self.skip_editorial(i)
            end = self.match_at(word, i) if i < len(self.toks) else None
            if end is None:
                return False
            i = end
        return True
