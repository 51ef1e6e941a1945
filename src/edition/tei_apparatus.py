"""The apparatus in the TEI edition: the registers as a standOff, and their names and terms in the text.

- standOff holds listPerson (people.csv + people_roles.csv), listPlace (places.csv) and the
  glossary as <list type="gloss"> (glossary.csv), each entry with an xml:id;
- in the text, persName, placeName and term wrap the words the register names (name_as_printed
  or term), with @ref pointing at the entry. Every occurrence is wrapped, but only in the
  paragraphs and notes that the register's own anchors list for the entry: the register decides
  where an entity is meant, the code only finds the words, as whole words ("Northeast Asia" is not
  marked inside "Northeast Asian"). A longer lemma wins over a shorter one it overlaps; one that
  it contains is marked inside it. No element crosses a note or a page break.
- the editors' factual notes (factual_notes.csv) stand as <note type="editorial" resp="#editors">
  right after the words they comment on, where the HTML puts its lettered mark.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from . import apparatus
from . import sources as web
from .anchors import parse_anchors

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EDITORS = "editors"  # the xml:id of the editors in the header, for @resp


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{TEI_NS}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def append_text(parent: ET.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@dataclass(frozen=True)
class Lemma:
    """Words of the text that a register entry names: wrapped in `tag` with @ref="#target"."""

    words: str
    tag: str
    target: str


def lemmas_by_anchor() -> dict[str, list[Lemma]]:
    """For each anchor (p-N, note-N), the lemmas its registers list there, longest first."""
    found: dict[str, list[Lemma]] = {}

    def add(anchors: str, lemma: Lemma) -> None:
        for anchor in parse_anchors(anchors):
            found.setdefault(str(anchor), []).append(lemma)

    for _, p in apparatus.load_persons_index().iterrows():
        add(p["anchors"], Lemma(p["name_as_printed"], "persName", f"person-{p['id']}"))
    for _, pl in apparatus.load_places().iterrows():
        add(pl["anchors"], Lemma(pl["name_as_printed"], "placeName", f"place-{pl['id']}"))
    for _, t in apparatus.load_glossary().iterrows():
        add(t["anchors"], Lemma(t["term"], "term", f"term-{t['id']}"))
    for lemmas in found.values():
        lemmas.sort(key=lambda lemma: -len(lemma.words))
    return found


def editorial_notes_by_anchor() -> dict[str, list]:
    found: dict[str, list] = {}
    for _, fn in apparatus.load_factual_notes().iterrows():
        found.setdefault(fn["anchor"], []).append(fn)
    return found


def _occurrences(text: str, lemma: Lemma):
    """Where lemma stands in text as whole words (not inside a longer word)."""
    pattern = r"(?<![\w-])" + re.escape(lemma.words) + r"(?![\w])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def place_lemmas(text: str, lemmas: list[Lemma]) -> list[tuple[int, int, Lemma]]:
    """Non-overlapping occurrences of the lemmas in text, longest lemma first, in text order."""
    taken: list[tuple[int, int, Lemma]] = []
    for lemma in lemmas:
        for start, end in _occurrences(text, lemma):
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, lemma))
    return sorted(taken, key=lambda t: t[0])


def add_words(parent: ET.Element, text: str, lemmas: list[Lemma]) -> None:
    """Append text to parent, with each lemma wrapped in its element; a lemma inside another
    (the city in "Geneva talks", a place that is also a glossary term) is wrapped inside it."""
    pos = 0
    for start, end, lemma in place_lemmas(text, lemmas):
        append_text(parent, text[pos:start])
        el = sub(parent, lemma.tag, ref=f"#{lemma.target}")
        add_words(el, text[start:end], [other for other in lemmas if other is not lemma])
        pos = end
    append_text(parent, text[pos:])


def editorial_note(parent: ET.Element, fn) -> None:
    note = sub(parent, "note", type="editorial", subtype=fn["kind"], resp=f"#{EDITORS}")
    note.set(XML_ID, fn["id"])
    append_text(note, f"The article: “{fn['article_says']}”. {fn['record_says']} Sources: ")
    _sources(note, fn["sources"])


def _sources(parent: ET.Element, sources: str) -> None:
    """The sources column (URLs separated by ' ; ', or a phrase such as 'as printed')."""
    for k, source in enumerate(s.strip() for s in sources.split(";") if s.strip()):
        if k:
            append_text(parent, "; ")
        if source.startswith(("http://", "https://")):
            _bibl(parent, source)
        else:
            append_text(parent, source)
    append_text(parent, ".")


def _bibl(parent: ET.Element, url: str) -> None:
    """A web page cited as the HTML cites it (web.citation_parts), its parts marked: author, title,
    publisher, date."""
    parts, after = web.citation_parts(url, web.registry(), web.pages())
    bibl = sub(parent, "bibl")
    for role, words in parts:
        if role == "title":
            append_text(bibl, "“")
            sub(bibl, "title", text=words)
            append_text(bibl, "”")
        elif role == "date":
            sub(bibl, "date", text=web.long_date(words), when=words)
        elif role:
            sub(bibl, role, text=words)
        else:
            append_text(bibl, words)
        append_text(bibl, ", ")
    sub(bibl, "ref", text=url, target=url)
    if after:
        append_text(bibl, after)


def _source_note(parent: ET.Element, sources: str) -> None:
    if sources:
        note = sub(parent, "note", type="source")
        append_text(note, "Source: ")
        _sources(note, sources)


def stand_off(tei: ET.Element) -> None:
    """The registers: persons, places and the glossary, each entry the target of @ref in the text."""
    so = sub(tei, "standOff")
    _persons(sub(so, "listPerson"))
    _places(sub(so, "listPlace"))
    _glossary(sub(so, "list", type="gloss"))


def _persons(parent: ET.Element) -> None:
    for _, p in apparatus.load_persons_index().iterrows():
        el = sub(parent, "person" if p["kind"] == "person" else "personGrp")
        el.set(XML_ID, f"person-{p['id']}")
        if p["standard_name"]:
            sub(el, "persName", text=p["standard_name"], type="standard")
        sub(el, "persName", text=p["name_as_printed"], type="as-printed")
        if p["country"]:
            sub(el, "nationality", text=p["country"])
        for column, kind in (("role_at_time", "role-at-the-time"), ("later", "after-the-article")):
            if p[column]:
                sub(el, "note", text=p[column], type=kind)
        _source_note(el, p["source"])
        if p["source_role"]:
            _source_note(el, p["source_role"])


def _places(parent: ET.Element) -> None:
    for _, pl in apparatus.load_places().iterrows():
        el = sub(parent, "place", type=pl["kind"].replace(" ", "-"))
        el.set(XML_ID, f"place-{pl['id']}")
        sub(el, "placeName", text=pl["standard_name"], type="standard")
        sub(el, "placeName", text=pl["name_as_printed"], type="as-printed")
        sub(el, "desc", text=pl["description"])
        if pl["located_in"]:
            sub(sub(el, "location"), "placeName", text=pl["located_in"])
        _source_note(el, pl["source"])


def _glossary(parent: ET.Element) -> None:
    sub(parent, "head", text="Glossary")
    for _, t in apparatus.load_glossary().iterrows():
        item = sub(parent, "item")
        item.set(XML_ID, f"term-{t['id']}")
        sub(item, "term", text=t["term"])
        if t["expansion"]:
            sub(item, "gloss", text=t["expansion"], type="expansion")
        sub(item, "gloss", text=t["definition"], type="definition")
        _source_note(item, t["source"])
