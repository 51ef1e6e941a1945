"""The charts as the pages show them: each chart, its marks' names and links, and its data table.

One function per figure of the book. Each draws the chart (charts.py) from the frame that
charts.py's table function returns, and writes the data table from that same frame, so the
table holds exactly what the chart plots, row for mark. Links are relative to the page
(a Sphinx docname) the chart is on: an event to its paragraph or note, a delegation's bar
to its note, a member's post to the note and the member's name to the register of persons,
a stance cell to its row of the table, which quotes the evidence; a later event to its
first source; a forecast segment to the first of its forecasts on the page.
"""

from __future__ import annotations

import functools
import posixpath
from html import escape
from urllib.parse import urlparse

import pandas as pd

from . import charts
from .anchors import Anchor, parse_anchors
from .chartsvg import Chart, Mark, html_table
from .text import establish_from_files

PERSONS = "book/apparatus/persons.html"  # the register of persons; entries are anchored person-<id>


@functools.cache
def chapter_of() -> dict[Anchor, str]:
    """The article chapter of every paragraph and note."""
    rt = establish_from_files()
    return {Anchor("p", b.n): b.chapter for b in rt.paragraphs} | {Anchor("note", n.n): n.chapter for n in rt.notes}


def anchor_href(anchor: Anchor, page: str) -> str:
    return anchor.href(chapter_of()[anchor], page)


def anchor_links(field: str, page: str) -> str:
    return ", ".join(f'<a href="{anchor_href(a, page)}">{a.label}</a>' for a in parse_anchors(field))


def person_href(person: str, page: str) -> str:
    return f"{posixpath.relpath(PERSONS, posixpath.dirname(page) or '.')}#person-{person}"


def source_links(sources: str) -> str:
    urls = [u.strip() for u in sources.split(";") if u.strip()]
    return ", ".join(f'<a href="{escape(u)}">{escape(urlparse(u).netloc or u)}</a>' for u in urls)


def when(first: pd.Timestamp, last: pd.Timestamp) -> str:
    return f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"


def timeline(events: pd.DataFrame, page: str, name: str, later: pd.DataFrame | None = None) -> Chart:
    """The timeline; each event named and linked to its first paragraph or note (a later event: its source)."""
    table = charts.timeline_table(events, later)
    marks, rows = {}, []
    for _, ev in table.iterrows():
        dates = when(ev["first day"], ev["last day"])
        if ev["layer"] == "the article":
            href = anchor_href(parse_anchors(ev["source"])[0], page)
            where = ", ".join(a.label for a in parse_anchors(ev["source"]))
            source = anchor_links(ev["source"], page)
        else:
            href = next(iter(u.strip() for u in ev["source"].split(";")), "")
            where, source = "a later source", source_links(ev["source"])
        marks[ev["mark"]] = Mark(f"{ev['event']} ({ev['kind']}, {dates}; {where})", href)
        if ev["article date"]:
            marks[f"{ev['mark']}:article-date"] = Mark(
                f"{ev['event']}: the article's date, {ev['article date']} (the record: {dates})", href
            )
        rows.append(
            [escape(ev["event"]), escape(ev["kind"]), dates, escape(ev["article date"]), source, escape(ev["layer"])]
        )
    fig = charts.timeline_chart(events, later)
    marks = {k: v for k, v in marks.items() if k in drawn(fig)}
    header = ["event", "kind", "dates (as drawn)", "the article's (wrong) date", "source", "layer"]
    summary = f"the {len(table)} events of the timeline"
    caption = f"The {len(table)} events the timeline draws, from the top panel to the bottom one."
    return Chart(fig, name, marks, html_table(header, rows, caption), summary)


def drawn(fig) -> set[str]:
    """Every gid the figure draws (an article-date cross is drawn only when it falls within its panel)."""
    return {a.get_gid() for a in fig.findobj() if a.get_gid()}


def forecasts(frame: pd.DataFrame, page: str, name: str) -> Chart:
    """Forecasts by topic and verdict; each segment links to the first of its forecasts in the table of the page."""
    table = charts.forecasts_table(frame)
    marks, rows = {}, []
    for topic, counts in table.iterrows():
        for verdict, n in counts.items():
            if n:
                first = frame[(frame["topic"] == topic) & (frame["verdict"] == verdict)]["id"].iloc[0]
                marks[f"forecast:{topic}:{verdict}"] = Mark(f"{topic}: {n} {verdict}", f"#forecast-{first}")
        rows.append([escape(topic), *(str(n) for n in counts)])
    summary = f"the forecasts of {len(table)} topics by verdict"
    caption = "Forecasts and firm claims of the article, by topic and verdict: the length of each segment."
    header = ["topic", *table.columns]
    return Chart(charts.forecasts_chart(frame), name, marks, html_table(header, rows, caption), summary)


def delegation_sectors(delegations: pd.DataFrame, page: str, name: str) -> Chart:
    """Members of each delegation by sector; each segment links to the delegation's note."""
    table = charts.delegation_sectors_table(delegations)
    notes = delegations.drop_duplicates("delegation").set_index("delegation")["note"]
    marks, rows = {}, []
    for delegation, counts in table.iterrows():
        label = charts.delegation_label(delegations, delegation)
        href = anchor_href(Anchor("note", int(notes[delegation])), page)
        for sector, n in counts.items():
            if n:
                marks[f"sector:{delegation}:{sector}"] = Mark(f"{label}: {n} member(s) from {sector}", href)
        rows.append([f'<a href="{href}">{escape(label)}</a>', *(str(n) for n in counts)])
    summary = "members of each delegation by sector"
    caption = "Members of each delegation by the sector of their first-named post (each member counted once)."
    return Chart(
        charts.delegation_sectors_chart(delegations),
        name,
        marks,
        html_table(["delegation", *table.columns], rows, caption),
        summary,
    )


def delegation_posts(delegations: pd.DataFrame, page: str, name: str) -> Chart:
    """Every post by institution; a post links to its note, a member's name to the register of persons."""
    table = charts.delegation_posts_table(delegations)
    marks, rows = {}, []
    for _, post in table.iterrows():
        notes = [Anchor("note", int(n)) for n in post["notes"].split(", ")]
        marks[post["mark"]] = Mark(
            f"{post['member']}: {post['posts']}, {post['institution']} ({', '.join(a.label for a in notes)})",
            anchor_href(notes[0], page),
        )
        marks[f"person:{post['person']}"] = Mark(
            f"{post['member']}: the entry in the register of persons", person_href(post["person"], page)
        )
        rows.append(
            [
                f'<a href="{person_href(post["person"], page)}">{escape(post["member"])}</a>',
                escape(post["delegations"]),
                escape(post["institution"]),
                escape(post["sector"]),
                escape(post["posts"]),
                ", ".join(f'<a href="{anchor_href(a, page)}">{a.label}</a>' for a in notes),
            ]
        )
    header = ["member", "delegations", "institution", "sector", "posts as printed", "notes"]
    summary = f"the {len(table)} posts of the delegations' members"
    caption = "Every post the notes give the members of the delegations: one row for each marker of the chart."
    return Chart(charts.delegation_posts_chart(delegations), name, marks, html_table(header, rows, caption), summary)


def stance_matrix(
    stances: pd.DataFrame, actors: pd.DataFrame, issues: pd.DataFrame, evidence: pd.DataFrame, page: str, name: str
) -> Chart:
    """The stance matrix; each cell links to its row of the data table, which quotes the article's words."""
    table = charts.stance_table(stances, actors, issues)
    marks, rows, ids = {}, [], []
    for _, cell in table.iterrows():
        row_id = f"{name}-{cell['actor']}-{cell['issue']}"
        quotes = evidence[(evidence["actor"] == cell["actor"]) & (evidence["issue"] == cell["issue"])]
        said = "; ".join(f"“{escape(q['quote'])}” ({anchor_links(q['anchor'], page)})" for _, q in quotes.iterrows())
        marks[cell["mark"]] = Mark(f"{cell['actor name']}, {cell['issue name']}: {cell['stance']}", f"#{row_id}")
        rows.append(
            [
                escape(cell["actor name"]),
                escape(cell["issue name"]),
                f"{escape(cell['symbol'])} {escape(cell['stance'])}",
                said or "the article does not speak to this position",
            ]
        )
        ids.append(row_id)
    summary = f"the {len(table)} cells of the stance matrix, with the evidence"
    caption = "Each actor's position on each issue as the article characterises it, with the article's words."
    return Chart(
        charts.stance_matrix_chart(stances, actors, issues),
        name,
        marks,
        html_table(["actor", "issue", "stance", "evidence (the article's words)"], rows, caption, ids),
        summary,
    )
