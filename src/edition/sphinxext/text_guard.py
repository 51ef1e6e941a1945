"""No build from an author's text that the witness and the decisions do not give.

When the builder starts (HTML, PDF or EPUB alike), the reading text is derived afresh
from the witness and data/text-decisions.yaml and compared with the committed
reading-text files and with the author's text fenced in every chapter
(edition.derived). Any difference, or a decision that fails, stops the build before a
page is read, naming the file, the block (p-32, note-1, ...) and the first differing word.

The chapters are checked at every build (a few milliseconds). The reading-text files
(data/reading-text.txt and the TEI, which takes most of the time) are not checked again
while their inputs are those they last passed with: data/ (witness, decisions, registers),
the package and the environment, the execution cache's fingerprint
(edition.sphinxext.execution). It is kept in the build's doctree folder, which is the
build's own (a fresh clone has none).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import paths
from .execution import fingerprint

logger = logging.getLogger(__name__)
STAMP = "edition-reading-text-checked"


def check_reading_text(app: Sphinx) -> None:
    from ..derived import problems

    stamp, digest = Path(app.doctreedir) / STAMP, fingerprint(paths.ROOT)
    files = not (stamp.is_file() and stamp.read_text(encoding="utf-8") == digest)
    if not files:
        logger.info("edition: reading-text files checked before from the same data and package, not again")
    found = problems(Path(app.srcdir), files=files)
    if found:
        raise ExtensionError(
            "the author's text differs from witness + decisions:\n  "
            + "\n  ".join(found)
            + "\nChange data/text-decisions.yaml, then run python -m edition establish."
        )
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", check_reading_text)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
