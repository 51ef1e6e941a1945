"""The editorial apparatus as data: persons, glossary, places, citations, factual notes, fact checks, forecasts.

Loaders for the index pages and the "After 2003" chapter. The files are checked with
the rest of data/ by validate.py (every quotation of the article at its anchor, every
citation resolved to book/references.bib, every editorial fact with a source, every
later event after the article and well dated); the loaders return nothing before.
"""

from __future__ import annotations

from pathlib import Path

from . import paths, vocab
from .anchors import Anchor
from .data import load, with_days
from .lazy import pandas as pd
from .text import establish_from_files
from .validate import BIBLIOGRAPHY, bibliography_keys

__all__ = [
    "BIBLIOGRAPHY",
    "bibliography_keys",
    "ledger_summary",
    "load_citations",
    "load_fact_checks",
    "load_factual_notes",
    "load_forecasts",
    "load_glossary",
    "load_later_events",
    "load_persons_index",
    "load_places",
]


def load_persons_index(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """people.csv joined with people_roles.csv: one row per person named (the unnamed group too)."""
    return (
        load("people", data_dir)
        .merge(load("people_roles", data_dir), left_on="id", right_on="person", how="left", suffixes=("", "_role"))
        .fillna("")
    )


def load_glossary(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("glossary", data_dir)


def load_places(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("places", data_dir)


def load_citations(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("citations", data_dir)


def load_factual_notes(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("factual_notes", data_dir)


def load_fact_checks(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """The ledger in reading order (paragraphs, then notes), with the article chapter each anchor is in."""
    checks = load("fact_checks", data_dir)
    rt = establish_from_files()
    chapter_of = {f"p-{b.n}": b.chapter for b in rt.paragraphs} | {f"note-{n.n}": n.chapter for n in rt.notes}
    reading = sorted(chapter_of, key=lambda a: (Anchor.parse(a).kind != "p", Anchor.parse(a).n))
    order = {anchor: k for k, anchor in enumerate(reading)}
    checks = checks.assign(chapter=checks["anchor"].map(chapter_of), order=checks["anchor"].map(order))
    return checks.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def ledger_summary(checks: pd.DataFrame, chapters: list[str], data_dir: Path = paths.DATA) -> pd.DataFrame:
    """Rows checked by verdict (the datapackage's order) and by chapter (the article's order), with totals."""
    verdicts = vocab.enum("fact_checks", "verdict", data_dir)
    table = pd.crosstab(checks["verdict"], checks["chapter"]).reindex(index=verdicts, columns=chapters, fill_value=0)
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum()
    return table


def load_forecasts(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("forecasts", data_dir)


def load_later_events(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return with_days(load("later_events", data_dir))
