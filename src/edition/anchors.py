"""The anchor language of the data and the apparatus: ``p-14`` (paragraph 14), ``note-4`` (note 4).

A field may hold several anchors separated by ``;`` (``p-14;note-4``). This module is
the one place that parses, labels and links them; everything else takes Anchor objects.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

ANCHOR_RE = re.compile(r"(p|note)-([1-9]\d*)")
LABELS = {"p": "¶ {}", "note": "note {}"}
ARTICLE_DIR = "book/article"  # the article's chapters, as Sphinx docnames (book/article/<chapter>)


@dataclass(frozen=True, order=True)
class Anchor:
    """A paragraph (kind "p") or one of the author's notes (kind "note") of the reading text."""

    kind: str
    n: int

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """The anchor written as text; ValueError naming the text if it is not one."""
        m = ANCHOR_RE.fullmatch(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not an anchor (p-N or note-N)")
        return cls(m.group(1), int(m.group(2)))

    def __str__(self) -> str:
        return f"{self.kind}-{self.n}"

    @property
    def label(self) -> str:
        """What a reader sees: "¶ 14" or "note 4"."""
        return LABELS[self.kind].format(self.n)

    def href(self, chapter: str, from_docname: str) -> str:
        """A relative link to this anchor in the article chapter, from the page from_docname.

        Both are Sphinx docnames, so the link is right from any page: explorers in
        notebooks/, chapters in book/article/, the offline copy opened from disk.
        """
        if from_docname == f"{ARTICLE_DIR}/{chapter}":
            return f"#{self}"  # on its own page: the form every other link to it there has
        target = f"{ARTICLE_DIR}/{chapter}.html"
        here = posixpath.dirname(from_docname) or "."
        return f"{posixpath.relpath(target, here)}#{self}"


def parse_anchors(field: str) -> list[Anchor]:
    """Every anchor of a field such as "p-14;note-4"; ValueError naming the first that is not one."""
    return [Anchor.parse(part) for part in field.split(";") if part.strip()]
