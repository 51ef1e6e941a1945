"""The EPUB from the same sources, valid under epubcheck; for the EPUB builder only.

Sphinx's EPUB builder and Jupyter Book's extensions were written for the web. What
they would put in the EPUB that EPUB 3 forbids is fixed here, never in the pages:

- the table of contents: the root page lives in book/, so Sphinx prefixes every entry
  with book/ and the explorers become book/../notebooks/…, which no manifest item
  matches: the entries are normalised (with epub_tocscope: includehidden, because
  Jupyter Book's toctrees are hidden);
- myst-nb's stylesheet uses CSS that EPUB 3's CSS profile rejects (:is(), :has(), empty
  custom properties) for things an e-book lacks (dark mode, ANSI colours, scrollbars):
  the EPUB goes without it (myst-nb writes it when the build has finished, after the
  EPUB is packed: the copy a previous build left is removed before packing);
- sphinx-exercise, too, writes its stylesheet after the EPUB is packed: it is written
  before (its duplicate ids are made unique for every builder by edition.sphinxext.valid_html);
- toc.ncx carries epub_uid, the name of the identifier, where its value belongs;
- myst-nb folds hidden code in <details> with <p> inside <summary>, which EPUB's XHTML
  forbids: the code is shown unfolded, as in the PDF;
- scripts (sphinx-thebe's configuration, the explorers' widget views) would need the
  "scripted" property and a reader that runs them: they are dropped, and each explorer
  says that it works in the web edition;
- launch buttons (Binder, JupyterHub, Thebe) belong to the web theme, whose page context
  the EPUB's theme lacks (sphinx-book-theme fails on it): the EPUB has none.

And what the web site does with popovers, the EPUB does with EPUB 3 popup notes: the author's
notes and the editors' notes are footnotes (epub:type="footnote", the editors' notes as
lettered <aside>s instead of a list), and their marks noterefs, so that e-readers open them in place.
"""

from __future__ import annotations

import html
import posixpath
import string
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx_exercise import copy_asset_files as copy_exercise_css

WIDGET_NOTE = "This explorer works in the web edition of the book; an e-book cannot run its controls."


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with a table of contents that resolves, and no myst-nb CSS."""

    def add_css_file(self, filename: str, **kwargs) -> None:
        if not posixpath.basename(filename).startswith("mystnb."):
            super().add_css_file(filename, **kwargs)

    def get_toc(self) -> None:
        super().get_toc()
        for node in self.refnodes:
            path, hash_, fragment = node["refuri"].partition("#")
            node["refuri"] = posixpath.normpath(path) + hash_ + fragment

    def handle_finish(self) -> None:
        for stale in Path(self.outdir, "_static").glob("mystnb.*.css"):
            stale.unlink()
        copy_exercise_css(self.app, None)
        super().handle_finish()

    def toc_metadata(self, level: int, navpoints: list) -> dict:
        return {**super().toc_metadata(level, navpoints), "uid": html.escape(self.config.epub_identifier)}


def drop_launch_buttons(app: Sphinx) -> None:
    if app.builder.name == "epub":
        app.config.html_theme_options = {**app.config.html_theme_options, "launch_buttons": {}}


def adapt_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Unfold hidden code and drop scripts; runs after sphinx-thebe has added its own."""
    if app.builder.name != "epub":
        return
    editors_notes_as_footnotes(doctree)
    for fold in list(doctree.findall(HideCodeCellNode)):
        fold.replace_self(fold.children)
    for raw in list(doctree.findall(nodes.raw)):
        if "<script" not in raw.astext():
            continue
        if "application/vnd.jupyter.widget-view+json" in raw.astext():
            raw.replace_self(nodes.paragraph("", WIDGET_NOTE, classes=["ed", "ed-widget-note"]))
        else:
            raw.parent.remove(raw)


def editors_notes_as_footnotes(doctree: nodes.document) -> None:
    """The editors' notes (edition.sphinxext.marks: a lettered list) as lettered footnotes, one <aside> each."""
    for section in doctree.findall(nodes.container):
        if "editors-notes" not in section["classes"]:
            continue
        for items in list(section.findall(nodes.enumerated_list)):
            notes = []
            for letter, item in zip(string.ascii_lowercase, items.children, strict=False):
                note = nodes.footnote("", ids=item["ids"], backrefs=[])
                note += nodes.label(letter, letter)
                note.extend(item.children)
                notes.append(note)
            items.replace_self(notes)


def popup_notes(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """epub:type on the notes and on the links to them (docutils writes their ARIA roles, not these)."""
    if app.builder.name == "epub" and "body" in context:
        context["body"] = (
            context["body"]
            .replace('role="doc-noteref"', 'epub:type="noteref" role="doc-noteref"')
            .replace('role="doc-footnote"', 'epub:type="footnote" role="doc-footnote"')
        )


def setup(app: Sphinx) -> dict:
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("builder-inited", drop_launch_buttons)
    app.connect("doctree-resolved", adapt_doctree, priority=900)
    app.connect("html-page-context", popup_notes)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
