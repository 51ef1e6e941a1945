"""One source for the author's text: the chapters' fenced blocks are written from witness + decisions.

Any word of the author's changed in a chapter is refused, naming the chapter, the
block and the word; `establish` (chapters.write) puts the established text back.
"""

from __future__ import annotations

import shutil

import pytest

from edition import chapters, derived, paths


@pytest.fixture
def book(tmp_path):
    """A copy of the article's chapters under tmp_path/book/article, to change."""
    shutil.copytree(paths.ARTICLE, tmp_path / "book" / "article")
    return tmp_path


def edit(book, chapter, old, new):
    path = chapters.chapter_path(chapter, book)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_committed_chapters_and_reading_text_are_what_establish_writes():
    assert derived.problems() == []


def test_every_block_of_the_authors_stands_in_exactly_one_fence(reading_text):
    ids = []
    for chapter in reading_text.chapters:
        lines = chapters.chapter_path(chapter).read_text(encoding="utf-8").split("\n")
        fence_list = chapters.fences(lines, chapter)
        held = chapters.assign(chapters.chapter_blocks(reading_text, chapter), fence_list, chapter)
        ids += [block_id for blocks in held for block_id, _ in blocks]
    assert [i for i in ids if i.startswith("p-")] == [f"p-{b.n}" for b in reading_text.paragraphs]
    assert [i for i in ids if i.startswith("note-")] == [f"note-{n.n}" for n in reading_text.notes]
    assert len(ids) == len(set(ids)) == len(reading_text.blocks) + len(reading_text.notes)


def test_a_changed_word_in_a_paragraph_is_refused_naming_chapter_paragraph_and_word(book, reading_text):
    edit(book, "russian-views", "totalitarian in nature", "authoritarian in nature")
    found = chapters.problems(reading_text, book)
    assert len(found) == 1
    assert found[0].startswith("book/article/russian-views.md: p-32: word ")
    assert "the established text reads 'totalitarian in nature," in found[0]
    assert "the chapter 'authoritarian in nature," in found[0]


def test_a_changed_word_in_a_note_is_refused(book, reading_text):
    edit(book, "summit-diplomacy", "363 votes", "336 votes")
    found = chapters.problems(reading_text, book)
    assert len(found) == 1 and found[0].startswith("book/article/summit-diplomacy.md: note-1: word ")
    assert "'363 votes" in found[0] and "'336 votes" in found[0]


def test_establish_writes_the_established_text_back(book, reading_text):
    path = edit(book, "russian-views", "totalitarian in nature", "authoritarian in nature")
    assert chapters.write(reading_text, book) == [path]
    assert chapters.problems(reading_text, book) == []
    assert path.read_bytes() == chapters.chapter_path("russian-views").read_bytes()


def test_a_paragraph_of_the_authors_outside_a_fence_is_refused(book, reading_text):
    path = chapters.chapter_path("opening", book)
    path.write_text(
        path.read_text(encoding="utf-8") + "\n{pn}`99` A paragraph the witness does not have.\n", encoding="utf-8"
    )
    found = chapters.problems(reading_text, book)
    assert len(found) == 1 and "stands outside every fence" in found[0] and "opening.md: line " in found[0]


def test_a_block_left_out_of_the_fences_is_refused(book, reading_text):
    path = chapters.chapter_path("russian-views", book)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"{chapters.BEGIN}p-30..p-37", f"{chapters.BEGIN}p-31..p-37"), encoding="utf-8")
    found = chapters.problems(reading_text, book)
    assert len(found) == 1 and "p-30 is missing or twice" in found[0]


def test_an_unclosed_fence_is_refused(book, reading_text):
    path = chapters.chapter_path("multilateral-prospects", book)
    lines = path.read_text(encoding="utf-8").split("\n")
    last_end = max(i for i, line in enumerate(lines) if line == chapters.END)
    path.write_text("\n".join(lines[:last_end] + lines[last_end + 1 :]), encoding="utf-8")
    found = chapters.problems(reading_text, book)
    assert len(found) == 1 and "a fence that is never closed" in found[0]


def test_myst_special_characters_in_the_authors_words_are_escaped():
    assert chapters.escape("a *b* [c] `d`") == r"a \*b\* \[c\] \`d\`"
