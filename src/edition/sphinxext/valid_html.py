"""Valid HTML from the extensions Jupyter Book brings, as the W3C Nu HTML Checker reads it.

Two things that the edition's pages would otherwise carry from the extensions:

- myst-nb folds hidden code in <details> whose <summary> holds two <p> ("Show code cell
  source" / "Hide ..."): a <summary> may hold phrasing content only. The same labels are
  written as <span> (edition.css gives them the look myst-nb's stylesheet gives the <p>);
- sphinx-exercise gives every exercise's body the same id, exercise-content: the second
  and later get -2, -3, … (in every builder: the EPUB's XHTML forbids it too).
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.application import Sphinx


def visit_fold(self, node: HideCodeCellNode) -> None:
    """myst-nb's fold (visit_HideCellInput), with its two labels as phrasing content."""
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n')
    self.body.append('<summary aria-label="Toggle hidden content">\n')
    self.body.append(f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n')
    self.body.append(f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n')
    self.body.append("</summary>\n")


def depart_fold(self, node: HideCodeCellNode) -> None:
    self.body.append("</details>\n")


def unique_exercise_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    exercises = [n for n in doctree.findall(nodes.section) if "exercise-content" in n["ids"]]
    for k, section in enumerate(exercises[1:], start=2):
        section["ids"] = [f"exercise-content-{k}" if i == "exercise-content" else i for i in section["ids"]]


def setup(app: Sphinx) -> dict:
    app.add_node(HideCodeCellNode, override=True, html=(visit_fold, depart_fold))
    app.connect("doctree-resolved", unique_exercise_ids, priority=800)  # before edition.sphinxext.epub
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
