"""Run text notebooks in a fresh kernel: python -m edition execute [PATH ...].

Every MyST page with a kernel (book/, notebooks/ and below) by default. Used by
the tests, in this environment and in a fresh one made from requirements.txt
alone, as Binder would make it. Each notebook runs in its own folder, as it does
in Jupyter, in the book's build and in Binder.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbclient
import nbformat

from . import paths


def executable_pages(root: Path = paths.ROOT) -> list[Path]:
    """The MyST Markdown files under book/ and notebooks/ that declare a kernel."""
    candidates = sorted([*root.glob("book/**/*.md"), *root.glob("notebooks/**/*.md")])
    return [p for p in candidates if "kernelspec:" in p.read_text(encoding="utf-8").split("\n---", 1)[0]]


def execute(path: Path) -> nbformat.NotebookNode:
    """The notebook at path, executed; a failing cell raises nbclient's CellExecutionError."""
    notebook = jupytext.read(path)
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return notebook


def execute_all(targets: list[Path] | None = None) -> int:
    """Run each notebook (every executable page by default), report each, then 1 if any failed, else 0."""
    targets = [Path(t).resolve() for t in targets or []] or executable_pages()
    failed = 0
    for path in targets:
        try:
            execute(path)
            print(f"ok      {path.relative_to(paths.ROOT)}", flush=True)
        except Exception as err:  # report every notebook, then fail
            failed += 1
            print(f"FAILED  {path.relative_to(paths.ROOT)}: {type(err).__name__}: {str(err)[-1500:]}", flush=True)
    print(f"{len(targets) - failed} of {len(targets)} notebooks ran without error")
    return 1 if failed else 0
