"""The marks of the apparatus in the article's chapters, added without changing a word of the author's text.

- an annotation mark (°) after the first mention of every person, term and place,
  linked to its index entry (HTML only: the PDF has the indexes);
- a lettered mark ([a], [b], ...) where the article disagrees with the record,
  linked to the chapter's "Editors' notes" at its end (HTML and PDF; letters,
  so that they are never confused with the author's numbered notes);
- a mark after every author-date citation, linked to its entry in Works cited.

Every mark carries the class "ed", so the extraction rule still gives the author's text
back. A mark that cannot be placed stops the build. The marks find paragraphs by their
{pn} numbers (edition.sphinxext.markers) and notes by their stable ids
(edition.sphinxext.notes): both must be loaded.
"""

from __future__ import annotations

import functools
import string

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform

from .. import apparatus
from ..anchors import ARTICLE_DIR, Anchor, parse_anchors
from ..text import establish_from_files
from .common import ref, require, source_nodes
from .markers import paragraph_number

WORKS_CITED = "book/apparatus/works-cited"


class editorial_mark(nodes.Inline, nodes.TextElement):
    """A superscript editorial mark inside the author's text; kind is ann, fn or cite."""


def visit_mark_html(self, node: editorial_mark) -> None:
    self.body.append(f'<sup class="ed ed-{node["kind"]}">')


def depart_mark_html(self, node: editorial_mark) -> None:
    self.body.append("</sup>")


def visit_mark_latex(self, node: editorial_mark) -> None:
    if node["kind"] != "fn":
        raise nodes.SkipNode  # the PDF has the indexes and works cited; only editors' notes are marked
    self.body.append(r"\textsuperscript{")


def depart_mark_latex(self, node: editorial_mark) -> None:
    self.body.append("}")


def visit_mark_text(self, node: editorial_mark) -> None:
    raise nodes.SkipNode


def containers(document: nodes.document) -> dict[Anchor, nodes.Element]:
    """The paragraph and note elements of a chapter, by anchor, in reading order (paragraphs, then notes)."""
    found = {}
    for pn in document.findall(paragraph_number):
        found[Anchor("p", int(pn.astext()))] = pn.parent
    for note in document.findall(nodes.footnote):
        if note["ids"] and note["ids"][0].startswith("note-"):
            found[Anchor.parse(note["ids"][0])] = note
    return found


def insert_after(container: nodes.Element, text: str, mark: nodes.Node) -> bool:
    """Put mark right after the first occurrence of text in one text node of container."""
    for textnode in container.findall(nodes.Text):
        parent = textnode.parent
        if isinstance(parent, (editorial_mark, nodes.label)) or "ed" in parent.get("classes", []):
            continue
        at = str(textnode).find(text)
        if at < 0:
            continue
        end = at + len(text)
        value = str(textnode)
        index = parent.index(textnode)
        parent.remove(textnode)
        pieces = [nodes.Text(value[:end]), mark, nodes.Text(value[end:])]
        for k, piece in enumerate(p for p in pieces if not (isinstance(p, nodes.Text) and not str(p))):
            parent.insert(index + k, piece)
        return True
    return False


@functools.cache
def anchor_texts() -> dict[str, str]:
    return establish_from_files().anchor_texts()


def text_at(anchor: Anchor) -> str:
    """The author's words of the paragraph or note, marks removed."""
    return anchor_texts()[str(anchor)]


def mark(kind: str, target: str, text: str, title: str) -> editorial_mark:
    node = editorial_mark("", kind=kind)
    node += ref(target, text, title)
    return node


class ArticleMarks(SphinxTransform):
    default_priority = 905  # after the note ids are made stable (edition.sphinxext.notes, 900)

    def apply(self) -> None:
        if self.env.docname == WORKS_CITED:
            self.register_citations()
        if not self.env.docname.startswith(f"{ARTICLE_DIR}/"):
            return
        here = containers(self.document)
        # Longest quotations first: a mark splits the text it follows.
        self.factual_notes(here)
        self.citations(here)
        self.annotations(here)

    def register_citations(self) -> None:
        """Make each Works cited entry (id cite-<key>, set by bibtex_cite_id) a label for the marks."""
        std = self.env.get_domain("std")
        for key in sorted(apparatus.bibliography_keys()):
            std.note_hyperlink_target(f"cite-{key}", self.env.docname, f"cite-{key}", key)

    def place(self, here, anchor: Anchor, text: str, node: nodes.Node, what: str) -> None:
        if anchor not in here:
            return  # the anchor is in another chapter
        if not insert_after(here[anchor], text, node):
            raise ExtensionError(f"{what}: {text!r} not found in one piece at {anchor} ({self.env.docname})")

    def annotations(self, here) -> None:
        for _, p in apparatus.load_persons_index().iterrows():
            first = next(a for a in parse_anchors(p["anchors"]) if p["name_as_printed"] in text_at(a))
            title = f"Persons index: {p['standard_name'] or p['name_as_printed']}"
            self.place(
                here, first, p["name_as_printed"], mark("ann", f"person-{p['id']}", "°", title), f"people.csv {p['id']}"
            )
        for _, t in apparatus.load_glossary().iterrows():
            self.place(
                here,
                parse_anchors(t["anchors"])[0],
                t["term"],
                mark("ann", f"term-{t['id']}", "°", f"Glossary: {t['term']}"),
                f"glossary.csv {t['id']}",
            )
        for _, pl in apparatus.load_places().iterrows():
            self.place(
                here,
                parse_anchors(pl["anchors"])[0],
                pl["name_as_printed"],
                mark("ann", f"place-{pl['id']}", "°", f"Places: {pl['standard_name']}"),
                f"places.csv {pl['id']}",
            )

    def citations(self, here) -> None:
        for _, c in apparatus.load_citations().iterrows():
            self.place(
                here,
                Anchor.parse(c["anchor"]),
                c["citation"],
                mark("cite", f"cite-{c['key']}", "↗", f"Works cited: {c['citation']}"),
                f"citations.csv {c['citation']}",
            )

    def factual_notes(self, here) -> None:
        order = list(here)
        notes = [(Anchor.parse(fn["anchor"]), fn) for _, fn in apparatus.load_factual_notes().iterrows()]
        notes = [(anchor, fn) for anchor, fn in notes if anchor in here]
        if not notes:
            return
        # Letters in reading order: by paragraph (then note), then by where the quotation begins.
        notes.sort(key=lambda item: (order.index(item[0]), text_at(item[0]).find(item[1]["article_says"])))
        chapter = self.env.docname.split("/")[-1]
        section = nodes.container(classes=["ed", "editorial", "editors-notes"])
        section += nodes.rubric("Editors’ notes", "Editors’ notes")
        items = nodes.enumerated_list(enumtype="loweralpha", prefix="[", suffix="]")
        std = self.env.get_domain("std")
        for letter, (anchor, fn) in zip(string.ascii_lowercase, notes, strict=False):
            label = f"fact-{fn['id']}-{chapter}"
            self.place(
                here,
                anchor,
                fn["article_says"],
                mark("fn", label, f"[{letter}]", f"Editors’ note {letter}"),
                f"factual_notes.csv {fn['id']}",
            )
            item = nodes.list_item(ids=[label])
            para = nodes.paragraph()
            para += nodes.emphasis(f"The article ({anchor.label}):", f"The article ({anchor.label}):")
            para += nodes.Text(f" “{fn['article_says']}”. {fn['record_says']} Sources: ")
            para.extend(source_nodes(fn["sources"]))
            item += para
            items += item
            std.note_hyperlink_target(label, self.env.docname, label, f"Editors’ note {letter}")
        section += items
        self.document += section


def compact_marks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Drop the <span class="std std-ref"> Sphinx wraps round each mark's text: a chapter has
    about a hundred marks, and the span styles nothing (see tests/tools/page_weight.py)."""
    for mark_node in doctree.findall(editorial_mark):
        for inline in list(mark_node.findall(nodes.inline)):
            if "std-ref" in inline["classes"]:
                inline.parent.replace(inline, nodes.Text(inline.astext()))


def require_markers_and_notes(app: Sphinx, config) -> None:
    for needed in ("edition.sphinxext.markers", "edition.sphinxext.notes"):
        require(app, __name__, needed)


def setup(app: Sphinx) -> dict:
    app.add_node(
        editorial_mark,
        html=(visit_mark_html, depart_mark_html),
        latex=(visit_mark_latex, depart_mark_latex),
        text=(visit_mark_text, None),
    )
    app.add_transform(ArticleMarks)
    app.connect("doctree-resolved", compact_marks)
    app.connect("config-inited", require_markers_and_notes)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
