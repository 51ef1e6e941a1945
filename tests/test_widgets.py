"""The explorers: every control switches pre-rendered views in the browser (jslink), none needs a kernel."""

from __future__ import annotations

import warnings

import ipywidgets
import pytest
from ipywidgets.widgets.widget_link import Link

from edition import data, widgets
from edition.widgets import delegations_explorer, events_explorer, stances_explorer


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def controls_and_links(root):
    widgets = list(walk(root))
    controls = [w for w in widgets if isinstance(w, (ipywidgets.Dropdown, ipywidgets.ToggleButtons))]
    stacks = [w for w in widgets if isinstance(w, ipywidgets.Stack)]
    with warnings.catch_warnings():  # the registry of live widgets is the one place links can be found
        warnings.simplefilter("ignore", DeprecationWarning)
        links = [w for w in ipywidgets.Widget.widgets.values() if isinstance(w, Link)]
    return controls, stacks, links


def assert_every_control_is_linked_to_a_stack_of_equal_size(root):
    controls, stacks, links = controls_and_links(root)
    assert controls
    for control in controls:
        link = next(lk for lk in links if lk.source[0] is control)
        assert link.source[1] == "index" and link.target[1] == "selected_index"
        assert link.target[0] in stacks and len(link.target[0].children) == len(control.options)


def test_events_explorer_filters_by_type_actor_and_period():
    events = data.load_events()
    root = events_explorer(events, data.load_actors())
    assert_every_control_is_linked_to_a_stack_of_equal_size(root)
    mode = root.children[0]
    assert list(mode.options) == ["by type", "by actor", "by period"]
    by_type = root.children[1].children[0].children[0]
    assert list(by_type.options) == sorted(set(events["type"]))


def test_events_explorer_lists_each_event_once_per_type():
    events = data.load_events()
    root = events_explorer(events, data.load_actors())
    views = root.children[1].children[0].children[1].children
    rows = sum(view.value.count("<tr>") - 1 for view in views)  # minus each table's header row
    assert rows == len(events)


def test_delegations_explorer_covers_every_delegation_and_person():
    table = data.load_delegations()
    root = delegations_explorer(table)
    assert_every_control_is_linked_to_a_stack_of_equal_size(root)
    controls, _, _ = controls_and_links(root)
    assert len(controls[0].options) == table["delegation"].nunique()
    assert len(controls[1].options) == table["person"].nunique()


def test_stances_explorer_quotes_the_evidence_with_links():
    evidence = data.load_evidence()
    root = stances_explorer(data.load_stances(), evidence, data.load_actors(), data.load_issues())
    assert_every_control_is_linked_to_a_stack_of_equal_size(root)
    html = " ".join(w.value for w in walk(root) if isinstance(w, ipywidgets.HTML))
    for quote in evidence["quote"]:
        assert quote.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace("'", "&#x27;") in html
    assert 'href="../book/article/summit-diplomacy.html#p-13"' in html


def test_anchor_links_are_relative_to_the_page_they_are_rendered_on(reading_text):
    assert widgets.anchor_links("p-13;note-4", reading_text) == (
        '<a href="../book/article/summit-diplomacy.html#p-13">¶ 13</a>, '
        '<a href="../book/article/summit-diplomacy.html#note-4">note 4</a>'
    )
    assert widgets.anchor_links("p-13", reading_text, "book/article/opening") == (
        '<a href="summit-diplomacy.html#p-13">¶ 13</a>'
    )
    with pytest.raises(ValueError, match="'para-3' is not an anchor"):
        widgets.anchor_links("p-13;para-3", reading_text)
