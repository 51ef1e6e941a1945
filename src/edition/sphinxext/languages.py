"""The language of the words the edition writes in Cyrillic (Russian) or Hangul (Korean), for every output.

A screen reader reads "Юрий Михайлович Тен" with English rules unless the words say they are
Russian. Every run of Cyrillic or Hangul in a page's text (a register entry, an editors' note,
a work cited) becomes an inline element of class language-ru or language-ko, which docutils
writes as lang="ru" or lang="ko" in HTML and the EPUB (and LaTeX ignores). The author's text is
English throughout (tests/test_marks.py checks that it has no such run); literal text (code) is left alone.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

# A run of words in one script, with the spaces and punctuation between them ("Восточный экспресс: По России").
SCRIPTS = {
    "ru": "\u0400-\u04ff",
    "ko": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
}
RUNS = re.compile("|".join(f'(?P<{lang}>[{chars}]+(?:[\\s.,:;«»"-]+[{chars}]+)*)' for lang, chars in SCRIPTS.items()))


def split_languages(text: str) -> list[nodes.Node]:
    """text as Text nodes and inline nodes of class language-xx, one per run of another script."""
    out: list[nodes.Node] = []
    at = 0
    for m in RUNS.finditer(text):
        if m.start() > at:
            out.append(nodes.Text(text[at : m.start()]))
        out.append(nodes.inline(m.group(), m.group(), classes=[f"language-{m.lastgroup}"]))
        at = m.end()
    if at < len(text):
        out.append(nodes.Text(text[at:]))
    return out


def mark_languages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)):
            continue
        if RUNS.search(str(text)):
            parent.replace(text, split_languages(str(text)))


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", mark_languages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
