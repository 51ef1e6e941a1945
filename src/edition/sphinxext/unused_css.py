"""The site's stylesheets without the rules that no page can use (HTML site only).

The theme's stylesheet (pydata-sphinx-theme.css, with all of Bootstrap) is 400 KB, and the
browser must fetch and parse it before it paints the first line of the author's text. Most
of its rules style components the edition never shows. A rule is dropped when each of its
selectors names, outside any functional pseudo-class, a class or an id that no page and no
script of the site contains, as a word: a script that adds a class names it. The edition's
own sheets (book/_static/, and the text face's fonts.css) are left whole. Rules whose
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

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import paths
from .common import is_site, scan_words, site_pages
from .typeset import FONTS_CSS

logger = logging.getLogger(__name__)

WORD = re.compile(r"[A-Za-z0-9_-]+")
KEPT_PREFIXES = ("bs-", "tooltip", "popover")  # built by Bootstrap's scripts from parts
ORIGINALS, CUTS = "edition-css-originals", "edition-css-cut"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


TOKEN = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[{};]", re.S)
GROUP = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # a functional pseudo-class's argument, an attribute selector
NAMED = re.compile(r"([.#])((?:\\.|[\w-])+)")
ESCAPE = re.compile(r"\\(.)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def rules(css: str):
    """(prelude, block) of each top-level rule, skipping comments and strings; block is None for
    a statement (@charset, @import)."""
    depth, start, opened = 0, 0, 0
    for m in TOKEN.finditer(css):
        token = m.group()
        if token == "{":
            if depth == 0:
                opened = m.start()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                yield css[start:opened], css[opened + 1 : m.start()]
                start = m.end()
        elif token == ";" and depth == 0:
            yield css[start : m.end()], None
            start = m.end()


def needed_names(selector: str) -> list[str]:
    """The classes and ids a selector names at its top level (not those inside :not(), :is(), [...])."""
    while (bare := GROUP.sub("", selector)) != selector:
        selector = bare
    return [ESCAPE.sub(r"\1", name) for _, name in NAMED.findall(selector)]


def usable(prelude: str, words: set[str]) -> bool:
    """Whether some selector of the rule could match: every class and id it needs is a word of the site."""
    selectors, depth, start = [], 0, 0
    for k, char in enumerate(prelude):
        depth += char in "([" and 1 or -(char in ")]")
        if char == "," and depth == 0:
            selectors.append(prelude[start:k])
            start = k + 1
    selectors.append(prelude[start:])
    return any(all(kept_name(n, words) for n in needed_names(s)) for s in selectors)


def kept_name(name: str, words: set[str]) -> bool:
    """A name a page may use: a word of the site, one Bootstrap builds, or one that is not a single
    word (fa-1.5x: the site's words are split at the dot, so it cannot be looked up; kept)."""
    return name in words or name.startswith(KEPT_PREFIXES) or not WORD.fullmatch(name)


def cut(css: str, words: set[str]) -> str:
    out = []
    for prelude, block in rules(css):
        head = COMMENT.sub("", prelude).strip()
        if block is None or head.startswith("@"):
            keyword = head[1:].split(None, 1)[0].split("{")[0].lower() if head.startswith("@") else ""
            if block is not None and keyword in ("media", "supports"):
                inner = cut(block, words)
                if inner.strip():
                    out.append(f"{head}{{{inner}}}")
            else:
                out.append(head if block is None else f"{head}{{{block}}}")
        elif usable(head, words):
            out.append(f"{head}{{{block}}}")
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
    # The edition's sheets, small and all in use: book/_static/'s, and the text face's (edition.sphinxext.typeset,
    # which knows its fonts.css by the comment naming the package it came from).
    own = {p.name for p in (paths.BOOK / "_static").iterdir()} | {FONTS_CSS}
    done = 0
    sheets = [p for p in static.rglob("*.css") if p.relative_to(static).as_posix() not in own]
    for sheet in sorted(p for p in sheets if not p.name.startswith("bundle-")):  # bundles: of cut sheets
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
