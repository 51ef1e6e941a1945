"""A chart for the page: inline SVG whose marks are named links, the data table under it, a PDF for print.

matplotlib's SVG backend writes every artist that has a gid as ``<g id="gid">``; here each
such group becomes an SVG ``<a>`` with a ``<title>`` (its name on hover, and its accessible
name) and the link to the mark's source. Text stays text (``svg.fonttype: none``), so that
the browser sets it at its real size and a reader can find and copy it; coordinates are
rounded and unreferenced ids dropped, so the markup stays small; the ids that remain get
the figure's name as a prefix, so that two charts on one page never share one.

The page shows the SVG inline (text/html), with the data table folded under it; the EPUB
gets the same drawing as an image file without links (image/svg+xml: a link inside an EPUB
must name an .xhtml file, and inline SVG would need a manifest property Sphinx does not
write); the PDF gets a vector PDF (application/pdf). The alt text is the cell's
``mystnb.image.alt``, written once: edition.sphinxext.charts puts it on the inline SVG.
"""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .lazy import matplotlib, pypdf

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ALT_SLOT = "@chart-alt@"  # replaced by the cell's alt text (edition.sphinxext.charts); the build fails if it stays
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "mansourov-edition", "pdf.fonttype": 42}
PRINT_PAGE = 8.4  # inches of a chart per printed page: 0.82 of A4's text height at the scale the width gives
NUMBER = re.compile(r"-?\d+\.\d{2,}")

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


@dataclass(frozen=True)
class Mark:
    """What a mark says of itself (name) and where it leads (href, relative to the page; "" for nowhere)."""

    name: str
    href: str = ""


def rounded(text: str) -> str:
    """Coordinates to one decimal: a tenth of a point is below what a screen shows."""
    return NUMBER.sub(lambda m: f"{float(m.group()):.1f}".rstrip("0").rstrip("."), text)


def svg_markup(fig: Figure, name: str, marks: dict[str, Mark], links: bool = True) -> str:
    """The figure as compact SVG; each element whose id is a key of marks becomes a named link (or named group).

    Raises ValueError naming the first mark the figure does not draw, so that names and links never go stale.
    """
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    root = ET.fromstring(buffer.getvalue())
    for child in list(root):
        if child.tag in (f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style"):
            root.remove(child)  # the style would apply to every SVG of the page; set on the root instead
    root.set("style", "stroke-linejoin: round; stroke-linecap: butt")
    drawn = set()
    for element in root.iter():
        gid = element.get("id")
        if gid in marks:
            drawn.add(gid)
            mark = marks[gid]
            del element.attrib["id"]
            element.insert(0, ET.Element(f"{{{SVG_NS}}}title"))
            element[0].text = mark.name
            if links and mark.href:
                element.tag = f"{{{SVG_NS}}}a"
                element.set("href", mark.href)
            element.set("class", "mark")
    missing = set(marks) - drawn
    if missing:
        raise ValueError(f"{name}: the figure draws no mark {sorted(missing)[0]!r}")
    rename_ids(root, name)
    for element in root.iter():
        for key in ("d", "points", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "transform", "style"):
            if key in element.attrib:
                element.set(key, rounded(element.get(key)))
    return ET.tostring(root, encoding="unicode")


def rename_ids(root: ET.Element, prefix: str) -> None:
    """Drop every id nothing refers to; prefix the rest (markers, clip paths) and the references to them.

    A mark's own link (href, set by svg_markup) points into the page, not into the SVG: it is left alone.
    """
    refs = set()
    for element in root.iter():
        for key, value in element.attrib.items():
            refs.update(re.findall(r"url\(#([^)]+)\)", value))
            if key == f"{{{XLINK_NS}}}href" and value.startswith("#"):  # matplotlib's <use> of a marker
                refs.add(value[1:])
    for element in root.iter():
        if "id" in element.attrib:
            if element.get("id") in refs:
                element.set("id", f"{prefix}-{element.get('id')}")
            else:
                del element.attrib["id"]
        for key, value in element.attrib.items():
            if "url(#" in value:
                element.set(key, value.replace("url(#", f"url(#{prefix}-"))
            elif key == f"{{{XLINK_NS}}}href" and value.startswith("#") and value[1:] in refs:
                element.set(key, f"#{prefix}-{value[1:]}")


def cut_points(fig: Figure) -> list[float]:
    """Heights (inches from the figure's foot) where a printed page may end: between two panels, and
    between two rows of a panel (half-way between two of its y ticks), so that no mark or label is cut."""
    fig.draw_without_rendering()  # the constrained layout places the axes only when drawn
    height = fig.get_size_inches()[1]
    boxes = sorted((ax.get_position().y0 * height, ax.get_position().y1 * height) for ax in fig.axes)
    points = [(top + bottom) / 2 for (_, top), (bottom, _) in zip(boxes, boxes[1:], strict=False) if bottom > top]
    for ax in fig.axes:
        low, high = sorted(ax.get_ylim())
        ticks = sorted(ax.transData.transform((0, y))[1] / fig.dpi for y in ax.get_yticks() if low <= y <= high)
        points += [(a + b) / 2 for a, b in zip(ticks, ticks[1:], strict=False)]
    return sorted(points)


def print_slices(fig: Figure, page: float = PRINT_PAGE) -> list[tuple[float, float]]:
    """(bottom, top) in inches of each printed page of the figure, top first, each at most `page` tall,
    ending at a cut point where one is within reach (else where the page ends)."""
    top, slices, points = fig.get_size_inches()[1], [], cut_points(fig)
    while top > page:
        within = [y for y in points if top - page <= y < top - page / 4]
        bottom = min(within) if within else top - page
        slices.append((bottom, top))
        top = bottom
    return [*slices, (0.0, top)]


def pdf_data(fig: Figure) -> str:
    """The figure as a vector PDF, base64 (as a notebook stores it), for the LaTeX build: one PDF page per
    printed page, so that a tall chart is printed at its size across pages (edition.sphinxext.charts)
    rather than shrunk to one, where its labels would be too small to read. Each page is a window on
    the one drawing (its media box), so nothing is laid out again for the pages."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Creator": None, "Producer": None})
    slices = print_slices(fig)
    if len(slices) == 1:
        return base64.b64encode(buffer.getvalue()).decode("ascii")
    drawing = pypdf.PdfReader(buffer).pages[0]
    writer = pypdf.PdfWriter()
    width = float(drawing.mediabox.width)
    for bottom, top in slices:
        page = writer.add_page(drawing)
        page.mediabox = page.cropbox = pypdf.generic.RectangleObject([0, bottom * 72, width, top * 72])
    out = io.BytesIO()
    writer.write(out)
    return base64.b64encode(out.getvalue()).decode("ascii")


def html_table(header: list[str], rows: list[list[str]], caption: str, row_ids: list[str] | None = None) -> str:
    """A data table: header cells are plain text (escaped here), body cells HTML; a row's first cell heads it."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = []
    for k, row in enumerate(rows):
        row_id = f' id="{escape(row_ids[k])}"' if row_ids else ""
        cells = f'<th scope="row">{row[0]}</th>' + "".join(f"<td>{c}</td>" for c in row[1:])
        body.append(f"<tr{row_id}>{cells}</tr>")
    return (
        f'<table class="chart-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


class Chart:
    """What a chart cell shows: the inline SVG and its data table (HTML), an image (EPUB), a PDF (LaTeX)."""

    def __init__(self, fig: Figure, name: str, marks: dict[str, Mark], table: str, summary: str) -> None:
        self.fig, self.name, self.marks, self.table, self.summary = fig, name, marks, table, summary

    def html(self) -> str:
        svg = svg_markup(self.fig, self.name, self.marks)
        svg = svg.replace("<svg ", f'<svg class="chart-svg" role="graphics-document" aria-label="{ALT_SLOT}" ', 1)
        return (
            f'<div class="chart" id="{self.name}-chart">'
            f'<div class="chart-scroll" tabindex="0" role="region" aria-label="{escape(self.summary)}: the chart">'
            f"{svg}</div>"
            '<p class="chart-readout" aria-hidden="true">Point at or tab to a mark to read its name; '
            "follow it to its source.</p>"
            f'<details class="chart-data"><summary>Data table: {escape(self.summary)}</summary>'
            f'<div class="chart-table-scroll">{self.table}</div></details></div>'
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {
            "text/html": self.html(),
            "image/svg+xml": svg_markup(self.fig, self.name, self.marks, links=False),
            "application/pdf": pdf_data(self.fig),
            "text/plain": self.summary,
        }
