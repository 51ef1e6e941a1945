"""Write the reading text as downloads: plain text and TEI XML.

Both are generated from the established text (text.py), never edited by hand;
the tests and the book build re-derive them and refuse a stale copy.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import identity
from .text import Emendation, Milestone, NoteRef, ReadingText

TITLE = "Russian–North Korean Relations and the Prospects for Multilateral Conflict Resolution on the Korean Peninsula"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

TEXT_HEADER = """\
Alexandre Y. Mansourov, "{title}" (print pp. 351–365): the reading text of the digital edition.

Established from data/source/000_aac12795dadaeab1.txt with the decisions in
data/text-decisions.yaml by `python -m edition establish`. Do not edit by hand.
Conventions: "# " begins a section heading, "## " a subsection heading;
"¶ 14" is paragraph 14 of this edition; "[p. 356]" marks where print page 356
begins; "[^4]" is the author's note 4. The notes follow the text.
The text remains the author's and publisher's; see the edition's LICENSE.
================================================================================
"""


def to_text(rt: ReadingText) -> str:
    lines = [TEXT_HEADER.format(title=TITLE)]
    for b in rt.blocks:
        if b.kind == "title" or b.kind == "byline":
            lines.append(b.text)
        elif b.kind == "milestone":
            lines.append(f"[p. {b.n}]")
        elif b.kind == "heading":
            lines.append("#" * b.rank + " " + b.text)
        else:
            lines.append(f"¶ {b.n}  {b.text}")
    lines.append("Notes")
    for note in rt.notes:
        lines.append(f"[^{note.n}] (p. {note.page})  {note.text}")
    return "\n\n".join(lines) + "\n"


def to_tei(rt: ReadingText) -> str:
    ET.register_namespace("", TEI_NS)
    tei = ET.Element(f"{{{TEI_NS}}}TEI")
    _header(tei, rt)
    body = _sub(_sub(tei, "text"), "body")
    article = _sub(body, "div", type="article")
    notes = {n.n: n for n in rt.notes}
    containers = {0: article}
    for b in rt.blocks:
        if b.kind == "title":
            _sub(article, "head", text=b.text)
        elif b.kind == "byline":
            _sub(article, "byline", text=b.text)
        elif b.kind == "milestone":
            _sub(containers[max(containers)], "pb", n=str(b.n))
        elif b.kind == "heading":
            parent = containers[b.rank - 1]
            div = _sub(parent, "div", type="section" if b.rank == 1 else "subsection")
            containers = {k: v for k, v in containers.items() if k < b.rank} | {b.rank: div}
            _sub(div, "head", text=b.text)
        else:
            p = _sub(containers[max(containers)], "p", n=str(b.n))
            p.set(XML_ID, f"p-{b.n}")
            _mixed(p, b.parts, notes)
    _indent(tei)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tei, encoding="unicode") + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{TEI_NS}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _append_text(parent: ET.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _mixed(parent: ET.Element, parts, notes: dict) -> None:
    """Fill parent with text, <pb/> milestones, the author's <note>s and emendations (choice/sic/corr)."""
    for part in parts:
        if isinstance(part, NoteRef):
            note = notes[part.n]
            el = _sub(parent, "note", n=str(note.n), place="foot")
            el.set(XML_ID, f"note-{note.n}")
            _mixed(el, note.parts, notes)
        elif isinstance(part, Milestone):
            _sub(parent, "pb", n=str(part.page))
        elif isinstance(part, Emendation):
            choice = _sub(parent, "choice")
            _sub(choice, "sic", text=part.sic)
            _sub(choice, "corr", text=part.corr)
        else:
            _append_text(parent, part)


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent the structure only: text inside p, note, head and byline stays as it is."""
    if el.tag.split("}")[1] in (
        "p",
        "head",
        "byline",
        "title",
        "author",
        "resp",
        "name",
        "biblScope",
        "note",
        "edition",
        "publisher",
        "date",
        "idno",
        "licence",
        "editor",
    ):
        return
    pad = "\n" + " " * (level + 1)
    if len(el):
        el.text = pad
        for child in el:
            child.tail = pad
            _indent(child, level + 1)
        el[-1].tail = "\n" + " " * level


def _header(tei: ET.Element, rt: ReadingText) -> None:
    """The header: the edition's identity (edition.identity, from _config.yml) and the print source."""
    ident = identity.load()
    header = _sub(tei, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", text=ident.title)
    _sub(title_stmt, "author", text=ident.author.display)
    resp = _sub(title_stmt, "respStmt")
    _sub(resp, "resp", text="Digital edition: text established from the witness, markup")
    _sub(resp, "name", text=ident.editors_sentence)
    _sub(_sub(file_desc, "editionStmt"), "edition", n=ident.version, text=f"Version {ident.version}")
    pub = _sub(file_desc, "publicationStmt")
    _sub(pub, "publisher", text=ident.editors_sentence)
    _sub(pub, "date", when=ident.date.isoformat(), text=ident.date.isoformat())
    _sub(pub, "idno", type="URL", text=ident.release_url)
    availability = _sub(pub, "availability")
    _sub(availability, "licence", target=ident.licence_url, text=f"The edition's markup: {ident.licence}")
    _sub(
        availability,
        "p",
        text="Generated by `python -m edition establish` from the witness and data/text-decisions.yaml. "
        "The article remains the author's and publisher's.",
    )
    source = _sub(file_desc, "sourceDesc")
    bibl = _sub(source, "bibl")
    _sub(bibl, "author", text=ident.author.display)
    _sub(bibl, "title", text=ident.title, level="a")
    _sub(bibl, "title", text=ident.book_title, level="m")
    for person in ident.book_editors:
        _sub(bibl, "editor", text=person.display)
    _sub(bibl, "biblScope", text=str(ident.chapter), unit="chapter")
    _sub(bibl, "biblScope", text=f"{ident.first_page}–{ident.last_page}", unit="page")
    _sub(
        bibl,
        "note",
        text="Witness: " + rt.witness["path"] + " (SHA-256 " + rt.witness["sha256"] + "), "
        "a page-by-page plain-text extraction of the printed article. The page range is inferred from "
        "its one running head (359). The volume's publisher and year of publication are not established.",
    )
    editorial = _sub(_sub(header, "encodingDesc"), "editorialDecl")
    c = rt.counts
    _sub(
        editorial,
        "p",
        text=f"{c['hyphens_joined']} line-end hyphens joined, {c['hyphens_kept']} kept, {c['dashes_closed_up']} "
        f"line-end dashes closed up; {c['running_heads_removed']} running head removed; "
        f"{c['paragraphs']} paragraphs numbered; the {c['notes']} notes placed at their marks; "
        f"{c['emendations']} emendation, marked with choice/sic/corr. Every decision is in data/text-decisions.yaml.",
    )
