"""The scripts of a web page: each once, and those of the site's _static/ deferred (HTML site only).

- sphinx-thebe adds its configuration script (const THEBE_JS_URL = …) each time the
  environment is read, and Jupyter Book's build reads it twice, so every page declared the
  constants twice and threw a SyntaxError (so did sphinx-togglebutton's, without error):
  each script now appears once in a page, in its first place.
- Sphinx and its extensions put a dozen scripts (doctools, highlighting, copy buttons,
  toggles, the book theme, edition.js) in the page's head, each blocking the first paint
  until it is fetched and run. They only act on the finished document (on DOMContentLoaded,
  before which deferred scripts run, in their order), so they are deferred. Not deferred:
  documentation_options.js, which inline scripts of the page extend at once; doctools.js
  and sphinx_highlight.js, so that the highlighter clears the search terms on
  DOMContentLoaded, after edition.js (deferred) has read them to land on the paragraph;
  scripts already async; the search page's, where Sphinx's inline search script calls doctools at
  once; and every script of a page with the widget manager (_vendor/, which myst-nb loads
  where widgets are): require.js, loaded there, would take the UMD scripts run after it
  (clipboard.min.js) for anonymous AMD modules and throw.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .common import is_site

KEEP_BLOCKING = ("documentation_options.js", "doctools.js", "sphinx_highlight.js")


def deferred(script):
    """The script, deferred, when it is one of the site's static files that may be."""
    name = str(getattr(script, "filename", "") or "")
    attributes = getattr(script, "attributes", {})
    if (
        not name.startswith("_static/")
        or "_vendor/" in name
        or name.endswith(KEEP_BLOCKING)
        or {"async", "defer"} & set(attributes)
    ):
        return script
    return type(script)(script.filename, priority=script.priority, **{**attributes, "defer": "defer"})


def page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_site(app) or "script_files" not in context:
        return
    seen, scripts = set(), []
    for script in context["script_files"]:
        key = (getattr(script, "filename", script) or None, getattr(script, "attributes", {}).get("body"))
        if key not in seen:  # same file, or same inline body (whose file is None or "")
            seen.add(key)
            scripts.append(script)
    if pagename != "search" and not any("_vendor/" in str(getattr(s, "filename", "") or "") for s in scripts):
        scripts = [deferred(s) for s in scripts]
    context["script_files"] = scripts


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", page_scripts, priority=900)  # after the extensions have added theirs
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
