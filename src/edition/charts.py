"""The edition's charts: timeline, delegations, stance matrix, forecasts.

Each chart has two pure functions: one returns the frame of exactly what the chart
plots, one row (or cell) per mark (``*_table``), the other draws that frame as a
matplotlib figure (``*_chart``), so the data table under a chart and the chart are
the same data. They take data frames (from data.py's loaders, or a tiny frame in a
test) and never read files. Every data mark carries a gid (an event's id, a
person@institution, an actor×issue): chartsvg.py turns each into a link with a name.

Colours come from the Okabe–Ito palette and ColorBrewer's PuOr, both safe for
colour-blind readers, and never carry meaning alone: lanes, hatching, symbols and
labels say the same thing. Every text is at least MIN_FONT points in a figure at
most WIDTH inches wide, so that at its natural size on the page (720 CSS px) no text
is smaller than 12 px. The caption and alt text belong to the page that shows a
chart; each figure carries a source line naming its dataset. Figures are made
without pyplot, so none leaks. Vocabularies (event types, sectors, verdicts, the
stance scale) and their order come from data/datapackage.json, through vocab.py.
"""

from __future__ import annotations

import functools
import textwrap

import matplotlib
import matplotlib.dates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from . import vocab
from .vocab import NO_EVIDENCE

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"]
HATCHES = ["", "//", "..", "xx", "\\\\", "||", "--", "++", "-|"]  # no circles or stars: their SVG paths are large
MARKERS = "os^Dv<>ph"
PUOR = ["#b35806", "#f1a340", "#f7f7f7", "#998ec3", "#542788"]  # ColorBrewer PuOr, 5 classes
VERDICT_STYLES = {
    "held": (OKABE_ITO[2], ""),
    "partly held": (OKABE_ITO[0], "//"),
    "failed": (OKABE_ITO[5], "xx"),
    "too early to tell": ("#dddddd", ".."),
}  # colour and hatch of each verdict (forecasts.verdict)
STANCE_MARKS = {"strongly opposes": "−−", "opposes": "−", "ambivalent": "±", "supports": "+", "strongly supports": "++"}
SPLIT_YEAR = 2000  # the timeline's second panel: the summits and the crisis, 2000-2003, one row per event
WIDTH = 7.5  # inches: 540 pt, 720 CSS px at natural size, within the page's column on a desktop
MIN_FONT = 9  # points: 12 CSS px at natural size
CHAR_WIDTH = 5.1  # points: a generous mean advance of DejaVu Sans at MIN_FONT, to wrap labels before they collide
LINE = 0.16  # inches per line of text in the timeline's rows
ROW_GAP = 0.35  # lines between two rows of the timeline
GAP = 10  # points between a mark and its label
RC = {
    "font.family": "DejaVu Sans",
    "font.size": MIN_FONT,
    "axes.titlesize": MIN_FONT + 1,
    "axes.labelsize": MIN_FONT,
    "xtick.labelsize": MIN_FONT,
    "ytick.labelsize": MIN_FONT,
    "legend.fontsize": MIN_FONT,
    "legend.title_fontsize": MIN_FONT,
    "figure.facecolor": "white",
}


class ChartError(ValueError):
    """A frame cannot be charted; the message names the chart and the column."""


def styled(chart):
    """Draw the chart with the edition's type sizes (RC), whatever the caller's rcParams."""

    @functools.wraps(chart)
    def draw(*args, **kwargs) -> Figure:
        with matplotlib.rc_context(RC):
            return chart(*args, **kwargs)

    return draw


def require(frame: pd.DataFrame, chart: str, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ChartError(f"{chart}: the frame lacks column(s) {', '.join(missing)}")
    if frame.empty:
        raise ChartError(f"{chart}: the frame has no rows")


def source_line(fig: Figure, dataset: str) -> None:
    fig.text(0.01, 0.01, f"Source: {dataset} (this edition's data, from the article's text)", color="#444444")


def leave_room_for_source(fig: Figure) -> None:
    """Keep the constrained layout off the bottom 0.3 inch of the figure, where the source line stands."""
    bottom = 0.3 / fig.get_figheight()
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))  # left, bottom, width, height


def wrap(text: str, chars: int) -> str:
    return "\n".join(textwrap.wrap(text, max(chars, 12), break_on_hyphens=False)) or text


# -- timeline --------------------------------------------------------------------

TIMELINE_COLUMNS = ["mark", "event", "kind", "first day", "last day", "article date", "source", "layer"]


def timeline_table(events: pd.DataFrame, later: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per event the timeline draws, in the order it draws them: the article's, then later ones.

    "article date" is the date the article gives where the record contradicts it (drawn
    as a cross); "source" the anchors of the article's events, the sources of later ones.
    """
    require(events, "timeline_chart", ["id", "type", "first_day", "last_day", "corrected", "article_date"])
    frames = [
        pd.DataFrame(
            {
                "mark": events["id"],
                "event": events["label"] if "label" in events else events["id"],
                "kind": events["type"],
                "first day": events["first_day"],
                "last day": events["last_day"],
                "article date": [
                    a if c else "" for a, c in zip(events["article_date"], events["corrected"], strict=True)
                ],
                "source": events.get("anchors", ""),
                "layer": "the article",
            }
        )
    ]
    if later is not None:
        require(later, "timeline_chart (later)", ["id", "type", "first_day", "last_day"])
        frames.append(
            pd.DataFrame(
                {
                    "mark": later["id"],
                    "event": later["label"] if "label" in later else later["id"],
                    "kind": later["type"],
                    "first day": later["first_day"],
                    "last day": later["last_day"],
                    "article date": "",
                    "source": later.get("sources", ""),
                    "layer": "after the article",
                }
            )
        )
    table = pd.concat(frames, ignore_index=True)
    unknown = set(table["kind"]) - set(vocab.event_types())
    if unknown:
        raise ChartError(f"timeline_chart: unknown event type(s) {', '.join(sorted(unknown))} in column type")
    early = table[table["first day"].dt.year < SPLIT_YEAR]
    late = table[table["first day"].dt.year >= SPLIT_YEAR].sort_values("first day", kind="stable")
    return pd.concat([early, late], ignore_index=True)[TIMELINE_COLUMNS]


def article_date(text: str) -> pd.Timestamp:
    """The article's (wrong) date as a day: a month stands at its middle."""
    return pd.Timestamp(text + "-15" if len(text) == 7 else text)


def timeline_label(ev: pd.Series, lo: pd.Timestamp, hi: pd.Timestamp, width_pt: float) -> tuple[float, str, str]:
    """Where the event's name goes in its row: (x in days, alignment, wrapped text), beside the marks, never on them."""
    ends = [ev["first day"], ev["last day"]]
    if ev["article date"]:
        ends.append(article_date(ev["article date"]))
    left, right = min(ends), max(ends)
    pt_per_day = width_pt / (hi - lo).days
    room_right = (hi - right).days * pt_per_day - 2 * GAP
    room_left = (left - lo).days * pt_per_day - 2 * GAP
    after, before = right + pd.Timedelta(days=GAP / pt_per_day), left - pd.Timedelta(days=GAP / pt_per_day)
    needed = len(ev["event"]) * CHAR_WIDTH
    if needed <= room_right or (needed > room_left and room_right >= room_left):
        return after, "left", wrap(ev["event"], int(room_right / CHAR_WIDTH))
    return before, "right", wrap(ev["event"], int(room_left / CHAR_WIDTH))


@styled
def lane_rows(early: pd.DataFrame, lanes: list[str], margin_years: float = 3.0) -> tuple[list[float], list[float], int]:
    """Rows for the events of 1904-1999: each lane by kind has as many rows as its events need so that
    none overlaps another (an event takes the first row of its lane where the last one ended margin_years
    earlier). Returns each event's row, each lane's middle (for its label) and the number of rows."""
    margin = pd.Timedelta(days=365.25 * margin_years)
    rows, middles, base = [0.0] * len(early), [], 0
    for lane in lanes:
        ends: list[pd.Timestamp] = []  # per row of the lane: where its last event ends
        in_lane = early[early["kind"] == lane].sort_values("first day", kind="stable")
        for _, ev in in_lane.iterrows():
            row = next((k for k, end in enumerate(ends) if end + margin < ev["first day"]), len(ends))
            if row == len(ends):
                ends.append(ev["last day"])
            ends[row] = max(ends[row], ev["last day"])
            rows[early.index.get_loc(ev.name)] = base + row
        middles.append(base + (len(ends) - 1) / 2)
        base += len(ends)
    return rows, middles, base


def timeline_chart(events: pd.DataFrame, later: pd.DataFrame | None = None) -> Figure:
    """Events 1904-1999 in lanes by type above; from 2000, one row per event, named, by date.

    A span is a bar, a dated point a marker; an event whose date the article gives
    wrongly is drawn at the corrected date with a ringed marker, and a cross at
    the article's date, joined by a dotted line. With later events (after the
    article), the lower panel runs on to their last year, and they are drawn as
    hollow squares on a shaded ground: a second layer, never mixed with the first.
    """
    table = timeline_table(events, later)
    event_types = vocab.event_types()
    early = table[table["first day"].dt.year < SPLIT_YEAR]
    late = table[table["first day"].dt.year >= SPLIT_YEAR]
    lanes = [t for t in event_types if t in set(early["kind"])]
    end_year = 2004 if later is None else max(2004, later["last_day"].max().year + 1)
    lo, hi = pd.Timestamp(f"{SPLIT_YEAR}-01-01"), pd.Timestamp(f"{end_year}-01-01")
    left_in, right_in = 1.2, 0.15
    width_pt = (WIDTH - left_in - right_in) * 72
    labels = [timeline_label(ev, lo, hi, width_pt) for _, ev in late.iterrows()]
    lines = [text.count("\n") + 1 for _, _, text in labels]
    early_rows, lane_middles, n_early_rows = lane_rows(early, lanes)
    top_h, bottom_h = 0.24 * n_early_rows + 0.2, LINE * (sum(lines) + ROW_GAP * len(lines)) + 0.2
    legend_h = 0.75 if later is None else 0.95
    heights = [0.35, top_h, 0.35, 0.35, bottom_h, 0.35, legend_h, 0.3]  # title, axes, ticks, title, axes, ticks...
    height = sum(heights)
    fig = Figure(figsize=(WIDTH, height))

    def axes(bottom_in: float, h: float):
        return fig.add_axes((left_in / WIDTH, bottom_in / height, 1 - (left_in + right_in) / WIDTH, h / height))

    bottom_ax = axes(sum(heights[5:]), bottom_h)
    top_ax = axes(sum(heights[2:]), top_h)
    top_ax.set_xlim(pd.Timestamp("1900-01-01"), lo)
    top_ax.set_yticks(lane_middles, lanes)
    top_ax.set_ylim(n_early_rows - 0.4, -0.6)
    top_ax.set_title(f"1904–{SPLIT_YEAR - 1}: in lanes by kind", loc="left")
    top_ax.xaxis.set_major_locator(matplotlib.dates.YearLocator(10))
    top_ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
    bottom_ax.set_xlim(lo, hi)
    rows = [sum(lines[:i]) + ROW_GAP * i + (lines[i] + ROW_GAP) / 2 for i in range(len(lines))]
    bottom_ax.set_ylim(max(sum(lines) + ROW_GAP * len(lines), 1), 0)
    bottom_ax.set_yticks(rows, list(late["kind"]), color="#444444")
    bottom_ax.set_title(
        f"{SPLIT_YEAR}–{end_year - 1}, one event a row, by date"
        + (" (shaded: after the article)" if later is not None else ""),
        loc="left",
    )
    bottom_ax.xaxis.set_major_locator(matplotlib.dates.YearLocator(1 if end_year - SPLIT_YEAR <= 6 else 4))
    bottom_ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
    if end_year - SPLIT_YEAR <= 6:
        bottom_ax.xaxis.set_minor_locator(matplotlib.dates.MonthLocator(bymonth=[4, 7, 10]))
    for ax in (top_ax, bottom_ax):
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.tick_params(axis="y", length=0)
    if later is not None:
        bottom_ax.axvspan(pd.Timestamp("2004-01-01"), hi, color="#eeeeee", zorder=0)
    for ax, y, ev in [(top_ax, y, ev) for y, (_, ev) in zip(early_rows, early.iterrows(), strict=True)] + [
        (bottom_ax, y, ev) for y, (_, ev) in zip(rows, late.iterrows(), strict=True)
    ]:
        bar = 0.45 if ax is top_ax else 0.9
        draw_event(ax, y, ev, OKABE_ITO[event_types.index(ev["kind"]) % len(OKABE_ITO)], bar)
    for y, (x, align, text) in zip(rows, labels, strict=True):
        bottom_ax.text(x, y, text, ha=align, va="center", linespacing=1.1)
    handles = [
        Line2D(
            [], [], marker="o", linestyle="", color="#888888", markeredgecolor="black", label="event (day or month)"
        ),
        Patch(facecolor="#888888", edgecolor="black", label="event lasting longer"),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="none",
            markeredgecolor="black",
            markersize=10,
            label="corrected date",
        ),
        Line2D([], [], marker="x", linestyle=":", color="black", label="the article's (wrong) date"),
    ]
    if later is not None:
        handles.append(
            Line2D(
                [],
                [],
                marker="s",
                linestyle="",
                markerfacecolor="white",
                markeredgecolor="black",
                label="later event (not in the article)",
            )
        )
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.3 / height), ncols=2, frameon=False)
    source_line(fig, "data/events.csv" + ("; later events: data/later_events.csv" if later is not None else ""))
    return fig


def draw_event(ax, y: float, ev: pd.Series, colour: str, bar_height: float) -> None:
    """One event's marks in its row: a bar or a marker (gid: the event's id), and a correction if there is one."""
    if ev["layer"] == "after the article":
        mid = ev["first day"] + (ev["last day"] - ev["first day"]) / 2
        ax.plot(mid, y, "s", markerfacecolor="white", markeredgecolor="black", markersize=7, gid=ev["mark"])
        return
    if (ev["last day"] - ev["first day"]).days > 45:
        ax.barh(
            y,
            ev["last day"] - ev["first day"],
            left=ev["first day"],
            height=bar_height,
            color=colour,
            edgecolor="black",
            linewidth=0.5,
            gid=ev["mark"],
        )
        return
    mid = ev["first day"] + (ev["last day"] - ev["first day"]) / 2
    ax.plot(mid, y, "o", color=colour, markeredgecolor="black", markersize=7, gid=ev["mark"])
    if ev["article date"]:
        wrong = article_date(ev["article date"])
        ax.plot(mid, y, "o", markerfacecolor="none", markeredgecolor="black", markersize=13, markeredgewidth=1.2)
        if ax.get_xlim()[0] <= matplotlib.dates.date2num(wrong) <= ax.get_xlim()[1]:
            ax.plot(wrong, y, "x", color="black", markersize=8, gid=f"{ev['mark']}:article-date")
            ax.plot([wrong, mid], [y, y], ":", color="black", linewidth=1)


def counts_bars(ax, counts: pd.DataFrame, styles: dict[str, tuple[str, str]], gid: str) -> None:
    """Stacked bars of a rows × categories count frame: one patch (with a gid) per non-zero cell, labelled."""
    left = pd.Series(0, index=counts.index)
    for category in counts.columns:
        colour, hatch = styles[category]
        shown = counts[category] > 0
        bars = ax.barh(
            [list(counts.index).index(r) for r in counts.index[shown]],
            counts[category][shown],
            left=left[shown],
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.6,
            label=category,
        )
        for patch, row in zip(bars.patches, counts.index[shown], strict=True):
            patch.set_gid(gid.format(row=row, category=category))
        ax.bar_label(
            bars,
            labels=[str(v) for v in counts[category][shown]],
            label_type="center",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )
        left = left + counts[category]


# -- forecasts -------------------------------------------------------------------


def forecasts_table(forecasts: pd.DataFrame) -> pd.DataFrame:
    """Forecasts by topic (rows, most first, as drawn from the top) and verdict: each non-zero cell a segment."""
    require(forecasts, "forecasts_chart", ["topic", "verdict"])
    verdicts = vocab.enum("forecasts", "verdict")
    unstyled = [v for v in verdicts if v not in VERDICT_STYLES]
    if unstyled:
        raise ChartError(f"forecasts_chart: verdict(s) {', '.join(unstyled)} of data/datapackage.json have no colour")
    unknown = set(forecasts["verdict"]) - set(verdicts)
    if unknown:
        raise ChartError(f"forecasts_chart: unknown verdict(s) {', '.join(sorted(unknown))} in column verdict")
    counts = forecasts.groupby(["topic", "verdict"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=verdicts, fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    counts.index.name, counts.columns.name = "topic", "verdict"
    return counts


@styled
def forecasts_chart(forecasts: pd.DataFrame) -> Figure:
    """How the article's forecasts fared: one bar per topic, divided by verdict, counts labelled."""
    counts = forecasts_table(forecasts)
    fig = Figure(figsize=(WIDTH, 0.3 * len(counts) + 1.9), layout="constrained")
    ax = fig.subplots()
    counts_bars(ax, counts, VERDICT_STYLES, "forecast:{row}:{category}")
    ax.set_yticks(range(len(counts)), counts.index)
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set_xlabel("forecasts and firm claims")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", title="verdict")
    leave_room_for_source(fig)
    source_line(fig, "data/forecasts.csv")
    return fig


# -- delegations -----------------------------------------------------------------


def delegation_label(delegations: pd.DataFrame, delegation: str) -> str:
    """The delegation's name and note, where the frame has them; else its id."""
    if "note" not in delegations.columns:
        return delegation
    row = delegations[delegations["delegation"] == delegation].iloc[0]
    return f"{row['delegation_name']} (note {row['note']})"


def delegation_sectors_table(delegations: pd.DataFrame) -> pd.DataFrame:
    """Members of each delegation (rows) by the sector of their first-named post (columns); each person once."""
    require(delegations, "delegation_sectors_chart", ["delegation", "person", "sector", "primary"])
    sectors = vocab.enum("posts", "sector")
    primary = delegations[delegations["primary"]]
    counts = primary.groupby(["delegation", "sector"]).size().unstack(fill_value=0)
    order = list(dict.fromkeys(delegations["delegation"]))
    counts = counts.reindex(index=order, columns=[s for s in sectors if s in counts.columns], fill_value=0)
    counts.index.name, counts.columns.name = "delegation", "sector"
    return counts


@styled
def delegation_sectors_chart(delegations: pd.DataFrame) -> Figure:
    """Members of each delegation by the sector of their first-named post (each person once)."""
    counts = delegation_sectors_table(delegations)
    sectors = vocab.enum("posts", "sector")
    styles = {s: (OKABE_ITO[sectors.index(s)], HATCHES[sectors.index(s)]) for s in counts.columns}
    fig = Figure(figsize=(WIDTH, 0.7 * len(counts) + 2.4), layout="constrained")
    ax = fig.subplots()
    counts_bars(ax, counts, styles, "sector:{row}:{category}")
    ax.set_yticks(range(len(counts)), [wrap(delegation_label(delegations, d), 26) for d in counts.index])
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set_xlabel("members (each counted once, by the first post the note names)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.legend(loc="outside upper center", ncols=3, frameon=False, title="sector of the first-named post")
    leave_room_for_source(fig)
    source_line(fig, "data/delegation_members.csv, data/posts.csv")
    return fig


def person_label(row: pd.Series) -> str:
    return "(unnamed) additional leading officials" if row.get("kind") == "unnamed group" else row["name_as_printed"]


def delegation_posts_table(delegations: pd.DataFrame) -> pd.DataFrame:
    """One row per mark: a member's posts at one institution, with the member's delegations and the posts as printed."""
    require(delegations, "delegation_posts_chart", ["delegation", "person", "name_as_printed", "institution", "sector"])
    sectors = vocab.enum("posts", "sector")
    people = list(dict.fromkeys(delegations["person"]))
    names = delegations.drop_duplicates("person").set_index("person").apply(person_label, axis=1)
    rows = []
    for (person, institution), posts in delegations.groupby(["person", "institution"], sort=False):
        rows.append(
            {
                "mark": f"{person}@{institution}",
                "person": person,
                "member": names[person],
                "delegations": ", ".join(dict.fromkeys(delegations[delegations["person"] == person]["delegation"])),
                "institution": institution,
                "sector": posts["sector"].iloc[0],
                "posts": "; ".join(posts["post_as_printed"]) if "post_as_printed" in posts else "",
                "notes": ", ".join(str(n) for n in dict.fromkeys(posts["note"])) if "note" in posts else "",
            }
        )
    table = pd.DataFrame(rows)
    table["_order"] = [
        (people.index(p), sectors.index(s)) for p, s in zip(table["person"], table["sector"], strict=True)
    ]
    return table.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


@styled
def delegation_posts_chart(delegations: pd.DataFrame) -> Figure:
    """Institution × member: every post a member held (a marker, shaped by sector); who sat in more than one delegation.

    Members are the columns, grouped by delegation (lines between the groups), named
    along the bottom; institutions the rows, grouped by sector.
    """
    table = delegation_posts_table(delegations)
    sectors = vocab.enum("posts", "sector")
    people = list(dict.fromkeys(table["person"]))
    by_sector = table.sort_values("sector", key=lambda s: s.map(sectors.index), kind="stable")
    institutions = list(dict.fromkeys(by_sector["institution"]))
    in_several = table.drop_duplicates("person").set_index("person")["delegations"].str.contains(",")
    fig = Figure(figsize=(WIDTH, 0.42 * len(institutions) + 3.9), layout="constrained")
    ax = fig.subplots()
    for _, mark in table.iterrows():
        i = sectors.index(mark["sector"])
        ax.scatter(
            people.index(mark["person"]),
            institutions.index(mark["institution"]),
            s=55,
            color=OKABE_ITO[i],
            marker=MARKERS[i],
            edgecolor="black",
            linewidth=0.6,
            zorder=3,
            gid=mark["mark"],
        )
    members = table.drop_duplicates("person").set_index("person")
    labels = [
        members.loc[p, "member"] + (f" ({members.loc[p, 'delegations']})" if in_several[p] else "") for p in people
    ]
    ax.set_xticks(range(len(people)), labels, rotation=90)
    for tick, p in zip(ax.get_xticklabels(), people, strict=True):
        tick.set_gid(f"person:{p}")
        if in_several[p]:
            tick.set_fontweight("bold")
    ax.set_yticks(range(len(institutions)), [wrap(i, 40) for i in institutions], linespacing=1.0)
    ax.tick_params(axis="y", pad=2)
    ax.set_xlim(-0.6, len(people) - 0.4)
    ax.set_ylim(len(institutions) - 0.5, -0.5)
    ax.grid(color="#e5e5e5", linewidth=0.5)
    first = [members.loc[p, "delegations"].split(", ")[0] for p in people]
    for k in range(1, len(people)):
        if first[k] != first[k - 1]:
            ax.axvline(k - 0.5, color="black", linewidth=0.8)
    handles = [
        Line2D(
            [],
            [],
            marker=MARKERS[sectors.index(s)],
            linestyle="",
            color=OKABE_ITO[sectors.index(s)],
            markeredgecolor="black",
            label=s,
        )
        for s in sectors
        if s in set(table["sector"])
    ]
    fig.legend(handles=handles, loc="outside upper center", ncols=3, title="sector of the post", frameon=False)
    leave_room_for_source(fig)
    source_line(fig, "data/delegation_members.csv, data/posts.csv, data/people.csv")
    return fig


# -- stances ---------------------------------------------------------------------


def stance_table(stances: pd.DataFrame, actors: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """One row per cell of the matrix, actor by actor, issue by issue: its stance and the symbol drawn in it."""
    require(stances, "stance_matrix_chart", ["actor", "issue", "stance"])
    scale = vocab.stance_scale()
    if len(scale) != len(PUOR) or set(scale) != set(STANCE_MARKS):
        raise ChartError(
            f"stance_matrix_chart: the stance scale of data/datapackage.json ({', '.join(scale)}) "
            "is not the one PUOR and STANCE_MARKS draw"
        )
    unknown = set(stances["stance"]) - set(scale) - {NO_EVIDENCE}
    if unknown:
        raise ChartError(f"stance_matrix_chart: unknown stance value(s) {', '.join(sorted(unknown))} in column stance")
    actor_ids = [a for a in actors["id"] if a in set(stances["actor"])]
    issue_ids = [i for i in issues["id"] if i in set(stances["issue"])]
    table = stances[["actor", "issue", "stance"]].copy()
    table["mark"] = table["actor"] + "×" + table["issue"]
    table["actor name"] = table["actor"].map(actors.set_index("id")["name"])
    table["issue name"] = table["issue"].map(issues.set_index("id")["name"])
    table["symbol"] = table["stance"].map(lambda s: STANCE_MARKS.get(s, "n/e"))
    table["_order"] = [
        (actor_ids.index(a), issue_ids.index(i)) for a, i in zip(table["actor"], table["issue"], strict=True)
    ]
    return table.sort_values("_order").drop(columns="_order").reset_index(drop=True)


@styled
def stance_matrix_chart(stances: pd.DataFrame, actors: pd.DataFrame, issues: pd.DataFrame) -> Figure:
    """Actors × issues: a diverging colour and a symbol per coded cell; hatched grey for no evidence."""
    table = stance_table(stances, actors, issues)
    scale = vocab.stance_scale()
    actor_ids = list(dict.fromkeys(table["actor"]))
    issue_ids = list(dict.fromkeys(table.sort_values("issue", key=lambda s: s.map(list(issues["id"]).index))["issue"]))
    actor_names = table.drop_duplicates("actor").set_index("actor")["actor name"]
    issue_names = table.drop_duplicates("issue").set_index("issue")["issue name"]
    fig = Figure(figsize=(WIDTH, 0.4 * len(actor_ids) + 3.4), layout="constrained")
    ax = fig.subplots()
    for _, cell in table.iterrows():
        x, y = issue_ids.index(cell["issue"]), actor_ids.index(cell["actor"])
        if cell["stance"] == NO_EVIDENCE:
            ax.add_patch(
                Rectangle(
                    (x - 0.5, y - 0.5),
                    1,
                    1,
                    facecolor="#e0e0e0",
                    hatch="///",
                    edgecolor="#b0b0b0",
                    linewidth=0,
                    gid=cell["mark"],
                )
            )
            ax.text(x, y, "n/e", ha="center", va="center", color="#333333")
        else:
            k = scale.index(cell["stance"])
            ax.add_patch(
                Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=PUOR[k], edgecolor="white", linewidth=1, gid=cell["mark"])
            )
            ax.text(
                x,
                y,
                cell["symbol"],
                ha="center",
                va="center",
                fontsize=MIN_FONT + 2,
                fontweight="bold",
                color="white" if k in (0, 4) else "black",
            )
    ax.set_xlim(-0.5, len(issue_ids) - 0.5)
    ax.set_ylim(len(actor_ids) - 0.5, -0.5)
    ax.set_xticks(range(len(issue_ids)), [wrap(issue_names[i], 24) for i in issue_ids], rotation=90, linespacing=1.0)
    ax.set_yticks(range(len(actor_ids)), [wrap(actor_names[a], 30) for a in actor_ids])
    ax.set_aspect("equal")
    handles = [
        Patch(facecolor=PUOR[k], edgecolor="black", label=f"{STANCE_MARKS[s]}  {s}") for k, s in enumerate(scale)
    ]
    handles.append(
        Patch(facecolor="#e0e0e0", hatch="///", edgecolor="#b0b0b0", label="n/e  no evidence in the article")
    )
    fig.legend(handles=handles, loc="outside upper center", ncols=3, title="the article's account", frameon=False)
    leave_room_for_source(fig)
    source_line(fig, "data/stances.csv, data/stance_evidence.csv")
    return fig
