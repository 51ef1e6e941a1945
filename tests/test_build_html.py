"""The HTML build: strict, and faithful to the reading text by the documented rule."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from edition.build import build_book, copy_book
from edition.extract import chapter_html, differences, expected_blocks, html_blocks, milestone_next_words


def test_author_text_in_html_equals_reading_text(html_dir, reading_text):
    for chapter in reading_text.chapters:
        found = html_blocks(chapter_html(html_dir, chapter))
        assert differences(expected_blocks(reading_text, chapter), found) == [], chapter


@pytest.mark.build  # starts a build of a changed copy of the book
def test_a_changed_word_in_a_chapter_stops_the_build(tmp_path):
    """Change a word of a paragraph and of a note in a chapter: the build refuses, naming both."""
    source = copy_book(tmp_path / "src")
    for chapter, old, new in (
        ("russian-views", "totalitarian in nature", "authoritarian in nature"),
        ("summit-diplomacy", "363 votes", "336 votes"),
    ):
        page = source / "book" / "article" / f"{chapter}.md"
        page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    proc = build_book(source, tmp_path / "out", "html")
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "book/article/russian-views.md: p-32: word " in log and "'authoritarian in nature," in log
    assert "book/article/summit-diplomacy.md: note-1: word " in log and "'336 votes" in log
    assert not (tmp_path / "out" / "_build" / "html" / "book" / "article" / "russian-views.html").exists()


def soup(html_dir, chapter):
    return BeautifulSoup(chapter_html(html_dir, chapter), "lxml")


def test_notes_are_linked_both_ways(html_dir, reading_text):
    seen = []
    for chapter in reading_text.chapters:
        page = soup(html_dir, chapter)
        for ref in page.select("a.footnote-reference"):
            n = ref.get_text().strip("[]")
            note = page.select_one(f"aside.footnote#note-{n}")
            assert ref["href"] == f"#note-{n}" and ref["id"] == f"note-ref-{n}"
            assert note is not None, n
            assert note.select_one(f'a[role="doc-backlink"][href="#note-ref-{n}"]') is not None, n
            seen.append(int(n))
    assert seen == list(range(1, 13))


def test_paragraph_numbers_are_continuous_and_linkable(html_dir, reading_text):
    numbers = []
    for chapter in reading_text.chapters:
        for a in soup(html_dir, chapter).select("a.ed-pn"):
            assert a["href"] == f"#{a['id']}" == f"#p-{a.get_text()}"
            numbers.append(int(a.get_text()))
    assert numbers == [b.n for b in reading_text.paragraphs] == list(range(1, 47))


def test_page_milestones_in_order_at_the_right_word(html_dir, reading_text):
    expected = milestone_next_words(reading_text)
    pages = []
    for chapter in reading_text.chapters:
        for a in soup(html_dir, chapter).select("a.ed-pb"):
            page = int(re.search(r"\d+", a.get_text()).group())
            assert a["id"] == f"page-{page}" and a["href"] == f"#page-{page}"
            following = next(
                s for s in a.find_all_next(string=True) if s.strip() and not s.find_parent(class_=["ed", "headerlink"])
            )
            assert following.split()[0] == expected[page], page
            pages.append(page)
    assert pages == list(range(351, 366))


def test_about_page_counts_come_from_the_text(html_dir, reading_text):
    about = BeautifulSoup((html_dir / "book" / "about.html").read_text(encoding="utf-8"), "lxml").get_text(" ")
    about = re.sub(r"\s+", " ", about)
    c = reading_text.counts
    assert f"{c['hyphens_joined']} hyphens divide a word" in about
    assert f"{c['hyphens_kept']} are real hyphens" in about
    assert f"{c['paragraphs']} paragraphs, numbered continuously" in about
    assert f"The author's {c['notes']} notes" in about


def test_downloads_are_the_committed_reading_text(html_dir):
    from edition import paths

    for source in (paths.READING_TEXT, paths.READING_TEI):
        copies = list((html_dir / "_downloads").rglob(source.name))
        assert len(copies) == 1 and copies[0].read_bytes() == source.read_bytes()


def test_editorial_elements_are_all_marked(html_dir, reading_text):
    """Paragraph numbers and milestones never appear without the class ed."""
    for chapter in reading_text.chapters:
        page = soup(html_dir, chapter)
        for el in page.select("[id^=p-], [id^=page-]"):
            assert "ed" in el.get("class", []), el


def test_every_figure_has_alt_text_and_a_caption(html_dir):
    """Every figure is a chart inline as SVG (no picture of one), named by its alt text, captioned, editorial."""
    charts = 0
    for page in (html_dir / "book").rglob("*.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article")
        assert not article.select("figure img"), f"{page.name}: a figure as a picture, not inline SVG"
        for figure in article.select("figure"):
            svg = figure.select_one("svg.chart-svg")
            assert svg is not None, f"{page.name}: a figure without its chart"
            assert svg.get("role") == "graphics-document" and len(svg.get("aria-label", "")) > 40, (
                f"{page.name}: chart without alt text"
            )
            assert figure.figcaption.get_text(strip=True), f"{page.name}: chart without caption"
            assert "ed" in figure.find_parent("div", class_="cell")["class"], (
                f"{page.name}: figure not marked editorial"
            )
            table = figure.select_one("details.chart-data table")
            assert table.caption.get_text(strip=True) and table.select("th[scope=col]"), f"{page.name}: no data table"
            charts += 1
    assert charts == 6  # timeline, delegation sectors and posts, stance matrix; forecasts, timeline with later events


def test_glued_numbers_come_from_the_data(html_dir):
    from edition.data import load_events

    text = BeautifulSoup(chapter_html(html_dir, "summit-diplomacy"), "lxml").get_text(" ")
    assert f"mentions {len(load_events())} dated events" in re.sub(r"\s+", " ", text)


def test_widget_pages_load_the_vendored_manager_and_only_they_do(html_dir):
    for page in html_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        scripts = [s.get("src", "") for s in BeautifulSoup(html, "lxml").select("script[src]")]
        has_widgets = "application/vnd.jupyter.widget-state+json" in html
        vendored = [s for s in scripts if "_vendor/npm/" in s]
        assert bool(vendored) == has_widgets, page.name
        assert not [s for s in scripts if s.startswith(("http:", "https:", "//"))], page.name
        for src in vendored:
            assert (page.parent / src.split("?")[0]).resolve().is_file(), src
    assert len([p for p in html_dir.rglob("*.html") if "widget-state+json" in p.read_text(encoding="utf-8")]) == 3


def test_the_root_page_redirects_to_the_title_page_and_names_its_icon(html_dir):
    """Without an icon link Chromium asks for /favicon.ico (a 404); a real icon's request the redirect aborts."""
    soup = BeautifulSoup((html_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    target = soup.select_one('meta[http-equiv="Refresh"]')["content"].split("url=", 1)[1]
    assert (html_dir / target).is_file() and target == "book/index.html"
    assert soup.select_one('link[rel="icon"]')["href"].startswith("data:")  # nothing to fetch
    assert soup.title.get_text()
