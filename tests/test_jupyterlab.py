"""The pages in JupyterLab, as a student opens them from Binder: a copy of the repository served by
JupyterLab set up as repo2docker does (requirements.txt's packages, then postBuild in a fresh HOME),
driven in Debian's Chromium. A chapter and an assignment open as notebooks, every cell runs without
an error, and the Markdown renders (jupyterlab-myst) with no raw role, fence or footnote syntax."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import jupytext
import pytest

import conftest
from conftest import require_tools
from edition import lab, paths

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PAGES = ["book/article/summit-diplomacy.md", "notebooks/assignments/delegations.md"]
RAW = {  # what must not be seen in a rendered Markdown cell
    "a role": re.compile(r"\{[a-z][\w:-]*\}`"),
    "a fence": re.compile(r"^\s*:{3,}|^\s*`{3,}\{", re.M),
    "a footnote mark": re.compile(r"\[\^[^\]]+\]"),
    "block attributes": re.compile(r"\{\.[\w-]+"),
    "a target": re.compile(r"^\([\w-]+\)=", re.M),
    "a MyST comment": re.compile(r"^% ", re.M),
    "an unknown directive or role": re.compile(r"Unknown (Directive|Role)", re.I),
}


def test_degrade_turns_the_editions_myst_into_myst_jupyterlab_renders():
    source = (
        "{.ed}\n{pb}`354`\n\n{pn}`10` At the airport,[^4] see {ref}`p-8`, {ref}`note-1` and "
        "{numref}`fig-timeline`; {glue:text}`n_events` events.\n\n[^4]: A note.\n"
    )
    assert lab.degrade(source) == (
        "\\[p. 354\\]\n\n**¶ 10** At the airport,[^4] see ¶ 8, note 1 and "
        'the figure “timeline”; {eval}`glued["n_events"]` events.\n\n[^4]: A note.\n'
    )
    assert lab.degrade("A mark.[^2]\n") == "A mark.{sup}`[2]`\n"
    assert lab.degrade("[^2]: Its note.\n") == "{sup}`[2]` Its note.\n"
    assert (
        lab.degrade(":::{container} ed editorial\n**Editors’ figure.**\n:::\n")
        == ":::{div}\n:class: ed editorial\n**Editors’ figure.**\n:::\n"
    )
    assert lab.degrade(":::{rubric} Exercises\n:class: ed exercises-heading\n:::\n") == "**Exercises**\n"


@pytest.mark.parametrize("page", PAGES)
def test_a_saved_notebook_keeps_the_editions_myst(page):
    """What JupyterLab saves back is what the file had, for every Markdown cell the student left alone."""
    nb = jupytext.read(paths.ROOT / page)
    model = json.loads(json.dumps(nb))
    shown = lab.degrade_notebook(json.loads(json.dumps(nb)))
    changed = any(c["source"] != o["source"] for c, o in zip(shown["cells"], model["cells"], strict=True))
    assert changed == page.startswith("book/")  # the assignments' MyST needs no change
    shown["cells"][-1]["source"] += "\nA student's line."
    restored = lab.restore_notebook(shown)
    assert [c["source"] for c in restored["cells"][:-1]] == [c["source"] for c in model["cells"][:-1]]
    assert all(lab.ORIGINAL not in c.get("metadata", {}) for c in restored["cells"])


def test_glued_values_show_as_their_text():
    from IPython.core.interactiveshell import InteractiveShell
    from myst_nb import glue

    shell = InteractiveShell.instance()
    glued = lab.record_glue(shell)
    glue("n_things", 44, display=False)
    assert repr(glued["n_things"]) == "44" and repr(glued["not_yet"]) == "…"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on a copy of the repository, set up as Binder sets it up; yields its URL and root."""
    base = tmp_path_factory.mktemp("binder")
    root, home = base / "repo", base / "home"
    ignore = shutil.ignore_patterns(".git", "_build", ".venv", ".cache", "__pycache__", "node_modules")
    shutil.copytree(paths.ROOT, root, ignore=ignore)
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(HOME=str(home), PYTHONPATH=str(root / "src"), PATH=f"{Path(sys.executable).parent}:{env['PATH']}")
    subprocess.run(["bash", str(root / "postBuild")], check=True, env=env, cwd=root, capture_output=True)
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    for plugin, values in {
        "notebook-extension/tracker": {"windowingMode": "none"},  # render every cell
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        (settings / plugin).parent.mkdir(parents=True, exist_ok=True)
        (settings / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={root}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    log = open(base / "server.log", "w")  # noqa: SIM115 -- open for the server's whole life, closed below
    server = subprocess.Popen(command, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=5)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                assert server.poll() is None, (base / "server.log").read_text()[-3000:]
                time.sleep(0.5)
        yield url, root, base
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
        log.close()


PANEL = """(path) => {
  const panels = Array.from(window.jupyterapp.shell.widgets("main"));
  return panels.find(w => w.context && w.context.path === path && w.content && w.content.model);
}"""


@pytest.fixture(scope="module")
def lab_browser(request):
    """Debian's Chromium: pytest-playwright's browser where conftest sets it up, else launched here."""
    if hasattr(conftest, "browser_type_launch_args"):
        yield request.getfixturevalue("browser")
        return
    from playwright.sync_api import sync_playwright

    from edition.site import CHROMIUM, CHROMIUM_FLAGS

    require_tools(CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


RUN_ALL = """async (path) => {
  const app = window.jupyterapp;
  const panel = (PANEL)(path);
  await panel.context.ready;
  await panel.sessionContext.ready;
  for (let i = 0; i < 600 && panel.sessionContext.session?.kernel?.status !== "idle"; i++) {
    await new Promise(r => setTimeout(r, 500));
  }
  app.shell.activateById(panel.id);
  await app.commands.execute("notebook:run-all-cells");
  return panel.sessionContext.session?.kernel?.status;
}""".replace("PANEL", PANEL)
STATE = """(path) => {
  const panel = (PANEL)(path);
  const cells = panel.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    const j = c.toJSON();
    out.push({type: c.type, count: j.execution_count ?? null, outputs: (j.outputs || []).map(o => o.output_type)});
  }
  return {busy: panel.sessionContext.session?.kernel?.status, cells: out};
}""".replace("PANEL", PANEL)


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_a_page_opens_as_a_notebook_runs_and_renders_its_myst(jupyterlab, lab_browser, page):
    url, root, base = jupyterlab
    context = lab_browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(f"{url}/lab/tree/{page}?reset")  # a fresh workspace: only this page open
        tab.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
        tab.wait_for_function(f"({PANEL})({json.dumps(page)}) !== undefined", timeout=60_000)
        tab.evaluate(RUN_ALL, page)
        start = time.monotonic()
        retried = False
        while True:
            state = tab.evaluate(STATE, page)
            code = [c for c in state["cells"] if c["type"] == "code"]
            if state["busy"] == "idle" and code and all(c["count"] for c in code):
                break
            if not retried and time.monotonic() - start > 60 and not any(c["count"] for c in code):
                tab.evaluate(RUN_ALL, page)  # the kernel was not ready for the first request
                retried = True
            assert time.monotonic() - start < 400, state
            time.sleep(2)
        time.sleep(2)  # the Markdown cells' inline expressions are evaluated after the run
        panel = "#" + tab.evaluate(f"({PANEL})({json.dumps(page)}).id")  # this notebook's cells only
        cells = tab.locator(f"{panel} .jp-MarkdownCell")
        unrendered = tab.locator(f"{panel} .jp-MarkdownCell:not(:has(.myst))").count()  # jupyterlab-myst's
        rendered = tab.locator(f"{panel} .jp-MarkdownCell .jp-Cell-inputWrapper").all_inner_texts()
        n_cells = cells.count()
        tab.screenshot(path=str(base / f"{Path(page).stem}.png"), full_page=False)
    finally:
        context.close()
    assert [c for c in state["cells"] if "error" in c["outputs"]] == []
    assert errors == []
    nb = jupytext.read(root / page)
    assert n_cells == len(rendered) == sum(c.cell_type == "markdown" for c in nb.cells)
    assert unrendered == 0
    text = "\n".join(rendered)
    found = {
        what: [text[max(0, m.start() - 60) : m.end() + 60] for m in pattern.finditer(text)][:3]
        for what, pattern in RAW.items()
        if pattern.search(text)
    }
    assert found == {}, found
    if page.startswith("book/article/"):
        assert re.search(r"mentions \d+ dated events", text), text[:2000]
        assert "¶ 8" in text
        assert any("display_data" in c["outputs"] for c in state["cells"])  # the charts
    else:
        assert "Question 1: how many? (1 point)" in text
