"""The PDF build: every paragraph and note present in order, notes at the page foot,
milestones and paragraph numbers as in the HTML. Text read with pdftotext."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from conftest import require_tools
from edition.export import TITLE
from edition.extract import milestone_next_words
from edition.text import render
from pdftext import SHORT_TITLE, Aligner, Misaligned, Token, is_editorial, tokens


def pdf_words(parts) -> list[str]:
    """The author's words as the PDF prints them: note marks as glued digits."""
    plain = render(parts, note=str, page=None)
    return unicodedata.normalize("NFKC", plain).split()


@pytest.fixture(scope="module")
def toks(pdf_pages, reading_text):
    marks = {b.text for b in reading_text.blocks if b.kind in ("heading", "title")}
    return tokens(pdf_pages, marks)


@pytest.fixture(scope="module")
def article_start(toks):
    """The first milestone of the article, [p. 351]: the front matter lies before it."""
    return next(i for i, t in enumerate(toks) if t.text == "[p351]")


@pytest.fixture(scope="module")
def body_positions(toks, article_start, reading_text):
    """Every block after the title, aligned in reading order: {block index: positions}."""
    aligner, pos, found = Aligner(toks), article_start, {}
    for index, block in enumerate(reading_text.blocks):
        if block.kind in ("title", "milestone"):
            continue
        words = pdf_words(block.parts)
        start = aligner.find(words, pos)
        found[index] = aligner.align(words, start, f"{block.kind} {block.n or block.text[:30]!r}")
        pos = found[index][-1] + 1
    return found


def test_every_paragraph_and_heading_is_present_in_order(body_positions, reading_text):
    expected = [i for i, b in enumerate(reading_text.blocks) if b.kind not in ("title", "milestone")]
    assert list(body_positions) == expected


def test_the_title_opens_the_article(toks, article_start):
    aligner = Aligner(toks)
    words = TITLE.split()
    starts = [i for i in range(article_start) if toks[i].text == words[0] and aligner.continues(words, i)]
    assert starts, "the article's title is missing"
    assert article_start - starts[-1] < 40  # the last occurrence is the chapter heading, just before p. 351


def test_every_note_is_present_in_order_at_the_foot_of_its_page(toks, body_positions, reading_text):
    aligner = Aligner(toks)
    mark_page = {}
    for index, positions in body_positions.items():
        words = render(reading_text.blocks[index].parts, page=None).split()
        for k, word in enumerate(words):
            for n in re.findall(r"\[\^(\d+)\]", word):
                mark_page[int(n)] = toks[positions[k]].page
    last = -1
    for note in reading_text.notes:
        words = [str(note.n), *pdf_words(note.parts)]
        start = aligner.find(words, last + 1)
        aligner.align(words, start, f"note {note.n}")
        assert toks[start].page == mark_page[note.n], f"note {note.n} begins on another page than its mark"
        last = start
    assert sorted(mark_page) == list(range(1, 13))


def test_milestones_run_351_to_365_at_the_right_words(toks, article_start, body_positions, reading_text):
    expected = milestone_next_words(reading_text)
    article_end = max(max(positions) for positions in body_positions.values())  # apparatus pages may cite "[p. 363]"
    pages = []
    for i in range(article_start, article_end + 1):
        m = re.fullmatch(r"\[p(\d+)\]", toks[i].text)
        if m:
            page = int(m.group(1))
            following = next(t for t in toks[i + 1 :] if not is_editorial(t) and t.text != "\f")
            assert following.text == expected[page] or following.text.startswith(expected[page].rstrip("-")), page
            pages.append(page)
    assert pages == list(range(351, 366))


def test_paragraph_numbers_match_the_html_numbering(toks, article_start, reading_text):
    numbers = [int(t.text[1:]) for t in toks[article_start:] if re.fullmatch(r"¶\d+", t.text)]
    assert numbers == [b.n for b in reading_text.paragraphs]


def test_a_missing_word_is_caught():
    """The aligner is strict: a word dropped from a line is reported, not skipped."""
    toks = [Token(w, 0, k == 4) for k, w in enumerate(["Russia", "fought", "limited", "wars", "against"])]
    with pytest.raises(Misaligned, match="word 3: expected 'two', found 'limited'"):
        Aligner(toks).align(["Russia", "fought", "two", "limited", "wars"], 0, "¶ 1")


def test_pdf_has_title_page_contents_and_page_numbers(pdf_path, pdf_pages):
    require_tools("pdfinfo")
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Author:\s+Alexandre Y\. Mansourov$", info, re.M)
    assert re.search(r"^Title:\s+Russian–North Korean Relations", info, re.M)
    assert "Alexandre Y. Mansourov" in pdf_pages[0] and "Russian–North Korean Relations" in pdf_pages[0]
    assert "Summit Diplomacy in the 2000s" in pdf_pages[1]  # the table of contents
    numbered = [p for p in pdf_pages[2:] if p.strip()]
    # The page number stands alone, centred at the foot; pdftotext may read a margin number, a
    # table's last cells or a chart's axis (years) after it: a page number is at most the page count.
    tails = [[line.strip() for line in p.split("\n") if line.strip()][-6:] for p in numbered]
    tails = [tail for tail in tails if not re.fullmatch(r"[ivxl]+", tail[-1])]  # the contents: roman numbers
    last = len(pdf_pages)
    footers = [
        int(n)
        for tail in tails
        for n in [next((t for t in reversed(tail) if t.isdigit() and int(t) <= last), None)]
        if n
    ]
    assert len(footers) >= len(tails) - 3 and footers == sorted(footers)
    assert "??" not in "".join(pdf_pages)  # no unresolved reference


def test_pdf_contains_every_chart_as_vector_graphics(pdf_path, pdf_pages):
    """Each chart is a vector drawing whose text is text: its source line is found, and no chart is a raster image."""
    require_tools("pdfimages")
    listing = subprocess.run(["pdfimages", "-list", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert [line for line in listing.splitlines()[2:] if line.split()[2] == "image"] == []
    sources = sum(page.count("(this edition's data, from the article's text)") for page in pdf_pages)
    assert sources == 6  # the four charts of the chapters, two of "After 2003"


def test_pdf_fonts_are_embedded_and_it_has_an_outline(pdf_path):
    require_tools("pdffonts")
    from pypdf import PdfReader

    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout.splitlines()[
        2:
    ]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    titles = [item.title for item in PdfReader(str(pdf_path)).outline if not isinstance(item, list)]
    assert "Summit Diplomacy in the 2000s" in titles and "Persons" in titles


def test_pdf_contains_the_apparatus(pdf_pages):
    text = "\f".join(pdf_pages)
    for heading in (
        "Introduction",
        "Persons",
        "Glossary",
        "Places",
        "Works cited",
        "Factual notes",
        "After 2003",
        "Editors’ notes",
    ):
        assert heading in text, heading
    assert "Sergei Prikhodko" in text and "Vostochny ekspress" in text


def test_running_heads_carry_the_short_title_and_the_section(pdf_path, pdf_pages):
    from pypdf import PdfReader

    sections = [item.title for item in PdfReader(str(pdf_path)).outline if not isinstance(item, list)]
    assert not any("Release" in page for page in pdf_pages)
    headed = 0
    for page in pdf_pages:
        lines = [line.strip() for line in page.split("\n") if line.strip()][:4]
        if SHORT_TITLE not in lines:
            continue
        headed += 1
        head = " ".join(line for line in lines if line != SHORT_TITLE)
        assert any(head.startswith(" ".join(s.split()[:3])) for s in sections), (
            f"a running head without its section: {lines}"
        )
    assert headed >= len(pdf_pages) * 2 / 3  # every page but the title page, contents and chapter openings


def test_no_chart_is_shrunk_below_a_readable_size(pdf_path):
    """A chart taller than a page runs over pages at the text's width (edition.chartsvg.pdf_data), so its
    type keeps its size: each chart's source line (set at the charts' smallest size) measures at least 8 pt
    from its ascender to its descender, as 6.5 pt type does, where a chart shrunk onto one page gave 4."""
    require_tools("pdftotext")
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    words = re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', layout.stdout
    )
    heights = [
        float(y1) - float(y0)
        for (y0, y1, w), (_, _, after) in zip(words, words[1:], strict=False)
        if w == "(this" and after.startswith("edition")
    ]
    assert len(heights) == 6, heights  # every chart's source line
    assert min(heights) >= 8, heights
