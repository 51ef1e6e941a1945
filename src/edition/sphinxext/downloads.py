"""The {artefact} role: a link to a file the build puts in downloads/ (see edition.downloads).

{artefact}`mansourov-edition.pdf` shows the file name. On the web site it links to
downloads/mansourov-edition.pdf beside the pages; in the PDF and the EPUB, which cannot
carry the other formats, the name stands without a link.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from .. import downloads
from .common import is_site


class artefact(nodes.Inline, nodes.TextElement):
    """The name of a file in downloads/."""


class ArtefactRole(SphinxRole):
    def run(self):
        if self.text not in downloads.ARTEFACTS:
            msg = self.inliner.reporter.error(
                f"artefact: {self.text!r} is none of {', '.join(sorted(downloads.ARTEFACTS))}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        return [artefact(self.rawtext, self.text)], []


def visit_artefact_html(self, node: artefact) -> None:
    name = node.astext()
    if self.builder.name == "epub":
        self.body.append(f'<code class="literal">{name}</code>')
    else:
        href = posixpath.relpath(f"{downloads.DIR}/{name}", posixpath.dirname(self.builder.current_docname) or ".")
        classes = "reference external ed-download" + (f" {downloads.FULL_BUILD_CLASS}" if name in downloads.FULL_BUILD else "")
        self.body.append(f'<a class="{classes}" href="{href}" download>{name}</a>')
    raise nodes.SkipNode


def visit_artefact_latex(self, node: artefact) -> None:
    self.body.append(r"\sphinxcode{\sphinxupquote{" + self.encode(node.astext()) + "}}")
    raise nodes.SkipNode


def visit_artefact_text(self, node: artefact) -> None:
    self.add_text(node.astext())
    raise nodes.SkipNode


def place_downloads(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and is_site(app):
        downloads.place(Path(app.outdir).parent)


def setup(app: Sphinx) -> dict:
    app.add_node(artefact, html=(visit_artefact_html, None), latex=(visit_artefact_latex, None),
                 text=(visit_artefact_text, None))
    app.add_role("artefact", ArtefactRole())
    app.connect("build-finished", place_downloads)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
