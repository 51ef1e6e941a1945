"""The TEI edition (data/reading-text.tei.xml): valid TEI All, and the reading text once more.

The plain reading text is re-derived here from the TEI alone (the body's text, without any
note or sic, with corr) and compared with the established text, paragraph by paragraph and
note by note; every @ref resolves to a register entry of the right kind, and every editors'
note stands right after the words it comments on.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import require_tools
from edition import apparatus, paths, teischema
from edition.anchors import parse_anchors
from edition.text import Emendation

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def tei() -> ET.Element:
    return ET.parse(paths.READING_TEI).getroot()


@pytest.fixture(scope="module")
def body(tei) -> ET.Element:
    return tei.find(f"{T}text/{T}body")


def reading(el: ET.Element) -> str:
    """The author's words of a TEI element: its text, every note and sic left out, corr kept."""
    parts = [el.text or ""]
    for child in el:
        if child.tag not in (f"{T}note", f"{T}sic"):
            parts.append(reading(child))
        parts.append(child.tail or "")
    return "".join(parts)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_tei_is_valid_tei_all(tmp_path):
    require_tools("jing")
    result = teischema.jing(paths.READING_TEI)
    assert result.returncode == 0, result.stdout[-3000:]
    broken = tmp_path / "broken.xml"  # and jing does refuse what TEI All does not allow
    broken.write_text(paths.READING_TEI.read_text(encoding="utf-8").replace("<pb ", "<pagebreak ", 1))
    refused = teischema.jing(broken)
    assert refused.returncode != 0 and 'element "pagebreak" not allowed' in refused.stdout


def test_the_schema_is_the_pinned_tei_all():
    schema = teischema.tei_all().read_text(encoding="utf-8")
    assert "TEI Edition: Version\u00a04.3.0" in schema and "<start>" in schema  # a no-break space, as published


def test_the_paragraphs_re_derived_from_the_tei_are_the_reading_text(body, reading_text):
    paragraphs = body.findall(f".//{T}p")
    assert [p.get(XML_ID) for p in paragraphs] == [b.anchor for b in reading_text.paragraphs]
    for p, block in zip(paragraphs, reading_text.paragraphs, strict=True):
        assert words(reading(p)) == block.plain, block.anchor


def test_the_authors_notes_stand_at_their_marks_and_re_derive(body, reading_text):
    notes = body.findall(f".//{T}note[@place='foot']")
    assert [n.get("n") for n in notes] == [str(n.n) for n in reading_text.notes]
    for el, note in zip(notes, reading_text.notes, strict=True):
        assert el.get(XML_ID) == f"note-{note.n}"
        assert words(reading(el)) == note.plain, note.n


def test_page_breaks_run_351_to_365(body):
    assert [pb.get("n") for pb in body.iter(f"{T}pb")] == [str(p) for p in range(351, 366)]


def test_the_emendation_is_a_choice_with_its_reason(body, reading_text):
    (choice,) = body.iter(f"{T}choice")
    (emendation,) = [e for n in reading_text.notes for e in n.parts if isinstance(e, Emendation)]
    assert (choice.findtext(f"{T}sic"), choice.findtext(f"{T}corr")) == (emendation.sic, emendation.corr)
    parent = next(el for el in body.iter() if choice in list(el))
    reason = list(parent)[list(parent).index(choice) + 1]
    assert reason.tag == f"{T}note" and reason.get("subtype") == "emendation" and reason.text == emendation.reason


def test_every_ref_points_at_a_register_entry_of_its_kind(tei, body):
    stand_off = tei.find(f"{T}standOff")
    kinds = {
        f"{T}persName": (f"{T}person", f"{T}personGrp"),
        f"{T}placeName": (f"{T}place",),
        f"{T}term": (f"{T}item",),
    }
    entries = {el.get(XML_ID): el for el in stand_off.iter() if el.get(XML_ID)}
    found = 0
    for tag, entry_tags in kinds.items():
        for el in body.iter(tag):
            entry = entries[el.get("ref").removeprefix("#")]
            assert entry.tag in entry_tags
            forms = [n.text for n in entry if n.tag in (f"{T}persName", f"{T}placeName", f"{T}term")]
            assert "".join(el.itertext()) in forms, (el.text, forms)
            found += 1
    assert found > 300


def test_every_register_entry_is_marked_at_its_first_mention(tei, body, reading_text):
    """At least where the HTML puts its annotation mark: the first anchor that holds the name or term
    as whole words (the HTML also marks "Northeast Asia" inside "Northeast Asian"; the TEI does not)."""
    texts = reading_text.anchor_texts()
    by_anchor = {el.get(XML_ID): el for el in body.iter() if el.get(XML_ID)}
    registers = [
        (apparatus.load_persons_index(), "name_as_printed", "person"),
        (apparatus.load_places(), "name_as_printed", "place"),
        (apparatus.load_glossary(), "term", "term"),
    ]
    missing = []
    for table, column, prefix in registers:
        stand_off_ids = {el.get(XML_ID) for el in tei.find(f"{T}standOff").iter() if el.get(XML_ID)}
        for _, row in table.iterrows():
            target = f"{prefix}-{row['id']}"
            assert target in stand_off_ids
            whole = re.compile(r"(?<![\w-])" + re.escape(row[column]) + r"(?!\w)")
            first = next(a for a in parse_anchors(row["anchors"]) if whole.search(texts[str(a)]))
            container = by_anchor[str(first)]
            inner = [el for el in container.iter() if el.get("ref") == f"#{target}"]
            if not inner:
                missing.append(f"{target} at {first}")
    assert not missing, missing


def test_the_editors_notes_follow_the_words_they_comment_on(tei, body):
    editors = tei.find(f".//{T}titleStmt/{T}respStmt/{T}name[@{XML_ID}='editors']")
    assert editors is not None
    notes = apparatus.load_factual_notes()
    placed = {el.get(XML_ID): el for el in body.iter(f"{T}note") if el.get("type") == "editorial" and el.get(XML_ID)}
    assert set(placed) == set(notes["id"])
    by_anchor = {el.get(XML_ID): el for el in body.iter() if el.get(XML_ID)}
    for _, fn in notes.iterrows():
        note = placed[fn["id"]]
        assert note.get("resp") == "#editors"
        container = by_anchor[fn["anchor"]]
        before = words(_text_before(container, note))
        assert before.endswith(words(fn["article_says"])), fn["id"]
        assert fn["record_says"] in "".join(note.itertext())


def _text_before(container: ET.Element, target: ET.Element) -> str:
    """The author's words of container up to target (notes other than target's ancestors left out)."""
    out: list[str] = []

    def walk(el: ET.Element) -> bool:
        out.append(el.text or "")
        for child in el:
            if child is target:
                return True
            if child.tag == f"{T}note" and target not in child.iter():
                out.append(child.tail or "")
                continue
            if child.tag != f"{T}sic" and walk(child):
                return True
            out.append(child.tail or "")
        return False

    walk(container)
    return "".join(out)


def test_the_header_declares_source_editorial_decisions_and_licence(tei, reading_text):
    header = tei.find(f"{T}teiHeader")
    decl = header.find(f"{T}encodingDesc/{T}editorialDecl")
    assert {child.tag.removeprefix(T) for child in decl} >= {
        "correction",
        "normalization",
        "hyphenation",
        "segmentation",
    }
    hyphenation = "".join(decl.find(f"{T}hyphenation").itertext())
    c = reading_text.counts
    assert f"{c['hyphens_joined']} hyphens" in hyphenation and f"{c['hyphens_kept']} real" in hyphenation
    licence = header.find(f"{T}fileDesc/{T}publicationStmt/{T}availability/{T}licence")
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    bibl = header.find(f"{T}fileDesc/{T}sourceDesc/{T}bibl")
    assert bibl.find(f"{T}biblScope").text == "351–365"
    assert reading_text.witness["sha256"] in "".join(bibl.itertext())
