"""The reading text: re-derived from witness + decisions, and refused when a decision is wrong."""

from __future__ import annotations

import copy
import re

import pytest

from edition import derived, paths
from edition.text import DecisionError, NoteRef, establish, load_decisions, read_witness, render


@pytest.fixture(scope="module")
def decisions():
    return load_decisions()


@pytest.fixture(scope="module")
def witness(decisions):
    return read_witness(decisions)


def derive(witness, decisions, change):
    d = copy.deepcopy(decisions)
    change(d)
    return establish(witness, d)


# -- re-derivation -------------------------------------------------------------


def test_committed_reading_text_is_rederived_exactly():
    rt = establish(read_witness(load_decisions()), load_decisions())
    for path, text in derived.reading_text_files(rt).items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python -m edition establish"


def test_every_line_end_of_the_witness_is_decided_once(witness, decisions):
    ends = [n for n, line in enumerate(witness.splitlines(), 1) if line.rstrip().endswith(("-", "–", "—"))]
    decided = [e["line"] for e in decisions["line_ends"]]
    assert sorted(decided) == ends
    assert len(set(decided)) == len(decided)


# -- refusals: each names the line ---------------------------------------------


def test_undecided_hyphen_fails_naming_the_line(witness, decisions):
    def drop_line_7(d):
        d["line_ends"] = [e for e in d["line_ends"] if e["line"] != 7]

    with pytest.raises(DecisionError, match=r"line_ends: witness line 7 ends in 'pen-' and has no decision"):
        derive(witness, decisions, drop_line_7)


def test_decision_on_a_line_that_does_not_exist_fails(witness, decisions):
    with pytest.raises(DecisionError, match=r"line_ends\[0\]: line 9999 does not exist in the witness \(671 lines\)"):
        derive(witness, decisions, lambda d: d["line_ends"][0].update(line=9999))


def test_decision_that_does_not_match_the_witness_fails(witness, decisions):
    with pytest.raises(
        DecisionError, match=r"line_ends\[0\] \(line 7\): the break reads 'pen-\|insula:', not 'pen-\|insular'"
    ):
        derive(witness, decisions, lambda d: d["line_ends"][0].update(at="pen-|insular"))


def test_decision_with_wrong_result_fails(witness, decisions):
    with pytest.raises(DecisionError, match=r"line 7\): the result is 'peninsula:', not 'pen-insula:'"):
        derive(witness, decisions, lambda d: d["line_ends"][0].update(reading="pen-insula:"))


def test_missing_page_entry_fails_naming_the_line(witness, decisions):
    def drop_page_356(d):
        d["pages"] = [p for p in d["pages"] if p["page"] != 356]

    with pytest.raises(DecisionError, match=r"witness line 230 begins a print page .* no page entry names it"):
        derive(witness, decisions, drop_page_356)


def test_note_mark_that_is_not_there_fails(witness, decisions):
    with pytest.raises(DecisionError, match=r"notes\[0\] \(note 1\): line 97 does not contain the mark '1962.1'"):
        derive(witness, decisions, lambda d: d["notes"][0]["mark"].update(after="1962."))


def test_emendation_without_reason_fails(witness, decisions):
    with pytest.raises(DecisionError, match=r"emendations\[0\]: an emendation needs a reason"):
        derive(witness, decisions, lambda d: d["emendations"][0].pop("reason"))


def test_spurious_blank_line_must_be_blank(witness, decisions):
    with pytest.raises(DecisionError, match=r"spurious_blank_lines\[0\]: line 10 is not blank"):
        derive(witness, decisions, lambda d: d["spurious_blank_lines"][0].update(line=10))


def test_changed_witness_is_refused(decisions, tmp_path):
    (tmp_path / "source").mkdir()
    original = (paths.DATA / decisions["witness"]["path"]).read_text(encoding="utf-8")
    (tmp_path / decisions["witness"]["path"]).write_text(
        original.replace("Russia fought", "Russia fout"), encoding="utf-8"
    )
    with pytest.raises(DecisionError, match=r"SHA-256 .* is not the one the decisions were made on"):
        read_witness(decisions, tmp_path)


# -- the decisions agree with the article's own usage -----------------------------


def midline_words(witness: str) -> set[str]:
    """Every word of the witness that does not stand at a line end, bare."""
    words = set()
    for line in witness.splitlines():
        for w in line.split()[:-1]:
            words.add(bare(w))
    return words


def bare(word: str) -> str:
    return re.sub(r"\d+$", "", word.strip("()“”‘’.,;:?")).strip("()“”‘’.,;:?")


def test_line_end_decisions_agree_with_usage_elsewhere(witness, decisions):
    """A joined word is never hyphenated mid-line elsewhere; a kept hyphen is never closed up."""
    words = midline_words(witness)
    for e in decisions["line_ends"]:
        left, right = e["at"].split("|")
        if e["action"] == "join":
            assert bare(left + right) not in words, e
        elif e["action"] == "keep":
            assert bare(left[:-1] + right) not in words, e


def test_keep_decisions_give_a_reason(decisions):
    assert all(e.get("reason") for e in decisions["line_ends"] if e["action"] != "join")


# -- the established text --------------------------------------------------------


def test_notes_are_marked_once_each_in_order(reading_text):
    marks = [s.n for b in reading_text.blocks for s in b.parts if isinstance(s, NoteRef)]
    assert marks == list(range(1, 13))
    assert [n.n for n in reading_text.notes] == marks


def test_milestones_run_351_to_365_in_order(reading_text):
    assert [page for page, _ in reading_text.milestones()] == list(range(351, 366))


def test_paragraph_numbers_are_continuous(reading_text):
    assert [b.n for b in reading_text.paragraphs] == list(range(1, len(reading_text.paragraphs) + 1))


def test_no_line_end_residue_in_the_reading_text(reading_text):
    for parts in [b.parts for b in reading_text.blocks] + [n.parts for n in reading_text.notes]:
        plain = render(parts)
        assert not re.search(r"\w- ", plain), plain  # an unjoined line-end hyphen
        assert not re.search(r"[a-z]\d", re.sub(r"\[\^\d+\]", "", plain)), plain  # a note mark left glued


def test_chapters_follow_the_authors_sections(reading_text):
    assert reading_text.chapters == ["opening", "summit-diplomacy", "russian-views", "multilateral-prospects"]
    headings = [b.text for b in reading_text.blocks if b.kind == "heading"]
    assert headings == [h["text"] for h in load_decisions()["headings"]]
