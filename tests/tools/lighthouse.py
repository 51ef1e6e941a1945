"""Lighthouse scores of every article page, served with gzip: python tests/tools/lighthouse.py [--site DIR].

It builds the edition's HTML (or takes a built site: --site _build/html), serves it on localhost
with gzip for text (tests/browser.py's GzipHandler), and runs Lighthouse (the npm package, mobile
preset: its default) on every page of book/article/ in Debian's Chromium, headless, then prints
performance, accessibility, best practices and SEO per page and the lowest of each, against the
goals of issue 12 (performance >= 90, accessibility 100, best practices 100).

Lighthouse is installed by this script with `npm ci` from tests/tools/lighthouse-npm/ (its
package.json and package-lock.json pin every package and its integrity) into
.cache/npm-tools/lighthouse/ (gitignored), once; it needs Node.js (>= 18.16) and npm.
A developer's tool, not part of the edition's package; it uses the tests' browser harness.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from edition import paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the browser harness
from browser import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

LOCKED = Path(__file__).with_name("lighthouse-npm")
INSTALL = paths.ROOT / ".cache" / "npm-tools" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 90, "accessibility": 100, "best-practices": 100}


def lighthouse() -> Path:
    """The Lighthouse command line, installed once from the pinned lockfile."""
    cli = INSTALL / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        INSTALL.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(LOCKED / name, INSTALL / name)
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=INSTALL, check=True, capture_output=True
        )
    return cli


def scores(cli: Path, url: str) -> dict[str, int]:
    """The page's score (0-100) in each category, mobile preset."""
    proc = subprocess.run(
        [
            "node",
            str(cli),
            url,
            "--output=json",
            "--quiet",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode:
        raise SystemExit(f"lighthouse {url} failed:\n{proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def site(out: Path) -> Path:
    from edition.build import build_book

    proc = build_book(paths.ROOT, out, "html")
    if proc.returncode:
        raise SystemExit(f"HTML build failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return out / "_build" / "html"


def report(html: Path) -> dict[str, dict[str, int]]:
    cli = lighthouse()
    articles = sorted(p.relative_to(html).as_posix() for p in (html / "book" / "article").glob("*.html"))
    results = {}
    with serve(html, compress=True) as url:
        for page in articles:
            results[page] = scores(cli, url + page)
    print(f"{'page':<44}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for page, s in results.items():
        print(f"{page:<44}" + "".join(f"{s[c]:>16}" for c in CATEGORIES))
    lowest = {c: min(s[c] for s in results.values()) for c in CATEGORIES}
    print(f"{'lowest':<44}" + "".join(f"{lowest[c]:>16}" for c in CATEGORIES))
    print(f"{'goal':<44}" + "".join(f"{'>= ' + str(GOALS[c]) if c in GOALS else '':>16}" for c in CATEGORIES))
    met = all(lowest[c] >= g for c, g in GOALS.items())
    print("Lighthouse (mobile preset), pages served with gzip: " + ("every goal met" if met else "a goal is NOT met"))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/tools/lighthouse.py", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one in a temporary folder)")
    args = parser.parse_args(argv)
    if args.site:
        report(args.site)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        report(site(Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
