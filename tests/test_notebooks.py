"""Every notebook in notebooks/ executes without error in a fresh kernel."""

from __future__ import annotations

import pytest

from edition import paths
from edition.execute import execute

NOTEBOOKS = sorted(paths.ROOT.glob("notebooks/*.md"))


@pytest.mark.build  # runs a kernel
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path):
    notebook = execute(path)
    errors = [
        o
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.output_type == "error"
    ]
    assert errors == []
    assert any(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.outputs
    )


def test_every_explorer_is_a_page_of_the_book():
    """The notebooks run above are pages of the book: the table of contents lists each (only its files are built)."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    pages = set(parse_toc_yaml(paths.ROOT / "_toc.yml"))
    assert NOTEBOOKS and {p.relative_to(paths.ROOT).with_suffix("").as_posix() for p in NOTEBOOKS} <= pages
