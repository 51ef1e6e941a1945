"""The datasets: valid as committed, traced to the text, and refused when bad.

Each bad-input test copies data/ to a temporary folder, breaks one thing, and
asserts that the message names the file, the row (header = row 1) and the field.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from edition import paths, sources, validate
from edition.anchors import Anchor
from edition.data import load_delegations, load_events, load_stances
from edition.validate import DataError, check, validated


def test_committed_data_is_valid(reading_text):
    assert check(paths.DATA, reading_text) == []


def test_every_row_traces_to_the_text_or_a_source():
    events = load_events()
    assert (events["anchors"] != "").all()
    assert ((events["date_as_given"] != "") | (events["date_source"] != "")).all()
    assert (events[events["corrected"]]["correction_source"].str.startswith("http")).all()


def test_stance_grid_is_complete_and_no_evidence_is_not_neutral():
    stances = load_stances()
    assert len(stances) == stances["actor"].nunique() * stances["issue"].nunique()
    assert stances[stances["stance"] == "no evidence"]["score"].isna().all()
    assert set(stances[stances["stance"] == "ambivalent"]["score"]) <= {0}


def test_delegations_keep_the_unnamed_officials_of_note_4():
    table = load_delegations()
    unnamed = table[table["kind"] == "unnamed group"]
    assert list(unnamed["delegation"]) == ["dprk-2000"]
    assert unnamed["name_as_printed"].iloc[0].startswith("additional leading officials")


# -- bad input ---------------------------------------------------------------------


@pytest.fixture
def bad_data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target, ignore=shutil.ignore_patterns("source"))
    return target


def edit(data_dir: Path, name: str, row: int, field: str, value: str) -> None:
    """Set one cell: row counts the header as row 1."""
    path = data_dir / name
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(field)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def problems(data_dir: Path, reading_text) -> str:
    return "\n".join(check(data_dir, reading_text))


CASES = [
    ("events.csv", 3, "start", "2000-02-30", r"events\.csv, row 3, field start: '2000-02-30' is not a date"),
    ("events.csv", 3, "end", "1901", r"events\.csv, row 3, field end: 1901 is before the start"),
    ("events.csv", 3, "actors", "RUS;KOR", r"events\.csv, row 3, field actors: unknown actor id 'KOR'"),
    ("events.csv", 3, "anchors", "p-99", r"events\.csv, row 3, field anchors: anchor 'p-99' does not exist"),
    (
        "events.csv",
        3,
        "quote",
        "Russia fought three limited wars",
        r"events\.csv, row 3, field quote: quote .* is not in the text of",
    ),
    ("events.csv", 3, "type", "battle", r"events\.csv, row 3, field type: constraint-error"),
    ("events.csv", 3, "label", "", r"events\.csv, row 3, field label: constraint-error: .*required"),
    ("events.csv", 3, "start", "July 2000", r"events\.csv, row 3, field start: constraint-error: .*pattern"),
    (
        "events.csv",
        3,
        "article_date",
        "2001",
        r"events\.csv, row 3, field correction_source: a corrected date needs both",
    ),
    (
        "events.csv",
        3,
        "date_as_given",
        "in 1905",
        r"events\.csv, row 3, field date_as_given: 'in 1905' is not in the quote",
    ),
    ("stances.csv", 2, "stance", "very strongly supports", r"stances\.csv, row 2, field stance: constraint-error"),
    (
        "stance_evidence.csv",
        2,
        "quote",
        "Moscow loves Washington",
        r"stance_evidence\.csv, row 2, field quote: quote 'Moscow loves Washington' is not in the text of",
    ),
    (
        "stance_evidence.csv",
        2,
        "anchor",
        "note-13",
        r"stance_evidence\.csv, row 2, field anchor: anchor 'note-13' does not exist",
    ),
    (
        "delegation_members.csv",
        2,
        "person",
        "nobody-known",
        r"delegation_members\.csv, row 2, field person: foreign-key",
    ),
    (
        "people.csv",
        3,
        "id",
        "stalin-joseph",
        r"people\.csv, row 3, field id: unique-error: the same as in the row at position 2",
    ),
    (
        "factual_notes.csv",
        2,
        "article_says",
        "in January 1999",
        r"factual_notes\.csv, row 2, field article_says: quote 'in January 1999' is not in the text of p-7",
    ),
    (
        "citations.csv",
        2,
        "key",
        "nobody2003",
        r"citations\.csv, row 2, field key: 'nobody2003' is not an entry of book/references\.bib",
    ),
    ("forecasts.csv", 2, "verdict", "mostly right", r"forecasts\.csv, row 2, field verdict: constraint-error"),
    ("later_events.csv", 2, "start", "1999", r"later_events\.csv, row 2, field start: 1999 is before the article"),
    ("later_events.csv", 2, "end", "2019-02-30", r"later_events\.csv, row 2, field end: '2019-02-30' is not a date"),
    (
        "forecasts.csv",
        2,
        "outcome_dates",
        "2006;2005-02-30",
        r"forecasts\.csv, row 2, field outcome_dates: '2005-02-30' is not a date",
    ),
    ("delegations.csv", 2, "date", "2000-02-30", r"delegations\.csv, row 2, field date: '2000-02-30' is not a date"),
    ("glossary.csv", 2, "source", "", r"glossary\.csv, row 2, field source: constraint-error: .*required"),
    (
        "people.csv",
        3,
        "name_as_printed",
        "Stallin",
        r"people\.csv, row 3, field name_as_printed: quote 'Stallin' is in none of its anchors \(p-4, p-21\)",
    ),
    (
        "posts.csv",
        2,
        "post_as_printed",
        "Prime Minister of Everything",
        r"posts\.csv, row 2, field post_as_printed: quote .* is not in the text of note-2",
    ),
]


@pytest.mark.parametrize("name,row,field,value,message", CASES, ids=[f"{c[0]}:{c[2]}={c[3]!r}" for c in CASES])
def test_bad_cell_is_refused_naming_file_row_and_field(bad_data, reading_text, name, row, field, value, message):
    edit(bad_data, name, row, field, value)
    assert re.search(message, problems(bad_data, reading_text)), problems(bad_data, reading_text)


BAD_ANCHORS = [  # the schema's pattern refuses what is no anchor at all; Anchor.parse what the pattern lets by
    ("glossary.csv", 2, "anchors", "p-x", r"glossary\.csv, row 2, field anchors: constraint-error: .*pattern"),
    (
        "stance_evidence.csv",
        2,
        "anchor",
        "para-3",
        r"stance_evidence\.csv, row 2, field anchor: constraint-error: .*pattern",
    ),
    (
        "events.csv",
        3,
        "anchors",
        "p-4;p-0",
        r"events\.csv, row 3, field anchors: 'p-0' is not an anchor \(p-N or note-N\)",
    ),
    ("citations.csv", 2, "anchor", "note-007", r"citations\.csv, row 2, field anchor: 'note-007' is not an anchor"),
]


@pytest.mark.parametrize("name,row,field,value,message", BAD_ANCHORS, ids=[f"{c[0]}:{c[3]}" for c in BAD_ANCHORS])
def test_bad_anchor_is_refused_naming_file_row_and_field(bad_data, reading_text, name, row, field, value, message):
    edit(bad_data, name, row, field, value)
    found = problems(bad_data, reading_text)
    assert re.search(message, found), found
    assert len(found.splitlines()) == 1, found  # and nothing else: the quote rule does not trip on it


def test_anchor_rule_refuses_what_is_no_anchor_without_the_schema(reading_text):
    ctx = validate.Context(paths.DATA, {Anchor.parse(k): v for k, v in reading_text.anchor_texts().items()})
    rule = validate.Anchors("anchors")
    assert list(rule.check(ctx, "x.csv", 5, {"anchors": "p-3;para-3"})) == [
        "x.csv, row 5, field anchors: 'para-3' is not an anchor (p-N or note-N)"
    ]
    assert list(rule.check(ctx, "x.csv", 5, {"anchors": "p-3;note-999"})) == [
        "x.csv, row 5, field anchors: anchor 'note-999' does not exist in the reading text"
    ]
    assert list(rule.check(ctx, "x.csv", 5, {"anchors": "p-3;note-4"})) == []


def test_every_rule_reads_fields_its_file_has():
    import json

    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["path"]: {f["name"] for f in r["schema"]["fields"]} for r in package["resources"]}
    for file, rules in validate.RULES.items():
        for rule in rules:
            assert rule.fields and set(rule.fields) <= fields[file], (file, type(rule).__name__, rule.fields)


def test_malformed_row_is_refused(bad_data, reading_text):
    with open(bad_data / "issues.csv", "a", encoding="utf-8") as f:
        f.write('extra,row,"with",too,many,cells\n')
    assert "issues.csv, row 13" in problems(bad_data, reading_text)


def test_coded_cell_without_evidence_is_refused(bad_data, reading_text):
    path = bad_data / "stance_evidence.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[1].split(",")[:2]
    path.write_text(
        "".join([lines[0]] + [line for line in lines[1:] if line.split(",")[:2] != first]), encoding="utf-8"
    )
    with open(bad_data / "stances.csv", encoding="utf-8", newline="") as f:
        k, stance = next((k, r["stance"]) for k, r in enumerate(csv.DictReader(f)) if [r["actor"], r["issue"]] == first)
    assert problems(bad_data, reading_text) == (
        f"stances.csv, row {k + 2}, field stance: '{stance}' for {first[0]} × {first[1]} has no evidence quote"
    )


def test_missing_stance_cell_is_refused(bad_data, reading_text):
    path = bad_data / "stances.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    no_evidence = next(k for k, line in enumerate(lines) if line.rstrip().endswith("no evidence,"))
    actor, issue = lines[no_evidence].split(",")[:2]
    del lines[no_evidence]
    path.write_text("".join(lines), encoding="utf-8")
    assert f"the cell {actor} × {issue} is missing" in problems(bad_data, reading_text)


def test_second_primary_post_is_refused(bad_data, reading_text):
    with open(bad_data / "posts.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    k = next(k for k, r in enumerate(rows) if r["primary"] == "false")
    edit(bad_data, "posts.csv", k + 2, "primary", "true")
    assert re.search(
        rf"delegation_members\.csv, row \d+, field person: "
        rf"{rows[k]['person']} has 2 primary posts in {rows[k]['delegation']}",
        problems(bad_data, reading_text),
    )


def test_loaders_refuse_bad_data(bad_data):
    edit(bad_data, "events.csv", 3, "start", "2000-13-01")
    validated.cache_clear()
    with pytest.raises(DataError, match=r"events\.csv, row 3, field start: '2000-13-01' is not a date"):
        load_events(bad_data)


def test_codebook_explains_every_field():
    import json

    readme = (paths.DATA / "README.md").read_text(encoding="utf-8")
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        section = readme.split(f"### `{resource['path']}`")[1].split("###")[0]
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in section, (resource["path"], field["name"])


def test_at_most_five_percent_of_sourced_rows_rest_only_on_mirrors_blogs_or_wikis():
    hosts = sources.read_registry(paths.DATA)
    tables = [(f, validate.read(f, paths.DATA).to_dict("records")) for f in sources.SOURCE_FIELDS]
    weak, sourced = sources.weak_share(tables, hosts)
    assert sourced > 300  # every sourced file is counted
    assert weak / sourced <= 0.05, f"{weak} of {sourced} sourced rows rest only on sources of kind 'other'"


def test_a_wayback_address_is_classed_by_the_page_it_keeps_and_a_subdomain_by_its_host():
    hosts = sources.read_registry(paths.DATA)
    archived = "https://web.archive.org/web/20050101000000/http://www.kcna.co.jp/item/2000/200007/news07/21.htm"
    assert sources.registered(archived, hosts).kind == "news agency"
    assert sources.registered("http://en.special.kremlin.ru/events/x", hosts).host == "kremlin.ru"
    assert sources.registered("https://en.wikipedia.org/wiki/X", hosts).kind == "other"
    assert sources.registered("https://nowhere.invalid/x", hosts) is None


# -- the pages cited: author, title, date -------------------------------------------


def test_a_page_is_cited_by_author_title_publisher_and_date():
    hosts = sources.read_registry(paths.DATA)
    url = "https://www.38north.org/2016/06/mmadden060316/"
    publisher = sources.registered(url, hosts).publisher
    read = {url: sources.Page(url, "Michael Madden", "The Death of a Diplomat", "2016-06-03", sources.READ)}
    assert sources.citation(url, hosts, read) == (
        f"Michael Madden, “The Death of a Diplomat”, {publisher}, 3 June 2016, ",
        "",
    )
    by_agency = {url: sources.Page(url, "", "Statement", "", sources.NO_DATE)}
    assert sources.citation(url, hosts, by_agency)[0] == f"{publisher}, “Statement”, n.d., "
    unread = {url: sources.Page(url, "", "", "", sources.NOT_FOUND)}
    assert sources.citation(url, hosts, unread) == (
        f"{publisher}, ",
        " (title not recorded: no stored copy of the page was read)",
    )


def test_how_far_evidence_reaches_is_the_latest_date_its_pages_state():
    a, b, c = "https://a.example/1", "https://b.example/2", "https://c.example/3"
    cited = {
        a: sources.Page(a, "", "A", "2009-04-14", sources.READ),
        b: sources.Page(b, "", "B", "2016-11", sources.READ),
        c: sources.Page(c, "", "C", "", sources.NO_DATE),
    }
    assert sources.latest_dated(f"{a} ; {b} ; {c}", cited) == "2016-11"
    assert sources.long_date("2016-11") == "November 2016"
    assert sources.latest_dated(c, cited) == ""


def test_a_cited_page_without_its_citation_row_and_a_row_nothing_cites_are_refused(bad_data, reading_text):
    with open(bad_data / "sources.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    dropped = rows.pop(1)[0]
    rows.append(["https://nothing.example/cites-this", "", "Untitled", "2020", "read", ""])
    with open(bad_data / "sources.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    found = problems(bad_data, reading_text)
    assert re.search(rf", field \w+: {re.escape(dropped)} has no row in sources\.csv", found), found
    assert f"sources.csv, row {len(rows)}, field url: https://nothing.example/cites-this is cited by no row" in found


def test_a_page_read_states_its_date_and_a_page_without_headline_says_why(bad_data, reading_text):
    edit(bad_data, "sources.csv", 2, "status", "read")
    edit(bad_data, "sources.csv", 2, "published", "")
    edit(bad_data, "sources.csv", 2, "title", "")
    edit(bad_data, "sources.csv", 2, "note", "")
    found = problems(bad_data, reading_text)
    assert "sources.csv, row 2, field published: a row whose status is 'read' needs a published" in found
    assert "sources.csv, row 2, field note: a row whose title is '' needs a note" in found


def test_a_url_keeps_its_own_parenthesis_but_not_the_sentence_around_it():
    assert sources.urls("(see https://x.org/wiki/Ministry_(Russia)).") == ["https://x.org/wiki/Ministry_(Russia)"]
    assert sources.urls("https://a.example/1, https://b.example/2.") == ["https://a.example/1", "https://b.example/2"]
