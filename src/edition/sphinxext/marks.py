"""The marks of the apparatus in the article's chapters, added without changing a word of the author's text.

- an annotation mark (°) after the first mention of every person, term and place,
  linked to its index entry;
- a lettered mark ([a], [b], ...) where the article disagrees with the record,
  linked to the chapter's "Editors' notes" at its end (HTML and PDF; letters,
  so that they are never confused with the author's numbered notes);
- a mark after every author-date citation, linked to its entry in Works cited.

A mark stands after the whole word its text ends in (word_end): never inside a word, nor
between a word and its possessive or the rest of its hyphenated compound. It is named for
what it opens ("Person: Joseph Stalin"), and in HTML opens it in place (book/_static/popover.js,
with the content edition.sphinxext.popovers puts in the page); in the PDF it is a link.
Every mark carries the class "ed", so the extraction rule still gives the author's text
back. A mark that cannot be placed stops the build. The marks find paragraphs by their
{pn} numbers (edition.sphinxext.markers) and notes by their stable ids
(edition.sphinxext.notes): both must be loaded.
"""

from __future__ import annotations

import functools
import html
import re
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
    """The mark as one link named for what it opens (node["name"]): a reader of "°" learns nothing.

    The popovers (book/_static/popover.js) open the link's target in place; in the EPUB an
    editors' note is a popup note (epub:type noteref, see edition.sphinxext.epub)."""
    target = node.next_node(nodes.reference)
    href = target.get("refuri") or "#" + target["refid"]
    role = ' role="doc-noteref"' if node["kind"] == "fn" else ""
    self.body.append(
        f'<sup class="ed ed-{node["kind"]}"><a class="reference internal" href="{html.escape(href)}"{role}'
        f' aria-label="{html.escape(node["name"])}">{html.escape(target.astext())}</a></sup>'
    )
    raise nodes.SkipNode


def visit_mark_latex(self, node: editorial_mark) -> None:
    self.body.append(r"\textsuperscript{")  # the link inside: to its index entry, work cited or editors' note


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


# What may follow the text a mark is placed after, and still belong to its word: the rest of the
# word ("Northeast Asia" in "Northeast Asian"), the rest of a compound joined by a hyphen or an
# en dash ("USSR-DPRK", "Brezhnev-style", "Russian–North"), and a possessive ("Stalin’s").
WORD_TAIL = re.compile(r"\w*(?:[-\u2010\u2011\u2013]\w+)*(?:[’']s\b)?")


def word_end(value: str, end: int) -> int:
    """Where the word that text ends inside (at end) ends: a mark never splits the author's word."""
    return end + WORD_TAIL.match(value, end).end() - end


def insert_after(container: nodes.Element, text: str, mark: nodes.Node) -> bool:
    """Put mark after the whole word that ends the first occurrence of text in one text node of container."""
    for textnode in container.findall(nodes.Text):
        parent = textnode.parent
        if isinstance(parent, (editorial_mark, nodes.label)) or "ed" in parent.get("classes", []):
            continue
        at = str(textnode).find(text)
        if at < 0:
            continue
        value = str(textnode)
        end = word_end(value, at + len(text))
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


def mark(kind: str, target: str, text: str, name: str) -> editorial_mark:
    """A mark linked to target; name is its accessible name, saying what it opens ("Person: Joseph Stalin")."""
    node = editorial_mark("", kind=kind, name=name)
    node += ref(target, text)
    return node


def opening_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


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
            title = f"Person: {p['standard_name'] or p['name_as_printed']}"
            self.place(
                here, first, p["name_as_printed"], mark("ann", f"person-{p['id']}", "°", title), f"people.csv {p['id']}"
            )
        for _, t in apparatus.load_glossary().iterrows():
            self.place(
                here,
                parse_anchors(t["anchors"])[0],
                t["term"],
                mark("ann", f"term-{t['id']}", "°", f"Term: {t['term']}"),
                f"glossary.csv {t['id']}",
            )
        for _, pl in apparatus.load_places().iterrows():
            self.place(
                here,
                parse_anchors(pl["anchors"])[0],
                pl["name_as_printed"],
                mark("ann", f"place-{pl['id']}", "°", f"Place: {pl['standard_name']}"),
                f"places.csv {pl['id']}",
            )

    def citations(self, here) -> None:
        for _, c in apparatus.load_citations().iterrows():
            self.place(
                here,
                Anchor.parse(c["anchor"]),
                c["citation"],
                mark("cite", f"cite-{c['key']}", "↗", f"Work cited: {c['citation']}"),
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
                mark("fn", label, f"[{letter}]", f"Editors’ note {letter}: “{opening_words(fn['article_says'])}”"),
                f"factual_notes.csv {fn['id']}",
            )
            item = nodes.list_item(ids=[label])
            para = nodes.paragraph()
            para += nodes.emphasis(f"The article ({anchor.label}):", f"The article ({anchor.label}):")
            para += nodes.Text(f" “{fn['article_says']}”. {fn['record_says']} Sources: ")
            para.extend(source_nodes(fn["sources"]))
            para += nodes.Text(f" (consulted {fn['consulted']})." if fn["consulted"] else ".")
            if fn["weak_source_reason"]:
                para += nodes.Text(f" No source of record found: {fn['weak_source_reason']}")
            item += para
            items += item
            std.note_hyperlink_target(label, self.env.docname, label, f"Editors’ note {letter}")
        section += items
        self.document += section


def require_markers_and_notes(app: Sphinx, config) -> None:
    for needed in ("edition.sphinxext.markers", "edition.sphinxext.notes"):
        require(app, __name__, needed)


def setup(app: Sphinx) -> dict:
    app.add_node(
        editorial_mark,
        html=(visit_mark_html, None),
        latex=(visit_mark_latex, depart_mark_latex),
        text=(visit_mark_text, None),
    )
    app.add_transform(ArticleMarks)
    app.connect("config-inited", require_markers_and_notes)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
