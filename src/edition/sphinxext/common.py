"""What several of the edition's extensions share. It imports none of them, so none imports in a circle."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .. import sources
from ..anchors import parse_anchors


def is_site(app: Sphinx) -> bool:
    """An HTML builder that makes the web site (not the EPUB, which packs its files itself)."""
    return app.builder.format == "html" and app.builder.name != "epub"


def track_writes(app: Sphinx) -> None:
    """Remember when this build began (for setup(): before any page is written); see pages_written."""
    if not hasattr(app, "edition_build_started"):
        app.edition_build_started = time.time_ns()


def site_pages(outdir: Path) -> list[Path]:
    """The site's HTML pages, without the theme's and Sphinx's own folders (_static/, _sources/, ...)."""
    return [p for p in outdir.rglob("*.html") if not p.relative_to(outdir).parts[0].startswith("_")]


def pages_written(app: Sphinx) -> list[Path]:
    """The site's pages this build wrote: the steps that post-process pages do it only to these, since
    a page the build did not write is the one they finished last time, from inputs that did not change."""
    return [p for p in site_pages(Path(app.outdir)) if p.stat().st_mtime_ns >= app.edition_build_started]


def scan_words(root: Path, files: list[Path], memo: Path, pattern: re.Pattern) -> set[str]:
    """Every match of pattern in the files (its group, if it has one). A file is read again only if it
    changed since the last build: its size, time and matches are kept in the memo file, outside the site."""
    known = json.loads(memo.read_text(encoding="utf-8")) if memo.is_file() else {}
    found = {}
    for path in files:
        stat, key = path.stat(), path.relative_to(root).as_posix()
        seen = known.get(key)
        if seen and seen[0] == [stat.st_size, stat.st_mtime_ns]:
            found[key] = seen
        else:
            matches = set(pattern.findall(path.read_text(encoding="utf-8", errors="ignore")))
            found[key] = [[stat.st_size, stat.st_mtime_ns], sorted(matches)]
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_text(json.dumps(found), encoding="utf-8")
    return {word for _, words in found.values() for word in words}


def require(app: Sphinx, extension: str, needs: str) -> None:
    """Stop the build if the extension `needs` is not loaded: `extension` would silently do less without it.

    For config-inited, when every extension that _config.yml names has been set up.
    """
    if needs not in app.extensions:
        raise ExtensionError(f"{extension} needs {needs}: add it to sphinx: extra_extensions in _config.yml")


def ref(target: str, text: str, title: str = "") -> pending_xref:
    """A cross-reference to a label (person-x, p-14, ...), checked by Sphinx like any {ref}."""
    xref = pending_xref("", refdomain="std", reftype="ref", reftarget=target, refexplicit=True, refwarn=True)
    xref += nodes.inline(text, text)
    if title:
        xref["reftitle"] = title
    return xref


def anchor_refs(field: str) -> list[nodes.Node]:
    """Links to every anchor of a field ("p-14;note-4"), labelled as a reader sees them: ¶ 14, note 4."""
    out: list[nodes.Node] = []
    for k, anchor in enumerate(parse_anchors(field)):
        if k:
            out.append(nodes.Text(", "))
        out.append(ref(str(anchor), anchor.label))
    return out


def source_nodes(field: str) -> list[nodes.Node]:
    """A field of sources separated by " ; ": a web address cited in full (author or agency, title,
    publisher, date: data/sources.csv and data/source_hosts.csv) and linked, the rest (a reference) as text."""
    out: list[nodes.Node] = []
    for k, source in enumerate(s.strip() for s in field.split(" ; ") if s.strip()):
        if k:
            out.append(nodes.Text("; "))
        if source.startswith("http"):
            before, after = sources.citation(source, sources.registry(), sources.pages())
            out += [nodes.Text(before), nodes.reference(source, source, refuri=source)]
            out += [nodes.Text(after)] if after else []
        else:
            out.append(nodes.Text(source))
    return out


def sources_paragraphs(field: str, consulted: str = "", weak_reason: str = "") -> list[nodes.Node]:
    """The "Sources:" of an entry, with the date its web pages were consulted; where every source is a
    mirror, aggregator, blog or wiki, a second paragraph says so, and why no source of record is cited."""
    para = labelled("Sources:", *source_nodes(field))
    if consulted:
        para += nodes.Text(f" (consulted {consulted})")
    out: list[nodes.Node] = [para]
    if weak_reason:
        out.append(labelled("No source of record found:", nodes.Text(weak_reason)))
        out[-1]["classes"].append("ed-weak-source")
    return out


def labelled(label: str, *children: nodes.Node) -> nodes.paragraph:
    """A paragraph that opens with a bold label: "Sources: ..."."""
    para = nodes.paragraph()
    para += nodes.strong(label, label)
    para += nodes.Text(" ")
    para.extend(children)
    return para
