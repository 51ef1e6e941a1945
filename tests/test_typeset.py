"""The typeset edition in the browser: the author's text in the site's serif face, at a measure of
60-80 characters on a desktop, the editors' layer visibly different (sans-serif, grey, smaller),
the theme's icons drawn without Font Awesome's script, and the title page's citation of record."""

from __future__ import annotations

import pytest
import yaml

from edition import paths

ARTICLE = ["opening", "summit-diplomacy", "russian-views", "multilateral-prospects"]
TEXT_FACE = "Source Serif 4"
# The author's paragraphs of a page: every <p> of the article outside the editorial layer.
AUTHORS_PARAGRAPHS = "[...document.querySelectorAll('article.bd-article p')].filter(p => !p.closest('.ed'))"


@pytest.mark.parametrize("chapter", ARTICLE)
def test_the_authors_text_is_set_in_the_sites_serif_face(page, chapter):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"book/article/{chapter}.html", wait_until="networkidle")
    faces = page.evaluate(
        f"""async () => {{
          await document.fonts.ready;
          const ps = {AUTHORS_PARAGRAPHS};
          return {{
            families: [...new Set(ps.map(p => getComputedStyle(p).fontFamily.split(',')[0].replaceAll('"', '')))],
            loaded: document.fonts.check('1em "{TEXT_FACE}"', ps[0].textContent),
            served: performance.getEntriesByType('resource').map(r => r.name).filter(n => n.endsWith('.woff2')),
          }};
        }}"""
    )
    assert faces["families"] == [TEXT_FACE]
    assert faces["loaded"], f"{TEXT_FACE} did not load"
    assert any("/_static/fonts/source-serif-4-latin-400-normal.woff2" in url for url in faces["served"])


@pytest.mark.parametrize("chapter", ARTICLE)
def test_a_desktop_line_holds_60_to_80_characters(page, chapter):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"book/article/{chapter}.html", wait_until="networkidle")
    per_line = page.evaluate(
        f"""async () => {{
          await document.fonts.ready;
          const out = [];
          for (const p of {AUTHORS_PARAGRAPHS}.filter(p => p.textContent.length > 300)) {{
            // the lines of the paragraph: the distinct tops of its characters' boxes
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            const tops = new Map();
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {{
              if (n.parentElement.closest('.ed')) continue;
              for (let i = 0; i < n.length; i++) {{
                if (/\\s/.test(n.data[i])) continue;
                const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                const top = Math.round(r.getBoundingClientRect().top);
                tops.set(top, (tops.get(top) || 0) + 1);
              }}
            }}
            const full = [...tops.values()].slice(0, -1);  // the last line of a paragraph is short
            out.push(...full);
          }}
          return out;
        }}"""
    )
    assert per_line, "no long paragraph of the author's"
    mean = sum(per_line) / len(per_line)  # characters other than spaces; a line holds ~1/6 more with them
    with_spaces = mean * 7 / 6
    assert 60 <= with_spaces <= 80, f"{with_spaces:.0f} characters a line"


def test_the_editorial_layer_is_sans_serif_grey_and_smaller(page):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto("book/article/summit-diplomacy.html", wait_until="networkidle")
    styles = page.evaluate(
        f"""() => {{
          const look = el => {{ const s = getComputedStyle(el);
            return {{family: s.fontFamily, size: parseFloat(s.fontSize), color: s.color}}; }};
          const editorial = document.querySelector('article.bd-article div.ed.editorial p');
          return {{author: look({AUTHORS_PARAGRAPHS}[0]), editors: look(editorial)}};
        }}"""
    )
    author, editors = styles["author"], styles["editors"]
    assert TEXT_FACE in author["family"] and TEXT_FACE not in editors["family"]
    assert "sans-serif" in editors["family"]
    assert editors["size"] < author["size"]
    assert editors["color"] != author["color"]


def test_the_theme_icons_show_without_font_awesomes_script(page):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto("book/article/summit-diplomacy.html", wait_until="networkidle")
    icons = page.evaluate(
        """async () => {
          await document.fonts.ready;
          return {
            script: [...document.scripts].some(s => s.src.includes('fontawesome')),
            drawn: [...document.querySelectorAll('.bd-header-article i.fas, .bd-header-article i.fa-solid')]
              .filter(i => i.offsetParent)
              .map(i => ({glyph: getComputedStyle(i, '::before').content, hidden: i.getAttribute('aria-hidden')})),
            iconFont: document.fonts.check('900 1em "Font Awesome 6 Free"', '\\uf135'),
          };
        }"""
    )
    assert not icons["script"]
    assert icons["drawn"] and all(i["glyph"] not in ("none", "normal", "") for i in icons["drawn"])
    assert all(i["hidden"] == "true" for i in icons["drawn"])
    assert icons["iconFont"]
    for name in ("Launch interactive content", "Download this page", "Fullscreen mode", "Color mode"):
        assert page.get_by_role("button", name=name).first.is_visible(), name


def test_the_title_page_carries_the_citation_of_record(page):
    reference = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))["references"][0]
    page.goto("book/index.html", wait_until="networkidle")
    citation = page.locator("div.citation-of-record").inner_text()
    author = reference["authors"][0]
    assert f"{author['family-names']}, {author['given-names']}" in citation
    assert f"“{reference['title']}.”" in citation
    assert reference["collection-title"] in citation
    for editor in reference["editors"]:  # Korean names family name first, as the volume writes them
        family, given = editor["family-names"], editor["given-names"]
        assert f"{family} {given}" in citation or f"{given} {family}" in citation
    assert f"{reference['start']}–{reference['end']}" in citation
    assert "not established" in citation  # the imprint and year, which no source gives
