"""The apparatus: complete against the text, sourced, and marked in the chapters."""

from __future__ import annotations

import re
import string

import pytest
from bs4 import BeautifulSoup

from edition.apparatus import (
    bibliography_keys,
    load_citations,
    load_factual_notes,
    load_forecasts,
    load_glossary,
    load_later_events,
    load_persons_index,
    load_places,
)
from edition.extract import chapter_html

CITATION = re.compile(r"([A-Z][A-Za-z]+(?: of [A-Z][a-z]+)?) \(?(\d{4}[a-z]?)\)?")


def citations_in_text(reading_text) -> list[tuple[str, str]]:
    """(citation, anchor) for every author-date citation the text makes, found by pattern."""
    found = []
    for anchor, text in reading_text.anchor_texts().items():
        for group in re.findall(r"\(([^()]*\d{4}[a-z]?(?:, [\d–]+(?:, \d+)*)?)\)", text) + re.findall(
            r"[A-Z][a-z]+ \(\d{4}\)", text
        ):
            for part in group.split(";"):
                m = CITATION.match(part.strip())
                if m and not re.match(
                    r"(January|February|March|April|May|June|July|August|September|October|November|December)$",
                    m.group(1),
                ):
                    found.append((part.strip().split(",")[0], anchor))
    return found


def test_every_citation_in_the_text_resolves_to_works_cited(reading_text):
    listed = {(c, a) for c, a in zip(load_citations()["citation"], load_citations()["anchor"], strict=True)}
    found = citations_in_text(reading_text)
    assert len(found) >= 20
    assert set(found) <= listed
    assert set(load_citations()["key"]) <= bibliography_keys()


def test_every_acronym_in_the_text_is_in_the_glossary(reading_text):
    glossary = load_glossary()
    defined = " ".join(glossary["term"] + " " + glossary["expansion"] + " " + glossary["definition"])
    acronyms = set(re.findall(r"\b[A-Z]{2,}\b", " ".join(reading_text.anchor_texts().values())))
    assert acronyms and all(re.search(rf"\b{a}\b", defined) for a in acronyms), acronyms


def test_every_person_has_an_index_entry_with_role_and_source():
    index = load_persons_index()
    persons = index[index["kind"] == "person"]
    assert (persons["role_at_time"] != "").all() and (persons["source"] != "").all()
    assert (persons["source_role"] != "").all()


def test_forecasts_have_outcome_date_verdict_and_source():
    forecasts = load_forecasts()
    for column in ("outcome", "outcome_dates", "verdict", "sources"):
        assert (forecasts[column].str.strip() != "").all(), column
    assert (load_later_events()["first_day"].dt.year >= 2003).all()


def test_factual_notes_correct_the_two_known_date_errors():
    says = " ".join(load_factual_notes()["article_says"])
    assert "in January 2001" in says and "On 23 August 2003" in says


@pytest.mark.parametrize(
    "page,prefix,frame",
    [("persons", "person", load_persons_index), ("glossary", "term", load_glossary), ("places", "place", load_places)],
)
def test_index_pages_have_an_entry_per_row_with_sources(html_dir, page, prefix, frame):
    soup = BeautifulSoup((html_dir / "book" / "apparatus" / f"{page}.html").read_text(encoding="utf-8"), "lxml")
    entries = {f"{prefix}-{i}" for i in frame()["id"]}
    ids = {dt["id"] for dt in soup.select(f"dl.ed-index dt[id^='{prefix}-']")}
    see = {f"{i}-as-printed" for i in entries}  # cross-references from a printed form to its entry
    assert entries <= ids and ids - entries <= see
    assert soup.get_text().count("Sources:") == len(entries)


def chapter_soups(html_dir, reading_text):
    return {c: BeautifulSoup(chapter_html(html_dir, c), "lxml") for c in reading_text.chapters}


def test_every_index_entry_is_marked_once_at_its_first_mention(html_dir, reading_text):
    marks = [
        a["href"].split("#")[1]
        for soup in chapter_soups(html_dir, reading_text).values()
        for a in soup.select("sup.ed-ann a")
    ]
    expected = (
        [f"person-{i}" for i in load_persons_index()["id"]]
        + [f"term-{i}" for i in load_glossary()["id"]]
        + [f"place-{i}" for i in load_places()["id"]]
    )
    assert sorted(marks) == sorted(expected)


def test_every_citation_is_marked_and_links_to_works_cited(html_dir, reading_text):
    marks = [a["href"] for soup in chapter_soups(html_dir, reading_text).values() for a in soup.select("sup.ed-cite a")]
    assert len(marks) == len(load_citations())
    works = BeautifulSoup((html_dir / "book" / "apparatus" / "works-cited.html").read_text(encoding="utf-8"), "lxml")
    for href in marks:
        page, anchor = href.split("#")
        assert page.endswith("apparatus/works-cited.html") and works.find(id=anchor) is not None, href


def test_factual_notes_are_lettered_marks_linked_to_the_chapter_end(html_dir, reading_text):
    count = 0
    for soup in chapter_soups(html_dir, reading_text).values():
        for k, a in enumerate(soup.select("sup.ed-fn a")):
            assert a.get_text() == f"[{string.ascii_lowercase[k]}]"
            target = soup.find(id=a["href"].split("#")[1])
            assert target is not None and target.find_parent(class_="editors-notes") is not None
            count += 1
    assert count == len(load_factual_notes())


def test_citation_file_matches_the_edition_version():
    import yaml

    from edition import __version__, paths

    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["version"] == __version__
    assert cff["references"][0]["authors"][0]["family-names"] == "Mansourov"
    assert cff["references"][0]["start"] == 351


def text_since_last_link(a) -> str:
    parts = []
    for node in a.previous_siblings:
        if node.name == "a":
            break
        parts.append(node.get_text() if node.name else str(node))
    return "".join(reversed(parts))


@pytest.mark.parametrize("page", ["persons", "glossary", "places", "factual-notes", "after-2003"])
def test_each_web_source_is_cited_with_the_title_and_date_its_page_gives(html_dir, page):
    """The words before each source link cite the page: its publisher, its title (or that the stored copy
    shows none) and its date (or n.d.); a page never read says its title is not recorded."""
    from edition import paths, sources

    cited, hosts = sources.read_pages(paths.DATA), sources.read_registry(paths.DATA)
    soup = BeautifulSoup((html_dir / "book" / "apparatus" / f"{page}.html").read_text(encoding="utf-8"), "lxml")
    links = [a for a in soup.select("dl.ed-index a.reference.external") if a["href"] in cited]
    assert links, page
    for a in links:
        record, told = cited[a["href"]], text_since_last_link(a)
        assert sources.registered(a["href"], hosts).publisher in told, a["href"]
        if record.status == sources.NOT_FOUND:
            assert str(a.next_sibling).startswith(" (title not recorded"), a["href"]
            continue
        assert (f"“{record.title}”" if record.title else "[headline not in the stored copy]") in told, a["href"]
        assert told.endswith(f"{sources.long_date(record.published) if record.published else 'n.d.'}, "), told


def test_each_forecast_says_how_far_its_evidence_reaches(html_dir):
    soup = BeautifulSoup((html_dir / "book" / "apparatus" / "after-2003.html").read_text(encoding="utf-8"), "lxml")
    reaches = [
        p.get_text(" ", strip=True) for p in soup.select("dl.ed-index dd p") if "Evidence reaches:" in p.get_text()
    ]
    forecasts = load_forecasts()
    assert len(reaches) == len(forecasts)
    for said, (_, fc) in zip(reaches, forecasts.iterrows(), strict=True):
        assert f"verdict checked {fc['consulted']}" in said
        assert re.search(r"reaches: (\d{1,2} )?([A-Z][a-z]+ )?\d{4}, the latest date", said), said
