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
"""

from __future__ import annotations

import html
import posixpath
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
    for fold in list(doctree.findall(HideCodeCellNode)):
        fold.replace_self(fold.children)
    for raw in list(doctree.findall(nodes.raw)):
        if "<script" not in raw.astext():
            continue
        if "application/vnd.jupyter.widget-view+json" in raw.astext():
            raw.replace_self(nodes.paragraph("", WIDGET_NOTE, classes=["ed", "ed-widget-note"]))
        else:
            raw.parent.remove(raw)


def setup(app: Sphinx) -> dict:
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("builder-inited", drop_launch_buttons)
    app.connect("doctree-resolved", adapt_doctree, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
