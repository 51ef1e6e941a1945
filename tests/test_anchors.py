"""The anchor language (p-N, note-N): parsed, labelled and linked in one place."""

from __future__ import annotations

import pytest

from edition.anchors import Anchor, parse_anchors


def test_parse_gives_kind_and_number_and_prints_back():
    assert Anchor.parse("p-14") == Anchor("p", 14)
    assert Anchor.parse(" note-4 ") == Anchor("note", 4)
    assert str(Anchor.parse("note-4")) == "note-4"


@pytest.mark.parametrize("text", ["p-x", "para-3", "p-0", "note-007", "p-", "p14", "p-1;p-2", "P-3", ""])
def test_parse_refuses_what_is_not_an_anchor_naming_it(text):
    with pytest.raises(ValueError, match=rf"{text!r} is not an anchor \(p-N or note-N\)"):
        Anchor.parse(text)


def test_parse_anchors_splits_a_field_and_names_the_first_bad_part():
    assert parse_anchors("p-14;note-4") == [Anchor("p", 14), Anchor("note", 4)]
    assert parse_anchors("") == []
    with pytest.raises(ValueError, match="'para-3' is not an anchor"):
        parse_anchors("p-1;para-3;p-x")


def test_labels_are_what_a_reader_sees():
    assert Anchor("p", 14).label == "¶ 14"
    assert Anchor("note", 4).label == "note 4"


def test_anchors_sort_by_kind_then_number():
    assert sorted(parse_anchors("p-10;note-2;p-9")) == [Anchor("note", 2), Anchor("p", 9), Anchor("p", 10)]


@pytest.mark.parametrize(
    "from_docname,href",
    [
        ("notebooks/events-explorer", "../book/article/summit-diplomacy.html#p-13"),
        ("book/article/opening", "summit-diplomacy.html#p-13"),
        ("book/apparatus/persons", "../article/summit-diplomacy.html#p-13"),
        ("index", "book/article/summit-diplomacy.html#p-13"),
        ("book/article/summit-diplomacy", "#p-13"),  # its own page
    ],
)
def test_href_is_relative_to_the_page_it_is_on(from_docname, href):
    assert Anchor("p", 13).href("summit-diplomacy", from_docname) == href


def test_href_of_a_note():
    assert Anchor("note", 4).href("opening", "notebooks/stances-explorer") == "../book/article/opening.html#note-4"
