"""Shared fixtures: the established text, and real builds of the book (HTML, PDF, EPUB).

Builds go to a temporary folder, built as python -m edition build builds them
(edition.build.build_book: warnings as errors, nitpicky), once per test session.
A test that needs a system tool skips when it is missing, naming the tool,
except when EDITION_REQUIRE_ALL_TOOLS=1 (set by .ci/run): then it fails.

The browser tests use pytest-playwright's fixtures (browser, page, new_context) with
Debian's Chromium (tests/browser.py: never a downloaded browser); base_url is the HTML
build served on localhost. Every test that needs a build (or a browser) is marked `build`,
here, so that `pytest -m "not build"` is the fast tier: text, data and units.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import browser
from edition import paths
from edition.build import build_book
from edition.text import establish_from_files

# Fixtures that build the book, or drive the browser; a test that uses one, directly or
# through another fixture, is marked `build`.
BUILD_FIXTURES = {
    "html_dir",
    "instructor_html_dir",
    "pdf_path",
    "pdf_pages",
    "epub_path",
    "base_url",
    "browser",
    "page",
    "context",
    "new_context",
}


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


def require_tools(*tools: str) -> None:
    """Skip (or, with EDITION_REQUIRE_ALL_TOOLS=1, fail) unless every tool (a name on PATH, or a path) is there."""
    missing = [t for t in tools if shutil.which(t) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (Debian: bash .ci/system-packages.sh test installs it)"
    if os.environ.get("EDITION_REQUIRE_ALL_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def reading_text():
    return establish_from_files()


@pytest.fixture(scope="session")
def html_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html-build")
    proc = build_book(paths.ROOT, out, "html")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def instructor_html_dir(tmp_path_factory) -> Path:
    """The instructor build: the same sources, with the exercises' solutions."""
    out = tmp_path_factory.mktemp("instructor-build")
    proc = build_book(paths.ROOT, out, "html", audience="instructor")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def pdf_path(tmp_path_factory) -> Path:
    require_tools("xelatex", "latexmk")
    out = tmp_path_factory.mktemp("pdf-build")
    proc = build_book(paths.ROOT, out, "pdflatex")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out / "_build" / "latex" / "book.pdf"


@pytest.fixture(scope="session")
def epub_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("epub-build")
    proc = build_book(paths.ROOT, out, "epub")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return next((out / "_build" / "epub").glob("*.epub"))


@pytest.fixture(scope="session")
def pdf_pages(pdf_path) -> list[str]:
    """The PDF's text, page by page, as pdftotext reads it."""
    require_tools("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_name) -> dict:
    """pytest-playwright launches Debian's Chromium with the flags that keep it off the network."""
    if browser_name != "chromium":
        raise pytest.UsageError(f"the tests run in Debian's Chromium only, not {browser_name}")
    require_tools(browser.CHROMIUM)
    return dict(browser.LAUNCH_ARGS)


@pytest.fixture(scope="session")
def base_url(html_dir):
    """The HTML build, served on 127.0.0.1 (a free port): pytest-playwright's base URL."""
    with browser.serve(html_dir) as url:
        yield url
