"""Each chart on a tiny frame reflects its data; a bad frame raises ChartError."""

from __future__ import annotations

import json

import matplotlib.colors
import matplotlib.text
import pandas as pd
import pytest

from edition import charts, data, paths, vocab
from edition.charts import (
    MIN_FONT,
    PUOR,
    STANCE_MARKS,
    WIDTH,
    ChartError,
    delegation_posts_chart,
    delegation_posts_table,
    delegation_sectors_chart,
    delegation_sectors_table,
    forecasts_chart,
    forecasts_table,
    stance_matrix_chart,
    stance_table,
    timeline_chart,
    timeline_table,
)
from edition.data import load_delegations


def artists(fig, prefix=""):
    """Every artist of the figure that carries a gid (the chart's data marks)."""
    return [a for a in fig.findobj() if a.get_gid() and a.get_gid().startswith(prefix)]


def tiny_events():
    return pd.DataFrame(
        {
            "id": ["ev-a", "ev-b", "ev-c"],
            "type": ["war", "summit", "visit"],
            "first_day": pd.to_datetime(["1904-01-01", "2002-08-23", "2001-07-26"]),
            "last_day": pd.to_datetime(["1905-12-31", "2002-08-23", "2001-08-18"]),
            "corrected": [False, True, False],
            "article_date": ["", "2003-08-23", ""],
        }
    )


def test_timeline_has_one_mark_per_event_and_marks_the_correction():
    fig = timeline_chart(tiny_events())
    marks = {a.get_gid() for a in artists(fig, "ev-")}
    assert marks == {"ev-a", "ev-b", "ev-c", "ev-b:article-date"}
    top, bottom = sorted(fig.axes, key=lambda ax: -ax.get_position().y0)
    assert [t.get_text() for t in top.get_yticklabels()] == ["war"]  # before 2000: lanes by kind
    assert [t.get_text() for t in bottom.get_yticklabels()] == ["visit", "summit"]  # from 2000: a row each, by date
    assert any("Source: data/events.csv" in t.get_text() for t in fig.texts)


def test_timeline_names_every_event_from_2000_without_overlap():
    from edition import data

    events = data.load_events()
    fig = timeline_chart(events)
    bottom = min(fig.axes, key=lambda ax: ax.get_position().y0)
    renderer = fig._get_renderer()  # noqa: SLF001 (a figure made without pyplot has no canvas renderer)
    labels = [t for t in bottom.texts]
    late = events[events["first_day"].dt.year >= 2000]
    assert sorted(t.get_text().replace("\n", " ") for t in labels) == sorted(late["label"])
    boxes = [t.get_window_extent(renderer) for t in labels]
    marks = [a.get_window_extent(renderer) for a in bottom.get_children() if (a.get_gid() or "").startswith("ev-")]
    axes_box = bottom.get_window_extent(renderer)
    for k, box in enumerate(boxes):
        assert axes_box.x0 - 1 <= box.x0 and box.x1 <= axes_box.x1 + 1, labels[k].get_text()  # within the panel
        assert not any(box.overlaps(other) for other in boxes[k + 1 :]), labels[k].get_text()
        assert not any(box.overlaps(m) for m in marks), labels[k].get_text()


def test_timeline_refuses_unknown_type_and_missing_column():
    events = tiny_events()
    with pytest.raises(ChartError, match="timeline_chart: unknown event type.*battle"):
        timeline_chart(events.assign(type=["battle", "summit", "visit"]))
    with pytest.raises(ChartError, match="timeline_chart: the frame lacks column.*first_day"):
        timeline_chart(events.drop(columns="first_day"))
    with pytest.raises(ChartError, match="no rows"):
        timeline_chart(events.iloc[0:0])


@pytest.fixture
def package_with(tmp_path, monkeypatch):
    """A copy of data/datapackage.json, as data/, with values added to the enum of a field."""

    def make(resource: str, field: str, *values: str):
        package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
        schema = next(r["schema"] for r in package["resources"] if r["name"] == resource)
        next(f for f in schema["fields"] if f["name"] == field)["constraints"]["enum"] += list(values)
        (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
        monkeypatch.setattr(paths, "DATA", tmp_path)

    return make


def test_timeline_lanes_are_the_event_types_of_the_datapackage(package_with):
    events = tiny_events().assign(type=["war", "summit", "blockade"])
    with pytest.raises(ChartError, match="timeline_chart: unknown event type.*blockade"):
        timeline_chart(events)
    package_with("events", "type", "blockade")
    fig = timeline_chart(events.assign(first_day=pd.to_datetime(["1904-01-01", "1990-01-01", "1950-01-01"])))
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["war", "summit", "blockade"]


def test_forecast_verdicts_are_those_of_the_datapackage(package_with):
    forecasts = pd.DataFrame({"topic": ["t", "t", "u"], "verdict": ["held", "moot", "failed"]})
    with pytest.raises(ChartError, match="forecasts_chart: unknown verdict.*moot"):
        forecasts_chart(forecasts)
    fig = forecasts_chart(forecasts.assign(verdict=["held", "held", "failed"]))
    assert {a.get_gid() for a in artists(fig, "forecast:")} == {"forecast:t:held", "forecast:u:failed"}
    package_with("forecasts", "verdict", "moot")  # a verdict the datapackage adds needs its own colour and hatch
    with pytest.raises(ChartError, match="forecasts_chart: verdict.*moot of data/datapackage.json have no colour"):
        forecasts_chart(forecasts)


def tiny_delegations():
    return pd.DataFrame(
        {
            "delegation": ["d1", "d1", "d1", "d2", "d2"],
            "person": ["a", "a", "b", "a", "c"],
            "name_as_printed": ["A", "A", "B", "A", "C"],
            "institution": ["Army", "Party", "Duma", "Army", "Party"],
            "sector": ["military", "party", "legislature", "military", "party"],
            "primary": [True, False, True, True, True],
        }
    )


def test_sector_bars_sum_to_members_each_counted_once():
    fig = delegation_sectors_chart(tiny_delegations())
    widths = {}
    for patch in artists(fig, "sector:"):
        row = round(patch.get_y() + patch.get_height() / 2)
        widths[row] = widths.get(row, 0) + patch.get_width()
    assert sorted(widths.values()) == [2, 2]  # d1: a and b; d2: a and c
    assert {a.get_gid() for a in artists(fig, "sector:")} == {
        "sector:d1:military",
        "sector:d1:legislature",
        "sector:d2:military",
        "sector:d2:party",
    }


def test_posts_matrix_marks_every_post_and_who_sat_twice():
    fig = delegation_posts_chart(tiny_delegations())
    assert {a.get_gid() for a in artists(fig) if "@" in a.get_gid()} == {"a@Army", "a@Party", "b@Duma", "c@Party"}
    assert {a.get_gid() for a in artists(fig, "person:")} == {"person:a", "person:b", "person:c"}  # names link too
    labels = {t.get_text(): t.get_fontweight() for t in fig.axes[0].get_xticklabels()}
    assert labels["A (d1, d2)"] == "bold" and labels["B"] != "bold"


def test_real_delegations_chart_has_one_mark_per_post_and_institution():
    table = load_delegations()
    fig = delegation_posts_chart(table)
    assert len(artists(fig, "")) - len(artists(fig, "person:")) == len(table.drop_duplicates(["person", "institution"]))


def tiny_stances():
    return (
        pd.DataFrame(
            {
                "actor": ["A", "A", "B", "B"],
                "issue": ["x", "y", "x", "y"],
                "stance": ["supports", "no evidence", "strongly opposes", "ambivalent"],
            }
        ),
        pd.DataFrame({"id": ["A", "B"], "name": ["Actor A", "Actor B"]}),
        pd.DataFrame({"id": ["x", "y"], "name": ["Issue X", "Issue Y"]}),
    )


def test_stance_matrix_has_a_cell_per_actor_and_issue_with_a_mark():
    fig = stance_matrix_chart(*tiny_stances())
    cells = {a.get_gid(): a for a in artists(fig)}
    assert set(cells) == {"A×x", "A×y", "B×x", "B×y"}
    assert cells["A×y"].get_hatch() == "///"  # no evidence: hatched, not a colour of the scale
    assert cells["A×x"].get_facecolor() != cells["B×y"].get_facecolor()
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert sorted(texts) == sorted(
        [STANCE_MARKS["supports"], "n/e", STANCE_MARKS["strongly opposes"], STANCE_MARKS["ambivalent"]]
    )


def test_stance_colours_diverge_in_the_order_of_the_datapackage_scale():
    scale = vocab.stance_scale()
    assert scale[0] == "strongly opposes" and scale[-1] == "strongly supports"
    issue_ids = [f"i{k}" for k in range(len(scale))]
    stances = pd.DataFrame({"actor": ["A"] * len(scale), "issue": issue_ids, "stance": scale})
    issues = pd.DataFrame({"id": issue_ids, "name": issue_ids})
    fig = stance_matrix_chart(stances, pd.DataFrame({"id": ["A"], "name": ["Actor A"]}), issues)
    cells = {a.get_gid(): a for a in artists(fig)}
    colours = [matplotlib.colors.to_hex(cells[f"A×i{k}"].get_facecolor()) for k in range(len(scale))]
    assert colours == PUOR  # one colour per value, from one end of the scale to the other
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[: len(scale)] == [f"{STANCE_MARKS[s]}  {s}" for s in scale]


def test_stance_matrix_refuses_a_value_off_the_scale():
    stances, actors, issues = tiny_stances()
    with pytest.raises(ChartError, match="unknown stance value.*neutral"):
        stance_matrix_chart(stances.assign(stance=["neutral"] * 4), actors, issues)


# -- every chart: its table is what it plots; its type is legible ------------------


def all_charts():
    """Each chart on the real data, with the marks its table says it draws (gid -> row)."""
    from edition import apparatus, data

    events, later, delegations = data.load_events(), apparatus.load_later_events(), data.load_delegations()
    stances, actors, issues = data.load_stances(), data.load_actors(), data.load_issues()
    forecasts = apparatus.load_forecasts()

    def cells(table, prefix):
        return {f"{prefix}:{row}:{col}" for row, counts in table.iterrows() for col, n in counts.items() if n}

    return [
        (timeline_chart(events), set(timeline_table(events)["mark"])),
        (timeline_chart(events, later), set(timeline_table(events, later)["mark"])),
        (delegation_sectors_chart(delegations), cells(delegation_sectors_table(delegations), "sector")),
        (delegation_posts_chart(delegations), set(delegation_posts_table(delegations)["mark"])),
        (stance_matrix_chart(stances, actors, issues), set(stance_table(stances, actors, issues)["mark"])),
        (forecasts_chart(forecasts), cells(forecasts_table(forecasts), "forecast")),
    ]


@pytest.fixture(scope="module")
def drawn_charts():
    return all_charts()


def test_each_table_row_is_a_mark_of_its_chart(drawn_charts):
    for fig, rows in drawn_charts:
        gids = [a.get_gid() for a in fig.findobj() if a.get_gid()]
        data_marks = [g for g in gids if not g.endswith(":article-date") and not g.startswith("person:")]
        assert sorted(data_marks) == sorted(rows)  # each row drawn once, and nothing drawn that is not a row


def test_table_counts_are_the_lengths_of_the_bars(drawn_charts):
    fig, _ = drawn_charts[2]
    table = delegation_sectors_table(load_delegations())
    for patch in artists(fig, "sector:"):
        _, delegation, sector = patch.get_gid().split(":")
        assert patch.get_width() == table.loc[delegation, sector]


def test_no_text_is_smaller_than_the_minimum_and_no_chart_wider_than_the_column(drawn_charts):
    for fig, _ in drawn_charts:
        assert fig.get_figwidth() <= WIDTH
        texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip() and t.get_visible()]
        assert min(t.get_fontsize() for t in texts) >= MIN_FONT


def test_charts_keep_their_type_sizes_whatever_the_callers_settings():
    with matplotlib.rc_context({"font.size": 4, "xtick.labelsize": 4}):
        fig = charts.forecasts_chart(pd.DataFrame({"topic": ["t"], "verdict": ["held"]}))
    assert min(t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text()) >= MIN_FONT


def test_no_two_events_of_1904_1999_share_a_row_where_they_would_touch():
    table = charts.timeline_table(data.load_events())
    early = table[table["first day"].dt.year < charts.SPLIT_YEAR]
    lanes = [t for t in vocab.event_types() if t in set(early["kind"])]
    rows, middles, count = charts.lane_rows(early, lanes)
    assert len(middles) == len(lanes) and count >= len(lanes)
    assert count > len(lanes)  # the diplomacy lane's long alliance needs rows of its own
    placed = sorted(zip(rows, early["first day"], early["last day"], early["kind"], strict=True))
    for (r1, s1, e1, k1), (r2, s2, _, k2) in zip(placed, placed[1:], strict=False):
        if r1 == r2:
            assert k1 == k2 and e1 + pd.Timedelta(days=3 * 365) < s2, (k1, s1, s2)


def test_a_tall_chart_prints_across_pages_that_tile_it_and_cut_between_rows():
    import base64
    import io

    import pypdf

    from edition import chartsvg

    fig = charts.timeline_chart(data.load_events(), data.with_days(data.load("later_events")))
    slices = chartsvg.print_slices(fig)
    height = fig.get_size_inches()[1]
    assert len(slices) >= 3 and slices[0][1] == height and slices[-1][0] == 0
    assert all(top - bottom <= chartsvg.PRINT_PAGE for bottom, top in slices)
    assert all(upper[0] == lower[1] for upper, lower in zip(slices, slices[1:], strict=False))  # no gap, no overlap
    points = chartsvg.cut_points(fig)
    assert all(any(abs(bottom - p) < 1e-9 for p in points) for bottom, _ in slices[:-1])  # between rows or panels
    pages = pypdf.PdfReader(io.BytesIO(base64.b64decode(chartsvg.pdf_data(fig)))).pages
    boxes = [(float(p.mediabox.bottom) / 72, float(p.mediabox.top) / 72) for p in pages]
    assert [round(b, 3) for box in boxes for b in box] == [round(b, 3) for s in slices for b in s]
    short = charts.delegation_sectors_chart(load_delegations())
    assert len(pypdf.PdfReader(io.BytesIO(base64.b64decode(chartsvg.pdf_data(short)))).pages) == 1
