"""The edition's pages in JupyterLab: MyST that jupyterlab-myst can render, where Sphinx does not run.

jupyterlab-myst renders MyST in Markdown cells, one cell at a time and without the edition's Sphinx
extensions. What it cannot render this module rewrites, as the page is opened, into MyST it can:

- the paragraph number `{pn}`8`` becomes **¶ 8**, the page milestone `{pb}`354`` becomes [p. 354];
- a footnote mark `[^1]` whose note is in another cell becomes a superscript [1], and the note's
  definition `[^1]: …` a paragraph that starts with it;
- `{glue:text}`n_events`` becomes `{eval}`glued["n_events"]``: the value the page's code glued,
  once the cells have run (record_glue(), run at kernel start by Binder's IPython start-up file,
  keeps what `myst_nb.glue` displays in the dict `glued`);
- the editors' fences `:::{container} ed editorial` become `:::{div}` with the same classes, a
  `{rubric}` a bold line, and `{.ed}` block attributes, which only Sphinx reads, are dropped;
- a cross-reference to a paragraph, note or figure (`{ref}`p-8``, `{numref}`fig-x``) becomes its
  plain name (¶ 8, note 1, the figure's label).

ContentsManager does this in the notebook it hands to JupyterLab and undoes it when the notebook is
saved, for every Markdown cell the student did not change: the file on disk keeps the edition's
MyST. Binder's postBuild selects it (ServerApp.contents_manager_class).
"""

from __future__ import annotations

import re

ORIGINAL = "edition_myst"  # cell metadata key: the source as the file has it

PN = re.compile(r"\{pn\}`([^`]+)`")
PB = re.compile(r"\{pb\}`([^`]+)`")
GLUE = re.compile(r"\{glue(?::text|:any|:md)?\}`([^`:]+)(?::[^`]*)?`")
REF = re.compile(r"\{(ref|numref)\}`([^`<]*?)(?:\s*<([^>]+)>)?`")
ATTRS = re.compile(r"^\{\.[^}]*\}[ \t]*\n", re.M)
CONTAINER = re.compile(r"^(:{3,})\{container\}[ \t]*(.*)$", re.M)
RUBRIC = re.compile(r"^(:{3,})\{rubric\}[ \t]*(.*)\n(?::\w+:.*\n)*\1[ \t]*$", re.M)
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*", re.M)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
ANCHOR = re.compile(r"(p|note)-(\d+)")


def ref_text(kind: str, title: str, target: str | None) -> str:
    label = (target or title).strip()
    if target and title.strip():
        return title.strip()
    match = ANCHOR.fullmatch(label)
    if match:
        return f"¶ {match[2]}" if match[1] == "p" else f"note {match[2]}"
    if label.startswith("fig-"):
        return f"the figure “{label.removeprefix('fig-').replace('-', ' ')}”"
    return label


def degrade(source: str) -> str:
    """A Markdown cell's MyST, as jupyterlab-myst can render it (see the module's docstring)."""
    text = ATTRS.sub("", source)
    text = PN.sub(lambda m: f"**¶ {m[1]}**", text)
    text = PB.sub(lambda m: f"\\[p. {m[1]}\\]", text)
    text = GLUE.sub(lambda m: f'{{eval}}`glued["{m[1]}"]`', text)
    text = RUBRIC.sub(lambda m: f"**{m[2].strip()}**", text)
    text = CONTAINER.sub(lambda m: f"{m[1]}{{div}}" + (f"\n:class: {m[2].strip()}" if m[2].strip() else ""), text)
    text = REF.sub(lambda m: ref_text(m[1], m[2], m[3]), text)
    defined = set(FOOTNOTE_DEF.findall(text))
    marked = set(FOOTNOTE_REF.findall(text))
    text = FOOTNOTE_REF.sub(lambda m: m[0] if m[1] in defined else f"{{sup}}`[{m[1]}]`", text)
    text = FOOTNOTE_DEF.sub(lambda m: f"[^{m[1]}]: " if m[1] in marked else f"{{sup}}`[{m[1]}]` ", text)
    return text


def degrade_notebook(nb: dict) -> dict:
    """nb (a notebook model's content) with its Markdown cells degraded; each keeps its original in metadata."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        shown = degrade(source)
        if shown != source:
            cell.setdefault("metadata", {})[ORIGINAL] = source
            cell["source"] = shown
    return nb


def restore_notebook(nb: dict) -> dict:
    """Undo degrade_notebook for the cells whose shown source was not changed."""
    for cell in nb.get("cells", []):
        original = cell.get("metadata", {}).pop(ORIGINAL, None)
        if original is None:
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if source == degrade(original):
            cell["source"] = original
    return nb


class Shown:
    """A glued value as {glue:text} shows it: its text, without quotes."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


class Glued(dict):
    """Name → Shown; a name not glued (yet: the cells have not run) shows as an ellipsis."""

    def __missing__(self, name: str) -> Shown:
        return Shown("…")


def record_glue(shell) -> Glued:
    """Keep, in the kernel's dict `glued`, the text of every value myst_nb.glue displays (for {eval})."""
    glued = shell.user_ns.setdefault("glued", Glued())
    publish = shell.display_pub.publish

    def recording(data, metadata=None, *args, **kwargs):
        name = ((metadata or {}).get("scrapbook") or {}).get("name")
        if name:
            text = next((v for k, v in data.items() if k.endswith("text/plain")), None)
            if text is not None:
                glued[name] = Shown(text)
        return publish(data, metadata, *args, **kwargs)

    shell.display_pub.publish = recording
    return glued


def _contents_manager():
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class

    base = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)

    class EditionContentsManager(base):
        """Jupytext's contents manager, with the edition's MyST degraded for jupyterlab-myst (see above)."""

        async def get(self, path, content=True, type=None, format=None, **kwargs):
            model = await super().get(path, content=content, type=type, format=format, **kwargs)
            if content and model.get("type") == "notebook" and model.get("content"):
                degrade_notebook(model["content"])
            return model

        async def save(self, model, path=""):
            if model.get("type") == "notebook" and model.get("content"):
                restore_notebook(model["content"])
            return await super().save(model, path)

    return EditionContentsManager


def __getattr__(name: str):
    if name == "ContentsManager":  # built on first use: importing edition.lab needs no Jupyter server
        return _contents_manager()
    raise AttributeError(name)
