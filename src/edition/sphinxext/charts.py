"""Each inline chart (edition.chartsvg) takes its alt text from its cell's ``mystnb.image.alt``.

A chart cell's output carries the chart twice: inline SVG for the web page (text/html) and
an image file for the EPUB (image/svg+xml), and myst-nb gives the cell's alt text to the
image only. So that the alt text is written once, in the cell's metadata, the inline SVG
gets it here, at read time, from its sibling image; a chart without alt text stops the build.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.util import logging

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


def setup(app: Sphinx) -> dict:
    app.add_transform(ChartAltText)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
