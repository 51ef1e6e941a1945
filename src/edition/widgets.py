"""Explorers for the edition's data that work with or without a kernel.

Every view is rendered in advance and every control switches between views
with jslink (a link made in the browser), so the controls work in the static
HTML of the book, where no kernel runs, exactly as they do live in Binder.
No control here asks the kernel for anything: there are no dead controls.
"""

from __future__ import annotations

from html import escape

import ipywidgets
import pandas as pd

from .anchors import Anchor, parse_anchors
from .text import ReadingText, establish_from_files
from .vocab import NO_EVIDENCE

PERIODS = [
    ("before 1990", 0, 1989),
    ("1990–1999", 1990, 1999),
    ("2000", 2000, 2000),
    ("2001", 2001, 2001),
    ("2002", 2002, 2002),
    ("2003", 2003, 2003),
]
EXPLORER = "notebooks/events-explorer"  # the docname of a page in notebooks/, where the explorers are


def anchor_links(anchors: str, rt: ReadingText, docname: str = EXPLORER) -> str:
    """HTML links from anchors (p-14;note-4) to their place in the article chapters.

    docname is the Sphinx docname of the page the links are rendered on, so that each
    link is relative to it (Anchor.href); the explorers live in notebooks/.
    """
    chapter = {Anchor("p", b.n): b.chapter for b in rt.paragraphs} | {Anchor("note", n.n): n.chapter for n in rt.notes}
    return ", ".join(f'<a href="{a.href(chapter[a], docname)}">{a.label}</a>' for a in parse_anchors(anchors))


def switcher(description: str, views: dict[str, ipywidgets.Widget]) -> ipywidgets.VBox:
    """A dropdown that shows one of several pre-rendered views, linked in the browser."""
    dropdown = ipywidgets.Dropdown(
        options=list(views),
        description=description,
        style={"description_width": "initial"},
        layout={"width": "max-content"},
    )
    stack = ipywidgets.Stack(list(views.values()), selected_index=0)
    ipywidgets.jslink((dropdown, "index"), (stack, "selected_index"))
    return ipywidgets.VBox([dropdown, stack])


def table(rows: list[list[str]], header: list[str]) -> ipywidgets.HTML:
    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return ipywidgets.HTML(f"<table class='explorer'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def event_rows(events: pd.DataFrame, rt: ReadingText, docname: str = EXPLORER) -> list[list[str]]:
    rows = []
    for _, ev in events.sort_values("first_day").iterrows():
        when = escape(ev["date_as_given"] or f"{ev['start']} (date from outside the article)")
        if ev["corrected"]:
            when += f" <strong>(corrected: {escape(ev['start'])})</strong>"
        rows.append(
            [
                when,
                escape(ev["label"]),
                escape(ev["type"]),
                escape(ev["actors"].replace(";", ", ")),
                anchor_links(ev["anchors"], rt, docname),
            ]
        )
    return rows


def events_explorer(
    events: pd.DataFrame, actors: pd.DataFrame, rt: ReadingText | None = None, docname: str = EXPLORER
) -> ipywidgets.VBox:
    """Filter the events by type, by actor or by period; docname: the page it is shown on."""
    rt = rt or establish_from_files()
    header = ["date as the article gives it", "event", "type", "actors", "where in the text"]

    def view(subset: pd.DataFrame) -> ipywidgets.HTML:
        return table(event_rows(subset, rt, docname), header) if len(subset) else ipywidgets.HTML("<p>No event.</p>")

    by_type = {t: view(events[events["type"] == t]) for t in sorted(set(events["type"]))}
    by_actor = {
        name: view(events[events["actors"].str.split(";").apply(lambda a, i=aid: i in a)])
        for aid, name in zip(actors["id"], actors["name"], strict=True)
        if events["actors"].str.split(";").apply(lambda a, i=aid: i in a).any()
    }
    by_period = {label: view(events[events["first_day"].dt.year.between(lo, hi)]) for label, lo, hi in PERIODS}
    filters = {
        "by type": switcher("Type:", by_type),
        "by actor": switcher("Actor:", by_actor),
        "by period": switcher("Period:", by_period),
    }
    mode = ipywidgets.ToggleButtons(
        options=list(filters), description="Filter:", style={"description_width": "initial"}
    )
    stack = ipywidgets.Stack(list(filters.values()), selected_index=0)
    ipywidgets.jslink((mode, "index"), (stack, "selected_index"))
    return ipywidgets.VBox([mode, stack])


def delegations_explorer(delegations: pd.DataFrame) -> ipywidgets.VBox:
    """Pick a delegation to see its members and posts, or a person to see every post they held."""
    by_delegation = {}
    for _, members in delegations.groupby("note", sort=True):
        name = f"{members['delegation_name'].iloc[0]} (note {members['note'].iloc[0]})"
        rows = [
            [
                str(order),
                escape(posts["name_as_printed"].iloc[0]),
                "<br>".join(escape(p) for p in posts["post_as_printed"]),
                "<br>".join(escape(s) for s in posts["sector"]),
            ]
            for order, posts in members.groupby("order", sort=True)
        ]
        by_delegation[name] = table(rows, ["#", "name as printed", "posts as printed", "sector"])
    by_person = {}
    for _, posts in delegations.sort_values("name_as_printed").groupby("person", sort=False):
        rows = [
            [escape(p["delegation_name"]), escape(p["post_as_printed"]), escape(p["institution"]), escape(p["sector"])]
            for _, p in posts.iterrows()
        ]
        by_person[posts["name_as_printed"].iloc[0]] = table(
            rows, ["delegation", "post as printed", "institution", "sector"]
        )
    return ipywidgets.VBox(
        [
            ipywidgets.HTML("<p><strong>By delegation</strong></p>"),
            switcher("Delegation:", by_delegation),
            ipywidgets.HTML("<p><strong>By person</strong></p>"),
            switcher("Person:", by_person),
        ]
    )


def stances_explorer(
    stances: pd.DataFrame,
    evidence: pd.DataFrame,
    actors: pd.DataFrame,
    issues: pd.DataFrame,
    rt: ReadingText | None = None,
    docname: str = "notebooks/stances-explorer",
) -> ipywidgets.VBox:
    """Pick an actor, then an issue, and read the article's words behind the coding; docname: the page it is on."""
    rt = rt or establish_from_files()
    issue_name = dict(zip(issues["id"], issues["name"], strict=True))
    by_actor = {}
    for actor_id, actor_name in zip(actors["id"], actors["name"], strict=True):
        cells = stances[stances["actor"] == actor_id]
        if cells.empty:
            continue
        by_issue = {}
        for _, cell in cells.iterrows():
            quotes = evidence[(evidence["actor"] == actor_id) & (evidence["issue"] == cell["issue"])]
            if cell["stance"] == NO_EVIDENCE:
                body = "<p><em>No evidence:</em> the article does not speak to this position.</p>"
            else:
                body = f"<p><strong>{escape(cell['stance'])}</strong>: {escape(cell['summary'])}</p>" + "".join(
                    f"<blockquote>“{escape(q['quote'])}” ({anchor_links(q['anchor'], rt, docname)})</blockquote>"
                    for _, q in quotes.iterrows()
                )
            by_issue[f"{issue_name[cell['issue']]} — {cell['stance']}"] = ipywidgets.HTML(body)
        by_actor[actor_name] = switcher("Issue:", by_issue)
    return switcher("Actor:", by_actor)
