"""Cite, find and keep: the edition's identity set once, and everything that names it made from it.

Fast tier: CITATION.cff, the package's and the changelog's version, the TEI header, the
citations' formats and the paragraphs' print pages, each against edition.identity (which
reads _config.yml) or against the reading text. Build tier: every page's citation_* tags and
JSON-LD, the sitemap, the OpenGraph tags and card, the BibTeX and RIS files, the about page,
the EPUB's and the PDF's metadata; in the browser, citing a paragraph by keyboard and from the
offline zip; and every address of the previous release resolving in the new site.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from browser import axe_source, pages
from edition import cite, identity, paths, releases
from edition.export import to_tei, to_text
from edition.sphinxext.citation import CARD, CITE_DIR

TEI = "{http://www.tei-c.org/ns/1.0}"
IDENT = identity.load()
CHAPTERS = ["opening", "summit-diplomacy", "russian-views", "multilateral-prospects"]


# --- the one source, and what is made from it -------------------------------------------------------------


def test_identity_is_read_from_the_config_and_the_site_address_follows_the_repository():
    config = {
        "title": "T",
        "author": "Given Names Family",
        "repository": {"url": "https://github.com/Someone/an-edition"},
        "edition": {
            "version": "2.1.0",
            "date": datetime.date(2030, 1, 2),
            "editors": "the editors",
            "licence": "CC-BY-4.0",
            "language": "en",
            "site_url": "",
            "keywords": [],
            "article": {"title": "A", "written": "2003"},
            "print": {
                "book_title": "B",
                "book_editors": [{"family": "E", "given": "D"}],
                "chapter": 1,
                "first_page": 1,
                "last_page": 2,
            },
        },
    }
    ident = identity.from_config(config)
    assert (ident.author.family, ident.author.given, ident.author.inverted) == (
        "Family",
        "Given Names",
        "Family, Given Names",
    )
    assert ident.site_url == "https://someone.github.io/an-edition/" and ident.published
    assert ident.page_url("book/x", "p-3") == "https://someone.github.io/an-edition/v2.1.0/book/x.html#p-3"
    config["edition"]["site_url"] = "https://edition.example.org"
    assert identity.from_config(config).release_url == "https://edition.example.org/v2.1.0/"
    assert "doi" not in identity.citation_cff(ident) and not ident.doi
    config["edition"]["doi"] = "10.5281/zenodo.123"
    with_doi = identity.from_config(config)
    assert "doi: 10.5281/zenodo.123" in identity.citation_cff(with_doi).splitlines()
    edition = cite.edition_locator(with_doi)
    assert "DO  - 10.5281/zenodo.123" in cite.ris(with_doi, edition).splitlines()
    assert (
        parse_string(cite.bibtex(with_doi, edition), "bibtex").entries[edition.key].fields["doi"]
        == "10.5281/zenodo.123"
    )
    assert "https://doi.org/10.5281/zenodo.123." in cite.chicago(with_doi, edition)
    config["edition"]["version"] = "2.1"
    with pytest.raises(ValueError, match="semantic version"):
        identity.from_config(config)
    assert not IDENT.published, "the repository's address is still the placeholder OWNER: set it when publishing"


def test_citation_cff_is_made_from_the_config():
    assert identity.CITATION_CFF.read_text(encoding="utf-8") == identity.citation_cff(IDENT), (
        "CITATION.cff is stale: run python -m edition.identity"
    )


def test_package_changelog_and_config_name_the_same_version():
    from edition import __version__

    pyproject = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert __version__ == pyproject["project"]["version"] == IDENT.version
    newest = releases.recorded()[0]
    assert (newest.version, newest.date) == (IDENT.version, IDENT.date), "CHANGELOG.md's newest release"
    text = releases.CHANGELOG.read_text(encoding="utf-8")
    assert "## [Unreleased]" in text
    for version, url in re.findall(r"^\[([^\]]+)\]: (\S+)$", text, re.MULTILINE):
        assert url.startswith(IDENT.repository + "/"), version
    versions = [r.version for r in releases.recorded()]
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))), reverse=True)


def test_tei_header_names_the_identity(reading_text):
    header = ET.fromstring(to_tei(reading_text).split("\n", 1)[1]).find(f"{TEI}teiHeader")
    file_desc = header.find(f"{TEI}fileDesc")
    assert file_desc.find(f"{TEI}titleStmt/{TEI}title").text == IDENT.title
    assert file_desc.find(f"{TEI}titleStmt/{TEI}respStmt/{TEI}name").text == IDENT.editors_sentence
    assert file_desc.find(f"{TEI}editionStmt/{TEI}edition").get("n") == IDENT.version
    pub = file_desc.find(f"{TEI}publicationStmt")
    assert pub.find(f"{TEI}date").get("when") == IDENT.date.isoformat()
    assert pub.find(f"{TEI}idno").text == IDENT.release_url
    assert pub.find(f"{TEI}availability/{TEI}licence").get("target") == IDENT.licence_url
    bibl = file_desc.find(f"{TEI}sourceDesc/{TEI}bibl")
    assert [e.text for e in bibl.findall(f"{TEI}editor")] == [p.display for p in IDENT.book_editors]
    assert bibl.find(f"{TEI}title[@level='m']").text == IDENT.book_title
    assert bibl.find(f"{TEI}biblScope[@unit='page']").text == f"{IDENT.first_page}–{IDENT.last_page}"
    assert (paths.READING_TEI).read_text(encoding="utf-8") == to_tei(reading_text)


def test_print_pages_are_those_of_the_witness(reading_text):
    pages_ = [page for page, _ in reading_text.milestones()]
    assert (IDENT.first_page, IDENT.last_page) == (pages_[0], pages_[-1])


def test_each_paragraph_begins_on_the_last_page_marked_before_its_first_word(reading_text):
    """Read independently from the plain-text export, where [p. 356] stands where the page begins."""
    text = to_text(reading_text)
    found = cite.paragraph_pages(reading_text)
    assert sorted(found) == [b.n for b in reading_text.paragraphs]
    for n, page in found.items():
        start = text.index(f"\n¶ {n}  ") + len(f"\n¶ {n}  ")
        before = re.findall(r"\[p\. (\d+)\]", text[:start])
        opening = re.match(r"\[p\. (\d+)\]", text[start:])
        assert page == int(opening[1] if opening else before[-1]), n
    assert found[15] == 356 and found[14] == 355  # ¶ 14 runs over onto p. 356, where ¶ 15 begins


def test_a_paragraph_citation_names_page_paragraph_version_and_address():
    template = cite.paragraph_template(IDENT, "book/article/summit-diplomacy")
    by_style = {s["id"]: s["text"] for s in cite.styles(IDENT, template)}
    assert set(by_style) >= {"chicago", "mla", "bibtex", "ris"}

    def fill(text):
        return text.replace(cite.TOKENS["page"], "356").replace(cite.TOKENS["para"], "15")

    url = IDENT.page_url("book/article/summit-diplomacy", "p-15")
    chicago, mla = fill(by_style["chicago"]), fill(by_style["mla"])
    assert chicago.startswith(f"({IDENT.author.family} {IDENT.date.year}, 356, para. 15)\n")
    assert f"version {IDENT.version}" in chicago and url in chicago
    assert "p. 356, par. 15" in mla and f"version {IDENT.version}" in mla and url.removeprefix("https://") in mla
    entry = parse_string(fill(by_style["bibtex"]), "bibtex").entries[f"mansourov-edition-{IDENT.version}-p15"]
    assert entry.type == "incollection" and entry.fields["pages"] == "356" and entry.fields["url"] == url
    assert entry.fields["version"] == IDENT.version and entry.fields["booktitle"] == IDENT.book_title
    ris = dict(line.split("  - ", 1) for line in fill(by_style["ris"]).splitlines() if line.strip() != "ER  -")
    assert (ris["TY"], ris["SP"], ris["ET"], ris["UR"]) == ("CHAP", "356", IDENT.version, url)


def test_chapter_and_edition_records_parse(reading_text):
    for chapter in CHAPTERS:
        loc = cite.chapter_locator(IDENT, reading_text, chapter, f"book/article/{chapter}")
        entry = parse_string(cite.bibtex(IDENT, loc), "bibtex").entries[loc.key]
        first, last = cite.chapter_pages(reading_text)[chapter]
        assert entry.fields["pages"] == (f"{first}--{last}" if first != last else str(first))
        assert [str(p) for p in entry.persons["editor"]] == [p.inverted for p in IDENT.book_editors]
        assert IDENT.first_page <= first <= last <= IDENT.last_page
    edition = cite.edition_locator(IDENT)
    entry = parse_string(cite.bibtex(IDENT, edition), "bibtex").entries[edition.key]
    assert entry.fields["url"] == IDENT.release_url and entry.fields["version"] == IDENT.version
    lines = cite.ris(IDENT, edition).split("\r\n")
    assert (
        lines[0] == "TY  - ELEC"
        and lines[-2] == "ER  - "
        and all(re.match(r"[A-Z][A-Z0-9]  - ", x) for x in lines[:-1])
    )


# --- the built site ---------------------------------------------------------------------------------------


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_pages(html_dir: Path) -> list[str]:
    """Every page Sphinx wrote (the root index.html is site.py's redirect to the title page)."""
    return [p for p in pages(html_dir) if p != "index.html"]


def documents(html_dir: Path) -> list[str]:
    """The pages made from a source document (not Sphinx's search page and general index)."""
    return [p for p in site_pages(html_dir) if p not in ("search.html", "genindex.html")]


def test_every_page_carries_citation_tags_and_json_ld_from_the_identity(html_dir):
    from edition import downloads

    pdf = "mansourov-edition.pdf" in downloads.available(html_dir.parent)
    for path in site_pages(html_dir):
        docname = path.removesuffix(".html")
        head = soup(html_dir / path).head
        tags: dict[str, list[str]] = {}
        for meta in head.find_all("meta", attrs={"name": re.compile("^citation_")}):
            tags.setdefault(meta["name"], []).append(meta["content"])
        # Zotero's Embedded Metadata translator: citation_book_title makes a "bookSection"; no journal title.
        assert "citation_journal_title" not in tags and "citation_publisher" not in tags, path
        assert tags["citation_book_title"] == [IDENT.book_title], path
        assert tags["citation_title"] == [IDENT.title]
        assert tags["citation_author"] == [IDENT.author.inverted]
        assert tags["citation_editor"] == [p.inverted for p in IDENT.book_editors]
        assert tags["citation_date"] == [IDENT.date.strftime("%Y/%m/%d")]
        assert (tags["citation_firstpage"], tags["citation_lastpage"]) == (
            [str(IDENT.first_page)],
            [str(IDENT.last_page)],
        )
        assert tags["citation_language"] == [IDENT.language]
        assert tags["citation_public_url"] == [IDENT.page_url(docname)]
        assert tags.get("citation_pdf_url") == (
            [f"{IDENT.release_url}downloads/mansourov-edition.pdf"] if pdf else None
        )
        graph = json.loads(head.find("script", type="application/ld+json").string)["@graph"]
        article = next(g for g in graph if g["@type"] == "ScholarlyArticle")
        edition = next(g for g in graph if g["@type"] == "CreativeWork")
        assert article["name"] == IDENT.title and article["url"] == IDENT.page_url(docname)
        chapter = article["isBasedOn"]
        assert chapter["@type"] == "Chapter" and chapter["isPartOf"]["name"] == IDENT.book_title
        assert (chapter["pageStart"], chapter["pageEnd"]) == (IDENT.first_page, IDENT.last_page)
        assert [e["name"] for e in chapter["isPartOf"]["editor"]] == [p.display for p in IDENT.book_editors]
        assert article["isPartOf"]["@id"] == edition["@id"] == IDENT.release_url
        assert (edition["version"], edition["datePublished"]) == (IDENT.version, IDENT.date.isoformat())
        assert edition["license"] == IDENT.licence_url and edition["editor"]["name"] == IDENT.editors_sentence
        assert (
            soup(html_dir / path)
            .find("p", class_="ed-version")
            .get_text(" ", strip=True)
            .startswith(f"Version {IDENT.version} ({IDENT.date.isoformat()})")
        ), path


def test_sitemap_lists_every_page_at_the_sites_address(html_dir):
    root = ET.parse(html_dir / "sitemap.xml").getroot()
    locs = {e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    expected = {IDENT.site_url + p for p in documents(html_dir)}
    assert locs == expected


def test_link_previews_have_a_title_a_description_and_the_drawn_card(html_dir):
    from PIL import Image

    with Image.open(html_dir / CARD) as card:
        assert card.size == (1200, 630) and card.format == "PNG"
        assert len(card.convert("L").getcolors(maxcolors=4096) or ()) > 10  # drawn text, not a blank
    for path in documents(html_dir):
        head = soup(html_dir / path).head
        og = {m["property"]: m["content"] for m in head.find_all("meta", property=re.compile("^og:"))}
        assert og["og:image"] == IDENT.site_url + CARD and og["og:image:alt"], path
        assert og["og:title"] and og["og:url"] == IDENT.site_url + path
        assert og["og:description"] == head.find("meta", attrs={"name": "description"})["content"], path
        assert not og["og:description"][0].isdigit(), f"{path}: the description begins with a paragraph number"
    head = soup(html_dir / "book/article/summit-diplomacy.html").head
    assert head.find("meta", property="og:description")["content"].startswith("“Summit Diplomacy in the 2000s” (¶ 8–29")


def test_bibtex_and_ris_files_for_the_edition_and_each_chapter(html_dir, reading_text):
    for name in ["edition", *CHAPTERS]:
        bib = parse_string((html_dir / CITE_DIR / f"{name}.bib").read_text(encoding="utf-8"), "bibtex")
        (entry,) = bib.entries.values()
        assert entry.fields["version"] == IDENT.version
        ris = (html_dir / CITE_DIR / f"{name}.ris").read_bytes().decode("utf-8")
        assert ris.startswith("TY  - ") and ris.endswith("ER  - \r\n") and f"ET  - {IDENT.version}" in ris
        if name != "edition":
            assert entry.fields["url"] == IDENT.page_url(f"book/article/{name}")
    about = soup(html_dir / "book/about.html")
    hrefs = {a["href"] for a in about.select("#edition-citations a")}
    assert {f"../{CITE_DIR}/{n}.{e}" for n in ["edition", *CHAPTERS] for e in ("bib", "ris")} <= hrefs


def test_about_page_cites_from_the_identity_and_lists_the_versions(html_dir):
    about = soup(html_dir / "book/about.html")
    chicago = [p.get_text("", strip=False) for p in about.select("#edition-citations p.ed-citation-chicago")]
    in_text, entry = cite.plain(cite.chicago(IDENT, cite.edition_locator(IDENT))).split("\n")
    expected = f"Chicago (author-date): in the text {in_text}; in the list of references, {entry}"
    assert " ".join(chicago[0].split()) == " ".join(expected.split())
    assert "…" not in about.find(id="how-to-cite").get_text()
    versions = about.select("ul.ed-versions a")
    assert [a["href"] for a in versions] == [f"{IDENT.site_url}{r.tag}/" for r in releases.recorded()]


def test_epub_metadata_from_the_identity(epub_path):
    with zipfile.ZipFile(epub_path) as z:
        opf = BeautifulSoup(z.read("content.opf").decode("utf-8"), "xml").find("metadata")
    assert opf.find("identifier").get_text() == IDENT.release_url
    assert opf.find("creator").get_text() == IDENT.author.display
    assert opf.find("publisher").get_text() == IDENT.editors_sentence
    assert IDENT.licence in opf.find("rights").get_text()


def test_pdf_document_information_from_the_identity(pdf_path):
    from pypdf import PdfReader

    info = PdfReader(pdf_path).metadata
    assert info.title == IDENT.edition_title and info.author == IDENT.author.display
    assert f"version {IDENT.version}" in info.subject and IDENT.date.isoformat() in info.subject
    assert info["/Keywords"] == ", ".join(IDENT.keywords)


# --- in the browser ---------------------------------------------------------------------------------------


def open_citation(page, n: int):
    button = page.get_by_role("button", name=f"Cite paragraph {n}")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=f"Cite paragraph {n}")
    dialog.wait_for()
    return button, dialog


@pytest.mark.browser_context_args(permissions=["clipboard-read", "clipboard-write"])
def test_cite_a_paragraph_by_keyboard_and_copy_it(page):
    page.goto("book/article/summit-diplomacy.html", wait_until="networkidle")
    assert page.locator("article.bd-article button.ed.ed-cite-open").count() == 22  # ¶ 8–29
    button, dialog = open_citation(page, 15)
    assert (
        dialog.locator(".ed-cite-where").inner_text()
        == f"¶ 15, which begins on print page 356; version {IDENT.version}."
    )
    assert page.evaluate("document.activeElement.name") == "ed-cite-style"
    page.keyboard.press("ArrowRight")  # the next style: MLA
    assert dialog.get_by_role("radio", name="MLA (9th ed.)").is_checked()
    dialog.get_by_role("button", name="Copy citation").focus()
    page.keyboard.press("Enter")
    dialog.get_by_role("status").filter(has_text="Copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "p. 356, par. 15" in copied and f"version {IDENT.version}" in copied
    assert IDENT.page_url("book/article/summit-diplomacy", "p-15").removeprefix("https://") in copied
    page.add_script_tag(content=axe_source())
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    assert [v["id"] for v in violations] == []
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite paragraph 15"
    page.reload(wait_until="networkidle")  # the style chosen is remembered
    _, dialog = open_citation(page, 9)
    assert dialog.get_by_role("radio", name="MLA (9th ed.)").is_checked()
    assert "p. 353, par. 9" in dialog.locator(".ed-cite-output").inner_text()


def test_the_citation_buttons_leave_the_authors_words_as_they_are(page, reading_text):
    """With cite.js run, the article's rule (remove .ed and Sphinx's furniture) still gives the author's text."""
    from edition.extract import differences, expected_blocks, html_blocks

    for chapter in CHAPTERS:
        page.goto(f"book/article/{chapter}.html", wait_until="networkidle")
        assert page.locator("button.ed-cite-open").count() > 0
        assert differences(expected_blocks(reading_text, chapter), html_blocks(page.content())) == [], chapter


def test_cite_works_from_the_offline_zip(new_context, html_dir, tmp_path):
    from edition import downloads

    with zipfile.ZipFile(html_dir / downloads.DIR / downloads.OFFLINE_ZIP) as z:
        z.extractall(tmp_path)
    page = new_context().new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((tmp_path / "edition/book/article/opening.html").as_uri())
    _, dialog = open_citation(page, 4)
    assert "352, para. 4" in dialog.locator(".ed-cite-output").inner_text()
    files = dialog.locator(".ed-cite-files a[download]")
    assert files.count() == 4
    for k in range(4):
        href = files.nth(k).get_attribute("href")
        assert (tmp_path / "edition/book/article" / href).resolve().is_file(), href
    assert all(r.startswith("file:") for r in requests)


# --- stable addresses -------------------------------------------------------------------------------------


def editorial_ids(path: Path) -> set[str]:
    """The anchors a citation names: paragraphs, print pages, notes."""
    return {e["id"] for e in soup(path).find_all(id=re.compile(r"^(p|page|note)-\d+$"))}


def resolve(site: Path, page: str) -> Path | None:
    """The page a URL of the site lands on: itself, or the target of its redirect (sphinx-reredirects)."""
    path = site / page
    if not path.is_file():
        return None
    refresh = soup(path).find("meta", attrs={"http-equiv": "refresh"})
    if refresh and page != "index.html":
        target = refresh["content"].split("url=", 1)[1].split("#")[0]
        return resolve(site, (Path(page).parent / target).as_posix())
    return path


def test_every_address_of_the_previous_release_resolves_in_this_one(html_dir, tmp_path_factory):
    previous = releases.previous(IDENT.version)
    old = releases.build_site(previous, tmp_path_factory.mktemp("previous-release"))
    old_pages = pages(old)
    assert "book/article/summit-diplomacy.html" in old_pages
    missing = []
    for page in old_pages:
        target = resolve(html_dir, page)
        if target is None:
            missing.append(page)
            continue
        lost = editorial_ids(old / page) - editorial_ids(target)
        missing += [f"{page}#{i}" for i in sorted(lost)]
    assert missing == [], f"addresses of {previous} that the new site lost: add redirects in _config.yml"


def test_previous_release_is_the_newest_tag_up_to_this_version(tmp_path):
    import subprocess

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "first")
    assert releases.previous("1.0.0", tmp_path) == releases.BEFORE_FIRST_RELEASE
    for tag in ("v1.0.0", "v1.2.0", "v1.10.0", "v2.0.0", "not-a-release"):
        git("tag", tag)
    assert releases.previous("1.10.0", tmp_path) == "v1.10.0"
    assert releases.previous("1.9.1", tmp_path) == "v1.2.0"
    assert set(releases.tags(tmp_path)) == {"v1.0.0", "v1.2.0", "v1.10.0", "v2.0.0"}


def test_publishing_builds_every_release_tags_own_copy():
    """As GitHub reads the workflow: a tag triggers it, and the deployed site holds each tag's copy."""
    import yaml

    workflow = yaml.safe_load((paths.ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    ci_build = next(k for k, run in enumerate(runs) if "bash .ci/build" in run)
    copies = next(k for k, run in enumerate(runs) if "python -m edition.releases _build/html" in run)
    upload = next(k for k, step in enumerate(build) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert ci_build < copies < upload
    for job in ("test", "build"):  # the tags, and the commit before the first release, are in the history
        checkout = next(s for s in workflow["jobs"][job]["steps"] if s.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0
