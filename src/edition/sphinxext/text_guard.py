"""No build from a stale reading text.

When the builder starts, the reading text is derived afresh from the witness and the
decisions; if the committed data/reading-text files differ from it (or a decision fails),
the build stops and says how to bring them up to date.
"""
from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


def check_reading_text(app: Sphinx) -> None:
    from ..__main__ import stale_outputs
    from ..text import DecisionError

    try:
        stale = stale_outputs()
    except DecisionError as err:
        raise ExtensionError(str(err)) from err
    if stale:
        raise ExtensionError(
            f"data/{', data/'.join(stale)} differ from witness + decisions: run python -m edition establish"
        )


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", check_reading_text)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
