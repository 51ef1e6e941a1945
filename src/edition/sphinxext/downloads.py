"""The {artefact} role, and the downloads beside the web site (see edition.downloads).

{artefact}`mansourov-edition.pdf` shows the file name. On the web site it links to
downloads/mansourov-edition.pdf beside the pages if the site will have that file there
(edition.downloads.available): the data and the offline zip always; the PDF and the EPUB
only if their builds have already left them in the same _build/ folder. Otherwise the name
stands without a link, followed by "(not in this build)". In the PDF and the EPUB, which
cannot carry the other formats, the name stands without a link.

A page that names the PDF or the EPUB depends on the file its build leaves (a Sphinx
dependency): it is read and written again when that file goes, changes or appears (with a
newer modification time than the page's last reading, as a fresh build's file has), so the
page never keeps a link to a file that is gone.

When the site's build has finished, it fills downloads/ (edition.downloads.place) and then,
after every other extension has written its files, packs the finished site into the
offline zip downloads/edition-html.zip (edition.downloads.bundle).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from .. import downloads
from .common import is_site

NOT_BUILT = "(not in this build)"


class artefact(nodes.Inline, nodes.TextElement):
    """The name of a file in downloads/."""


class ArtefactRole(SphinxRole):
    def run(self):
        name = self.text
        if name not in downloads.ARTEFACTS:
            msg = self.inliner.reporter.error(
                f"artefact: {name!r} is none of {', '.join(sorted(downloads.ARTEFACTS))}", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        if name in downloads.FROM_BUILDS:
            self.env.note_dependency(str(Path(self.env.app.outdir).parent / downloads.FROM_BUILDS[name]))
        return [artefact(self.rawtext, name)], []


def visit_artefact_html(self, node: artefact) -> None:
    name = node.astext()
    if self.builder.name == "epub":
        self.body.append(f'<code class="literal">{name}</code>')
    elif name in downloads.available(Path(self.builder.outdir).parent):
        href = posixpath.relpath(f"{downloads.DIR}/{name}", posixpath.dirname(self.builder.current_docname) or ".")
        self.body.append(f'<a class="reference external ed-download" href="{href}" download>{name}</a>')
    else:
        self.body.append(f'<code class="literal">{name}</code> <span class="ed-not-built">{NOT_BUILT}</span>')
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


def write_offline_zip(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and is_site(app):
        site = Path(app.outdir)
        downloads.bundle(site, site / downloads.DIR / downloads.OFFLINE_ZIP)


def setup(app: Sphinx) -> dict:
    app.add_node(
        artefact, html=(visit_artefact_html, None), latex=(visit_artefact_latex, None), text=(visit_artefact_text, None)
    )
    app.add_role("artefact", ArtefactRole())
    app.connect("build-finished", place_downloads)
    app.connect("build-finished", write_offline_zip, priority=950)  # last: the site is finished
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
