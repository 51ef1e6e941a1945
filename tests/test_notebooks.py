"""Every notebook in notebooks/ executes without error in a fresh kernel."""
from __future__ import annotations

import jupytext
import nbclient
import pytest

from edition import paths

NOTEBOOKS = sorted(paths.ROOT.glob("notebooks/*.md"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path, tmp_path):
    notebook = jupytext.read(path)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs)


def test_there_is_an_explorer_per_dataset():
    assert [p.stem for p in NOTEBOOKS] == ["delegations-explorer", "events-explorer", "stances-explorer"]
