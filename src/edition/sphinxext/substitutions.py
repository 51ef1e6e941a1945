"""Numbers and names quoted in the editorial prose, taken from the text itself, never typed by hand.

The counts of the established text ({{ paragraphs }}, ...), the number of line-end
decisions, the witness's SHA-256 and the edition's version become MyST substitutions
(the substitution extension is enabled in _config.yml); release and version are the
package's version.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def configure(app: Sphinx, config) -> None:
    from .. import __version__
    from ..text import establish_from_files, load_decisions

    config.release = config.version = __version__
    counts = establish_from_files().counts
    decisions = load_decisions()
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        **{k: str(v) for k, v in counts.items()},
        "line_ends": str(len(decisions["line_ends"])),
        "witness_sha256": decisions["witness"]["sha256"],
        "version": __version__,
    }


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
