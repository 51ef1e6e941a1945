"""The witness behind every paragraph and note (ReadingText.provenance), checked independently.

The establisher records, as it consumes the witness, the lines of each paragraph and note and
the decisions it applied. Here a small re-application of its own, written without text.py's
code, turns the shown lines and decisions back into the paragraph: if the witness view showed
a wrong line, a missing hyphen decision or an emendation it did not apply, the words would differ.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from edition import paths
from edition.text import Emendation, Milestone, NoteRef, load_decisions

WITNESS_LINES = (paths.DATA / load_decisions()["witness"]["path"]).read_text(encoding="utf-8").splitlines()


def reapply(prov) -> str:
    """The block's words from its shown lines and decisions alone."""
    ends = {e.line: e.action for e in prov.line_ends}
    pieces = []
    for k, line in enumerate(prov.lines):
        text = line.text.strip()
        if k == 0 and prov.label:
            assert text.startswith(prov.label + " "), f"{prov.anchor}: the first line does not open with its number"
            text = text[len(prov.label) + 1 :]
        for e in prov.emendations:
            if e.line == line.n:
                assert text.count(e.emendation.sic) == 1
                text = text.replace(e.emendation.sic, e.emendation.corr)
        for m in prov.note_marks:
            if m.line == line.n:
                glued = m.after + str(m.n)
                assert text.count(glued) == 1
                text = text.replace(glued, m.after)
        if pieces:
            prev_n = prov.lines[k - 1].n
            action = ends.get(prev_n)
            if action == "join":
                assert pieces[-1].endswith("-")
                pieces[-1] = pieces[-1][:-1]
            elif action is None:
                pieces.append(" ")
        pieces.append(text)
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def blocks(reading_text):
    found = [(b.anchor, b) for b in reading_text.paragraphs]
    return found + [(f"note-{n.n}", n) for n in reading_text.notes]


def test_every_paragraph_and_note_is_its_shown_lines_with_the_shown_decisions(reading_text):
    checked = 0
    for anchor, block in blocks(reading_text):
        prov = reading_text.provenance(anchor)
        assert reapply(prov) == block.plain, anchor
        checked += 1
    assert checked == len(reading_text.paragraphs) + len(reading_text.notes) == 58


def test_the_shown_lines_are_the_witness_verbatim_and_account_for_the_whole_span(reading_text):
    for anchor, _ in blocks(reading_text):
        prov = reading_text.provenance(anchor)
        for line in prov.lines:
            assert line.text == WITNESS_LINES[line.n - 1], f"{anchor}: line {line.n} is not the witness's"
        first, last = prov.span
        shown = [line.n for line in prov.lines] + [s.line for s in prov.skipped]
        assert sorted(shown) == list(range(first, last + 1)), f"{anchor}: a line of its span is not accounted for"
        assert all(s.reason and s.text == WITNESS_LINES[s.line - 1] for s in prov.skipped)


def test_every_line_of_the_article_belongs_to_exactly_one_block_or_to_the_furniture(reading_text):
    owner: dict[int, str] = {}
    for anchor, _ in blocks(reading_text):
        for line in reading_text.provenance(anchor).lines:
            assert line.n not in owner, f"line {line.n} is in {owner[line.n]} and {anchor}"
            owner[line.n] = anchor
    d = load_decisions()
    furniture = set(range(d["title"]["lines"][0], d["title"]["lines"][1] + 1)) | {d["byline"]["line"]}
    furniture |= {n for h in d["headings"] for n in range(h["lines"][0], h["lines"][1] + 1)}
    furniture |= {rh["line"] for rh in d["running_heads"]}
    text_lines = {n for n, line in enumerate(WITNESS_LINES, 1) if line.strip()}
    assert text_lines - furniture == set(owner)


def test_the_shown_decisions_are_the_ones_in_the_reading_text(reading_text):
    """Page breaks, note marks and the emendation shown are the milestones, notes and emendation in the parts."""
    decided_ends = {e["line"]: e for e in load_decisions()["line_ends"]}
    for anchor, block in blocks(reading_text):
        prov = reading_text.provenance(anchor)
        assert [b.page for b in prov.page_breaks] == [p.page for p in block.parts if isinstance(p, Milestone)]
        assert [m.n for m in prov.note_marks] == [p.n for p in block.parts if isinstance(p, NoteRef)]
        assert [e.emendation for e in prov.emendations] == [p for p in block.parts if isinstance(p, Emendation)]
        for e in prov.line_ends:
            assert (e.at, e.action, e.reading) == tuple(decided_ends[e.line][k] for k in ("at", "action", "reading"))
        assert list(prov.pages) == sorted(set(prov.pages)) and all(b.page in prov.pages for b in prov.page_breaks)


def test_the_running_head_and_the_blank_line_inside_a_sentence_are_shown_removed(reading_text):
    skipped = {
        s.line: (anchor, s.what) for anchor, _ in blocks(reading_text) for s in reading_text.provenance(anchor).skipped
    }
    assert skipped[376] == ("p-25", "running head")
    assert skipped[9] == ("p-1", "blank line inside a sentence")
    (emended,) = [a for a, _ in blocks(reading_text) if reading_text.provenance(a).emendations]
    assert emended == "note-6"


def test_a_wrong_decision_in_the_view_would_be_caught(reading_text):
    prov = reading_text.provenance("p-1")
    flipped = dataclasses.replace(
        prov, line_ends=(dataclasses.replace(prov.line_ends[0], action="keep"), *prov.line_ends[1:])
    )
    assert reapply(flipped) != reading_text.paragraphs[0].plain
    assert "pen-insula" in reapply(flipped)


def test_an_unknown_anchor_is_refused(reading_text):
    with pytest.raises(KeyError, match="p-99"):
        reading_text.provenance("p-99")


def test_every_paragraph_and_note_links_to_its_witness_entry_showing_its_lines(html_dir, reading_text):
    """The built witness view: each link from a chapter lands on an entry that shows the block's lines verbatim."""
    from html import unescape

    for chapter in reading_text.chapters:
        article = (html_dir / "book" / "article" / f"{chapter}.html").read_text(encoding="utf-8")
        view = (html_dir / "witness" / f"{chapter}.html").read_text(encoding="utf-8")
        links = re.findall(r'class="ed ed-witness" href="\.\./\.\./witness/' + chapter + r'\.html#(w-[\w-]+)"', article)
        anchors = [b.anchor for b in reading_text.paragraphs if b.chapter == chapter]
        anchors += [f"note-{n.n}" for n in reading_text.notes if n.chapter == chapter]
        assert sorted(links) == sorted(f"w-{a}" for a in anchors)
        entries = dict(re.findall(r'<h2 id="(w-[\w-]+)".*?</h2>(.*?)</section>', view, flags=re.S))
        for anchor in anchors:
            shown = [
                unescape(re.sub(r"<[^>]+>", "", c))
                for c in re.findall(r"<td><code>(.*?)</code>", entries[f"w-{anchor}"])
            ]
            prov = reading_text.provenance(anchor)
            expected = {line.n: line.text for line in prov.lines} | {s.line: s.text for s in prov.skipped}
            assert shown == [expected[n] or "\xa0" for n in sorted(expected)], anchor
