"""What the editors checked here: after each paragraph number and at each author's note's end, a link
to its entry in the fact-check ledger (book/apparatus/fact-checks, label checked-p-14), HTML only.

The popover script opens the entry in place (edition.sphinxext.popovers copies it from the
ledger's page): the verdicts, findings and sources of every statement of fact the editors
checked in that paragraph or note, or that it states none. The ledger covers every paragraph
and note (edition.validate), so every number has its link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..anchors import ANCHOR_RE, ARTICLE_DIR, Anchor
from .markers import paragraph_number
from .witness import skip, witness_link

LEDGER = "book/apparatus/fact-checks"


class checked_link(nodes.Inline, nodes.TextElement):
    """A link from a paragraph number (or a note's end) to what the editors checked there."""


def visit_checked_link_html(self, node: checked_link) -> None:
    self.body.append(
        f'<a class="ed ed-checked" href="{node["refuri"]}" '
        f'aria-label="What the editors checked in {node["label"]}">checked</a>'
    )
    raise nodes.SkipNode


def add_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != "html" or not docname.startswith(f"{ARTICLE_DIR}/"):
        return
    ledger = app.builder.get_relative_uri(docname, LEDGER)
    for pn in list(doctree.findall(paragraph_number)):
        n, at = pn.astext(), pn.parent.index(pn) + 1
        if at < len(pn.parent) and isinstance(pn.parent[at], witness_link):
            at += 1
        pn.parent.insert(at, checked_link("", refuri=f"{ledger}#checked-p-{n}", label=f"paragraph {n}"))
    for note in doctree.findall(nodes.footnote):
        if note["ids"] and ANCHOR_RE.fullmatch(note["ids"][0]):
            anchor = Anchor.parse(note["ids"][0])
            paragraphs = list(note.findall(nodes.paragraph))
            paragraphs[-1] += checked_link("", refuri=f"{ledger}#checked-{anchor}", label=anchor.label)


def setup(app: Sphinx) -> dict:
    app.add_node(
        checked_link,
        html=(visit_checked_link_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.connect("doctree-resolved", add_links, priority=600)  # after the witness links (500)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
