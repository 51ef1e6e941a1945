"""What the popovers show, put into each page of the site (HTML site only; book/_static/popover.js opens them).

A popover opens, in place, what a link of the apparatus points to: an editorial mark's index
entry, work cited or editors' note (edition.sphinxext.marks), one of the author's notes, or a
paragraph (¶ 14) or note (note 4) named in the apparatus, the exercises and the teacher's guide.
Its content is never typed twice: when the site is written, the target element is copied from
the page where the edition renders it (an index entry's <dt>/<dd>, the note's <aside>, the
paragraph's <p>), with its links made relative to the page it is copied into and its ids dropped,
into a table of the page's popovers: link -> title and markup. The table is a script beside
the page (summit-diplomacy.popovers.js), deferred, which popover.js reads: the first paint
waits for the author's text only, and no element of a popover is made before it opens, so a
chapter whose marks open hundreds of entries loads as fast as one without. A popover needs
no other page: it works offline, from file:// (a script, unlike fetch(), loads there), and
asks no host for anything.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import posixpath
import re
from functools import cache
from pathlib import Path

import lxml.html
from sphinx.application import Sphinx
from sphinx.util import logging

from .common import is_site, pages_written, track_writes

logger = logging.getLogger(__name__)

BEGIN, END = "<!-- ed-popovers -->", "<!-- /ed-popovers -->"
BLOCK = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END) + "\n?", re.S)
POPOVER_SCRIPT = re.compile(r'<script[^>]*src="[^"]*_static/popover\.js')
ASSIGN = "window.edPopovers = {};\n"  # link (as written in the page) -> [title, markup]
SKIP = ("_static/", "_sources/", "_vendor/", "_downloads/", "_images/", "downloads/")
ANCHOR_FRAGMENT = re.compile(r"(checked-)?(p|note)-\d+")  # a paragraph, a note, or what was checked there
LETTERS = "abcdefghijklmnopqrstuvwxyz"
FURNITURE = (  # what a copied element leaves behind: the marks, and the links beside the paragraph numbers
    ".//sup[contains(concat(' ', @class, ' '), ' ed ')] | .//*[contains(@class, 'headerlink')]"
    " | .//a[contains(@class, 'ed-witness') or contains(@class, 'ed-checked')]"
)


def triggers(root) -> list:
    """The links of a page's article body that open a popover."""
    article = root.find(".//article")
    if article is None:
        return []
    return [a for a in article.iter("a") if "ed-pn" not in a.get("class", "") and popover_fragment(a)]


def popover_fragment(a) -> str:
    """The id a trigger points to, if the link is one that opens a popover."""
    path, _, fragment = a.get("href", "").partition("#")
    if not fragment or "://" in path:
        return ""
    if a.getparent().tag == "sup" or "footnote-reference" in a.get("class", "") or ANCHOR_FRAGMENT.fullmatch(fragment):
        return fragment
    return ""


def relative(from_page: str, to: str) -> str:
    """A site path (book/apparatus/persons.html#x) as a link from the page from_page."""
    path, hash_, fragment = to.partition("#")
    if path == from_page:
        return hash_ + fragment
    return posixpath.relpath(path, posixpath.dirname(from_page)) + hash_ + fragment


def absolute(page: str, href: str) -> str:
    """A link written in page, as a site path (with its fragment)."""
    path, hash_, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return target + hash_ + fragment


class Site:
    """The written pages of the site, parsed once each."""

    def __init__(self, outdir: Path):
        self.outdir = outdir

    @cache  # noqa: B019 - one Site per build
    def root(self, page: str):
        path = self.outdir / page
        return lxml.html.parse(str(path)).getroot() if path.is_file() else None

    def heading(self, page: str) -> str:
        h1 = self.root(page).find(".//article//h1")
        return " ".join(h1.text_content().replace("#", "").split()) if h1 is not None else ""

    @cache  # noqa: B019 - one Site per build
    def content(self, target: str) -> tuple[str, list, str] | None:
        """(title, elements to show, text of the link to the full entry) for a site path page#id."""
        page, _, fragment = target.partition("#")
        root = self.root(page)
        found = root.get_element_by_id(fragment, None) if root is not None else None
        if found is None:
            return None
        el = found
        if el.tag == "dt":
            dd = el.getnext()
            return el.text_content().strip(), list(dd), f"Full entry: {self.heading(page)}"
        if el.tag == "aside":
            label = el.find(".//span[@class='label']")
            return f"Note {label.text_content().strip('[]')} (the author’s)", el.findall("p"), "Go to the note"
        if el.tag == "li":
            letter = LETTERS[el.getparent().index(el)]
            return f"Editors’ note [{letter}]", list(el), "Go to the editors’ notes"
        if "citation" in el.get("class", ""):
            return "Works cited", el.findall("p"), "Go to Works cited"
        if el.tag == "a" and "ed-pn" in el.get("class", ""):
            para = copy.deepcopy(el.getparent())
            para.find("a[@id]").drop_tree()  # its number: the title says it (drop_tree keeps the text after it)
            return f"¶ {el.text_content()}, {self.heading(page)}", [para], "Go to the paragraph"
        return None


def slim(element, page: str, source: str):
    """A copy of element from the page source, to show in page: its links made relative to page;
    without ids (they stay unique), editorial marks (a popover opens no popover) and the classes
    and spans that only the page's own styles use (a page carries about a hundred popovers)."""
    el = copy.deepcopy(element)
    for drop in el.xpath(FURNITURE):
        drop.drop_tree()
    for sub in list(el.iter()):
        sub.attrib.pop("id", None)
        sub.attrib.pop("class", None)
        sub.attrib.pop("role", None)
        href = sub.get("href")
        if href is not None and "://" not in href and not href.startswith("mailto:"):
            sub.set("href", relative(page, absolute(source, href)))
        if sub.tag == "span" and not sub.attrib and sub is not el:
            sub.drop_tag()
    return el


def popover(site: Site, page: str, target: str) -> tuple[str, str]:
    """(title, markup) of one popover for page: the target's content, links made relative to page."""
    title, elements, more = site.content(target)
    body = [lxml.html.tostring(slim(el, page, target.partition("#")[0]), encoding="unicode").strip() for el in elements]
    link = html.escape(relative(page, target))
    return title, f'{"".join(body)}<p class="ed-popover-more"><a href="{link}">{html.escape(more)}</a></p>'


def page_targets(site: Site, page: str) -> list[str]:
    """The site paths (page#id) the page's triggers point to, each once, in order."""
    return list(dict.fromkeys(absolute(page, a.get("href")) for a in triggers(site.root(page))))


def page_popovers(site: Site, page: str) -> dict[str, tuple[str, str]]:
    """For each target the page's triggers open (as a link from the page): its popover's (title, markup)."""
    return {relative(page, t): popover(site, page, t) for t in page_targets(site, page) if site.content(t) is not None}


def signature(site: Site, target: str) -> str:
    """What a target's popover is made from, as a hash: its title and elements where the edition renders them."""
    found = site.content(target)
    if found is None:
        return ""
    title, elements, more = found
    markup = "".join(lxml.html.tostring(el, encoding="unicode") for el in elements)
    return hashlib.sha256(f"{title}\0{more}\0{markup}".encode()).hexdigest()


def add_popovers(app: Sphinx, exception: Exception | None) -> None:
    """Each page's popovers, made again where the build wrote the page, or changed what one of its
    popovers shows: a target on a page the build wrote whose signature differs from the one kept from
    the last build (in the build's doctree folder), so that editing one paragraph of a chapter does
    not remake the popovers of every page that links to another."""
    if exception is not None or not is_site(app):
        return
    outdir, memo = Path(app.outdir), Path(app.doctreedir) / "edition-popover-targets.json"
    written = {p.relative_to(outdir).as_posix() for p in pages_written(app)}
    site = Site(outdir)
    pages = [p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html")]
    known = json.loads(memo.read_text(encoding="utf-8")) if memo.is_file() else {}
    targets = {page: page_targets(site, page) for page in pages if not page.startswith(SKIP)}
    now = {t: signature(site, t) for ts in targets.values() for t in ts if t.partition("#")[0] in written}
    stale = [
        page for page, ts in targets.items() if page in written or any(t in now and now[t] != known.get(t) for t in ts)
    ]
    logger.info(f"edition: popovers refreshed in {len(stale)} of {len(pages)} pages (the others' sources unchanged)")
    for page in stale:
        write_popovers(outdir, page, page_popovers(site, page))
    memo.write_text(json.dumps({**known, **now}), encoding="utf-8")


def script_of(page: str) -> str:
    """The site path of a page's templates script: book/article/x.html -> book/article/x.popovers.js."""
    return page.removesuffix(".html") + ".popovers.js"


def write_popovers(outdir: Path, page: str, made: dict[str, tuple[str, str]]) -> None:
    """The page's popovers into its script, and the script into the page, before popover.js (or neither)."""
    path, script = outdir / page, outdir / script_of(page)
    text = BLOCK.sub("", path.read_text(encoding="utf-8"))
    if made:
        script.write_text(ASSIGN.format(json.dumps(made, ensure_ascii=False, separators=(",", ":"))), encoding="utf-8")
        tag = f'{BEGIN}<script defer src="{posixpath.basename(script_of(page))}"></script>{END}\n'
        found = POPOVER_SCRIPT.search(text)
        at = found.start() if found else text.index("</head>")
        text = text[:at] + tag + text[at:]
    else:
        script.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def popovers_of(outdir: Path, page: str) -> dict[str, tuple[str, object]]:
    """A page's popovers as its script holds them: link -> (title, the parsed markup), {} where none."""
    script = outdir / script_of(page)
    if not script.is_file():
        return {}
    made = json.loads(script.read_text(encoding="utf-8").removeprefix(ASSIGN.split("{}")[0]).rstrip().rstrip(";"))
    return {
        link: (title, lxml.html.fragment_fromstring(markup, create_parent="div"))
        for link, (title, markup) in made.items()
    }


def setup(app: Sphinx) -> dict:
    track_writes(app)
    app.connect("build-finished", add_popovers, priority=900)  # before the offline zip (950)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
