"""The built site in a real browser (Debian's Chromium via pytest-playwright), served on localhost.

Every page, in light and dark mode: no console error, no uncaught exception (Playwright's
pageerror: a script's SyntaxError is no console message), no failed request, no request
to any host but localhost, alt text and captions, and no axe-core violation beyond
the documented allow-list. Then the links, the search, the widgets, a phone-sized
screen, and the offline bundle opened from disk. The fixtures (browser, page, context,
new_context, base_url: the HTML build served on 127.0.0.1) come from pytest-playwright and conftest.py.
"""

from __future__ import annotations

import zipfile

import pytest

from browser import axe_source, pages

# Violations the edition cannot fix itself, with the reason; the test fails on any other,
# and on an entry here that no longer occurs. Documented in book/accessibility.md.
AXE_ALLOWED: dict[str, str] = {}


def visit(context, url, problems):
    page = context.new_page()
    local = url.split("/", 3)[:3]
    page.on(
        "console",
        lambda m: (
            problems.append(f"{url}: console {m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"{url}: uncaught {e.name}: {e.message}"))  # not a console message
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("/".join(local), "data:", "blob:", "file:"))
            else problems.append(f"external: {r.url}")
        ),
    )
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_page_is_clean_accessible_and_local(new_context, base_url, html_dir, mode):
    axe = axe_source()
    context = new_context(color_scheme=mode)
    problems, seen_rules = [], set()
    for path in pages(html_dir):
        page = visit(context, base_url + path, problems)
        problems += [f"{path}: image without alt text" for _ in page.locator("img:not([alt]), img[alt='']").all()]
        problems += [f"{path}: figure without caption" for _ in page.locator("figure:not(:has(figcaption))").all()]
        page.add_script_tag(content=axe)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => v.id + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
        )
        for v in violations:
            rule = v.split(" ")[0]
            seen_rules.add(rule)
            if rule not in AXE_ALLOWED:
                problems.append(f"{path} ({mode}): axe {v}")
        page.close()
    assert problems == [], "\n".join(problems)
    assert set(AXE_ALLOWED) <= seen_rules, "an allowed violation no longer occurs: remove it from AXE_ALLOWED"


def test_every_local_link_resolves(html_dir):
    """Every link to a file of the site finds it, the downloads' too: the site links only what it has.

    html_dir is built without the PDF and the EPUB, so the only downloads it links are
    the two that every HTML build makes itself: the data and the offline zip.
    """
    from urllib.parse import unquote, urlsplit

    from bs4 import BeautifulSoup

    from edition import downloads

    broken, linked_downloads = [], set()
    for path in pages(html_dir):
        page = html_dir / path
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("a[href]"):
            url = urlsplit(a["href"])
            if url.scheme or url.netloc or not url.path:
                continue
            target = (page.parent / unquote(url.path)).resolve()
            if target.parent == (html_dir / downloads.DIR).resolve():
                linked_downloads.add(target.name)
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{path}: {a['href']}")
    assert broken == []
    assert linked_downloads == {downloads.DATA_ZIP, downloads.OFFLINE_ZIP}


def test_widget_code_and_search_index_load_only_where_needed(new_context):
    """The widget manager and require.js (_vendor/npm/) load on the explorers' pages only, the
    search index (searchindex.js) on the search page only (book/_templates/layout.html)."""
    for path, widgets, search in (
        ("book/index.html", False, False),
        ("book/article/summit-diplomacy.html", False, False),
        ("book/apparatus/after-2003.html", False, False),
        ("notebooks/events-explorer.html", True, False),
        ("search.html?q=treaty", False, True),
    ):
        page = new_context().new_page()  # a fresh context each: nothing cached from another page
        requested = []
        page.on("request", lambda r, seen=requested: seen.append(r.url))
        page.goto(path, wait_until="networkidle")
        assert any("/_vendor/npm/" in u for u in requested) == widgets, path
        assert any(u.split("?")[0].endswith("/searchindex.js") for u in requested) == search, path
        page.close()


def in_viewport(page, selector):
    return page.evaluate(f"""() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();
                          return r.top >= 0 && r.bottom <= window.innerHeight; }}""")


@pytest.mark.browser_context_args(viewport={"width": 1280, "height": 800})
def test_paragraph_milestone_and_note_links_land_on_their_targets(page):
    page.goto("book/article/summit-diplomacy.html", wait_until="networkidle")
    for selector, hash_ in (("a#p-14", "#p-14"), ("a#page-356", "#page-356")):
        page.click(selector)
        assert page.evaluate("location.hash") == hash_ and in_viewport(page, selector)
    page.click("a#note-ref-6")  # the note opens in place; its popover leads to the note itself
    page.click(".ed-popover .ed-popover-more a")
    assert page.evaluate("location.hash") == "#note-6" and in_viewport(page, "#note-6")
    page.click("#note-6 a[role=doc-backlink]")
    assert page.evaluate("location.hash") == "#note-ref-6" and in_viewport(page, "#note-ref-6")


def test_search_finds_a_phrase_and_lands_on_its_paragraph(page):
    page.goto("search.html?q=forfeit+satellites", wait_until="networkidle")
    page.locator("#search-results a").first.wait_for(timeout=10000)
    link = page.locator("#search-results a[href*='book/article/summit-diplomacy.html']").first
    link.click()
    page.wait_for_function("location.hash === '#p-13'", timeout=10000)
    assert "forfeit" in page.locator("p:has(a#p-13)").inner_text()


def test_widgets_respond_without_a_kernel(page):
    page.goto("notebooks/events-explorer.html", wait_until="networkidle")
    page.locator(".widget-dropdown select").first.wait_for(timeout=15000)
    visible = lambda: page.locator(".widget-html-content table:visible").first.inner_text()  # noqa: E731
    before = visible()
    page.locator(".widget-dropdown select:visible").first.select_option(index=2)
    page.wait_for_timeout(300)
    assert visible() != before
    page.get_by_role("button", name="by period").click()
    page.wait_for_timeout(300)
    assert page.locator(".widget-dropdown:visible label").first.inner_text().startswith("Period")


@pytest.mark.parametrize(
    "path", ["book/index.html", "book/article/summit-diplomacy.html", "notebooks/events-explorer.html"]
)
@pytest.mark.browser_context_args(viewport={"width": 375, "height": 740})
def test_phone_width_has_no_horizontal_scrolling(page, path):
    page.goto(path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_offline_bundle_works_from_disk(new_context, html_dir, tmp_path):
    from edition import downloads

    with zipfile.ZipFile(html_dir / downloads.DIR / downloads.OFFLINE_ZIP) as z:  # the zip the site offers
        z.extractall(tmp_path / "unpacked")
    root = (tmp_path / "unpacked" / "edition").as_uri() + "/"
    context = new_context()
    for path in ("index.html", "book/article/summit-diplomacy.html", "notebooks/stances-explorer.html"):
        problems = []
        page = visit(context, root + path, problems)
        if path.startswith("notebooks"):
            page.locator(".widget-dropdown select").first.wait_for(timeout=15000)
        assert problems == [], path
        page.close()
