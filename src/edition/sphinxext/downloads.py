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
page never keeps a link to a file that is gone. A file that is not there is remembered in
the environment instead (a missing Sphinx dependency would have the page read in every build),
and the page is read again when it appears.

When the site's build has finished, it fills downloads/ (edition.downloads.place) and then,
after every other extension has written its files, packs the finished site into the
offline zip downloads/edition-html.zip (edition.downloads.bundle).
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .. import downloads
from .common import is_site

NOT_BUILT = "(not in this build)"
logger = logging.getLogger(__name__)


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
            made = Path(self.env.app.outdir).parent / downloads.FROM_BUILDS[name]
            if made.is_file():
                self.env.note_dependency(str(made))  # read again when it changes or goes
            else:  # Sphinx would read a page with a missing dependency again in every build: see appeared()
                absent_artefacts(self.env).setdefault(self.env.docname, set()).add(downloads.FROM_BUILDS[name])
        return [artefact(self.rawtext, name)], []


def absent_artefacts(env) -> dict[str, set[str]]:
    """docname -> the PDF or EPUB files (relative to _build/) its build's folder lacked when the page was read."""
    if not hasattr(env, "edition_absent_artefacts"):
        env.edition_absent_artefacts = {}
    return env.edition_absent_artefacts


def appeared(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The pages to read again because a file they named without a link is there now."""
    build = Path(app.outdir).parent
    return [doc for doc, files in absent_artefacts(env).items() if any((build / f).is_file() for f in files)]


def forget_page(app: Sphinx, env, docname: str) -> None:
    absent_artefacts(env).pop(docname, None)


def merge_pages(app: Sphinx, env, docnames, other) -> None:
    absent_artefacts(env).update({d: f for d, f in absent_artefacts(other).items() if d in docnames})


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
    """Pack the site, unless the zip there holds exactly the files the site has now (a hash of their
    names and bytes, kept in the build's doctree folder, outside the site). Bytes, not times: Sphinx
    writes its search page and index at every build, with the same content."""
    if exception is None and is_site(app):
        site = Path(app.outdir)
        target = site / downloads.DIR / downloads.OFFLINE_ZIP
        digest = hashlib.sha256()
        for path, name in downloads.bundle_members(site, target):
            digest.update(f"{name.as_posix()}\0{path.stat().st_size}\0".encode() + path.read_bytes())
        stamp = Path(app.doctreedir) / "edition-offline-zip.sha256"
        if target.is_file() and stamp.is_file() and stamp.read_text() == digest.hexdigest():
            logger.info("edition: offline zip unchanged, not rewritten")
            return
        downloads.bundle(site, target)
        stamp.write_text(digest.hexdigest())
        logger.info(f"edition: offline zip written ({target.stat().st_size // 1024} KB)")


def setup(app: Sphinx) -> dict:
    app.add_node(
        artefact, html=(visit_artefact_html, None), latex=(visit_artefact_latex, None), text=(visit_artefact_text, None)
    )
    app.add_role("artefact", ArtefactRole())
    app.connect("env-get-outdated", appeared)
    app.connect("env-purge-doc", forget_page)
    app.connect("env-merge-info", merge_pages)
    app.connect("build-finished", place_downloads)
    app.connect("build-finished", write_offline_zip, priority=950)  # last: the site is finished
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
