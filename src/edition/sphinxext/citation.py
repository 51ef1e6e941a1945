"""What citations and finding aids need, all from edition.identity (set once in _config.yml): HTML site, EPUB, PDF.

- Every page of the site: Highwire Press citation_* meta tags for the article as edited here
  (so Zotero saves a "Book Section": citation_book_title decides it), schema.org JSON-LD
  (a ScholarlyArticle based on the print chapter, part of the edition's CreativeWork with its
  version), Open Graph tags for link previews (the page's title, address and description, and
  the card the build draws) and the site's address for sphinx-sitemap. The Open Graph tags are
  the edition's own: sphinxext-opengraph, which wrote them before, imports matplotlib's pyplot
  for its social cards at every build, a second of every build for a card the edition draws itself.
- Every chapter of the article: the data of its paragraphs' citations (a JSON block in the
  head: the print page each paragraph begins on, one template per style), which cite.js
  offers beside each paragraph number; nothing is fetched, so it works from the offline zip.
- Files: cite/edition.bib, .ris and cite/CHAPTER.bib, .ris; _static/edition-card.png, the
  preview card (edition.card).
- The footer of every page names the version and links "About this edition" (template
  edition-version.html); the about page's directives edition-citation and edition-versions.
- EPUB metadata (epub_*) and the PDF's document information (hyperref's pdfinfo).
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import cite, downloads, identity, releases
from ..card import draw
from ..text import establish_from_files
from .common import is_site

ARTICLE = "book/article/"
CITE_DIR = "cite"
CARD = "_static/edition-card.png"
FOOTER_ITEMS = ["author.html", "copyright.html", "last-updated.html", "edition-version.html", "extra-footer.html"]


def _latex_escape(text: str) -> str:
    return "".join("\\" + c if c in "&%$#_{}" else c for c in text)


def configure(app: Sphinx, config) -> None:
    ident = identity.load()
    config.html_baseurl = ident.site_url
    config.copyright = (
        f"{ident.editors} (the edition's material, {ident.licence}); the article: its author and publisher"
    )
    config.html_context = {
        **(config.html_context or {}),
        "edition_version": ident.version,
        "edition_date": ident.date.isoformat(),
    }
    options = dict(config.html_theme_options or {})
    options.setdefault("footer_content_items", FOOTER_ITEMS)
    config.html_theme_options = options
    # sphinx-sitemap: one language, no version folder in the addresses of the current site.
    config.sitemap_url_scheme = "{link}"
    config.sitemap_locales = [None]
    config.sitemap_excludes = ["search.html", "genindex.html"]
    # The EPUB's metadata.
    config.epub_author = ident.author.display
    config.epub_publisher = ident.editors_sentence
    config.epub_contributor = ident.editors_sentence
    config.epub_copyright = f"the article: its author and publisher; the edition's material: {ident.licence}"
    config.epub_identifier = ident.release_url
    config.epub_scheme = "URL"
    # The PDF's document information, set once the document begins; Sphinx's title page sets the same title
    # (the edition's, from _config.yml: title) and author again.
    info = {
        "pdftitle": ident.edition_title,
        "pdfauthor": ident.author.display,
        "pdfsubject": f"A digital edition by {ident.editors}, version {ident.version}, {ident.date.isoformat()}",
        "pdfkeywords": ", ".join(ident.keywords),
    }
    pdfinfo = ",\n  ".join(f"{k}={{{_latex_escape(v)}}}" for k, v in info.items())
    config.latex_elements = dict(config.latex_elements or {})
    config.latex_elements["preamble"] = (
        config.latex_elements.get("preamble", "") + f"\n\\AtBeginDocument{{\\hypersetup{{\n  {pdfinfo}}}}}\n"
    )


def highwire(ident: identity.Identity, docname: str, pdf_url: str | None) -> list[tuple[str, str]]:
    """The citation_* tags: the article, in the print volume, as this edition gives it."""
    tags = [
        ("citation_title", ident.title),
        ("citation_author", ident.author.inverted),
        *[("citation_editor", p.inverted) for p in ident.book_editors],
        ("citation_book_title", ident.book_title),
        ("citation_date", ident.date.strftime("%Y/%m/%d")),
        ("citation_firstpage", str(ident.first_page)),
        ("citation_lastpage", str(ident.last_page)),
        ("citation_language", ident.language),
        ("citation_public_url", ident.page_url(docname)),
        ("citation_keywords", "; ".join(ident.keywords)),
    ]
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    if ident.doi:
        tags.append(("citation_doi", ident.doi))
    return tags


def _person(p: identity.Person) -> dict:
    return {"@type": "Person", "name": p.display, "familyName": p.family, "givenName": p.given}


def json_ld(ident: identity.Identity, docname: str) -> dict:
    edition_id = ident.release_url
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "ScholarlyArticle",
                "@id": f"{edition_id}#article",
                "headline": ident.title,
                "name": ident.title,
                "author": _person(ident.author),
                "inLanguage": ident.language,
                "url": ident.page_url(docname),
                "pageStart": ident.first_page,
                "pageEnd": ident.last_page,
                "isPartOf": {"@id": edition_id},
                "isBasedOn": {
                    "@type": "Chapter",
                    "name": ident.title,
                    "author": _person(ident.author),
                    "position": ident.chapter,
                    "pageStart": ident.first_page,
                    "pageEnd": ident.last_page,
                    "isPartOf": {
                        "@type": "Book",
                        "name": ident.book_title,
                        "editor": [_person(p) for p in ident.book_editors],
                    },
                },
            },
            {
                "@type": "CreativeWork",
                "@id": edition_id,
                "name": ident.edition_title,
                "version": ident.version,
                "datePublished": ident.date.isoformat(),
                "editor": {"@type": "Organization", "name": ident.editors_sentence},
                "license": ident.licence_url,
                "inLanguage": ident.language,
                "keywords": list(ident.keywords),
                "url": ident.release_url,
                **({"identifier": f"https://doi.org/{ident.doi}"} if ident.doi else {}),
                "hasPart": {"@id": f"{edition_id}#article"},
            },
        ],
    }


def _script_json(data: dict) -> str:
    """JSON that cannot close the <script> it stands in."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _chapter(docname: str) -> str:
    return docname.removeprefix(ARTICLE) if docname.startswith(ARTICLE) else ""


def cite_data(app: Sphinx, ident: identity.Identity, docname: str) -> dict:
    """What cite.js needs on an article page: its paragraphs' first pages, the style templates, the files."""
    rt = _reading_text(app)
    chapter = _chapter(docname)
    pages = cite.paragraph_pages(rt)
    here = posixpath.dirname(docname) or "."

    def href(name: str) -> str:
        return posixpath.relpath(f"{CITE_DIR}/{name}", here)

    return {
        "version": ident.version,
        "tokens": cite.TOKENS,
        "paragraphs": {str(b.n): pages[b.n] for b in rt.paragraphs if b.chapter == chapter},
        "styles": cite.styles(ident, cite.paragraph_template(ident, docname)),
        "files": [
            {"label": "This section as BibTeX", "href": href(f"{chapter}.bib")},
            {"label": "This section as RIS", "href": href(f"{chapter}.ris")},
            {"label": "The edition as BibTeX", "href": href("edition.bib")},
            {"label": "The edition as RIS", "href": href("edition.ris")},
        ],
        "about": posixpath.relpath("book/about.html", here) + "#how-to-cite",
    }


def _reading_text(app: Sphinx):
    if not hasattr(app.env, "edition_reading_text"):
        app.env.edition_reading_text = establish_from_files()
    return app.env.edition_reading_text


def description(app: Sphinx, ident: identity.Identity, pagename: str, title: str) -> str:
    """The page's description for search engines and link previews (not its first words, which on the
    article's pages begin with a paragraph number)."""
    rt = _reading_text(app)
    work = f"{ident.author.display}, “{ident.title}”, a digital edition, version {ident.version}"
    chapter = _chapter(pagename)
    if chapter in rt.chapters:
        numbers = [b.n for b in rt.paragraphs if b.chapter == chapter]
        first, last = cite.chapter_pages(rt)[chapter]
        return (
            f"“{cite.chapter_titles(rt, ident)[chapter]}” (¶ {numbers[0]}–{numbers[-1]}, print pp. "
            f"{cite.page_range(first, last)}) of {work}."
        )
    return (
        f"{title}: from {work}, with numbered paragraphs, print pages, the author's notes and the editors' apparatus."
    )


def add_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_site(app):
        return
    ident = identity.load()
    title = re.sub(r"<[^>]+>", "", context.get("title") or app.config.project)
    text = description(app, ident, pagename, html.unescape(title))
    pdf = "mansourov-edition.pdf"
    pdf_url = (
        f"{ident.release_url}{downloads.DIR}/{pdf}" if pdf in downloads.available(Path(app.outdir).parent) else None
    )
    tags = [f'<meta name="description" content="{html.escape(text)}" />']
    tags += [
        f'<meta name="{name}" content="{html.escape(value)}" />' for name, value in highwire(ident, pagename, pdf_url)
    ]
    tags.append(f'<script type="application/ld+json">{_script_json(json_ld(ident, pagename))}</script>')
    og = {
        "og:title": html.unescape(title),
        "og:type": "article",
        "og:url": f"{ident.site_url}{pagename}.html",
        "og:site_name": app.config.project,
        "og:description": text,
        "og:image": ident.site_url + CARD,
        "og:image:alt": f"{ident.author.display}, “{ident.title}”: a digital edition, version {ident.version}",
    }
    tags += [f'<meta property="{k}" content="{html.escape(v)}" />' for k, v in og.items()]
    if _chapter(pagename) in _reading_text(app).chapters:
        data = _script_json(cite_data(app, ident, pagename))
        tags.append(f'<script type="application/json" id="ed-cite-data">{data}</script>')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags) + "\n"


def write_files(app: Sphinx, exception: Exception | None) -> None:
    """The BibTeX and RIS files and the preview card, before the offline zip is packed (priority 950)."""
    if exception is not None or not is_site(app):
        return
    ident, rt = identity.load(), _reading_text(app)
    folder = Path(app.outdir) / CITE_DIR
    folder.mkdir(exist_ok=True)
    locators = {"edition": cite.edition_locator(ident)}
    for chapter in rt.chapters:
        locators[chapter] = cite.chapter_locator(ident, rt, chapter, ARTICLE + chapter)
    for name, loc in locators.items():
        write_if_changed(folder / f"{name}.bib", cite.bibtex(ident, loc).encode("utf-8"))
        write_if_changed(folder / f"{name}.ris", cite.ris(ident, loc).encode("utf-8"))
    card, stamp = Path(app.outdir) / CARD, Path(app.doctreedir) / "edition-card.key"
    key = card_key(ident, len(rt.paragraphs))
    if card.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return  # drawn before from the same identity, paragraphs and drawing code
    draw(ident, len(rt.paragraphs), card)
    stamp.write_text(key, encoding="utf-8")


def write_if_changed(path: Path, content: bytes) -> None:
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)


def card_key(ident: identity.Identity, paragraphs: int) -> str:
    """What the preview card is drawn from: the identity, the count of paragraphs, card.py and matplotlib."""
    from importlib.metadata import version

    from .. import card

    code = Path(card.__file__).read_bytes()
    return hashlib.sha256(repr((ident, paragraphs, version("matplotlib"))).encode() + code).hexdigest()


def _rich(markup: str) -> list[nodes.Node]:
    """Text with {i}...{/i} (italic titles) as docutils nodes."""
    out: list[nodes.Node] = []
    for k, piece in enumerate(markup.replace("{/i}", "{i}").split("{i}")):
        if piece:
            out.append(nodes.emphasis(piece, piece) if k % 2 else nodes.Text(piece))
    return out


class EditionCitation(SphinxDirective):
    """The citations of the edition and of a paragraph, the files, and what the metadata leave out."""

    def run(self) -> list[nodes.Node]:
        ident, rt = identity.load(), establish_from_files()
        example = 15  # the paragraph the prose of the about page names
        page = cite.paragraph_pages(rt)[example]
        chapter = next(b.chapter for b in rt.paragraphs if b.n == example)
        para = cite.Locator(
            url=ident.page_url(ARTICLE + chapter, f"p-{example}"), key="", pages=str(page), para=str(example)
        )
        out = nodes.container(classes=["ed", "ed-citations"], ids=["edition-citations"])
        for label, loc in (
            (f"The edition, version {ident.version} ({ident.date.isoformat()}):", cite.edition_locator(ident)),
            (f"A paragraph (¶ {example}, which begins on print page {page}):", para),
        ):
            out += nodes.paragraph("", "", nodes.strong(label, label))
            for style, function in (("Chicago (author-date)", cite.chicago), ("MLA", cite.mla)):
                raw = function(ident, loc)
                item = nodes.paragraph(classes=["ed-citation", f"ed-citation-{style.split()[0].lower()}"])
                item += nodes.Text(f"{style}: ")
                in_text, _, entry = raw.rpartition("\n")
                if in_text:
                    item += nodes.Text(f"in the text {in_text}; in the list of references, ")
                item.extend(_rich(entry))
                out += item
        files = nodes.paragraph()
        files += nodes.Text("As files: the edition as ")
        names = [("edition", "the edition")] + [(c, f"“{cite.chapter_titles(rt, ident)[c]}”") for c in rt.chapters]
        for k, (name, label) in enumerate(names):
            if k == 1:
                files += nodes.Text("; each section of the article: ")
            elif k > 1:
                files += nodes.Text("; ")
            if k:
                files += nodes.Text(label + " ")
            for j, ext in enumerate(("bib", "ris")):
                text = "BibTeX" if ext == "bib" else "RIS"
                files += nodes.Text(" or " if j else "")
                uri = f"{ident.release_url}{CITE_DIR}/{name}.{ext}"
                files += nodes.reference(text, text, refuri=uri, classes=["ed-cite-file"], citefile=f"{name}.{ext}")
        files += nodes.Text(".")
        out += files
        if not ident.published:
            note = (
                "This copy of the edition is not yet published: its addresses are made from the placeholder "
                f"{identity.PLACEHOLDER} in the repository's address, which the editors set when they publish it."
            )
            out += nodes.paragraph(note, note, classes=["ed-unpublished"])
        return [out]


def link_files_here(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On the site, the about page's links to the BibTeX and RIS files point to the copies beside it."""
    if is_site(app):
        here = posixpath.dirname(docname) or "."
        for ref in doctree.findall(nodes.reference):
            if "citefile" in ref.attributes:
                ref["refuri"] = posixpath.relpath(f"{CITE_DIR}/{ref['citefile']}", here)


class EditionVersions(SphinxDirective):
    """Every release CHANGELOG.md records, each linked to its copy of the site (/vX.Y.Z/)."""

    def run(self) -> list[nodes.Node]:
        ident = identity.load()
        self.env.note_dependency(str(releases.CHANGELOG))
        listing = nodes.bullet_list(classes=["ed", "ed-versions"])
        for release in releases.recorded():
            item = nodes.paragraph()
            url = f"{ident.site_url}{release.tag}/"
            item += nodes.reference(f"Version {release.version}", f"Version {release.version}", refuri=url)
            item += nodes.Text(
                f", {release.date.isoformat()}" + (" (this version)" if release.version == ident.version else "")
            )
            listing += nodes.list_item("", item)
        return [listing]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure, priority=600)  # after substitutions: nothing of its to undo
    app.connect("html-page-context", add_metadata)
    app.connect("doctree-resolved", link_files_here)
    app.connect("build-finished", write_files, priority=500)
    app.add_directive("edition-citation", EditionCitation)
    app.add_directive("edition-versions", EditionVersions)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
