"""Code cells and their outputs (the edition's figures and explorers) are editorial: they get the class ed.

So the extraction rule (remove every .ed element, and the author's text remains) holds on
pages with code too.
"""

from __future__ import annotations

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx


class MarkEditorialCells(Transform):
    default_priority = 900

    def apply(self) -> None:
        for node in self.document.findall(nodes.container):
            if "cell" in node.get("classes", []):
                node["classes"].append("ed")


def setup(app: Sphinx) -> dict:
    app.add_transform(MarkEditorialCells)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
