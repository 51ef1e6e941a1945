"""Write the reading text as downloads: plain text and TEI XML.

Both are generated from the established text (text.py), never edited by hand;
the tests and the book build re-derive them and refuse a stale copy.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import yaml

from . import paths
from .tei_apparatus import (
    EDITORS,
    TEI_NS,
    XML_ID,
    add_words,
    editorial_note,
    editorial_notes_by_anchor,
    lemmas_by_anchor,
    stand_off,
)
from .tei_apparatus import sub as _sub
from .text import Emendation, Milestone, NoteRef, ReadingText

TITLE = "Russian–North Korean Relations and the Prospects for Multilateral Conflict Resolution on the Korean Peninsula"

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
    """The edition in TEI P5: header, the registers (standOff), and the text with its notes and names."""
    ET.register_namespace("", TEI_NS)
    tei = ET.Element(f"{{{TEI_NS}}}TEI", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    _header(tei, rt)
    stand_off(tei)
    body = _sub(_sub(tei, "text"), "body")
    article = _sub(body, "div", type="article")
    notes = _Notes({n.n: n for n in rt.notes}, lemmas_by_anchor(), editorial_notes_by_anchor())
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
            _mixed(p, b.parts, notes, b.anchor)
    notes.check_all_placed()
    _indent(tei)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tei, encoding="unicode") + "\n"


class _Notes:
    """The author's notes by number, and what the apparatus puts in each paragraph and note."""

    def __init__(self, author: dict, lemmas: dict, editorial: dict):
        self.author = author
        self.lemmas = lemmas
        self.pending = {anchor: list(rows) for anchor, rows in editorial.items()}

    def editorial_cuts(self, anchor: str, text: str) -> list[tuple[int, object]]:
        """Where in this run of text the editors' notes on anchor stand: right after the words they comment on."""
        cuts = []
        for fn in list(self.pending.get(anchor, [])):
            at = text.find(fn["article_says"])
            if at >= 0:
                cuts.append((at + len(fn["article_says"]), fn))
                self.pending[anchor].remove(fn)
        return sorted(cuts, key=lambda cut: cut[0])

    def check_all_placed(self) -> None:
        for anchor, rows in self.pending.items():
            for fn in rows:
                raise ValueError(
                    f"data/factual_notes.csv {fn['id']}: {fn['article_says']!r} not found in one piece at {anchor}"
                )


def _mixed(parent: ET.Element, parts, notes: _Notes, anchor: str) -> None:
    """Fill parent with text (names and terms marked), <pb/> milestones, the author's <note>s,
    the editors' notes and emendations (choice/sic/corr, the reason as an editors' note)."""
    lemmas = notes.lemmas.get(anchor, [])
    for part in parts:
        if isinstance(part, NoteRef):
            note = notes.author[part.n]
            el = _sub(parent, "note", n=str(note.n), place="foot")
            el.set(XML_ID, f"note-{note.n}")
            _mixed(el, note.parts, notes, f"note-{note.n}")
        elif isinstance(part, Milestone):
            _sub(parent, "pb", n=str(part.page))
        elif isinstance(part, Emendation):
            choice = _sub(parent, "choice")
            _sub(choice, "sic", text=part.sic)
            _sub(choice, "corr", text=part.corr, resp=f"#{EDITORS}")
            _sub(parent, "note", text=part.reason, type="editorial", subtype="emendation", resp=f"#{EDITORS}")
        else:
            pos = 0
            for cut, fn in notes.editorial_cuts(anchor, part):
                add_words(parent, part[pos:cut], lemmas)
                editorial_note(parent, fn)
                pos = cut
            add_words(parent, part[pos:], lemmas)


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent the structure only: text inside p, note, head and byline stays as it is."""
    if el.tag.split("}")[1] in (
        "p",
        "head",
        "byline",
        "title",
        "author",
        "editor",
        "resp",
        "name",
        "biblScope",
        "note",
        "licence",
        "desc",
        "gloss",
        "term",
        "persName",
        "placeName",
        "nationality",
        "authority",
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
    header = _sub(tei, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", text=TITLE)
    _sub(title_stmt, "author", text="Alexandre Y. Mansourov")
    resp = _sub(title_stmt, "respStmt")
    _sub(resp, "resp", text="Digital edition: text established from the witness, markup, registers and notes")
    _sub(resp, "name", text="The editors of this digital edition").set(XML_ID, EDITORS)
    _publication_stmt(file_desc)
    _source_desc(file_desc, rt)
    _encoding_desc(header, rt)


def _publication_stmt(file_desc: ET.Element) -> None:
    pub = _sub(file_desc, "publicationStmt")
    _sub(pub, "authority", text="The editors of this digital edition")
    availability = _sub(pub, "availability")
    _sub(
        availability,
        "p",
        text="The article remains the work and property of its author and publisher; it is reproduced for study "
        "and is not licensed by the edition.",
    )
    licence = _sub(availability, "licence", target="https://creativecommons.org/licenses/by/4.0/")
    licence.text = (
        "The edition's editorial material (the markup, the registers, the editors' notes and the decisions "
        "that establish the text) is licensed under Creative Commons Attribution 4.0 International (CC BY 4.0); "
        "see the edition's LICENSE."
    )


def _source_desc(file_desc: ET.Element, rt: ReadingText) -> None:
    """The printed article (as CITATION.cff records it) and the witness the text is established from."""
    with open(paths.ROOT / "CITATION.cff", encoding="utf-8") as f:
        (article,) = [r for r in yaml.safe_load(f)["references"] if r["title"] == TITLE]
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl")
    for person in article["authors"]:
        _sub(bibl, "author", text=f"{person['given-names']} {person['family-names']}")
    _sub(bibl, "title", text=TITLE, level="a")
    _sub(bibl, "title", text=article["collection-title"], level="m")
    for person in article["editors"]:
        _sub(bibl, "editor", text=f"{person['family-names']} {person['given-names']}")
    _sub(bibl, "biblScope", text=f"{article['start']}–{article['end']}", unit="page")
    _sub(bibl, "note", text=article["notes"])
    _sub(
        bibl,
        "note",
        text="Witness: data/" + rt.witness["path"] + " (SHA-256 " + rt.witness["sha256"] + "), "
        "a page-by-page plain-text extraction of the printed article. The page range is inferred from "
        "its one running head (359).",
        type="witness",
    )


def _encoding_desc(header: ET.Element, rt: ReadingText) -> None:
    """The editorial declarations: what the establisher did to the witness, with the counts it reports."""
    c = rt.counts
    encoding = _sub(header, "encodingDesc")
    _sub(
        _sub(encoding, "projectDesc"),
        "p",
        text="A digital edition of one article. This file is derived: `python -m edition establish` generates it "
        "from the witness, data/text-decisions.yaml and the registers in data/, and the build refuses a stale copy; "
        "do not edit it by hand.",
    )
    decl = _sub(encoding, "editorialDecl")
    declarations = {
        "correction": f"{c['emendations']} emendation of a plain typographical error (a missing word space), "
        "encoded as choice/sic/corr with the reason in an editors' note. Errors of fact are never corrected "
        'in the text: they are annotated (note type="editorial").',
        "normalization": "None: spelling, capitals, punctuation and the romanization of names are the article's.",
        "hyphenation": f"Every line-end hyphen and dash of the witness is decided in data/text-decisions.yaml: "
        f"{c['hyphens_joined']} hyphens that break a word are removed and the word joined; {c['hyphens_kept']} real "
        f"hyphens are kept; {c['dashes_closed_up']} line-end dashes are closed up with the next word. "
        "Line breaks are not recorded in this encoding; the edition's witness view shows them.",
        "segmentation": f"{c['paragraphs']} paragraphs, numbered in order (p/@n, xml:id p-N). The print pages "
        f"({c['pages']}, pp. 351–365) are marked with pb/@n where each begins; a word broken across a page break "
        f"belongs to the page where it begins. {c['running_heads_removed']} running head removed (page furniture). "
        f"{c['spurious_blank_lines']} blank line inside a sentence is not read as a paragraph break.",
        "interpretation": "persName, placeName and term wrap every occurrence of a name or term in the paragraphs "
        "and notes that the edition's registers (standOff) list for it; @ref points at the register entry. The "
        f"author's {c['notes']} notes stand at their marks (note place=\"foot\"); the editors' notes "
        '(type="editorial", @resp) stand right after the words they comment on.',
    }
    for tag, text in declarations.items():
        _sub(_sub(decl, tag), "p", text=text)
