"""Page weight: the bytes a browser fetches to show a page, against a default Jupyter Book.

Run as python tests/tools/page_weight.py (or python tests/tools/benchmark.py --page-weight).
It builds the edition's HTML and a default Jupyter Book 1 book (a _config.yml with a title
and execution off, nothing else) in a temporary folder, serves each on localhost and opens
the pages in Debian's Chromium with the cache disabled. The weight of a page is the sum,
over every request it makes until the network is idle, of encodedDataLength in the DevTools
event Network.loadingFinished: the bytes received, headers included, as served (the local
server does not compress; GitHub Pages gzips text, so published pages weigh less).

The default book's pages are the same sources with no customisation: the edition's own
roles ({pn}, {pb}) are dropped, other roles ({numref}, {ref}, {glue:text}) keep their
text, code cells stay (not executed, so they show their code only; tags such as
remove-cell and hide-input work as in any Jupyter Book), and the chapter's charts, as the
edition built them, are appended as plain Markdown images, so both pages carry the same
content, except the exercises: a default book lacks sphinx-exercise and leaves them out,
so they count against the edition.
A page counts as heavier than the default when its bytes, less its content (the chart
images; on an explorer page the widget state in the page and the widget code, which a
default book that ran the notebook would embed and load from a CDN), exceed the default
page's bytes.
A developer's tool, not part of the edition's package; it uses the tests' browser harness (tests/browser.py).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from edition import paths
from edition.build import build_book

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the browser harness
from browser import chromium, serve  # noqa: E402

PAGES = {  # label -> page of the site
    "title page": "book/index.html",
    "article chapter": "book/article/russian-views.html",
    "chart page": "book/article/summit-diplomacy.html",
    "widget page": "notebooks/events-explorer.html",
}
CONTENT = ("/_images/", "/_vendor/npm/")  # the page's charts; the widget manager and require.js
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"  # the explorer's data, inside the page
EDITION_ROLES = re.compile(r"\{(?:pn|pb)\}`[^`]*`[ ]?")
OTHER_ROLES = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>`]*>)?`")


@dataclass
class Weight:
    bytes: int
    requests: int
    content: int


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
    state = page.evaluate(f"""() => Array.from(document.querySelectorAll('script[type="{WIDGET_STATE}"]'))
                              .reduce((n, s) => n + new TextEncoder().encode(s.textContent).length, 0)""")
    page.close()
    content = state + sum(n for r, n in sizes.items() if any(part in urls.get(r, "") for part in CONTENT))
    return Weight(int(sum(sizes.values())), len(sizes), int(content))


def plain_page(source: Path, built: Path, dest: Path) -> str:
    """The page's source with no customisation, and its built charts as plain images; returns its name."""
    text = OTHER_ROLES.sub(r"\1", EDITION_ROLES.sub("", source.read_text(encoding="utf-8")))
    for k, img in enumerate(BeautifulSoup(built.read_text(encoding="utf-8"), "lxml").select("article img")):
        name = f"{source.stem}-{k}{Path(img['src']).suffix}"
        shutil.copy((built.parent / img["src"]).resolve(), dest / name)
        text += f"\n\n![{img.get('alt', '')}]({name})\n"
    (dest / f"{source.stem}.md").write_text(text, encoding="utf-8")
    return source.stem


def baseline_book(site_dir: Path, dest: Path) -> dict[str, str]:
    """A default Jupyter Book from the measured pages; returns label -> page of its site."""
    dest.mkdir(parents=True)
    stems = {
        label: plain_page(paths.ROOT / Path(page).with_suffix(".md"), site_dir / page, dest)
        for label, page in PAGES.items()
    }
    (dest / "_config.yml").write_text(
        'title: "Default Jupyter Book"\nexecute:\n  execute_notebooks: "off"\n', encoding="utf-8"
    )
    first, *rest = stems.values()
    (dest / "_toc.yml").write_text(
        f"format: jb-book\nroot: {first}\nchapters:\n" + "".join(f"  - file: {s}\n" for s in rest), encoding="utf-8"
    )
    return {label: f"{stem}.html" for label, stem in stems.items()}


def built(source: Path, out: Path, strict: bool = True) -> Path:
    proc = build_book(source, out, "html", strict=strict)
    if proc.returncode:
        raise SystemExit(f"HTML build of {source} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return out / "_build" / "html"


def report() -> list[tuple[str, Weight, Weight]]:
    """Build both books, measure every page of PAGES and its default twin, and print the table."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        edition = built(paths.ROOT, tmp / "edition")
        default_pages = baseline_book(edition, tmp / "default-src")
        default = built(tmp / "default-src", tmp / "default", strict=False)
        rows = []
        with chromium() as browser, serve(edition) as url, serve(default) as default_url:
            for label, page in PAGES.items():
                rows.append(
                    (
                        f"{label} ({page})",
                        measure(browser, url + page),
                        measure(browser, default_url + default_pages[label]),
                    )
                )
    print(f"{'page':<52}{'KB':>8}{'requests':>10}{'content KB':>12}{'default KB':>12}  heavier than default?")
    for name, w, d in rows:
        heavier = w.bytes - w.content > d.bytes - d.content
        print(
            f"{name:<52}{w.bytes / 1024:>8.0f}{w.requests:>10}{w.content / 1024:>12.0f}{d.bytes / 1024:>12.0f}  "
            f"{'YES' if heavier else 'no'}"
        )
    print(
        "KB: bytes received (DevTools Network.loadingFinished encodedDataLength, headers included, "
        "no compression);\ncontent: charts, widget state and widget code, left out of the comparison "
        "(heavier: KB - content > default KB - default content)"
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/tools/page_weight.py", description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
