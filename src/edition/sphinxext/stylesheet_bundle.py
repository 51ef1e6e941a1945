"""One stylesheet per page instead of sixteen (HTML site only).

Sphinx, the theme and the extensions each link their own stylesheet, and a browser fetches
every one before it paints a word: on a phone's connection the round trips, not the bytes,
delay the author's text. When the site is written, the stylesheets a page links (the site's
own, in _static/) are joined, in their order, into one file, _static/bundle-<hash>.css, which
the page links in their place. The url() references of each sheet are rewritten for the
bundle's folder; an @import is replaced by the sheet it names (the theme's theme.css imports
basic.css), as the browser would have read it there. Only the pages the build wrote are
rewritten; a bundle no page links any more is removed. It runs after the stylesheets are cut
(edition.sphinxext.unused_css), so a bundle holds the cut sheets.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .common import is_site, pages_written, site_pages, track_writes

logger = logging.getLogger(__name__)

LINK = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="([^"]+)"[^>]*>\s*')
URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;""")
CHARSET = re.compile(r"""@charset\s+"[^"]*"\s*;""")
BUNDLE = re.compile(r"bundle-[0-9a-f]{12}\.css$")


def sheet_text(static: Path, name: str, seen: frozenset[str] = frozenset()) -> str:
    """A stylesheet of _static/ as the bundle holds it: its urls relative to _static/, its imports inlined."""
    folder = posixpath.dirname(name)
    css = CHARSET.sub("", (static / name).read_text(encoding="utf-8"))

    def rebase(m: re.Match) -> str:
        target = m.group(2)
        if re.match(r"^(?:[a-z]+:|/|#)", target):
            return m.group(0)
        return f'url("{posixpath.normpath(posixpath.join(folder, target))}")'

    def inline(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, m.group(1)))
        return "" if target in seen else sheet_text(static, target, seen | {name})

    return URL.sub(rebase, IMPORT.sub(inline, css))


def bundle_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_site(app):
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    made: dict[tuple[str, ...], str] = {}
    for page in pages_written(app):
        html = page.read_text(encoding="utf-8")
        to_static = posixpath.relpath("_static", posixpath.dirname(page.relative_to(outdir).as_posix()))
        sheets = []
        for m in LINK.finditer(html):
            href = m.group(1).split("?", 1)[0]
            if href.startswith(to_static + "/") and not BUNDLE.search(href):
                sheets.append((m, href.removeprefix(to_static + "/")))
        if len(sheets) < 2:
            continue
        names = tuple(name for _, name in sheets)
        if names not in made:
            text = "\n".join(f"/* {name} */\n{sheet_text(static, name)}" for name in names)
            made[names] = f"bundle-{hashlib.sha256(text.encode()).hexdigest()[:12]}.css"
            if not (static / made[names]).is_file():
                (static / made[names]).write_text(text, encoding="utf-8")
        first = sheets[0][0]
        link = f'<link rel="stylesheet" type="text/css" href="{to_static}/{made[names]}" />\n'
        for m, _ in reversed(sheets):
            html = html[: m.start()] + (link if m is first else "") + html[m.end() :]
        page.write_text(html, encoding="utf-8")
    linked = {
        m for page in site_pages(outdir) for m in re.findall(r"bundle-[0-9a-f]{12}\.css", page.read_text("utf-8"))
    }
    for old in static.glob("bundle-*.css"):
        if old.name not in linked:
            old.unlink()
    if made:
        logger.info(f"edition: stylesheets joined into {len(made)} bundle(s), one per set of sheets")


def setup(app: Sphinx) -> dict:
    track_writes(app)
    app.connect("build-finished", bundle_pages, priority=930)  # after the cut sheets (920), before the zip (950)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
