"""Sphinx extension: paragraph numbers and print-page milestones, and a stale-text guard.

Two roles mark the editorial layer inside the author's text:

- {pn}`14` numbers a paragraph: a margin number linked to itself (#p-14), a
  label p-14 for {ref} from any page, and a margin note in the PDF;
- {pb}`356` marks where print page 356 begins (#page-356, label page-356).

Every element they make carries the class "ed" (editorial), so that removing
every .ed element gives the author's text back (see book/about.md). At the
start of every build the reading text is re-derived from the witness and the
decisions; a committed copy that differs stops the build.
"""
from __future__ import annotations

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxRole

from . import paths


class paragraph_number(nodes.Inline, nodes.TextElement):
    """The edition's number of the paragraph this node opens."""


class page_milestone(nodes.Inline, nodes.TextElement):
    """The point where a print page begins."""


class _NumberRole(SphinxRole):
    node_class: type[nodes.TextElement]
    prefix: str
    label: str

    def run(self):
        if not self.text.isdigit():
            msg = self.inliner.reporter.error(f"{self.name}: {self.text!r} is not a number", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        node_id = f"{self.prefix}-{self.text}"
        node = self.node_class(self.rawtext, self.text, ids=[node_id], classes=["ed", f"ed-{self.prefix}"])
        self.env.get_domain("std").note_hyperlink_target(
            node_id, self.env.docname, node_id, self.label.format(self.text)
        )
        return [node], []


class ParagraphNumberRole(_NumberRole):
    node_class = paragraph_number
    prefix = "p"
    label = "¶ {}"


class PageMilestoneRole(_NumberRole):
    node_class = page_milestone
    prefix = "page"
    label = "p. {}"


class StableNoteIds(Transform):
    """Give the author's notes stable anchors: #note-4 for note 4, #note-ref-4 for its mark.

    Docutils numbers footnote ids per page (id11, id12, ...), which would change
    whenever an editorial note is added; readers and tests need ids that do not.
    """

    default_priority = 900  # after docutils has resolved footnote references

    def apply(self) -> None:
        notes = {}
        for note in self.document.findall(nodes.footnote):
            label = note.next_node(nodes.label)
            if label is None or not label.astext().isdigit():
                continue
            n = label.astext()
            notes[note["ids"][0]] = (note, n)
            note["ids"] = [f"note-{n}"]
            env = self.document.settings.env
            env.get_domain("std").note_hyperlink_target(f"note-{n}", env.docname, f"note-{n}", f"note {n}")
            note["backrefs"] = []
        for ref in self.document.findall(nodes.footnote_reference):
            if ref.get("refid") in notes:
                note, n = notes[ref["refid"]]
                ref["refid"] = f"note-{n}"
                ref["ids"] = [f"note-ref-{n}"]
                note["backrefs"].append(f"note-ref-{n}")


class MarkEditorialCells(Transform):
    """Code cells and their outputs (the edition's figures) are editorial: give them the class ed."""

    default_priority = 900

    def apply(self) -> None:
        for node in self.document.findall(nodes.container):
            if "cell" in node.get("classes", []):
                node["classes"].append("ed")


def visit_pn_html(self, node: paragraph_number) -> None:
    n = node.astext()
    self.body.append(
        f'<a class="ed ed-pn" id="p-{n}" href="#p-{n}" aria-label="Paragraph {n}" '
        f'title="Paragraph {n}: link to this paragraph">{n}</a>'
    )
    raise nodes.SkipNode


def visit_pb_html(self, node: page_milestone) -> None:
    p = node.astext()
    self.body.append(
        f'<a class="ed ed-pb" id="page-{p}" href="#page-{p}" '
        f'title="Print page {p} begins here">[p.&#160;{p}]</a>'
    )
    raise nodes.SkipNode


def visit_pn_latex(self, node: paragraph_number) -> None:
    self.body.append(self.hypertarget_to(node) + r"\edpn{" + node.astext() + r"}\ignorespaces ")
    raise nodes.SkipNode


def visit_pb_latex(self, node: page_milestone) -> None:
    self.body.append(self.hypertarget_to(node) + r"\edpb{" + node.astext() + "}")
    raise nodes.SkipNode


def visit_pn_text(self, node: paragraph_number) -> None:
    self.add_text(f"[¶ {node.astext()}] ")
    raise nodes.SkipNode


def visit_pb_text(self, node: page_milestone) -> None:
    self.add_text(f"[p. {node.astext()}]")
    raise nodes.SkipNode


def check_reading_text(app: Sphinx) -> None:
    from .cli import stale_outputs
    from .text import DecisionError

    try:
        stale = stale_outputs()
    except DecisionError as err:
        raise ExtensionError(str(err)) from err
    if stale:
        raise ExtensionError(
            f"data/{', data/'.join(stale)} differ from witness + decisions: run python -m edition establish"
        )


def is_site(app: Sphinx) -> bool:
    """An HTML builder that makes the web site (not the EPUB, which packs its files itself)."""
    return app.builder.format == "html" and app.builder.name != "epub"


ROOT_REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,">
<meta http-equiv="Refresh" content="0; url={root}.html"></head>
<body><p><a href="{root}.html">{title}</a></p></body></html>
"""


def write_root_redirect(app: Sphinx, exception: Exception | None) -> None:
    """The site's index.html, which sends the reader to the title page.

    sphinx-external-toc writes a bare redirect when none exists (it runs after this).
    Without an icon link Chromium asks for /favicon.ico, a 404 here; with a link to the
    site's icon, the redirect aborts that request. An empty data: icon asks for nothing.
    """
    import html
    from pathlib import Path

    if exception is None and is_site(app):
        Path(app.outdir, "index.html").write_text(
            ROOT_REDIRECT.format(title=html.escape(app.config.project), root=app.config.root_doc), encoding="utf-8")


def refresh_static_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy the edition's own static files again: Sphinx 7.4 keeps stale copies of changed ones."""
    import shutil
    from pathlib import Path

    if exception is None and is_site(app):
        for path in (paths.BOOK / "_static").iterdir():
            shutil.copy(path, Path(app.outdir) / "_static" / path.name)


def fetch_widget_scripts(app: Sphinx) -> None:
    if is_site(app):
        from .vendor import PACKAGES, tarball

        for name in PACKAGES:
            tarball(name)


def copy_widget_scripts(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and is_site(app):
        from pathlib import Path

        from .vendor import vendor_into

        vendor_into(Path(app.outdir))


LATEX_PREAMBLE = r"""
\newcommand{\edpn}[1]{\marginpar{\raggedleft\footnotesize\sffamily\textcolor{gray}{¶\,#1}}}
\newcommand{\edpb}[1]{{\footnotesize\sffamily\textcolor{gray}{[p.\,#1]}}}
"""


def configure(app: Sphinx, config) -> None:
    """Add the LaTeX macros, and the counts of the established text as MyST substitutions.

    Numbers quoted in the editorial prose ({{ paragraphs }}, ...) thus come from the
    text itself, never typed by hand.
    """
    from . import __version__
    from .text import establish_from_files, load_decisions

    config.latex_elements = dict(config.latex_elements or {})
    config.latex_elements["preamble"] = config.latex_elements.get("preamble", "") + LATEX_PREAMBLE
    config.release = config.version = __version__
    counts = establish_from_files().counts
    decisions = load_decisions()
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        **{k: str(v) for k, v in counts.items()},
        "line_ends": str(len(decisions["line_ends"])),
        "witness_sha256": decisions["witness"]["sha256"],
        "version": __version__,
    }


def setup(app: Sphinx) -> dict:
    app.add_node(
        paragraph_number,
        html=(visit_pn_html, None),
        latex=(visit_pn_latex, None),
        text=(visit_pn_text, None),
    )
    app.add_node(
        page_milestone,
        html=(visit_pb_html, None),
        latex=(visit_pb_latex, None),
        text=(visit_pb_text, None),
    )
    app.setup_extension("edition.sphinx_apparatus")
    app.setup_extension("edition.sphinx_epub")
    app.setup_extension("edition.sphinx_downloads")
    app.setup_extension("edition.sphinx_audience")
    app.add_transform(StableNoteIds)
    app.add_transform(MarkEditorialCells)
    app.add_role("pn", ParagraphNumberRole())
    app.add_role("pb", PageMilestoneRole())
    app.connect("builder-inited", check_reading_text)
    app.connect("builder-inited", fetch_widget_scripts)
    app.connect("build-finished", refresh_static_files)
    app.connect("build-finished", write_root_redirect, priority=400)  # before sphinx-external-toc's own
    app.connect("build-finished", copy_widget_scripts)
    app.connect("config-inited", configure)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
