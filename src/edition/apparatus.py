"""The editorial apparatus as data: persons, glossary, places, citations, factual notes, forecasts.

Loaders for the index pages and the "After 2003" chapter. The files are checked with
the rest of data/ by validate.py (every quotation of the article at its anchor, every
citation resolved to book/references.bib, every editorial fact with a source, every
later event after the article and well dated); the loaders return nothing before.
"""

from __future__ import annotations

from pathlib import Path

from . import paths
from .data import load, with_days
from .lazy import pandas as pd
from .validate import BIBLIOGRAPHY, bibliography_keys

__all__ = [
    "BIBLIOGRAPHY",
    "bibliography_keys",
    "load_citations",
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


def load_forecasts(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("forecasts", data_dir)


def load_later_events(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return with_days(load("later_events", data_dir))
