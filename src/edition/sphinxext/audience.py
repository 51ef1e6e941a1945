"""Two builds from one source: the student build (the default) and the instructor build.

The audience is the Sphinx config value edition_audience, "student" (the default) or
"instructor"; `python -m edition build --audience` passes it as a config override
(edition.build). The student build leaves the exercises' solutions out of every output:

- sphinx-exercise's hide_solutions drops the solution directives before the
  doctree exists, so no page, search index entry, PDF or EPUB page has them;
- html_copy_source is off, so there is no _sources/ copy of a chapter (it would
  carry the solutions' source text), and sphinx-book-theme, which copies each
  MyST notebook's .ipynb into _sources/ for its download button only when the
  page has a source name, offers none either;
- a _sources/ folder left in the output folder by an earlier build for the other
  audience is removed: Sphinx never deletes files it did not write this time;
- sphinx-book-theme's "download source" button, which would point into the missing
  _sources/, is dropped from the download menu (print to PDF stays).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

AUDIENCES = ("student", "instructor")


def configure(app: Sphinx, config) -> None:
    """Check edition_audience, and set what the student build leaves out."""
    value = config.edition_audience
    if value not in AUDIENCES:
        raise ConfigError(f"edition_audience = {value!r}: expected one of {', '.join(AUDIENCES)}")
    student = value == "student"
    config.hide_solutions = student
    config.html_copy_source = not student


def remove_stale_sources(app: Sphinx, exception: Exception | None) -> None:
    if not exception and app.builder.format == "html" and app.config.edition_audience == "student":
        shutil.rmtree(Path(app.outdir, "_sources"), ignore_errors=True)


def drop_source_button(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Runs after sphinx-book-theme has built its header buttons (its handler has the default priority, 500)."""
    if app.config.html_copy_source:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"] = [b for b in group["buttons"] if b.get("label") != "download-source-button"]


def setup(app: Sphinx) -> dict:
    app.add_config_value(
        "edition_audience",
        "student",
        "env",
        types=str,
        description="who the build is for: student (no solutions) or instructor",
    )
    app.connect("config-inited", configure)
    app.connect("build-finished", remove_stale_sources)
    app.connect("html-page-context", drop_source_button, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
