"""The editorial marks in the built chapters keep the author's words whole, and say what they open.

The visible text of a chapter with the editorial layer on (marks, paragraph numbers and page
milestones shown) is tokenized as a reader's eye splits it: words, with the apostrophes,
hyphens and en dashes inside them, and single punctuation marks. Every token is either the
author's (and the author's tokens, in order, are those of the established text) or an
editorial mark's alone: "Asia°n", "Stalin°’s" or "USSR°-DPRK" would each fail.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from edition import apparatus
from edition.extract import chapter_html, expected_blocks, normalise

MARKS = "sup.ed, a.ed-pn, a.ed-pb"  # what the editorial layer puts among the author's words
OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters around a mark's visible text, never in a text
TOKEN = re.compile(r"\w+(?:[’'\-\u2010\u2011\u2013]\w+)*|\S")
SCRIPT_RUN = re.compile(r"[\u0400-\u04ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def tokens_with_owner(text: str) -> list[tuple[str, str]]:
    """(token, owner) for text in which marks stand between OPEN and CLOSE: owner is
    "author", "mark", or "both" for a token that runs from a mark into the author's words."""
    plain, owner, in_mark = [], [], False
    for ch in text:
        if ch in (OPEN, CLOSE):
            in_mark = ch == OPEN
            continue
        plain.append(ch)
        owner.append(in_mark)
    plain = "".join(plain)
    out = []
    for m in TOKEN.finditer(plain):
        flags = set(owner[m.start() : m.end()])
        out.append((m.group(), "both" if len(flags) == 2 else ("mark" if flags == {True} else "author")))
    return out


def visible_blocks(html: str) -> list[str]:
    """The author's blocks of a chapter as a reader sees them with the editorial layer on."""
    article = BeautifulSoup(html, "lxml").select_one("article.bd-article")
    for el in article.select(MARKS):
        if not any("ed" in parent.get("class", []) for parent in el.parents if parent is not article):
            el.replace_with(OPEN + el.get_text() + CLOSE)
    for el in article.select(".ed, .headerlink, .fn-bracket, hr"):
        el.decompose()
    for ref in article.select("a.footnote-reference"):
        ref.replace_with(f"[^{normalise(ref.get_text())}]")
    blocks = []
    for el in article.find_all(["h1", "h2", "h3", "h4", "p", "aside"]):
        if el.name == "aside" and "footnote" in el.get("class", []) and "footnote-list" not in el.get("class", []):
            label = normalise(el.select_one(".label").get_text())
            blocks.append(normalise(f"[^{label}] " + " ".join(p.get_text() for p in el.find_all("p"))))
        elif el.name.startswith("h") or (el.name == "p" and not el.find_parent("aside")):
            text = normalise(el.get_text())
            if text.replace(OPEN, "").replace(CLOSE, "").strip():
                blocks.append(text)
    return blocks


def test_no_mark_stands_inside_a_word(html_dir, reading_text):
    for chapter in reading_text.chapters:
        expected = [normalise(text) for _, text in expected_blocks(reading_text, chapter)]
        found = visible_blocks(chapter_html(html_dir, chapter))
        assert len(found) == len(expected), chapter
        for k, (want, seen) in enumerate(zip(expected, found, strict=True)):
            owned = tokens_with_owner(seen)
            glued = [tok for tok, owner in owned if owner == "both"]
            assert not glued, f"{chapter}, block {k + 1}: a mark glued to a word: {glued}"
            author = [tok for tok, owner in owned if owner == "author"]
            want_tokens = TOKEN.findall(want)
            split = next((i for i, (a, b) in enumerate(zip(author, want_tokens, strict=False)) if a != b), None)
            assert author == want_tokens, (
                f"{chapter}, block {k + 1}: a mark splits the author's word at token {split}: "
                f"{want_tokens[split : split + 3] if split is not None else want_tokens[len(author) :]} read as "
                f"{author[split : split + 3] if split is not None else author[len(want_tokens) :]}"
            )


@pytest.mark.parametrize(
    "text, owners",
    [
        (f"Northeast Asia{OPEN}°{CLOSE}n geopolitical", ["Northeast", "Asia", "°", "n", "geopolitical"]),
        (f"Stalin’s{OPEN}°{CLOSE} personal", ["Stalin’s", "°", "personal"]),
        (f"USSR{OPEN}°{CLOSE}-DPRK", ["USSR", "°", "-", "DPRK"]),
    ],
)
def test_the_tokenizer_sees_a_split_word(text, owners):
    assert [tok for tok, _ in tokens_with_owner(text)] == owners


def test_every_mark_is_named_for_what_it_opens(html_dir, reading_text):
    names = {}
    for _, p in apparatus.load_persons_index().iterrows():
        names[f"person-{p['id']}"] = f"Person: {p['standard_name'] or p['name_as_printed']}"
    for _, t in apparatus.load_glossary().iterrows():
        names[f"term-{t['id']}"] = f"Term: {t['term']}"
    for _, pl in apparatus.load_places().iterrows():
        names[f"place-{pl['id']}"] = f"Place: {pl['standard_name']}"
    citations = apparatus.load_citations()
    notes = {fn["id"]: fn["article_says"] for _, fn in apparatus.load_factual_notes().iterrows()}
    seen = 0
    for chapter in reading_text.chapters:
        soup = BeautifulSoup(chapter_html(html_dir, chapter), "lxml")
        for k, a in enumerate(soup.select("article.bd-article sup.ed-fn a")):
            letter = "abcdefghij"[k]
            note = next(n for n in notes if a["href"].startswith(f"#fact-{n}-"))
            first = " ".join(notes[note].split()[:3])
            assert a["aria-label"].startswith(f"Editors’ note {letter}: “{first}"), a["aria-label"]
            seen += 1
        for a in soup.select("article.bd-article sup.ed-ann a"):
            assert a["aria-label"] == names[a["href"].split("#")[1]]
            seen += 1
        for a in soup.select("article.bd-article sup.ed-cite a"):
            key = a["href"].split("#cite-")[1]
            assert a["aria-label"] in {f"Work cited: {c}" for c in citations[citations["key"] == key]["citation"]}
            seen += 1
    assert seen == len(names) + len(citations) + len(notes)


def test_cyrillic_and_hangul_carry_their_language(html_dir, reading_text):
    assert not any(SCRIPT_RUN.search(t) for t in reading_text.anchor_texts().values()), "the author's text is English"
    found = 0
    for path in html_dir.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for el in soup.select("script, style"):
            el.decompose()
        for text in soup.find_all(string=SCRIPT_RUN):
            holder = text.find_parent(attrs={"lang": True})
            lang = "ko" if re.search(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]", text) else "ru"
            assert holder is not None and holder["lang"] == lang, f"{path.name}: {text[:60]!r}"
            found += 1
    assert found  # the edition writes Russian names and a Russian title in Cyrillic
