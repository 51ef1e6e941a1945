"""The site's stylesheets without the rules that no page can use (HTML site only).

The theme's stylesheet (pydata-sphinx-theme.css, with all of Bootstrap) is 400 KB, and the
browser must fetch and parse it before it paints the first line of the author's text. Most
of its rules style components the edition never shows. A rule is dropped when each of its
selectors names, outside any functional pseudo-class, a class or an id that no page and no
script of the site contains, as a word: a script that adds a class names it. The edition's
own sheets (book/_static/) are left whole. Rules whose
selectors name only elements or attributes, every @font-face, @keyframes and other at-rule,
and the classes that Bootstrap's tooltips build from parts (bs-*, tooltip*, popover*) stay.

The stylesheets as Sphinx copied them, and as cut, are kept in the build's doctree folder, so
a later build cuts them again from the full sheets when the words of the site change, and
otherwise only puts the cut sheet back where Sphinx copied the full one again
(edition.sphinxext.common.scan_words remembers each file's words).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging

from .. import paths
from .common import is_site, scan_words, site_pages

logger = logging.getLogger(__name__)

WORD = re.compile(r"[A-Za-z0-9_-]+")
KEPT_PREFIXES = ("bs-", "tooltip", "popover")  # built by Bootstrap's scripts from parts
ORIGINALS, CUTS = "edition-css-originals", "edition-css-cut"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _needed_names(tokens) -> list[str]:
    """The classes and ids a selector's top level names (not those inside :not(), :is(), ...)."""
    names, previous = [], None
    for token in tokens:
        if (
            token.type == "hash"
            and token.is_identifier
            or token.type == "ident"
            and previous is not None
            and previous.type == "literal"
            and previous.value == "."
        ):
            names.append(token.value)
        previous = token
    return names


def _selectors(prelude) -> list[list]:
    groups, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            groups.append(current)
            current = []
        else:
            current.append(token)
    return [*groups, current]


def usable(prelude, words: set[str]) -> bool:
    """Whether some selector of the rule could match: every class and id it needs is a word of the site."""
    for selector in _selectors(prelude):
        names = _needed_names(selector)
        if all(n in words or n.startswith(KEPT_PREFIXES) for n in names):
            return True
    return False


def cut(css: str, words: set[str]) -> str:
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "qualified-rule":
            if usable(rule.prelude, words):
                out.append(tinycss2.serialize([rule]))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = cut(tinycss2.serialize(rule.content), words)
            if inner.strip():
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
    return "\n".join(out)


def cut_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_site(app):
        return
    outdir, kept = Path(app.outdir), Path(app.doctreedir)
    static = outdir / "_static"
    scripts = [p for p in static.rglob("*.js") if p.name != "fontawesome.js"]
    words = scan_words(outdir, [*site_pages(outdir), *scripts], kept / "edition-page-words.json", WORD)
    record_file = kept / "edition-css-cut.json"
    record = json.loads(record_file.read_text(encoding="utf-8")) if record_file.is_file() else {}
    words_digest = digest(" ".join(sorted(words)).encode())
    own = {p.name for p in (paths.BOOK / "_static").iterdir()}  # the edition's sheets: small, and all in use
    done = 0
    for sheet in sorted(p for p in static.rglob("*.css") if p.relative_to(static).as_posix() not in own):
        name = sheet.relative_to(static).as_posix()
        original, cut_copy = kept / ORIGINALS / name, kept / CUTS / name
        current, was = digest(sheet.read_bytes()), record.get(name, {})
        if was.get("words") == words_digest and current == was.get("cut"):
            continue  # cut already, for these words
        if was.get("words") == words_digest and current == was.get("original") and cut_copy.is_file():
            sheet.write_bytes(cut_copy.read_bytes())  # Sphinx copied the full sheet again: the same cut
            continue
        if current != was.get("cut"):  # a full sheet, as Sphinx copied it
            original.parent.mkdir(parents=True, exist_ok=True)
            original.write_bytes(sheet.read_bytes())
        cut_text = cut(original.read_text(encoding="utf-8"), words)
        cut_copy.parent.mkdir(parents=True, exist_ok=True)
        cut_copy.write_text(cut_text, encoding="utf-8")
        sheet.write_text(cut_text, encoding="utf-8")
        record[name] = {
            "original": digest(original.read_bytes()),
            "cut": digest(sheet.read_bytes()),
            "words": words_digest,
        }
        done += 1
    record_file.write_text(json.dumps(record), encoding="utf-8")
    if done:
        logger.info(f"edition: {done} stylesheet(s) cut to the rules the site's pages and scripts can use")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", cut_stylesheets, priority=920)  # after the popovers (900), before the zip (950)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
