"""The preview card of link previews (og:image): the edition's title page as a 1200 × 630 PNG, drawn by the build.

Drawn with matplotlib in the type of the edition's title page (a serif for the author's title,
a sans-serif for the editors' words, grey as the editorial marks are), never a screenshot.
DejaVu ships with matplotlib, so the card looks the same on every machine.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from .identity import Identity

WIDTH, HEIGHT, DPI = 1200, 630, 100
INK, GREY, PAPER, RULE = "#1f2328", "#57606a", "#fbfaf7", "#8c959f"


def draw(ident: Identity, paragraphs: int, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig = plt.figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=PAPER)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(HEIGHT, 0)
    left = 80
    ax.text(left, 90, ident.author.display, family="DejaVu Serif", fontsize=26, color=INK, va="baseline")
    title = textwrap.fill(f"“{ident.title}”", width=42)
    ax.text(left, 140, title, family="DejaVu Serif", fontsize=34, color=INK, va="top", linespacing=1.25)
    ax.plot([left, WIDTH - left], [468, 468], color=RULE, linewidth=1.5)
    facts = f"A digital edition · version {ident.version} · print pp. {ident.first_page}–{ident.last_page}"
    ax.text(left, 515, facts, family="DejaVu Sans", fontsize=20, color=GREY, va="baseline")
    more = f"{paragraphs} numbered paragraphs, each citable · the author’s notes · the editors’ apparatus and data"
    ax.text(left, 560, more, family="DejaVu Sans", fontsize=16, color=GREY, va="baseline")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, facecolor=PAPER, metadata={"Software": None})
    plt.close(fig)
    return path
