"""The markers of the editorial layer inside the author's text: paragraph numbers and print-page milestones.

- {pn}`14` numbers a paragraph: a margin number linked to itself (#p-14), a label p-14
  for {ref} from any page, and a margin note in the PDF (the LaTeX macro \\edpn);
- {pb}`356` marks where print page 356 begins (#page-356, label page-356; \\edpb in the PDF).

Every element they make carries the class "ed" (editorial).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole


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
        f'<a class="ed ed-pb" id="page-{p}" href="#page-{p}" title="Print page {p} begins here">[p.&#160;{p}]</a>'
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


LATEX_PREAMBLE = r"""
\newcommand{\edpn}[1]{\marginpar{\raggedleft\footnotesize\sffamily\textcolor{gray}{¶\,#1}}}
\newcommand{\edpb}[1]{{\footnotesize\sffamily\textcolor{gray}{[p.\,#1]}}}
"""


def add_latex_macros(app: Sphinx, config) -> None:
    """The macros that the LaTeX visitors write, after the preamble that _config.yml sets."""
    config.latex_elements = dict(config.latex_elements or {})
    config.latex_elements["preamble"] = config.latex_elements.get("preamble", "") + LATEX_PREAMBLE


def setup(app: Sphinx) -> dict:
    app.add_node(paragraph_number, html=(visit_pn_html, None), latex=(visit_pn_latex, None), text=(visit_pn_text, None))
    app.add_node(page_milestone, html=(visit_pb_html, None), latex=(visit_pb_latex, None), text=(visit_pb_text, None))
    app.add_role("pn", ParagraphNumberRole())
    app.add_role("pb", PageMilestoneRole())
    app.connect("config-inited", add_latex_macros)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
