"""The browser harness of the tests and of tests/tools/page_weight.py (not part of the edition).

The browser is Debian's /usr/bin/chromium driven by Playwright, never a downloaded browser,
with the flags that keep it off the network. A built site is served on 127.0.0.1 (a free port).
The tests reach all this through pytest-playwright's fixtures (browser, page, new_context),
configured in conftest.py; scripts use chromium() and serve() directly.
Also here: axe-core, the accessibility checker the tests inject into every page, fetched once
from the npm registry into the build's .cache/npm/ and checked against its pinned integrity.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import tarfile
import threading
from contextlib import contextmanager
from pathlib import Path

from edition import vendor

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LAUNCH_ARGS = {"executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}

AXE_CORE = (
    "https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz",
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
    "package/axe.min.js",
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser that closes a connection early is not an error of the site


class GzipHandler(QuietHandler):
    """Text files gzipped, as a static host (GitHub Pages, nginx's gzip on) serves them to a browser that asks."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, compress: bool = False):
    """Serve directory on 127.0.0.1 (a free port), gzipping text if compress; yields the base URL."""
    handler = GzipHandler if compress else QuietHandler
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    """Debian's Chromium, outside pytest (the tests use pytest-playwright's browser fixture)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root."""
    skip = ("_static/", "_sources/", "_vendor/", "_downloads/", "_images/")
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(skip)
    )


def npm_tarball(url: str, expected: str) -> Path:
    """A pinned npm tarball in .cache/npm/ (where the build keeps its own), downloaded once, integrity checked."""
    return vendor.fetch(url, expected)


def axe_source() -> str:
    """The text of axe.min.js, from the pinned axe-core tarball."""
    url, expected, member = AXE_CORE
    with tarfile.open(npm_tarball(url, expected)) as tar:
        return tar.extractfile(member).read().decode("utf-8")
