"""The charts as a reader meets them, in Debian's Chromium: legible, named, linked, with their data.

Every chart is inline SVG; its text is measured where the page sets it (the size the
browser computes, times the scale at which the SVG is drawn), on a desktop and on a
phone; each mark has a name and a link that lands where it says.
"""

from __future__ import annotations

import pytest

CHART_PAGES = {
    "book/article/summit-diplomacy.html": 3,
    "book/article/russian-views.html": 1,
    "book/apparatus/after-2003.html": 2,
}
MIN_PX = 11

SMALLEST_TEXT = """() => [...document.querySelectorAll("svg.chart-svg")].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {chart: svg.closest(".chart").id, texts: sizes.length, smallest: Math.min(...sizes)};
})"""


def uncaught(errors: list[str]) -> list[str]:
    """The page's uncaught exceptions, less sphinx-thebe's configuration script twice on every page (issue 12, §5):
    a fault of the theme's pages that another part of the issue removes, not of the charts."""
    return [e for e in errors if "THEBE_JS_URL" not in e]


@pytest.fixture
def errors(page):
    """Uncaught exceptions of the page (pageerror), not only console messages."""
    seen = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


@pytest.mark.parametrize("width", [1400, 375])
def test_no_chart_text_is_smaller_than_11_px(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path, n in CHART_PAGES.items():
        page.goto(base_url + path)
        measured = page.evaluate(SMALLEST_TEXT)
        assert len(measured) == n, path
        for chart in measured:
            assert chart["texts"] > 10 and chart["smallest"] >= MIN_PX, (path, width, chart)


def test_on_a_phone_a_chart_scrolls_sideways_and_the_page_does_not(page, base_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base_url + "book/article/summit-diplomacy.html")
    scroll = page.locator(".chart-scroll").first
    assert scroll.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_every_mark_has_a_name_and_a_link_that_resolves(page, base_url):
    for path in CHART_PAGES:
        page.goto(base_url + path)
        marks = page.evaluate(
            """() => [...document.querySelectorAll("svg.chart-svg a.mark")].map(a => ({
                name: a.querySelector("title") && a.querySelector("title").textContent,
                href: a.href.baseVal !== undefined ? new URL(a.getAttribute("href"), location.href).href : a.href,
                focusable: a.tabIndex >= 0}))"""
        )
        assert len(marks) > 10, path
        for mark in marks:
            assert mark["name"] and len(mark["name"]) > 5 and mark["focusable"], (path, mark)
        targets = {}
        for mark in marks:
            url, _, fragment = mark["href"].partition("#")
            if url.startswith(base_url):
                targets.setdefault(url, set()).add(fragment)
        for url, fragments in targets.items():
            page.goto(url)
            ids = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
            assert fragments <= ids, (path, url, sorted(fragments - ids)[:5])


def test_an_event_mark_lands_on_its_paragraph(page, base_url, errors):
    page.goto(base_url + "book/article/summit-diplomacy.html")
    mark = page.locator("#fig-timeline-chart a.mark").filter(has_text="Foreign Minister Igor Ivanov’s visit").first
    mark.focus()
    assert "Igor Ivanov’s visit to Pyongyang" in page.locator("#fig-timeline-chart .chart-readout").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/summit-diplomacy.html#p-8")  # the paragraph the event comes from
    assert page.locator("[id='p-8']").is_visible()
    assert uncaught(errors) == []


def test_a_member_links_to_the_register_and_a_post_to_its_note(page, base_url):
    page.goto(base_url + "book/article/summit-diplomacy.html")
    chart = page.locator("#fig-delegation-posts-chart")
    name = chart.locator("a.mark").filter(has_text="Igor S. Ivanov: the entry in the register").first
    assert name.get_attribute("href") == "../apparatus/persons.html#person-ivanov-igor"
    post = chart.locator("a.mark").filter(has_text="Igor S. Ivanov: Foreign Minister").first
    assert post.get_attribute("href") == "#note-2"  # on its own page, as every other link to the note there


def test_a_stance_cell_opens_its_evidence(page, base_url):
    page.goto(base_url + "book/article/russian-views.html")
    cell = page.locator("#fig-stance-matrix-chart a.mark").filter(has_text="Russia, The ABM Treaty").first
    cell.click()
    row = page.locator("#fig-stance-matrix-RUS-abm-treaty")
    row.wait_for(state="visible")
    assert "cornerstone of strategic stability" in row.inner_text()
    assert row.locator("a[href$='#p-16']").count() == 1


def test_each_data_table_has_a_row_for_each_mark(page, base_url):
    page.goto(base_url + "book/article/russian-views.html")
    chart = page.locator("#fig-stance-matrix-chart")
    assert chart.locator("details.chart-data tbody tr").count() == chart.locator("a.mark").count() == 110


def test_axe_finds_no_violation_on_the_chart_pages(page, base_url, errors):
    import browser

    for path in CHART_PAGES:
        for theme in ("light", "dark"):
            page.goto(base_url + path)
            page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
            page.locator("details.chart-data").first.evaluate("d => d.open = true")
            page.add_script_tag(content=browser.axe_source())
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            assert result["violations"] == [], (
                path,
                theme,
                [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]],
            )
    assert uncaught(errors) == []
