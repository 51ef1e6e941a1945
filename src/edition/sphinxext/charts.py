"""Each inline chart (edition.chartsvg) takes its alt text from its cell's ``mystnb.image.alt``; in the
PDF, a chart taller than a page is printed across pages.

A chart cell's output carries the chart twice: inline SVG for the web page (text/html) and
an image file for the EPUB (image/svg+xml), and myst-nb gives the cell's alt text to the
image only. So that the alt text is written once, in the cell's metadata, the inline SVG
gets it here, at read time, from its sibling image; a chart without alt text stops the build.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pypdf
from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)


class ChartAltText(Transform):
    default_priority = 800

    def apply(self) -> None:
        from edition.chartsvg import (
            ALT_SLOT,
        )  # here, not at setup: it imports matplotlib, which a no-op build never needs

        for raw in list(self.document.findall(nodes.raw)):
            if ALT_SLOT not in raw.astext():
                continue
            bundle = raw.parent.parent
            alts = [image.get("alt", "") for image in bundle.findall(nodes.image)]
            alt = next((a for a in alts if a.strip()), "")
            if not alt:
                logger.warning("a chart without alt text: give its cell mystnb.image.alt", location=raw)
                continue
            text = raw.astext().replace(ALT_SLOT, escape(alt, quote=True))
            raw.replace_self(nodes.raw(text, text, format="html", classes=raw["classes"]))


def pdf_pages(translator: LaTeXTranslator, image: nodes.image) -> int:
    """How many pages the image's PDF has (1 for any other image): edition.chartsvg gives a tall chart one
    PDF page per printed page."""
    path = Path(image["uri"])
    path = path if path.is_absolute() else Path(translator.builder.srcdir) / path
    return len(pypdf.PdfReader(path).pages) if path.suffix == ".pdf" and path.is_file() else 1


def visit_figure_latex(self: LaTeXTranslator, node: nodes.figure) -> None:
    """A figure whose chart runs over pages is set in the text, not as a float (a float cannot break
    across pages): its pages one after the other, then its caption (as LaTeX's \\captionof numbers it)."""
    image = next(iter(node.findall(nodes.image)), None)
    node["edition-pages"] = pdf_pages(self, image) if image is not None else 1
    if node["edition-pages"] > 1:
        self.in_minipage += 1  # Sphinx then writes a center environment and \\captionof{figure}
    LaTeXTranslator.visit_figure(self, node)


def depart_figure_latex(self: LaTeXTranslator, node: nodes.figure) -> None:
    LaTeXTranslator.depart_figure(self, node)
    if node["edition-pages"] > 1:
        self.in_minipage -= 1


def visit_image_latex(self: LaTeXTranslator, node: nodes.image) -> None:
    pages = node.parent.get("edition-pages", 1) if isinstance(node.parent, nodes.figure) else 1
    if pages == 1:
        return LaTeXTranslator.visit_image(self, node)
    uri = self.builder.images.get(node["uri"], node["uri"])
    base, ext = uri.rsplit(".", 1)
    for page in range(1, pages + 1):  # at the text's width (Sphinx's \\sphinxincludegraphics drops page=)
        self.body.append(f"\\includegraphics[page={page},width=\\linewidth]{{{{{base}}}.{ext}}}\\par\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_transform(ChartAltText)
    app.add_node(nodes.figure, override=True, latex=(visit_figure_latex, depart_figure_latex))
    app.add_node(nodes.image, override=True, latex=(visit_image_latex, LaTeXTranslator.depart_image))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
