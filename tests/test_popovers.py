"""Popovers in place, in Debian's Chromium: what a mark, a note reference or a ¶ reference opens.

Each test listens for uncaught exceptions (pageerror) as well as console errors.
"""

from __future__ import annotations

import re
import zipfile

import lxml.html
import pytest

from browser import axe_source, pages
from edition import apparatus
from edition.sphinxext import popovers

CHAPTER = "book/article/summit-diplomacy.html"
POPOVER = ".ed-popover"


def words(text: str) -> str:
    return " ".join(text.split())


def squashed(text: str) -> str:
    """text without its spaces: block elements' text runs together in textContent, apart in innerText."""
    return "".join(text.split())


def watch(page) -> list[str]:
    """The page's uncaught exceptions and console errors, as they come."""
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(f"pageerror: {e}"))
    page.on("console", lambda m: found.append(f"console: {m.text}") if m.type == "error" else None)
    return found


@pytest.fixture
def errors(page):
    found = watch(page)
    yield found
    assert found == []


def open_chapter(page, path=CHAPTER):
    page.goto(path, wait_until="networkidle")
    return page


def target_text(page, href: str) -> str:
    """The text of the popover's content for a link: what the edition renders at the target."""
    return page.evaluate(
        """href => { const table = window.edPopovers || {};
           const link = Object.keys(table)
             .find(k => new URL(k, document.baseURI).href === new URL(href, document.baseURI).href);
           if (!link) return null;
           const t = document.createElement('template'); t.innerHTML = table[link][1];
           return t.content.textContent; }""",
        href,
    )


def test_every_trigger_has_the_content_of_its_target(html_dir):
    """Static: each link that opens a popover has its entry in the page's table, holding the target's own text."""
    checked = 0
    for page in pages(html_dir):
        root = lxml.html.parse(str(html_dir / page)).getroot()
        made = {link: markup for link, (_, markup) in popovers.popovers_of(html_dir, page).items()}
        site = popovers.Site(html_dir)
        for a in popovers.triggers(root):
            href = a.get("href")
            assert href in made, f"{page}: {href} has no popover"
            target = popovers.absolute(page, href)
            path, _, fragment = target.partition("#")
            element = lxml.html.parse(str(html_dir / path)).getroot().get_element_by_id(fragment)
            shown = squashed(made[href].text_content())
            if element.tag == "a":  # a paragraph number: the paragraph, without its number and marks
                element = element.getparent()
            if element.tag == "dt":  # an index entry: its title is the popover's title
                element = element.getnext()
            furniture = (
                ".//sup[contains(@class, 'ed')] | .//a[contains(@class, 'ed-pn')] | .//span[@class='label']"
                " | .//a[contains(@class, 'ed-witness') or contains(@class, 'ed-checked')]"
            )
            for mark in element.xpath(furniture):  # marks, the paragraph's number, the note's number
                mark.drop_tree()
            own = squashed(element.text_content())
            assert own in shown, f"{page}: {href}: the popover is not the target's text"
            checked += 1
        assert site.content  # the site's pages parsed once
    assert checked > 400  # every mark (about 200), note reference and ¶ reference


def test_hover_opens_and_leaving_closes(page, errors):
    open_chapter(page)
    mark = page.locator("article sup.ed-ann a").first
    mark.hover()
    box = page.locator(POPOVER)
    box.wait_for()
    assert squashed(box.inner_text()).endswith(squashed(target_text(page, mark.get_attribute("href"))))
    # The popover is named by its entry ("Ivanov, Igor"), the mark by what it opens ("Person: Igor Ivanov").
    assert set(box.get_attribute("aria-label").replace(",", "").split()) <= set(
        mark.get_attribute("aria-label").split()
    )
    assert mark.get_attribute("aria-expanded") == "true"
    page.mouse.move(5, 5)
    box.wait_for(state="detached")
    assert mark.get_attribute("aria-expanded") == "false"


def test_focus_and_enter_open_tab_enters_escape_closes_and_returns_focus(page, errors):
    open_chapter(page)
    mark = page.locator("article sup.ed-fn a").first
    mark.focus()
    assert page.locator(POPOVER).count() == 0  # focus alone does not open
    page.keyboard.press("Enter")
    box = page.locator(POPOVER)
    box.wait_for()
    assert page.url.endswith(CHAPTER)  # Enter opened the popover, not the link
    assert squashed(box.inner_text()).endswith(squashed(target_text(page, mark.get_attribute("href"))))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.ed-popover') !== null")
    page.keyboard.press("Escape")
    box.wait_for(state="detached")
    assert page.evaluate("document.activeElement === document.querySelector('article sup.ed-fn a')")


def test_the_authors_note_and_its_popover(page, errors):
    open_chapter(page)
    ref = page.locator("article a.footnote-reference").nth(1)
    assert ref.get_attribute("aria-label") == "The author’s note 2"
    ref.click()
    box = page.locator(POPOVER)
    box.wait_for()
    note = squashed(
        page.evaluate(
            """() => { const p = document.querySelector('aside.footnote#note-2 p').cloneNode(true);
                 p.querySelectorAll('a.ed-witness, a.ed-checked').forEach(a => a.remove());
                 return p.textContent; }"""
        )
    )
    assert re.sub("°|↗|\\[[a-z]\\]", "", note) in squashed(box.inner_text())
    ref.click()  # a second click closes
    box.wait_for(state="detached")


@pytest.mark.parametrize(
    "path, link",
    [
        ("book/article/opening.html", "article div.exercise a[href='#p-4']"),
        ("book/apparatus/persons.html", "article a[href='../article/summit-diplomacy.html#p-27']"),
    ],
)
def test_a_paragraph_reference_opens_the_paragraph(page, errors, path, link):
    open_chapter(page, path)
    page.locator(link).first.click()
    box = page.locator(POPOVER)
    box.wait_for()
    text = words(box.inner_text())
    assert text.startswith("¶ ") and ("Three glaring exceptions" in text or "Losyukov" in text)
    box.get_by_role("link", name="Go to the paragraph").click()
    page.wait_for_url(re.compile(r"#p-(4|27)$"))


def test_what_the_editors_checked_opens_by_keyboard_beside_its_paragraph(page, errors):
    open_chapter(page)
    numbers = page.locator("article p > a.ed-pn")
    assert numbers.count() > 5
    checked = page.locator("article p:has(> a.ed-pn) > a.ed-checked")
    assert checked.count() == numbers.count()  # every paragraph has its link, and every note
    assert page.locator("article aside.footnote a.ed-checked").count() == page.locator("article aside.footnote").count()
    link = page.locator("article a.ed-checked[href$='#checked-p-14']")
    assert link.get_attribute("aria-label") == "What the editors checked in paragraph 14"
    link.focus()
    page.keyboard.press("Enter")
    box = page.locator(POPOVER)
    box.wait_for()
    text = words(box.inner_text())
    assert text.startswith("¶ 14: ") and "statements checked" in text
    ledger = apparatus.load_fact_checks()
    for statement in ledger.loc[ledger["anchor"] == "p-14", "statement"]:
        assert words(statement) in text
    page.keyboard.press("Escape")
    box.wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('ed-checked')")


def test_tap_opens_and_a_second_tap_closes_on_a_phone(new_context, base_url):
    context = new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = watch(page)
    open_chapter(page, base_url + CHAPTER)
    mark = page.locator("article sup.ed-ann a").nth(3)
    mark.scroll_into_view_if_needed()
    mark.tap()
    box = page.locator(POPOVER)
    box.wait_for()
    rect = box.bounding_box()
    assert rect["x"] >= 0 and rect["x"] + rect["width"] <= 390  # on the screen
    mark.tap()
    box.wait_for(state="detached")
    assert page.url.endswith(CHAPTER) and problems == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_nothing_with_a_popover_open_or_closed(new_context, base_url, mode):
    page = new_context(color_scheme=mode).new_page()
    problems = watch(page)
    open_chapter(page, base_url + CHAPTER)
    page.add_script_tag(content=axe_source())
    run = (
        "async () => (await axe.run(document)).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(', '))"
    )
    assert page.evaluate(run) == []
    for selector in ("article sup.ed-ann a", "article sup.ed-fn a", "article a.footnote-reference"):
        page.locator(selector).first.click()
        page.locator(POPOVER).wait_for()
        assert page.evaluate(run) == [], selector
        page.keyboard.press("Escape")
    assert problems == []


def test_the_layer_switch_takes_marks_and_popovers_away(page, errors):
    open_chapter(page)
    page.get_by_role("button", name="Hide the editors' notes and marks").click()
    assert page.locator("article sup.ed-ann a").first.is_hidden()
    page.locator("article a.footnote-reference").first.click()  # a plain link again
    page.wait_for_url(re.compile(r"#note-1$"))
    assert page.locator(POPOVER).count() == 0
    page.get_by_role("button", name="Show the editors' notes and marks").click()


def test_popovers_work_offline_from_disk(new_context, html_dir, tmp_path):
    from edition import downloads

    with zipfile.ZipFile(html_dir / downloads.DIR / downloads.OFFLINE_ZIP) as z:
        z.extractall(tmp_path / "unpacked")
    page = new_context().new_page()
    problems = watch(page)
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto((tmp_path / "unpacked" / "edition" / CHAPTER).as_uri(), wait_until="networkidle")
    mark = page.locator("article sup.ed-ann a").first
    mark.hover()
    page.locator(POPOVER).wait_for()
    assert target_text(page, mark.get_attribute("href"))
    assert requests == [] and problems == []


EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def test_the_epubs_notes_are_popup_notes(epub_path, reading_text):
    """Every link to an author's or an editors' note is an EPUB 3 noteref to an <aside> footnote in its page."""
    from lxml import etree

    author, editors = 0, 0
    with zipfile.ZipFile(epub_path) as z:
        for chapter in reading_text.chapters:
            root = etree.fromstring(z.read(f"book/article/{chapter}.xhtml"))
            asides = {a.get("id"): a for a in root.iter("{*}aside") if a.get(EPUB_TYPE) == "footnote"}
            for ref in root.iter("{*}a"):
                if ref.get(EPUB_TYPE) != "noteref":
                    continue
                target = ref.get("href").lstrip("#")
                assert target in asides, f"{chapter}: noteref {target} has no footnote aside"
                if target.startswith("note-"):
                    author += 1
                else:
                    editors += 1
    assert author == len(reading_text.notes) and editors == len(apparatus.load_factual_notes())
