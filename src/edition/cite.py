"""Citations of the edition, of a chapter and of a paragraph, all made from edition.identity and the reading text.

Styles: Chicago author-date (17th ed.), MLA (9th ed.), BibTeX and RIS. A paragraph's
citation carries the print page it begins on, its number, the version and its stable
address (the version's own copy of the site, /v1.0.0/...). The print volume's publisher and
year are not established, so no citation names them; the year cited is the edition's.

For the citation dialog the page's paragraphs share one template per style, with the tokens
PAGE and PARA (see TOKENS) where the page and the paragraph number go: cite.js fills them in.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .identity import Identity
from .text import Milestone, ReadingText

TOKENS = {"page": "%PAGE%", "para": "%PARA%"}
STYLES = {
    "chicago": "Chicago (author-date)",
    "mla": "MLA (9th ed.)",
    "bibtex": "BibTeX",
    "ris": "RIS",
}
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


@dataclass(frozen=True)
class Locator:
    """What is cited: the whole edition, a chapter (section) or a paragraph, with its stable address."""

    url: str
    key: str  # the BibTeX key
    section: str = ""  # the chapter's heading
    pages: str = ""  # print pages: "356" or "353–357"
    para: str = ""  # the paragraph number

    @property
    def is_edition(self) -> bool:
        return not (self.section or self.pages or self.para)


def _first_page(rt: ReadingText) -> int:
    return rt.milestones()[0][0]


def paragraph_pages(rt: ReadingText) -> dict[int, int]:
    """The print page each paragraph begins on: the page current at its first word."""
    page, pages = _first_page(rt), {}
    for block in rt.blocks:
        if block.kind == "milestone":
            page = block.n
            continue
        if block.kind == "paragraph":
            words = [p for p in block.parts if not (isinstance(p, str) and not p.strip())]
            pages[block.n] = words[0].page if words and isinstance(words[0], Milestone) else page
        for part in block.parts:
            if isinstance(part, Milestone):
                page = part.page
    return pages


def chapter_pages(rt: ReadingText) -> dict[str, tuple[int, int]]:
    """The print pages each chapter (a page of the article in the book) runs over: first and last."""
    page, spans = _first_page(rt), {}
    for block in rt.blocks:
        if block.kind == "milestone":
            page = block.n
        first = spans.get(block.chapter, (page, page))[0]
        words = [p for p in block.parts if not (isinstance(p, str) and not p.strip())]
        if block.chapter not in spans and words and isinstance(words[0], Milestone):
            first = words[0].page
        for part in block.parts:
            if isinstance(part, Milestone):
                page = part.page
        spans[block.chapter] = (first, page)
    return spans


def chapter_titles(rt: ReadingText, ident: Identity) -> dict[str, str]:
    """Each chapter's first section heading; the opening has none but the article's title."""
    titles: dict[str, str] = {}
    for block in rt.blocks:
        if block.kind == "heading" and block.rank == 1:
            titles.setdefault(block.chapter, block.plain)
    return {chapter: titles.get(chapter, ident.title) for chapter in rt.chapters}


def page_range(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _period(text: str) -> str:
    """text closed by one full stop (an initial's stop serves): "Mansourov, Alexandre Y." stays as it is."""
    return text if text.endswith(".") else text + "."


def _pages(pages: str) -> str:
    """A locator's pages as Chicago and MLA abbreviate a range: 356, 353–60."""
    first, _, last = pages.partition("–")
    return _short_range(int(first), int(last)) if last and first.isdigit() else pages


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]


def _short_range(first: int, last: int) -> str:
    """351–65: Chicago's and MLA's abbreviated page ranges (the same hundreds are not repeated)."""
    a, b = str(first), str(last)
    if len(a) == len(b) == 3 and a[0] == b[0]:
        b = b[1:] if a[1] != b[1] or b[1] != "0" else b[2:]
    return f"{a}–{b}"


def chicago(ident: Identity, loc: Locator) -> str:
    """The in-text citation, a line break, and the reference list entry; titles in italics between {i} and {/i}."""
    year = ident.date.year
    editors = _and([p.display for p in ident.book_editors])
    where = ", ".join(x for x in (_pages(loc.pages), f"para. {loc.para}" if loc.para else "") if x)
    if loc.is_edition:
        entry = (
            f"{_period(ident.author.inverted)} {year}. {{i}}{ident.edition_title}{{/i}}. Digital edition by "
            f"{ident.editors}, version {ident.version}. Originally in {{i}}{ident.book_title}{{/i}}, edited by "
            f"{editors}, {_short_range(ident.first_page, ident.last_page)}. {_doi_or(ident, loc.url)}."
        )
    else:
        section = f" Section “{loc.section}.”" if loc.section and loc.section != ident.title else ""
        entry = (
            f"{_period(ident.author.inverted)} {year}. “{ident.title}.” In {{i}}{ident.book_title}{{/i}}, edited by "
            f"{editors}, {_short_range(ident.first_page, ident.last_page)}. Digital edition by {ident.editors}, "
            f"version {ident.version}.{section} {loc.url}."
        )
    in_text = f"({ident.author.family} {year}" + (f", {where})" if where else ")")
    return f"{in_text}\n{entry}"


def _doi_or(ident: Identity, url: str) -> str:
    """The edition's DOI as a link once it has one (Chicago prefers it to the address), else the address."""
    return f"https://doi.org/{ident.doi}" if ident.doi else url


def mla(ident: Identity, loc: Locator) -> str:
    """The works-cited entry, with the paragraph's page and number as its location; titles between {i} and {/i}."""
    first = ident.book_editors[0].display + (" et al." if len(ident.book_editors) > 2 else "")
    date = f"{ident.date.day} {MLA_MONTHS[ident.date.month - 1]} {ident.date.year}"
    pages = (("pp. " if "–" in loc.pages else "p. ") + _pages(loc.pages)) if loc.pages else ""
    where = ", ".join(x for x in (pages, f"par. {loc.para}" if loc.para else "") if x)
    url = loc.url.removeprefix("https://").removeprefix("http://")
    container = (
        f"{{i}}{ident.book_title}{{/i}}, edited by {first}, pp. {_short_range(ident.first_page, ident.last_page)}."
    )
    if loc.is_edition:
        text = (
            f"{_period(ident.author.inverted)} {{i}}{ident.edition_title}{{/i}}. Digital edition by {ident.editors}, "
            f"version {ident.version}, {date}, {url}. Originally in {container}"
        )
    else:
        text = (
            f"{_period(ident.author.inverted)} “{ident.title}.” {container} Digital edition by {ident.editors}, "
            f"version {ident.version}, {date}, {where}, {url}."
        )
    return text


def bibtex(ident: Identity, loc: Locator) -> str:
    editors = " and ".join(p.inverted for p in ident.book_editors)
    note = f"Digital edition by {ident.editors}, version {ident.version}."
    if loc.section and loc.section != ident.title:
        note += f" Section “{loc.section}”."
    if loc.para:
        note += f" Print page {loc.pages}, paragraph {loc.para}."
    note += f" Written {ident.written}; the print volume's publisher and year are not established."
    if loc.is_edition:
        fields = {
            "author": ident.author.inverted,
            "title": ident.edition_title,
            "editor": "{" + ident.editors_sentence + "}",
            "year": str(ident.date.year),
            "date": ident.date.isoformat(),
            "version": ident.version,
            "url": loc.url,
            "note": f"Originally in {ident.book_title}, edited by {_and([p.display for p in ident.book_editors])}, "
            f"chapter {ident.chapter}, pp. {ident.first_page}--{ident.last_page}.",
        }
        kind = "misc"
    else:
        fields = {
            "author": ident.author.inverted,
            "title": ident.title,
            "booktitle": ident.book_title,
            "editor": editors,
            "chapter": str(ident.chapter),
            "pages": loc.pages.replace("–", "--"),
            "year": str(ident.date.year),
            "date": ident.date.isoformat(),
            "version": ident.version,
            "language": "english",
            "url": loc.url,
            "note": note,
        }
        kind = "incollection"
    if ident.doi:
        fields["doi"] = ident.doi
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@{kind}{{{loc.key},\n{body}\n}}\n"


def ris(ident: Identity, loc: Locator) -> str:
    rows = [("TY", "ELEC" if loc.is_edition else "CHAP"), ("AU", ident.author.inverted)]
    if loc.is_edition:
        rows += [("TI", ident.edition_title), ("A2", ident.editors_sentence)]
    else:
        rows += [("TI", ident.title), ("T2", ident.book_title)]
        rows += [("ED", p.inverted) for p in ident.book_editors]
        first, _, last = loc.pages.partition("–")
        rows += [("SP", first)] + ([("EP", last)] if last else [])
    rows += [
        ("PY", str(ident.date.year)),
        ("DA", ident.date.strftime("%Y/%m/%d")),
        ("ET", ident.version),
        ("LA", ident.language),
        ("UR", loc.url),
    ]
    if ident.doi:
        rows.append(("DO", ident.doi))
    if loc.para:
        rows.append(("N1", f"Print page {loc.pages}, paragraph {loc.para}."))
    if loc.section and loc.section != ident.title:
        rows.append(("N1", f"Section “{loc.section}”."))
    rows.append(
        ("N1", f"Digital edition by {ident.editors}; the print volume's publisher and year are not established.")
    )
    return "".join(f"{tag}  - {value}\r\n" for tag, value in rows) + "ER  - \r\n"


def edition_locator(ident: Identity) -> Locator:
    return Locator(url=ident.release_url, key=f"mansourov-edition-{ident.version}")


def chapter_locator(ident: Identity, rt: ReadingText, chapter: str, docname: str) -> Locator:
    first, last = chapter_pages(rt)[chapter]
    return Locator(
        url=ident.page_url(docname),
        key=f"mansourov-edition-{ident.version}-{chapter}",
        section=chapter_titles(rt, ident)[chapter],
        pages=page_range(first, last),
    )


def paragraph_template(ident: Identity, docname: str) -> Locator:
    """The locator of "a paragraph of this page", with tokens for its page and number (cite.js fills them in)."""
    page, para = TOKENS["page"], TOKENS["para"]
    return Locator(
        url=ident.page_url(docname, f"p-{para}"),
        key=f"mansourov-edition-{ident.version}-p{para}",
        pages=page,
        para=para,
    )


def styles(ident: Identity, loc: Locator) -> list[dict[str, str]]:
    """Every style's citation of loc: id, label, plain text (to copy) and HTML (to show)."""
    out = []
    for style, label in STYLES.items():
        if style in ("chicago", "mla"):
            marked = (chicago if style == "chicago" else mla)(ident, loc)
            text, markup = plain(marked), to_html(marked)
        else:
            text = (bibtex if style == "bibtex" else ris)(ident, loc)
            markup = html.escape(text)
        out.append({"id": style, "label": label, "text": text, "html": markup})
    return out


def plain(text: str) -> str:
    """A citation without its italics marks."""
    return text.replace("{i}", "").replace("{/i}", "")


def to_html(text: str) -> str:
    """A citation as HTML: <i> for the italics marks, <br> for its line break."""
    return html.escape(text, quote=False).replace("{i}", "<i>").replace("{/i}", "</i>").replace("\n", "<br>")
