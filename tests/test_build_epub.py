"""The EPUB: built from the same sources, valid under epubcheck, with the whole article.

Debian's /usr/bin/epubcheck is the jar itself, run through binfmt (jarwrapper); where
binfmt is not registered (containers) it cannot be executed, so the test runs it with
java -jar.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import require_tools

OPF = "content.opf"


@pytest.fixture(scope="module")
def epub(epub_path) -> dict[str, str]:
    """The EPUB's text files by name."""
    with zipfile.ZipFile(epub_path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))}


def xml(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "xml")


def test_epubcheck_finds_no_error_and_no_warning(epub_path):
    require_tools("epubcheck", "java")
    jar = Path(shutil.which("epubcheck")).resolve()
    proc = subprocess.run(["java", "-jar", str(jar), str(epub_path)], capture_output=True, text=True, timeout=300)
    report = proc.stdout + proc.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report[-5000:]
    assert proc.returncode == 0


def test_metadata_names_the_edition_and_the_author(epub):
    metadata = xml(epub[OPF]).find("metadata")
    assert metadata.find("title").get_text().startswith("Russian–North Korean Relations")
    assert metadata.find("creator").get_text() == "Alexandre Y. Mansourov"
    assert metadata.find("language").get_text() == "en"


def test_reading_order_holds_every_page_of_the_table_of_contents(epub):
    package = xml(epub[OPF])
    hrefs = {item["id"]: item["href"] for item in package.find_all("item")}
    spine = [hrefs[ref["idref"]] for ref in package.find("spine").find_all("itemref")]
    chapters = ["opening", "summit-diplomacy", "russian-views", "multilateral-prospects"]
    article = [h for h in spine if h.startswith("book/article/")]
    assert article == [f"book/article/{c}.xhtml" for c in chapters]
    assert {"notebooks/events-explorer.xhtml", "book/apparatus/after-2003.xhtml"} <= set(spine)
    nav = re.findall(r'href="([^"#]+)"', epub["nav.xhtml"])
    assert nav[:1] == ["book/index.xhtml"] and set(spine) - {"genindex.xhtml"} == set(nav)


def test_the_article_has_its_46_paragraphs_and_12_notes(epub, reading_text):
    numbers, notes = [], []
    for chapter in reading_text.chapters:
        page = BeautifulSoup(epub[f"book/article/{chapter}.xhtml"], "lxml")
        numbers += [int(a.get_text()) for a in page.select("a.ed-pn")]
        notes += [int(n["id"].split("-")[1]) for n in page.select("aside.footnote[id^=note-]")]
    assert numbers == [p.n for p in reading_text.paragraphs] == list(range(1, 47))
    assert notes == list(range(1, 13))


def test_no_page_has_a_script_and_explorers_say_where_they_work(epub):
    for name, text in epub.items():
        assert "<script" not in text, name
    for name in ("events", "delegations", "stances"):
        assert "works in the web edition" in epub[f"notebooks/{name}-explorer.xhtml"], name
