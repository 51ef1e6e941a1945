"""The web site's type: the author's text face, and the theme's icons without their 1.5 MB script (HTML site only).

The text face is Source Serif 4 (Adobe, SIL Open Font License 1.1), from the npm package
@fontsource/source-serif-4, fetched once at build time against its pinned integrity (as the
widget scripts are, edition.vendor) and served by the site from _static/fonts/: woff2 only,
its Latin subset (the author's text uses no other script), in the three faces the text uses.
fonts.css declares them, with the unicode-range of the package's own CSS; edition.css says
where they apply (the author's text) and where they do not (the editors' layer, in the
theme's sans-serif).

The theme (pydata-sphinx-theme) loads Font Awesome's script, fontawesome.js (1.5 MB) on every
page, to turn a dozen <i class="fa-…"> into SVG. The
edition's layout.html does not load it: its stylesheet already draws the same icons from the
Font Awesome webfont it ships (fa-solid-900.woff2, 153 KB), which the build cuts down to the
glyphs the site's pages, scripts and stylesheets name (a few KB). The script also hid each icon from
assistive technology; the build marks each icon element aria-hidden, so that a control's
name stays its label, never a private-use character.
"""

from __future__ import annotations

import json
import re
import tarfile
from pathlib import Path

import pydata_sphinx_theme
from fontTools import subset
from sphinx.application import Sphinx
from sphinx.util import logging

from .. import vendor
from .common import is_site, pages_written, scan_words, site_pages, track_writes

logger = logging.getLogger(__name__)

SERIF = (
    "https://registry.npmjs.org/@fontsource/source-serif-4/-/source-serif-4-5.3.1.tgz",
    "sha512-cWcTCXjYYrgF9A67fThVir1VSc0lPEYmwQ6jA4pPt01s2MSCi/maINUcZoCzaqnU8fyUReDO97eGcBUkHgOeug==",
)
FAMILY = "Source Serif 4"
FACES = [("400", "normal"), ("400", "italic"), ("600", "normal")]  # text, emphasis, headings
FONTS_DIR = "_static/fonts"
FONTS_CSS = "fonts.css"
ICON_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"  # in the site, and in the theme's package:
THEME_ICON_FONT = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
)
ICON_ELEMENT = re.compile(r'<(i|span) class="([^"]*\bfa(?:s|-solid|-regular|-brands)\b[^"]*)"(?![^>]*aria-hidden)')
ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?")


def face_css(package_css: str, weight: str, style: str) -> str:
    """The package's @font-face for the Latin subset of one face, with its woff2 only, in _static/fonts/."""
    name = f"source-serif-4-latin-{weight}-{style}"
    block = re.search(rf"/\* {name} \*/\s*(@font-face \{{.*?\}})", package_css, re.S)
    if block is None:
        raise RuntimeError(f"{SERIF[0]}: no @font-face for {name} in its CSS")
    return re.sub(r"src: [^;]*;", f"src: url(fonts/{name}.woff2) format('woff2');", block.group(1))


def write_serif(outdir: Path) -> None:
    """Unpack the three faces, their licence and fonts.css into the site's _static/, unless this
    package's faces are there already (fonts.css names the package it was written from)."""
    fonts = outdir / FONTS_DIR
    css_file = outdir / "_static" / FONTS_CSS
    if css_file.is_file() and SERIF[1] in css_file.read_text(encoding="utf-8"):
        return
    fonts.mkdir(parents=True, exist_ok=True)
    css = [
        f"/* Source Serif 4 (SIL Open Font License 1.1: fonts/OFL.txt), from @fontsource/source-serif-4 {SERIF[1]}. */"
    ]
    with tarfile.open(vendor.fetch(*SERIF)) as tar:
        for weight, style in FACES:
            package_css = tar.extractfile(f"package/{weight}{'-italic' if style == 'italic' else ''}.css").read()
            css.append(face_css(package_css.decode("utf-8"), weight, style))
            name = f"source-serif-4-latin-{weight}-{style}.woff2"
            (fonts / name).write_bytes(tar.extractfile(f"package/files/{name}").read())
        (fonts / "OFL.txt").write_bytes(tar.extractfile("package/LICENSE").read())
    (outdir / "_static" / FONTS_CSS).write_text("\n".join(css) + "\n", encoding="utf-8")


def icon_codepoints(outdir: Path, names: set[str]) -> set[int]:
    """The Font Awesome glyphs the site can show: those of the fa-* class names its pages and scripts
    use, and every icon the theme's stylesheet names in a custom property (admonitions, links, breadcrumbs)."""
    styles = "".join(p.read_text(encoding="utf-8") for p in (outdir / "_static" / "styles").glob("*.css"))
    points = {ord(c) for value in re.findall(r'--pst-[\w-]+:"([^"]*)"', styles) for c in PRIVATE_USE.findall(value)}
    for selectors, content in re.findall(r'([^{}]+)\{content:"([^"]+)"\}', styles):
        classes = re.findall(r"\.fa-([a-z0-9-]+):(?:before|after)", selectors)
        if any(c in names for c in classes):
            points |= {ord(c) for c in PRIVATE_USE.findall(CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)), content))}
    return points


def known_codepoints(outdir: Path, names: set[str], memo: Path) -> set[int]:
    """icon_codepoints, read from the stylesheets only when the names or the theme's version changed
    (the icons a name draws are the theme's; the memo file is kept outside the site)."""
    key = json.dumps([pydata_sphinx_theme.__version__, sorted(names)])
    if memo.is_file() and (known := json.loads(memo.read_text(encoding="utf-8")))["key"] == key:
        return set(known["points"])
    points = icon_codepoints(outdir, names)
    memo.write_text(json.dumps({"key": key, "points": sorted(points)}), encoding="utf-8")
    return points


def subset_icons(outdir: Path, points: set[int], kept: Path) -> None:
    """The theme's solid icon font, cut down to the glyphs the site uses (woff2), over the site's full
    copy. The cut font is kept (kept.woff2, with the glyphs it has in kept.json, outside the site), and
    only copied while the glyphs are the same: Sphinx may copy the full font again at any build."""
    target, font_file, record_file = outdir / ICON_FONT, kept.with_suffix(".woff2"), kept.with_suffix(".json")
    record = json.dumps(sorted(points))
    if font_file.is_file() and record_file.is_file() and record_file.read_text(encoding="utf-8") == record:
        if not target.is_file() or target.read_bytes() != font_file.read_bytes():
            target.write_bytes(font_file.read_bytes())
        return
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    font = subset.load_font(str(THEME_ICON_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    subset.save_font(font, str(font_file), options)
    target.write_bytes(font_file.read_bytes())
    record_file.write_text(record, encoding="utf-8")
    logger.info(f"edition: icon font cut to {len(points)} glyphs")


def hide_icons(pages: list[Path]) -> None:
    """aria-hidden on every icon element of the theme, as fontawesome.js set it on the SVGs it drew."""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        marked = ICON_ELEMENT.sub(r'<\1 class="\2" aria-hidden="true"', text)
        if marked != text:
            page.write_text(marked, encoding="utf-8")


def add_fonts_css(app: Sphinx) -> None:
    if is_site(app):
        app.add_css_file(FONTS_CSS, priority=400)  # before edition.css (500), which uses the family


def finish_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_site(app):
        return
    outdir, kept = Path(app.outdir), Path(app.doctreedir)
    write_serif(outdir)
    hide_icons(pages_written(app))
    scripts = [p for p in (outdir / "_static").rglob("*.js") if p.name != "fontawesome.js"]  # it names every icon
    names = scan_words(outdir, [*site_pages(outdir), *scripts], kept / "edition-icon-names.json", ICON_CLASS)
    subset_icons(outdir, known_codepoints(outdir, names, kept / "edition-icon-points.json"), kept / "edition-icon-font")


def setup(app: Sphinx) -> dict:
    track_writes(app)
    app.connect("builder-inited", add_fonts_css)
    app.connect("build-finished", finish_site)  # before the offline zip (edition.sphinxext.downloads, 950)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
