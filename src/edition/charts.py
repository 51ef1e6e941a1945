"""The edition's charts: timeline, delegations, stance matrix.

Chart functions take data frames (from data.py's loaders, or a tiny frame in a
test) and return a matplotlib figure; they never read files. Colours come from
the Okabe–Ito palette and ColorBrewer's PuOr, both safe for colour-blind
readers, and never carry meaning alone: lanes, hatching, symbols and labels say
the same thing. The caption and alt text belong to the page that shows a chart;
each figure carries a source line naming its dataset. Figures are made without
pyplot, so a notebook shows each once (as the cell's value) and none leaks.
Vocabularies (event types, sectors, verdicts, the stance scale) and their order
come from data/datapackage.json, through vocab.py.
"""

from __future__ import annotations

import matplotlib.dates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from . import vocab
from .vocab import NO_EVIDENCE

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++", "**"]
PUOR = ["#b35806", "#f1a340", "#f7f7f7", "#998ec3", "#542788"]  # ColorBrewer PuOr, 5 classes
VERDICT_STYLES = {
    "held": (OKABE_ITO[2], ""),
    "partly held": (OKABE_ITO[0], "//"),
    "failed": (OKABE_ITO[5], "xx"),
    "too early to tell": ("#dddddd", ".."),
}  # colour and hatch of each verdict (forecasts.verdict)
STANCE_MARKS = {"strongly opposes": "−−", "opposes": "−", "ambivalent": "±", "supports": "+", "strongly supports": "++"}
SPLIT_YEAR = 2000  # the timeline's second panel: the summits and the crisis, 2000-2003


class ChartError(ValueError):
    """A frame cannot be charted; the message names the chart and the column."""


def require(frame: pd.DataFrame, chart: str, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ChartError(f"{chart}: the frame lacks column(s) {', '.join(missing)}")
    if frame.empty:
        raise ChartError(f"{chart}: the frame has no rows")


def source_line(fig: Figure, dataset: str) -> None:
    fig.text(
        0.01, 0.005, f"Source: {dataset} (this edition's data, from the article's text)", fontsize=7, color="#444444"
    )


# -- timeline --------------------------------------------------------------------


def timeline_chart(events: pd.DataFrame, later: pd.DataFrame | None = None) -> Figure:
    """Every event in lanes by type: 1904-1999 on the left, 2000-2003 by month on the right.

    A span is a bar, a dated point a marker; an event whose date the article gives
    wrongly is drawn at the corrected date with a ringed marker, and a cross at
    the article's date, joined by a dotted line. With later events (after the
    article), the right panel runs on to their last year, and they are drawn as
    hollow squares on a shaded ground: a second layer, never mixed with the first.
    """
    require(events, "timeline_chart", ["id", "type", "first_day", "last_day", "corrected", "article_date"])
    if later is not None:
        require(later, "timeline_chart (later)", ["id", "type", "first_day", "last_day"])
    event_types = vocab.event_types()
    types = set(events["type"]) | (set(later["type"]) if later is not None else set())
    unknown = types - set(event_types)
    if unknown:
        raise ChartError(f"timeline_chart: unknown event type(s) {', '.join(sorted(unknown))} in column type")
    lanes = [t for t in event_types if t in types]
    end_year = 2004 if later is None else max(2004, later["last_day"].max().year + 1)
    fig = Figure(figsize=(10 if later is None else 12, 0.42 * len(lanes) + 1.8))
    early, late = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 2 if later is None else 3]})
    for ax, lo, hi in ((early, 1900, SPLIT_YEAR), (late, SPLIT_YEAR, end_year)):
        ax.set_xlim(pd.Timestamp(f"{lo}-01-01"), pd.Timestamp(f"{hi}-01-01"))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_yticks(range(len(lanes)), lanes)
        ax.set_ylim(-0.7, len(lanes) - 0.3)
        ax.invert_yaxis()
    early.set_title("1904–1999", fontsize=9, loc="left")
    late.set_title(
        "2000–2003" if later is None else f"2000–{end_year - 1} (shaded: after the article)", fontsize=9, loc="left"
    )
    if later is not None:
        late.axvspan(pd.Timestamp("2004-01-01"), pd.Timestamp(f"{end_year}-01-01"), color="#eeeeee", zorder=0)
        for _, ev in later.iterrows():
            mid = ev["first_day"] + (ev["last_day"] - ev["first_day"]) / 2
            late.plot(
                mid,
                lanes.index(ev["type"]),
                "s",
                markerfacecolor="white",
                markeredgecolor="black",
                markersize=6,
                gid=ev["id"],
            )
    for _, ev in events.iterrows():
        y = lanes.index(ev["type"])
        colour = OKABE_ITO[event_types.index(ev["type"]) % len(OKABE_ITO)]
        ax = late if ev["first_day"].year >= SPLIT_YEAR else early
        span = (ev["last_day"] - ev["first_day"]).days
        if span > 45:
            for panel in (early, late):  # a long span may cross into the second panel; xlim clips it
                panel.barh(
                    y,
                    ev["last_day"] - ev["first_day"],
                    left=ev["first_day"],
                    height=0.35,
                    color=colour,
                    edgecolor="black",
                    linewidth=0.5,
                    gid=ev["id"],
                )
        else:
            mid = ev["first_day"] + (ev["last_day"] - ev["first_day"]) / 2
            ax.plot(mid, y, "o", color=colour, markeredgecolor="black", markersize=6, gid=ev["id"])
            if ev["corrected"]:
                wrong = pd.Timestamp(ev["article_date"] + "-15" if len(ev["article_date"]) == 7 else ev["article_date"])
                ax.plot(
                    mid, y, "o", markerfacecolor="none", markeredgecolor="black", markersize=12, markeredgewidth=1.2
                )
                if wrong.year < 2004:
                    target = late if wrong.year >= SPLIT_YEAR else early
                    target.plot(wrong, y, "x", color="black", markersize=7, gid=f"{ev['id']}:article-date")
                    if target is ax:
                        ax.plot([wrong, mid], [y, y], ":", color="black", linewidth=1)
    late.xaxis.set_major_locator(matplotlib.dates.YearLocator(1 if later is None else 2))
    late.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
    late.xaxis.set_minor_locator(matplotlib.dates.MonthLocator(bymonth=[4, 7, 10]))
    early.xaxis.set_major_locator(matplotlib.dates.YearLocator(20))
    early.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
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
    late.legend(handles=handles, fontsize=7, loc="lower left", framealpha=0.9)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    source_line(fig, "data/events.csv" + ("; later events: data/later_events.csv" if later is not None else ""))
    return fig


def forecasts_chart(forecasts: pd.DataFrame) -> Figure:
    """How the article's forecasts fared: one bar per topic, divided by verdict, counts labelled."""
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
    counts = counts.loc[counts.sum(axis=1).sort_values().index]
    fig = Figure(figsize=(9, 0.35 * len(counts) + 1.8))
    ax = fig.subplots()
    left = pd.Series(0, index=counts.index)
    for verdict in verdicts:
        colour, hatch = VERDICT_STYLES[verdict]
        bars = ax.barh(
            counts.index,
            counts[verdict],
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.6,
            label=verdict,
            gid=f"verdict:{verdict}",
        )
        ax.bar_label(
            bars,
            labels=[str(v) if v else "" for v in counts[verdict]],
            label_type="center",
            fontsize=7,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        left = left + counts[verdict]
    ax.set_xlabel("forecasts and firm claims")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(fontsize=7, loc="lower right", title="verdict", title_fontsize=7)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    source_line(fig, "data/forecasts.csv")
    return fig


# -- delegations -----------------------------------------------------------------


def delegation_sectors_chart(delegations: pd.DataFrame) -> Figure:
    """Members of each delegation by the sector of their first-named post (each person once)."""
    require(delegations, "delegation_sectors_chart", ["delegation", "person", "sector", "primary"])
    sectors = vocab.enum("posts", "sector")
    primary = delegations[delegations["primary"]]
    counts = primary.groupby(["delegation", "sector"]).size().unstack(fill_value=0)
    order = list(dict.fromkeys(delegations["delegation"]))
    counts = counts.reindex(index=order, columns=[s for s in sectors if s in counts.columns], fill_value=0)
    counts.index = [delegation_label(delegations, d) for d in order]
    fig = Figure(figsize=(9, 0.8 * len(order) + 1.6))
    ax = fig.subplots()
    left = pd.Series(0, index=counts.index)
    for sector in counts.columns:
        i = sectors.index(sector)
        bars = ax.barh(
            counts.index,
            counts[sector],
            left=left,
            color=OKABE_ITO[i],
            hatch=HATCHES[i],
            edgecolor="black",
            linewidth=0.6,
            label=sector,
            gid=f"sector:{sector}",
        )
        ax.bar_label(
            bars,
            labels=[str(v) if v else "" for v in counts[sector]],
            label_type="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        left = left + counts[sector]
    ax.invert_yaxis()
    ax.set_xlabel("members (each counted once, by the first post the note names)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=7, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.35), frameon=False)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    source_line(fig, "data/delegation_members.csv, data/posts.csv")
    return fig


def delegation_label(delegations: pd.DataFrame, delegation: str) -> str:
    """The delegation's name and note, where the frame has them; else its id."""
    if "note" not in delegations.columns:
        return delegation
    row = delegations[delegations["delegation"] == delegation].iloc[0]
    return f"{row['delegation_name']} (note {row['note']})"


def person_label(row: pd.Series) -> str:
    return "(unnamed) additional leading officials" if row.get("kind") == "unnamed group" else row["name_as_printed"]


def delegation_posts_chart(delegations: pd.DataFrame) -> Figure:
    """Person × institution: every post a member held, and who sat in more than one delegation."""
    require(delegations, "delegation_posts_chart", ["delegation", "person", "name_as_printed", "institution", "sector"])
    sectors = vocab.enum("posts", "sector")
    people = list(dict.fromkeys(delegations["person"]))
    names = delegations.drop_duplicates("person").set_index("person").apply(person_label, axis=1)
    by_sector = delegations.sort_values("sector", key=lambda s: s.map(sectors.index))
    institutions = list(dict.fromkeys(by_sector["institution"]))
    in_several = delegations.groupby("person")["delegation"].nunique()
    fig = Figure(figsize=(11, 0.3 * len(people) + 3.6))
    ax = fig.subplots()
    for (person, institution), posts in delegations.groupby(["person", "institution"]):
        sector = posts["sector"].iloc[0]
        i = sectors.index(sector)
        ax.scatter(
            institutions.index(institution),
            people.index(person),
            s=70,
            color=OKABE_ITO[i],
            marker="os^Dv<>ph"[i],
            edgecolor="black",
            linewidth=0.6,
            zorder=3,
            gid=f"{person}@{institution}",
        )

    def label(person: str) -> str:
        """The name, and for a member of several delegations those delegations in brackets."""
        if in_several[person] <= 1:
            return f"{names[person]} "
        return f"{names[person]} ({', '.join(sorted(set(delegations[delegations.person == person].delegation)))})"

    labels = [label(p) for p in people]
    ax.set_yticks(range(len(people)), labels, fontsize=7)
    for tick, p in zip(ax.get_yticklabels(), people, strict=True):
        if in_several[p] > 1:
            tick.set_fontweight("bold")
    ax.set_xticks(range(len(institutions)), institutions, rotation=60, ha="right", fontsize=7)
    ax.set_xlim(-0.6, len(institutions) - 0.4)
    ax.set_ylim(len(people) - 0.5, -0.5)
    ax.grid(color="#e5e5e5", linewidth=0.5)
    bounds = delegations.drop_duplicates("person").groupby("delegation", sort=False).size().cumsum()
    for b in bounds.iloc[:-1]:
        ax.axhline(b - 0.5, color="black", linewidth=0.8)
    handles = [
        Line2D(
            [],
            [],
            marker="os^Dv<>ph"[sectors.index(s)],
            linestyle="",
            color=OKABE_ITO[sectors.index(s)],
            markeredgecolor="black",
            label=s,
        )
        for s in sectors
        if s in set(delegations["sector"])
    ]
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), title="sector", title_fontsize=7)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    source_line(fig, "data/delegation_members.csv, data/posts.csv, data/people.csv")
    return fig


# -- stances ---------------------------------------------------------------------


def stance_matrix_chart(stances: pd.DataFrame, actors: pd.DataFrame, issues: pd.DataFrame) -> Figure:
    """Actors × issues: a diverging colour and a symbol per coded cell; hatched grey for no evidence."""
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
    actor_names = actors.set_index("id")["name"]
    issue_names = issues.set_index("id")["name"]
    fig = Figure(figsize=(1.0 * len(issue_ids) + 3.5, 0.5 * len(actor_ids) + 3))
    ax = fig.subplots()
    for _, cell in stances.iterrows():
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
                    gid=f"{cell['actor']}×{cell['issue']}",
                )
            )
            ax.text(x, y, "n/e", ha="center", va="center", fontsize=6, color="#555555")
        else:
            k = scale.index(cell["stance"])
            ax.add_patch(
                Rectangle(
                    (x - 0.5, y - 0.5),
                    1,
                    1,
                    facecolor=PUOR[k],
                    edgecolor="white",
                    linewidth=1,
                    gid=f"{cell['actor']}×{cell['issue']}",
                )
            )
            ax.text(
                x,
                y,
                STANCE_MARKS[cell["stance"]],
                ha="center",
                va="center",
                fontsize=10,
                fontweight="bold",
                color="white" if k in (0, 4) else "black",
            )
    ax.set_xlim(-0.5, len(issue_ids) - 0.5)
    ax.set_ylim(len(actor_ids) - 0.5, -0.5)
    ax.set_xticks(range(len(issue_ids)), [issue_names[i] for i in issue_ids], rotation=45, ha="right", fontsize=7)
    ax.set_yticks(range(len(actor_ids)), [actor_names[a] for a in actor_ids], fontsize=7)
    ax.set_aspect("equal")
    handles = [
        Patch(facecolor=PUOR[k], edgecolor="black", label=f"{STANCE_MARKS[s]}  {s}") for k, s in enumerate(scale)
    ]
    handles.append(
        Patch(facecolor="#e0e0e0", hatch="///", edgecolor="#b0b0b0", label="n/e  no evidence in the article")
    )
    ax.legend(
        handles=handles,
        fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        title="the article's account",
        title_fontsize=7,
    )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    source_line(fig, "data/stances.csv, data/stance_evidence.csv")
    return fig
