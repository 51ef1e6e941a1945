"""No build from an author's text that the witness and the decisions do not give.

When the builder starts (HTML, PDF or EPUB alike), the reading text is derived afresh
from the witness and data/text-decisions.yaml and compared with the committed
reading-text files and with the author's text fenced in every chapter
(edition.derived). Any difference, or a decision that fails, stops the build before a
page is read, naming the file, the block (p-32, note-1, ...) and the first differing word.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


def check_reading_text(app: Sphinx) -> None:
    from ..derived import problems

    found = problems(Path(app.srcdir))
    if found:
        raise ExtensionError(
            "the author's text differs from witness + decisions:\n  "
            + "\n  ".join(found)
            + "\nChange data/text-decisions.yaml, then run python -m edition establish."
        )


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", check_reading_text)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
