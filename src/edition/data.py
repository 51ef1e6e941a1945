"""Load the edition's datasets, once validate.py finds no problem in data/.

Every CSV in data/ is described by data/datapackage.json; validate.py checks the
package (schemas, then the edition's rules: anchors, quotations, dates, sources, the
stance grid) and the loaders here refuse to return anything while a single problem
remains (DataError naming file, row and field), so no chart is ever drawn from bad
data. The frames are read as strings, with a few columns derived (days, scores).
"""

from __future__ import annotations

from pathlib import Path

from . import paths, vocab
from .anchors import Anchor
from .lazy import pandas as pd
from .validate import period, read, validated

# -- the loaders -----------------------------------------------------------------


def load(name: str, data_dir: Path = paths.DATA) -> pd.DataFrame:
    return read(f"{name}.csv", validated(data_dir))


def with_days(events: pd.DataFrame) -> pd.DataFrame:
    """Add first_day and last_day: the start's first and the end's (or start's) last day."""
    events["first_day"] = [pd.Timestamp(period(s)[0]) for s in events["start"]]
    events["last_day"] = [pd.Timestamp(period(e or s)[1]) for s, e in zip(events["start"], events["end"], strict=True)]
    return events


def load_events(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """Dated events the article mentions, with first/last day and a corrected flag."""
    events = with_days(load("events", data_dir))
    events["corrected"] = events["article_date"] != ""
    return events


def load_people(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """Every person the article names."""
    return load("people", data_dir)


def load_delegations(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """Delegation members from notes 2, 4 and 8 with every post, one row per post."""
    posts = load("posts", data_dir)
    members = load("delegation_members", data_dir)
    people = load("people", data_dir)[["id", "name_as_printed", "standard_name", "kind"]]
    delegations = load("delegations", data_dir).rename(columns={"id": "delegation", "name": "delegation_name"})
    delegations["note"] = [Anchor.parse(a).n for a in delegations["anchor"]]
    table = (
        posts.merge(members, on=["delegation", "person"])
        .merge(people, left_on="person", right_on="id")
        .drop(columns="id")
        .merge(delegations[["delegation", "delegation_name", "note"]], on="delegation")
    )
    table["order"] = table["order"].astype(int)
    table["primary"] = table["primary"] == "true"
    return table.sort_values(["note", "order"], kind="stable").reset_index(drop=True)


def load_stances(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """The actor × issue grid: stance, and a score from -2 to 2 (None for no evidence)."""
    stances = load("stances", data_dir)
    scale = vocab.stance_scale(data_dir)
    middle = len(scale) // 2
    stances["score"] = [scale.index(s) - middle if s in scale else None for s in stances["stance"]]
    return stances


def load_evidence(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("stance_evidence", data_dir)


def load_actors(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("actors", data_dir)


def load_issues(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("issues", data_dir)
