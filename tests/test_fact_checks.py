"""The fact-check ledger and the registers: coverage, agreement with the factual notes, order by surname.

The bad-input tests copy data/, break one thing and read the message, as tests/test_data.py does.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from edition import apparatus, paths
from edition.validate import check


@pytest.fixture
def bad_data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target, ignore=shutil.ignore_patterns("source"))
    return target


def rewrite(data_dir: Path, name: str, change) -> None:
    """Rewrite a CSV through change(rows) -> rows (dicts, header kept)."""
    path = data_dir / name
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(change(rows))


def problems(data_dir: Path, reading_text) -> str:
    return "\n".join(check(data_dir, reading_text))


def test_the_ledger_covers_every_paragraph_and_note(reading_text):
    checks = apparatus.load_fact_checks()
    assert set(checks["anchor"]) == set(reading_text.anchor_texts())
    assert len(reading_text.anchor_texts()) == 58  # 46 paragraphs and 12 notes


def test_every_wrong_or_imprecise_verdict_has_its_factual_note():
    checks = apparatus.load_fact_checks()
    notes = apparatus.load_factual_notes().set_index("id")
    annotated = checks[checks["verdict"].isin(["wrong", "imprecise"])]
    assert len(annotated) > 0
    for _, row in annotated.iterrows():
        note = notes.loc[row["factual_note"]]
        assert note["anchor"] == row["anchor"]
    assert set(annotated["factual_note"]) == set(notes.index)


def test_a_paragraph_without_a_row_is_refused(bad_data, reading_text):
    rewrite(bad_data, "fact_checks.csv", lambda rows: [r for r in rows if r["anchor"] != "p-2"])
    assert re.search(r"fact_checks\.csv, field anchor: p-2 has no row", problems(bad_data, reading_text))


def test_a_wrong_verdict_without_a_note_is_refused(bad_data, reading_text):
    def drop_note(rows):
        for r in rows:
            if r["factual_note"] == "fn-pacific-fleet":
                r["factual_note"] = ""
        return rows

    rewrite(bad_data, "fact_checks.csv", drop_note)
    found = problems(bad_data, reading_text)
    assert re.search(r"fact_checks\.csv, row \d+, field factual_note: a row whose verdict is 'imprecise' needs", found)
    assert "factual_notes.csv, row" in found and "fn-pacific-fleet has no wrong or imprecise row" in found


def test_a_note_on_other_words_than_the_ledger_is_refused(bad_data, reading_text):
    def move_note(rows):
        for r in rows:
            if r["id"] == "fn-putin-railway-remark":  # p-24: point it at other words of the same paragraph
                r["article_says"] = "the Dear Leader may have played a Russian card again"
        return rows

    rewrite(bad_data, "factual_notes.csv", move_note)
    assert re.search(
        r"fact_checks\.csv, row \d+, field factual_note: fn-putin-railway-remark annotates other words of p-24",
        problems(bad_data, reading_text),
    )


def test_a_note_at_another_anchor_is_refused(bad_data, reading_text):
    def swap(rows):
        for r in rows:
            if r["factual_note"] == "fn-pacific-fleet":
                r["factual_note"] = "fn-head-of-state"
        return rows

    rewrite(bad_data, "fact_checks.csv", swap)
    assert re.search(
        r"fact_checks\.csv, row \d+, field factual_note: fn-head-of-state is at note-10, the statement at p-36",
        problems(bad_data, reading_text),
    )


def test_not_established_without_what_was_searched_is_refused(bad_data, reading_text):
    def forget(rows):
        next(r for r in rows if r["verdict"] == "not established")["searched"] = ""
        return rows

    rewrite(bad_data, "fact_checks.csv", forget)
    assert re.search(
        r"fact_checks\.csv, row \d+, field searched: a row whose verdict is 'not established' needs a searched",
        problems(bad_data, reading_text),
    )


def test_a_source_without_its_kind_is_refused(bad_data, reading_text):
    def drop_kind(rows):
        row = next(r for r in rows if r["verdict"] == "confirmed" and " ; " in r["sources"])
        row["source_kinds"] = row["source_kinds"].split(" ; ")[0]
        return rows

    rewrite(bad_data, "fact_checks.csv", drop_kind)
    assert re.search(
        r"fact_checks\.csv, row \d+, field source_kinds: 1 item\(s\) for 2", problems(bad_data, reading_text)
    )


def test_a_statement_not_in_its_paragraph_is_refused(bad_data, reading_text):
    def misquote(rows):
        rows[0]["statement"] = "first against Japan in 1903–05"
        return rows

    rewrite(bad_data, "fact_checks.csv", misquote)
    assert (
        "fact_checks.csv, row 2, field statement: quote 'first against Japan in 1903–05' is not in the text of p-1"
        in (problems(bad_data, reading_text))
    )


def test_summary_counts_every_row_once(reading_text):
    checks = apparatus.load_fact_checks()
    table = apparatus.ledger_summary(checks, reading_text.chapters)
    assert table.loc["total", "total"] == len(checks)
    for verdict, n in checks["verdict"].value_counts().items():
        assert table.loc[verdict, "total"] == n


def test_persons_file_by_surname_and_the_unnamed_group_by_its_description():
    people = apparatus.load_persons_index()
    named = people[people["kind"] == "person"]
    western = named[~named["country"].isin(["DPRK", "ROK"]) & named["standard_name"].str.contains(" ")]
    for _, p in western.iterrows():
        assert p["sort_key"].startswith(p["standard_name"].split()[-1] + ", "), p["id"]
    korean = named[named["country"].isin(["DPRK", "ROK"])]
    assert (korean["sort_key"] == korean["standard_name"]).all()  # family name first, as written
    group = people[people["kind"] == "unnamed group"]["sort_key"].iloc[0]
    assert group.startswith("officials")


@pytest.mark.build
def test_the_persons_register_is_in_sort_key_order(html_dir):
    html = (html_dir / "book" / "apparatus" / "persons.html").read_text(encoding="utf-8")
    ids = re.findall(r'<dt id="person-([a-z0-9-]+)"', html)
    people = apparatus.load_persons_index().set_index("id")
    keys = [people.loc[i, "sort_key"] if i in people.index else "" for i in ids if not i.endswith("-as-printed")]
    assert keys == sorted(keys, key=str.casefold)
    assert ids[0] != "dprk-2000-additional-officials"
    assert "ten-yuri-as-printed" in ids  # the article's “Jong” sends the reader to Ten


@pytest.mark.build
def test_the_ledger_page_has_an_entry_for_every_anchor(html_dir, reading_text):
    html = (html_dir / "book" / "apparatus" / "fact-checks.html").read_text(encoding="utf-8")
    for anchor in reading_text.anchor_texts():
        assert f'id="checked-{anchor}"' in html, anchor
