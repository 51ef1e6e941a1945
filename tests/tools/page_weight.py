"""Page weight: the bytes a browser fetches to show a page, against a default Jupyter Book, gzipped as a host serves it.

Run as python tests/tools/page_weight.py (or python tests/tools/benchmark.py --page-weight).
It builds the edition's HTML and a default Jupyter Book 1 book (a _config.yml with a title
and execution off, nothing else) from the same pages in a temporary folder, serves each on
localhost with gzip for text (as GitHub Pages and any static host configured for it do:
tests/browser.py's GzipHandler) and opens the pages in Debian's Chromium with the cache
disabled. The weight of a page is the sum, over every request it makes until the network is
idle, of encodedDataLength in the DevTools event Network.loadingFinished: the bytes received
on the wire, compressed, headers included.

The default book's pages are the same sources with no customisation: the edition's own
roles ({pn}, {pb}) are dropped, other roles ({numref}, {ref}, {glue:text}) keep their
text, code cells stay (not executed, so they show their code only; tags such as
remove-cell and hide-input work as in any Jupyter Book), and the chapter's charts, as the
edition built them (PNG or inline SVG), are appended as plain Markdown images, so both pages
carry the same content, except the exercises: a default book lacks sphinx-exercise and leaves
them out, so they count against the edition.

The goals (issue 12), each line of the table says whether its page meets its own:
- an article page without charts: at most 35 % of the default page's bytes;
- an article page with charts: at most 50 %;
- an explorer (widget) page: at most the default page plus the widget manager (require.js and
  @jupyter-widgets/html-manager, from _vendor/npm/), with no font fetched twice.
A developer's tool, not part of the edition's package; it uses the tests' browser harness (tests/browser.py).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from edition import paths
from edition.build import build_book

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the browser harness
from browser import chromium, serve  # noqa: E402

WIDGET_MANAGER = "/_vendor/npm/"  # require.js and @jupyter-widgets/html-manager, with its fonts
FONT = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|$)")
EDITION_ROLES = re.compile(r"\{(?:pn|pb)\}`[^`]*`[ ]?")
OTHER_ROLES = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>`]*>)?`")
GOALS = {"article": 0.35, "article with charts": 0.50}  # at most this share of the default page


@dataclass
class Weight:
    bytes: int
    requests: int
    widget_manager: int  # bytes of the widget manager's requests
    fonts: list[str]  # the names of the fonts fetched, one per request


def pages(site: Path) -> dict[str, str]:
    """label -> page: the title page, every article page and every explorer."""
    found = {"title page": "book/index.html"}
    for path in sorted((site / "book" / "article").glob("*.html")):
        found[f"article: {path.stem}"] = path.relative_to(site).as_posix()
    for path in sorted((site / "notebooks").glob("*-explorer.html")):
        found[f"explorer: {path.stem}"] = path.relative_to(site).as_posix()
    return found


def charts(built: Path) -> list:
    """The page's charts: its images and inline SVG figures (not the SVG inside them), in the article."""
    article = BeautifulSoup(built.read_text(encoding="utf-8"), "lxml").select_one("article.bd-article")
    return [el for el in article.select("img, svg") if el.name == "img" or el.find_parent("svg") is None]


def measure(browser, url: str) -> Weight:
    """Bytes and requests to show url, through the DevTools protocol, cache disabled."""
    page = browser.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls, sizes = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.setdefault(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    page.close()
    manager = sum(n for r, n in sizes.items() if WIDGET_MANAGER in urls.get(r, ""))
    fonts = [urls[r].rsplit("/", 1)[1].split("?")[0] for r in sizes if FONT.search(urls.get(r, ""))]
    return Weight(int(sum(sizes.values())), len(sizes), int(manager), fonts)


def verdict(label: str, with_charts: bool, w: Weight, d: Weight) -> tuple[str, bool | None]:
    """The page's goal, and whether it meets it (None: a page with no goal)."""
    if label.startswith("article"):
        share = GOALS["article with charts" if with_charts else "article"]
        return f"<= {share:.0%} of default", w.bytes <= share * d.bytes
    if label.startswith("explorer"):
        twice = len(w.fonts) != len(set(w.fonts))
        return "<= default + widget manager", w.bytes <= d.bytes + w.widget_manager and not twice
    return "", None


def plain_page(source: Path, built: Path, dest: Path) -> str:
    """The page's source with no customisation, and its built charts as plain images; returns its name."""
    text = OTHER_ROLES.sub(r"\1", EDITION_ROLES.sub("", source.read_text(encoding="utf-8")))
    for k, chart in enumerate(charts(built)):
        if chart.name == "img":
            name = f"{source.stem}-{k}{Path(chart['src']).suffix}"
            shutil.copy((built.parent / chart["src"]).resolve(), dest / name)
        else:
            name = f"{source.stem}-{k}.svg"
            chart.attrs.setdefault("xmlns", "http://www.w3.org/2000/svg")
            (dest / name).write_text(str(chart), encoding="utf-8")
        text += f"\n\n![{chart.get('alt', chart.get('aria-label', ''))}]({name})\n"
    (dest / f"{source.stem}.md").write_text(text, encoding="utf-8")
    return source.stem


def baseline_book(site_dir: Path, dest: Path, measured: dict[str, str]) -> dict[str, str]:
    """A default Jupyter Book from the measured pages; returns label -> page of its site."""
    dest.mkdir(parents=True)
    stems = {
        label: plain_page(paths.ROOT / Path(page).with_suffix(".md"), site_dir / page, dest)
        for label, page in measured.items()
    }
    (dest / "_config.yml").write_text(
        'title: "Default Jupyter Book"\nexecute:\n  execute_notebooks: "off"\n', encoding="utf-8"
    )
    first, *rest = stems.values()
    (dest / "_toc.yml").write_text(
        f"format: jb-book\nroot: {first}\nchapters:\n" + "".join(f"  - file: {s}\n" for s in rest), encoding="utf-8"
    )
    return {label: f"{stem}.html" for label, stem in stems.items()}


def jupyter_book_cli(source: Path, out: Path) -> subprocess.CompletedProcess:
    """A default book built as its users build it: `jupyter-book build . --builder html`, in its folder."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", ".", "--builder", "html"]
    return subprocess.run(
        [*command, "--path-output", str(out)], cwd=source, capture_output=True, text=True, check=False, timeout=900
    )


def built(source: Path, out: Path, edition: bool = True) -> Path:
    proc = build_book(source, out, "html") if edition else jupyter_book_cli(source, out)
    if proc.returncode:
        raise SystemExit(f"HTML build of {source} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return out / "_build" / "html"


def report() -> list[tuple[str, Weight, Weight, bool | None]]:
    """Build both books, measure every page and its default twin, both served with gzip, and print the table."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        edition = built(paths.ROOT, tmp / "edition")
        measured = pages(edition)
        with_charts = {label: bool(charts(edition / page)) for label, page in measured.items()}
        default_pages = baseline_book(edition, tmp / "default-src", measured)
        default = built(tmp / "default-src", tmp / "default", edition=False)
        rows = []
        with chromium() as browser, serve(edition, compress=True) as url, serve(default, compress=True) as default_url:
            for label, page in measured.items():
                w = measure(browser, url + page)
                d = measure(browser, default_url + default_pages[label])
                goal, met = verdict(label, with_charts[label], w, d)
                rows.append((label + (" (charts)" if with_charts[label] else ""), w, d, goal, met))
    print(f"{'page':<44}{'KB':>7}{'req':>5}{'default KB':>12}{'share':>7}  {'goal':<28}met")
    for name, w, d, goal, met in rows:
        mark = "" if met is None else ("yes" if met else "NO")
        print(
            f"{name:<44}{w.bytes / 1024:>7.0f}{w.requests:>5}{d.bytes / 1024:>12.0f}"
            f"{w.bytes / d.bytes:>7.0%}  {goal:<28}{mark}"
        )
    for name, w, _, _, _ in rows:
        if w.widget_manager or len(w.fonts) != len(set(w.fonts)):
            print(
                f"{name}: widget manager {w.widget_manager / 1024:.0f} KB; "
                f"fonts fetched: {', '.join(w.fonts) or 'none'}"
            )
    print(
        "KB: bytes received, gzip for text on both sides (DevTools Network.loadingFinished encodedDataLength, "
        "headers included);\nshare: of the default Jupyter Book's page built from the same source"
    )
    return [(name, w, d, met) for name, w, d, _, met in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/tools/page_weight.py", description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
