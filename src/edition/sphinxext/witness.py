"""The witness view: for every paragraph and note, the witness lines it was established from.

One page per chapter (witness/<chapter>.html, HTML only), generated from
ReadingText.provenance, which the establisher records as it consumes the witness: the same
code gives the reading text and this diplomatic view, so the two cannot disagree. Each
paragraph and note has an anchor (#w-p-14, #w-note-4) and shows its lines verbatim with
their numbers and print page, every line-end hyphen joined or kept, the page breaks, the
lines left out (running head, notes at the foot of the page, a blank line inside a sentence)
and the emendation, each with its decision and reason from data/text-decisions.yaml.

A separate page rather than a disclosure under each paragraph: the reading view stays as
light as it was (no 58 closed panels in the chapters), and the witness view can be read
side by side with it. Each paragraph number in the chapters is followed by a small
"witness" link (class ed) to its entry; each author's note ends with one.
"""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..anchors import ANCHOR_RE, ARTICLE_DIR, Anchor
from ..text import Provenance, ReadingText, establish_from_files
from .common import pages_written, track_writes
from .markers import paragraph_number

PAGE_DIR = "witness"


class witness_link(nodes.Inline, nodes.TextElement):
    """A link from a paragraph number (or a note's end) to the paragraph's entry in the witness view."""


def visit_witness_link_html(self, node: witness_link) -> None:
    self.body.append(
        f'<a class="ed ed-witness" href="{node["refuri"]}" title="{node["label"]}: the witness lines" '
        f'aria-label="Witness lines of {node["label"]}">witness</a>'
    )
    raise nodes.SkipNode


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


@functools.cache
def reading_text() -> ReadingText:
    return establish_from_files()


def chapter_title(rt: ReadingText, chapter: str) -> str:
    kinds = ("title", "heading")
    return next(b.plain for b in rt.blocks if b.chapter == chapter and b.kind in kinds)


def add_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """After each paragraph number, and at the end of each author's note, a link to its witness entry."""
    if app.builder.name != "html" or not docname.startswith(f"{ARTICLE_DIR}/"):
        return
    page = app.builder.get_relative_uri(docname, f"{PAGE_DIR}/{docname.rsplit('/', 1)[1]}")
    for pn in list(doctree.findall(paragraph_number)):
        n = pn.astext()
        link = witness_link("", refuri=f"{page}#w-p-{n}", label=f"paragraph {n}")
        pn.parent.insert(pn.parent.index(pn) + 1, link)
    for note in doctree.findall(nodes.footnote):
        if note["ids"] and ANCHOR_RE.fullmatch(note["ids"][0]):
            anchor = Anchor.parse(note["ids"][0])
            paragraphs = list(note.findall(nodes.paragraph))
            paragraphs[-1] += witness_link("", refuri=f"{page}#w-{anchor}", label=anchor.label)


def collect_pages(app: Sphinx):
    """A chapter's witness page, where this build wrote the chapter or the page is missing: a change to the
    witness, the decisions or the data rebuilds every chapter (edition.sphinxext.execution), and a change to
    the theme, the templates or the configuration rewrites every page."""
    if app.builder.name != "html":
        return
    rt = reading_text()
    written = set(pages_written(app))
    for chapter in rt.chapters:
        page = Path(app.outdir) / f"{PAGE_DIR}/{chapter}.html"
        if page.is_file() and Path(app.outdir) / f"{ARTICLE_DIR}/{chapter}.html" not in written:
            continue
        article = app.builder.get_relative_uri(f"{PAGE_DIR}/{chapter}", f"{ARTICLE_DIR}/{chapter}")
        title = f"Witness view: {chapter_title(rt, chapter)}"
        body = page_body(rt, chapter, title, article)
        yield f"{PAGE_DIR}/{chapter}", {"title": title, "body": body}, "page.html"


LEGEND = (
    "The lines of the witness (data/source/) from which the edition establishes each paragraph and note, "
    "verbatim, with their numbers. Under each line, what the edition did there and why, from "
    "data/text-decisions.yaml: a line-end hyphen <b>joined</b> (a word broken by the line: the hyphen goes) or "
    "<b>kept</b> (a real hyphen), a dash <b>closed up</b>, a print page beginning, a note’s reference mark, "
    "an emendation. Lines in <i>italics</i> stand inside the paragraph’s span but are not part of it (a note at the "
    "foot of the page, the running head, a blank line). The same code establishes the reading text and this view."
)


def page_body(rt: ReadingText, chapter: str, title: str, article: str) -> str:
    out = [f'<section class="ed witness-view" id="witness-view"><h1>{escape(title)}</h1>']
    out.append(f'<p class="witness-legend">{LEGEND} <a href="{article}">Back to the reading text</a>.</p>')
    for b in rt.paragraphs:
        if b.chapter == chapter:
            out.append(entry(rt.provenance(b.anchor), f"¶ {b.n}", f"{article}#{b.anchor}"))
    for note in rt.notes:
        if note.chapter == chapter:
            out.append(entry(rt.provenance(f"note-{note.n}"), f"Note {note.n}", f"{article}#note-{note.n}"))
    out.append("</section>")
    return "\n".join(out)


def entry(prov: Provenance, label: str, back: str) -> str:
    first, last = prov.span
    pages = f"{prov.pages[0]}–{prov.pages[-1]}" if len(prov.pages) > 1 else str(prov.pages[0])
    head = (
        f'<h2 id="w-{prov.anchor}">{escape(label)} '
        f'<span class="witness-where">print p.&#160;{pages} · witness ll.&#160;{first}–{last}</span></h2>'
    )
    rows = []
    decisions = decisions_by_line(prov)
    skipped = {s.line: s for s in prov.skipped}
    texts = {line.n: line.text for line in prov.lines}
    for n in range(first, last + 1):
        if n in skipped:
            s = skipped[n]
            text = escape(s.text)
            notes = [f"left out: {escape(s.what)}. {escape(s.reason)}", *decisions.get(n, [])]
            rows.append(row(n, text, notes, "witness-skipped"))
        else:
            rows.append(row(n, mark_line(texts[n], prov, n), decisions.get(n, []), ""))
    table = (
        f'<div class="witness-table" role="region" tabindex="0" aria-label="Witness lines of {escape(label)}">'
        f'<table><thead><tr><th scope="col">Line</th><th scope="col">Witness, and the decision taken there</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    back_link = f'<p><a href="{back}">{escape(label)} in the reading text</a></p>'
    return f'<section class="witness-entry">{head}{table}{back_link}</section>'


def row(n: int, text: str, notes: list[str], cls: str) -> str:
    """One witness line: its number, the line verbatim, and under it what the edition decided there."""
    decided = "".join(f'<div class="witness-decision">{note}</div>' for note in notes)
    return f'<tr class="{cls}"><th scope="row">{n}</th><td><code>{text or "&#160;"}</code>{decided}</td></tr>'


def mark_line(text: str, prov: Provenance, n: int) -> str:
    """The line verbatim, its emended string and its line-end hyphen or dash marked (not recoloured only)."""
    ends = {e.line: e for e in prov.line_ends}
    body, tail = text, ""
    if n in ends:
        body, tail = text.rstrip()[:-1], text.rstrip()[-1]
    html = escape(body)
    for e in prov.emendations:
        if e.line == n:
            html = html.replace(
                escape(e.emendation.sic), f'<span class="witness-sic">{escape(e.emendation.sic)}</span>'
            )
    if tail:
        action = ends[n].action
        word = {"join": "joined", "keep": "kept", "join-dash": "closed up"}[action]
        html += f'<mark class="witness-hyphen witness-{action}" title="{word}">{escape(tail)}</mark>'
    return html


def decisions_by_line(prov: Provenance) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for e in prov.line_ends:
        word = {"join": "hyphen joined", "keep": "hyphen kept", "join-dash": "dash closed up"}[e.action]
        why = f" ({escape(e.reason)})" if e.reason else ""
        found.setdefault(e.line, []).append(
            f"<b>{word}</b>: <code>{escape(e.at)}</code> → <code>{escape(e.reading)}</code>{why}"
        )
    for b in prov.page_breaks:
        found.setdefault(b.line, []).append(
            f"<b>print page {b.page} begins</b> (paragraph: {escape(b.paragraph)}). {escape(b.reason)}"
        )
    for m in prov.note_marks:
        found.setdefault(m.line, []).append(
            f"<b>mark of note {m.n}</b>: the digits after <code>{escape(m.after)}</code> become the note’s reference"
        )
    for e in prov.emendations:
        em = e.emendation
        found.setdefault(e.line, []).append(
            f"<b>emended</b>: <code>{escape(em.sic)}</code> (sic) → <code>{escape(em.corr)}</code>. {escape(em.reason)}"
        )
    if prov.label:
        found.setdefault(prov.span[0], []).append(f"<b>note number</b> {prov.label}: becomes the note’s label")
    return found


def setup(app: Sphinx) -> dict:
    app.add_node(
        witness_link,
        html=(visit_witness_link_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    track_writes(app)
    app.connect("doctree-resolved", add_links)
    app.connect("html-collect-pages", collect_pages)
    app.add_css_file("witness.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
