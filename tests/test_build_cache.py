"""The execution cache (edition.sphinxext.execution), in both directions, on a copy of the book built twice.

A sentence of editorial prose changed: its page is read again, and no kernel starts (the
build's log names no execution, and jupyter-cache's records stay as they were). A data row
changed: the notebooks run again, and the rebuilt pages show the new row (the explorer lists
the new label, the timeline is a new picture). Each test compares with the copy as the
previous build left it, so they hold in either order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.build import build_book, copy_book

pytestmark = pytest.mark.build

CHART_CHAPTER = "book/article/summit-diplomacy"
EXECUTIONS = re.compile(r"Executing notebook|edition: executed ")  # myst-nb's, the edition's


class Book:
    """A copy of the book, and its HTML build."""

    def __init__(self, root: Path) -> None:
        self.source = copy_book(root / "src")
        self.out = root / "out"
        self.log = ""

    def build(self) -> str:
        proc = build_book(self.source, self.out, "html")
        self.log = proc.stdout + proc.stderr
        assert proc.returncode == 0, self.log[-3000:]
        return self.log

    def page(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / "_build" / "html" / f"{docname}.html").read_text(encoding="utf-8"), "lxml")

    def charts(self, docname: str) -> list[str]:
        """The page's charts as drawn: the markup of each inline SVG (edition.chartsvg)."""
        return [str(svg) for svg in self.page(docname).select("article svg.chart-svg")]

    def cache_records(self) -> list[tuple]:
        from jupyter_cache import get_cache

        folder = re.search(r"edition: execution cache (\S+)", self.log).group(1)  # the last build's
        return sorted((r.pk, r.hashkey, r.created) for r in get_cache(self.source / folder).list_cache_records())


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Book:
    book = Book(tmp_path_factory.mktemp("cache"))
    assert EXECUTIONS.search(book.build()), "a first build executes the notebooks"
    return book


def test_a_prose_edit_reads_its_page_again_and_starts_no_kernel(book):
    chapter = book.source / f"{CHART_CHAPTER}.md"
    text = chapter.read_text(encoding="utf-8")
    old, new = "**Editors’ figure.** The article mentions", "**Editors’ figure.** The article names"
    assert old in text.split("% BEGIN author's text", 1)[1].split("% END author's text", 1)[1], "outside a fence"
    records, charts = book.cache_records(), book.charts(CHART_CHAPTER)
    apparatus = book.out / "_build" / "html" / "book" / "apparatus"
    scripts = [apparatus / f"{name}.popovers.js" for name in ("persons", "places", "fact-checks")]
    assert all(f"{CHART_CHAPTER.rsplit('/', 1)[1]}.html#p-" in s.read_text(encoding="utf-8") for s in scripts)
    before = [(s.stat().st_mtime_ns, s.read_bytes()) for s in scripts]  # their popovers open ¶ of the chapter
    chapter.write_text(text.replace(old, new, 1), encoding="utf-8")
    log = book.build()
    # The edit changed nothing the other pages' popovers show: theirs are not made again.
    assert [(s.stat().st_mtime_ns, s.read_bytes()) for s in scripts] == before
    assert "The article names" in book.page(CHART_CHAPTER).get_text()
    assert re.search(r"updating environment: \S*\s*0 added, 1 changed, 0 removed", log)
    assert not EXECUTIONS.findall(log), "no notebook is executed"
    assert book.cache_records() == records
    assert book.charts(CHART_CHAPTER) == charts and charts, "the charts come from the cache, unchanged"


def test_a_data_change_runs_the_notebooks_again_and_the_pages_show_it(book):
    events = book.source / "data" / "events.csv"
    rows = events.read_text(encoding="utf-8")
    old = "ev-1904-russo-japanese-war,Russo-Japanese War fought partly on the Korean peninsula,war,"
    new = "ev-1904-russo-japanese-war,Russo-Japanese War (relabelled by the cache test),diplomacy,"
    assert old in rows
    timeline_before = book.charts(CHART_CHAPTER)
    assert "relabelled by the cache test" not in book.page("notebooks/events-explorer").decode()
    events.write_text(rows.replace(old, new, 1), encoding="utf-8")
    log = book.build()
    assert "edition: executing 6 notebook(s)" in log
    assert "relabelled by the cache test" in book.page("notebooks/events-explorer").decode()
    timeline_after = book.charts(CHART_CHAPTER)
    assert timeline_after[0] != timeline_before[0], "the timeline, drawn from the changed row, is a new picture"
    assert "relabelled by the cache test" in timeline_after[0]  # the mark names the changed event
