"""Sphinx extension: the editorial apparatus in the book, built from data/.

Index pages come from directives (persons-index, glossary-index, places-index,
factual-notes-list, forecasts-table), so the data files stay the one source of
truth. In the article chapters a transform adds the editorial layer to the
author's text without changing a word of it:

- an annotation mark (°) after the first mention of every person, term and place,
  linked to its index entry (HTML only: the PDF has the indexes);
- a lettered mark ([a], [b], ...) where the article disagrees with the record,
  linked to the chapter's "Editors' notes" at its end (HTML and PDF; letters,
  so that they are never confused with the author's numbered notes);
- a mark after every author-date citation, linked to its entry in Works cited.

Every mark carries the class "ed", so the extraction rule still gives the
author's text back. A mark that cannot be placed stops the build.
"""
from __future__ import annotations

import functools
import string

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform

from . import apparatus
from .sphinx_ext import paragraph_number
from .text import establish_from_files

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


def ref(target: str, text: str, title: str = "") -> pending_xref:
    """A cross-reference to a label (person-x, p-14, ...), checked by Sphinx like any {ref}."""
    xref = pending_xref("", refdomain="std", reftype="ref", reftarget=target, refexplicit=True, refwarn=True)
    xref += nodes.inline(text, text)
    if title:
        xref["reftitle"] = title
    return xref


def anchor_refs(anchors: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for k, anchor in enumerate(filter(None, anchors.split(";"))):
        if k:
            out.append(nodes.Text(", "))
        out.append(ref(anchor, f"¶ {anchor[2:]}" if anchor.startswith("p-") else f"note {anchor[5:]}"))
    return out


def source_nodes(sources: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for k, source in enumerate(s.strip() for s in sources.split(" ; ") if s.strip()):
        if k:
            out.append(nodes.Text("; "))
        out.append(nodes.reference(source, source, refuri=source) if source.startswith("http") else nodes.Text(source))
    return out


def labelled(label: str, *children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong(label, label)
    para += nodes.Text(" ")
    para.extend(children)
    return para


class IndexDirective(Directive):
    """Base: a definition list, one entry per row, each a target for {ref}."""

    prefix = ""

    def entries(self):  # -> iterable of (id, term text, list of body paragraphs)
        raise NotImplementedError

    def run(self):
        env = self.state.document.settings.env
        dl = nodes.definition_list(classes=["ed", "ed-index"])
        for key, term, body in self.entries():
            label = f"{self.prefix}-{key}"
            item = nodes.definition_list_item()
            item += nodes.term(term, term, ids=[label])
            definition = nodes.definition()
            definition.extend(body)
            item += definition
            dl += item
            env.get_domain("std").note_hyperlink_target(label, env.docname, label, term)
        return [dl]


class PersonsIndex(IndexDirective):
    prefix = "person"

    def entries(self):
        people = apparatus.load_persons_index()
        people = people.assign(sort=people["standard_name"].where(people["standard_name"] != "", people["name_as_printed"]))
        for _, p in people.sort_values("sort", key=lambda s: s.str.lower()).iterrows():
            term = p["standard_name"] or p["name_as_printed"]
            body = [labelled("As printed:", nodes.Text(p["name_as_printed"]))]
            if p["role_at_time"]:
                body.append(labelled("Role at the time:", nodes.Text(p["role_at_time"])))
            if p["later"]:
                body.append(labelled("Later:", nodes.Text(p["later"])))
            body.append(labelled("In the article:", *anchor_refs(p["anchors"])))
            sources = " ; ".join(s for s in (p["source"], p["source_role"]) if s)
            body.append(labelled("Sources:", *source_nodes(sources)))
            yield p["id"], term, body


class GlossaryIndex(IndexDirective):
    prefix = "term"

    def entries(self):
        for _, t in apparatus.load_glossary().sort_values("term", key=lambda s: s.str.lower()).iterrows():
            term = f"{t['term']} ({t['expansion']})" if t["expansion"] else t["term"]
            yield t["id"], term, [nodes.paragraph(text=t["definition"]),
                                  labelled("In the article:", *anchor_refs(t["anchors"])),
                                  labelled("Sources:", *source_nodes(t["source"]))]


class PlacesIndex(IndexDirective):
    prefix = "place"

    def entries(self):
        for _, pl in apparatus.load_places().sort_values("standard_name").iterrows():
            yield pl["id"], pl["standard_name"], [
                labelled("As printed:", nodes.Text(pl["name_as_printed"])),
                nodes.paragraph(text=f"{pl['kind'].capitalize()}, {pl['located_in']}. {pl['description']}"),
                labelled("In the article:", *anchor_refs(pl["anchors"])),
                labelled("Sources:", *source_nodes(pl["source"]))]


class FactualNotesList(IndexDirective):
    prefix = "fact"

    def entries(self):
        for _, fn in apparatus.load_factual_notes().iterrows():
            where = anchor_refs(fn["anchor"])
            yield fn["id"], f"{fn['kind'].capitalize()}: “{fn['article_says']}”", [
                labelled("Where:", *where), labelled("The record:", nodes.Text(fn["record_says"])),
                labelled("Sources:", *source_nodes(fn["sources"]))]


class ForecastsTable(IndexDirective):
    prefix = "forecast"

    def entries(self):
        for _, fc in apparatus.load_forecasts().iterrows():
            yield fc["id"], f"{fc['topic'].capitalize()}: {fc['verdict']}", [
                labelled("The article:", nodes.Text(f"“{fc['claim']}” "), *anchor_refs(fc["anchor"])),
                labelled("What happened:", nodes.Text(fc["outcome"])),
                labelled("Dates:", nodes.Text(fc["outcome_dates"].replace(";", ", "))),
                labelled("Sources:", *source_nodes(fc["sources"]))]


# -- marks in the article ------------------------------------------------------------

def containers(document: nodes.document) -> dict[str, nodes.Element]:
    """The paragraph (p-N) and note (note-N) elements of a chapter, by anchor."""
    found = {}
    for pn in document.findall(paragraph_number):
        found[f"p-{pn.astext()}"] = pn.parent
    for note in document.findall(nodes.footnote):
        if note["ids"] and note["ids"][0].startswith("note-"):
            found[note["ids"][0]] = note
    return found


def insert_after(container: nodes.Element, text: str, mark: nodes.Node) -> bool:
    """Put mark right after the first occurrence of text in one text node of container."""
    for textnode in container.findall(nodes.Text):
        if isinstance(textnode.parent, (editorial_mark, nodes.label)) or textnode.parent.get("classes", []) and "ed" in textnode.parent["classes"]:
            continue
        at = str(textnode).find(text)
        if at < 0:
            continue
        end = at + len(text)
        value, parent = str(textnode), textnode.parent
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


def mark(kind: str, target: str, text: str, title: str) -> editorial_mark:
    node = editorial_mark("", kind=kind)
    node += ref(target, text, title)
    return node


class ArticleMarks(SphinxTransform):
    default_priority = 905  # after the note ids are made stable

    def apply(self) -> None:
        if self.env.docname == WORKS_CITED:
            self.register_citations()
        if not self.env.docname.startswith("book/article/"):
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

    def place(self, here, anchor: str, text: str, node: nodes.Node, what: str) -> None:
        if anchor not in here:
            return  # the anchor is in another chapter
        if not insert_after(here[anchor], text, node):
            raise ExtensionError(f"{what}: {text!r} not found in one piece at {anchor} ({self.env.docname})")

    def annotations(self, here) -> None:
        people = apparatus.load_persons_index()
        texts = anchor_texts()
        for _, p in people.iterrows():
            first = next(a for a in p["anchors"].split(";") if p["name_as_printed"] in texts[a])
            self.place(here, first, p["name_as_printed"], mark("ann", f"person-{p['id']}", "°", f"Persons index: {p['standard_name'] or p['name_as_printed']}"),
                       f"people.csv {p['id']}")
        for _, t in apparatus.load_glossary().iterrows():
            self.place(here, t["anchors"].split(";")[0], t["term"], mark("ann", f"term-{t['id']}", "°", f"Glossary: {t['term']}"),
                       f"glossary.csv {t['id']}")
        for _, pl in apparatus.load_places().iterrows():
            self.place(here, pl["anchors"].split(";")[0], pl["name_as_printed"],
                       mark("ann", f"place-{pl['id']}", "°", f"Places: {pl['standard_name']}"), f"places.csv {pl['id']}")

    def citations(self, here) -> None:
        for _, c in apparatus.load_citations().iterrows():
            self.place(here, c["anchor"], c["citation"], mark("cite", f"cite-{c['key']}", "↗", f"Works cited: {c['citation']}"),
                       f"citations.csv {c['citation']}")

    def factual_notes(self, here) -> None:
        notes = apparatus.load_factual_notes()
        order = list(here)  # paragraphs in reading order, then the notes
        notes = notes[notes["anchor"].isin(order)]
        if notes.empty:
            return
        texts = anchor_texts()
        notes = notes.assign(pos=[(order.index(a), texts[a].find(q)) for a, q in zip(notes["anchor"], notes["article_says"])])
        notes = notes.sort_values("pos", kind="stable")  # letters in reading order
        section = nodes.container(classes=["ed", "editorial", "editors-notes"])
        section += nodes.rubric("Editors’ notes", "Editors’ notes")
        items = nodes.enumerated_list(enumtype="loweralpha", prefix="[", suffix="]")
        for letter, (_, fn) in zip(string.ascii_lowercase, notes.iterrows()):
            self.place(here, fn["anchor"], fn["article_says"], mark("fn", f"fact-{fn['id']}-{self.env.docname.split('/')[-1]}", f"[{letter}]",
                       f"Editors’ note {letter}"), f"factual_notes.csv {fn['id']}")
            label = f"fact-{fn['id']}-{self.env.docname.split('/')[-1]}"
            item = nodes.list_item(ids=[label])
            para = nodes.paragraph()
            para += nodes.emphasis(f"The article ({fn['anchor'].replace('p-', '¶ ').replace('note-', 'note ')}):",
                                   f"The article ({fn['anchor'].replace('p-', '¶ ').replace('note-', 'note ')}):")
            para += nodes.Text(f" “{fn['article_says']}”. {fn['record_says']} Sources: ")
            para.extend(source_nodes(fn["sources"]))
            item += para
            items += item
            self.env.get_domain("std").note_hyperlink_target(label, self.env.docname, label, f"Editors’ note {letter}")
        section += items
        self.document += section


def compact_marks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Drop the <span class="std std-ref"> Sphinx wraps round each mark's text: a chapter has
    about a hundred marks, and the span styles nothing (see tests/tools/page_weight.py)."""
    for mark_node in doctree.findall(editorial_mark):
        for inline in list(mark_node.findall(nodes.inline)):
            if "std-ref" in inline["classes"]:
                inline.parent.replace(inline, nodes.Text(inline.astext()))


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", compact_marks)
    app.add_node(editorial_mark, html=(visit_mark_html, depart_mark_html), latex=(visit_mark_latex, depart_mark_latex),
                 text=(visit_mark_text, None))
    for name, directive in (("persons-index", PersonsIndex), ("glossary-index", GlossaryIndex), ("places-index", PlacesIndex),
                            ("factual-notes-list", FactualNotesList), ("forecasts-table", ForecastsTable)):
        app.add_directive(name, directive)
    app.add_transform(ArticleMarks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
