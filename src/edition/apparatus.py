"""The editorial apparatus as data: glossary, places, roles, citations, factual notes, forecasts.

Checked with the rest of data/ (data.check): every quotation of the article at its
anchor, every citation resolved to book/references.bib, every editorial fact with a
source, every later event after the article and well dated. Loaders for the index
pages and the "After 2003" chapter.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .data import load, period, problem, read, rows, with_days

BIBLIOGRAPHY = paths.BOOK / "references.bib"
QUOTED = {  # file: (field quoted from the article, field naming its anchor)
    "glossary.csv": ("term", "anchors"),
    "places.csv": ("name_as_printed", "anchors"),
    "citations.csv": ("citation", "anchor"),
    "factual_notes.csv": ("article_says", "anchor"),
    "forecasts.csv": ("claim", "anchor"),
}
SOURCED = {"glossary.csv": "source", "places.csv": "source", "people_roles.csv": "source",
           "factual_notes.csv": "sources", "forecasts.csv": "sources", "later_events.csv": "sources"}


def bibliography_keys(path: Path = BIBLIOGRAPHY) -> set[str]:
    from pybtex.database import parse_file

    return set(parse_file(str(path)).entries.keys())


def check_apparatus(data_dir: Path, texts: dict[str, str], actor_ids: set[str]) -> list[str]:
    found = []
    for file, (field, anchor_field) in QUOTED.items():
        for n, row in rows(read(file, data_dir)):
            anchors = row[anchor_field].split(";")
            for anchor in anchors:
                if anchor not in texts:
                    found.append(problem(file, n, anchor_field, f"anchor {anchor!r} does not exist in the reading text"))
            if anchors[0] in texts and row[field] not in texts[anchors[0]]:
                found.append(problem(file, n, field, f"{row[field][:60]!r} is not in the text of {anchors[0]}"))
    for file, field in SOURCED.items():
        for n, row in rows(read(file, data_dir)):
            if not row[field].strip():
                found.append(problem(file, n, field, "every editorial fact needs a source (or 'not established')"))
    keys = bibliography_keys()
    for n, row in rows(read("citations.csv", data_dir)):
        if row["key"] not in keys:
            found.append(problem("citations.csv", n, "key", f"{row['key']!r} is not an entry of book/references.bib"))
    for n, row in rows(read("forecasts.csv", data_dir)):
        for day in row["outcome_dates"].split(";"):
            try:
                period(day)
            except ValueError:
                found.append(problem("forecasts.csv", n, "outcome_dates", f"{day!r} is not a date"))
    for n, row in rows(read("later_events.csv", data_dir)):
        try:
            if period(row["start"])[1].year < 2003:
                found.append(problem("later_events.csv", n, "start", f"{row['start']} is before the article (2003)"))
            if row["end"] and period(row["end"])[1] < period(row["start"])[0]:
                found.append(problem("later_events.csv", n, "end", f"{row['end']} is before the start {row['start']}"))
        except ValueError as err:
            found.append(problem("later_events.csv", n, "start", f"not a date: {err}"))
        for actor in row["actors"].split(";"):
            if actor not in actor_ids:
                found.append(problem("later_events.csv", n, "actors", f"unknown actor id {actor!r}"))
    people = read("people.csv", data_dir)
    for n, row in rows(people):
        if not any(row["name_as_printed"] in texts.get(a, "") for a in row["anchors"].split(";")):
            found.append(problem("people.csv", n, "name_as_printed", f"{row['name_as_printed']!r} is in none of its anchors"))
    named = set(people[people["kind"] == "person"]["id"])
    missing = named - set(read("people_roles.csv", data_dir)["person"])
    for person in sorted(missing):
        found.append(problem("people_roles.csv", None, "person", f"{person} has no entry in the persons index"))
    return found


def load_persons_index(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """people.csv joined with people_roles.csv: one row per person named (the unnamed group too)."""
    return load("people", data_dir).merge(load("people_roles", data_dir), left_on="id", right_on="person", how="left",
                                          suffixes=("", "_role")).fillna("")


def load_glossary(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("glossary", data_dir)


def load_places(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("places", data_dir)


def load_citations(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("citations", data_dir)


def load_factual_notes(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("factual_notes", data_dir)


def load_forecasts(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("forecasts", data_dir)


def load_later_events(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return with_days(load("later_events", data_dir))
