"""Load the edition's datasets and refuse bad rows.

Every CSV in data/ is described by data/datapackage.json. check() validates the
whole package with frictionless (types, required fields, enumerations, patterns,
primary and foreign keys) and then what a schema cannot say: dates that are real
dates, ends not before starts, anchors that exist in the reading text, quotes
found verbatim at their anchors, one primary post per member, a complete stance
grid with evidence for every coded cell. Each problem names the file, the row
(counting the header as row 1, as a spreadsheet does) and the field. The loaders
refuse to return anything while a single problem remains, so no chart is ever
drawn from bad data.
"""
from __future__ import annotations

import calendar
import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .text import ReadingText, establish_from_files

STANCE_SCALE = ["strongly opposes", "opposes", "ambivalent", "supports", "strongly supports"]
NO_EVIDENCE = "no evidence"


class DataError(ValueError):
    """A row in data/ breaks its schema or the text; the message names file, row and field."""


def problem(file: str, row: int | None, field: str | None, message: str) -> str:
    where = ", ".join(x for x in (file, row and f"row {row}", field and f"field {field}") if x)
    return f"{where}: {message}"


# -- dates ----------------------------------------------------------------------

def period(value: str) -> tuple[date, date]:
    """First and last day of an ISO partial date (YYYY, YYYY-MM, YYYY-MM-DD); ValueError if none."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    day = date(*parts)
    return day, day


# -- reading
# The frames are read as strings: every check below sees exactly what the file says.

def read(name: str, data_dir: Path) -> pd.DataFrame:
    return pd.read_csv(data_dir / name, dtype=str, keep_default_na=False)


def frictionless_problems(data_dir: Path) -> list[str]:
    from frictionless import Package

    report = Package(str(data_dir / "datapackage.json")).validate()
    found = []
    for task in report.tasks:
        for err in task.errors:
            found.append(
                problem(
                    Path(task.place).name,
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", None) or ", ".join(getattr(err, "field_names", None) or []) or None,
                    f"{err.type}: {err.note}",
                )
            )
    return found


def check(data_dir: Path = paths.DATA, rt: ReadingText | None = None) -> list[str]:
    """Every problem in the data package, as messages naming file, row and field."""
    found = frictionless_problems(data_dir)
    if found:
        return found
    rt = rt or establish_from_files()
    texts = rt.anchor_texts()
    frames = {n: read(f"{n}.csv", data_dir) for n in ("actors", "issues", "events", "people", "delegations", "delegation_members", "posts", "stances", "stance_evidence")}
    actor_ids = set(frames["actors"]["id"])
    for name in ("actors", "issues", "events", "people"):
        found += check_anchors(f"{name}.csv", frames[name], "anchors", texts)
    found += check_events(frames["events"], actor_ids, texts)
    found += check_delegations(frames, texts)
    found += check_stances(frames, texts)
    from .apparatus import check_apparatus

    found += check_apparatus(data_dir, texts, actor_ids)
    return found


def rows(frame: pd.DataFrame):
    """(spreadsheet row number, row) pairs: the header is row 1."""
    for i, (_, row) in enumerate(frame.iterrows()):
        yield i + 2, row


def check_anchors(file: str, frame: pd.DataFrame, field: str, texts: dict[str, str]) -> list[str]:
    found = []
    for n, row in rows(frame):
        for anchor in filter(None, row[field].split(";")):
            if anchor not in texts:
                found.append(problem(file, n, field, f"anchor {anchor!r} does not exist in the reading text"))
    return found


def check_quote(file: str, n: int, field: str, quote: str, anchor: str, texts: dict[str, str]) -> list[str]:
    if anchor in texts and quote not in texts[anchor]:
        return [problem(file, n, field, f"quote {quote[:60]!r} is not in the text of {anchor}")]
    return []


def check_events(events: pd.DataFrame, actor_ids: set[str], texts: dict[str, str]) -> list[str]:
    found = []
    for n, row in rows(events):
        for field in ("start", "end", "article_date"):
            if row[field]:
                try:
                    period(row[field])
                except ValueError:
                    found.append(problem("events.csv", n, field, f"{row[field]!r} is not a date"))
        try:
            if row["end"] and period(row["end"])[1] < period(row["start"])[0]:
                found.append(problem("events.csv", n, "end", f"{row['end']} is before the start {row['start']}"))
        except ValueError:
            pass
        if row["date_as_given"] and row["date_as_given"] not in row["quote"]:
            found.append(problem("events.csv", n, "date_as_given", f"{row['date_as_given']!r} is not in the quote"))
        if bool(row["date_as_given"]) == bool(row["date_source"]):
            found.append(problem("events.csv", n, "date_source", "give either date_as_given (the article dates it) or date_source (it does not)"))
        if bool(row["article_date"]) != bool(row["correction_source"]):
            found.append(problem("events.csv", n, "correction_source", "a corrected date needs both article_date and correction_source"))
        for actor in row["actors"].split(";"):
            if actor not in actor_ids:
                found.append(problem("events.csv", n, "actors", f"unknown actor id {actor!r}"))
        found += check_quote("events.csv", n, "quote", row["quote"], row["anchors"].split(";")[0], texts)
    return found


def check_delegations(frames: dict[str, pd.DataFrame], texts: dict[str, str]) -> list[str]:
    found = check_anchors("delegations.csv", frames["delegations"], "anchor", texts)
    note_of = dict(zip(frames["delegations"]["id"], frames["delegations"]["anchor"]))
    posts = frames["posts"]
    for n, row in rows(posts):
        found += check_quote("posts.csv", n, "post_as_printed", row["post_as_printed"], note_of.get(row["delegation"], ""), texts)
    primaries = posts[posts["primary"] == "true"].groupby(["delegation", "person"]).size()
    for n, row in rows(frames["delegation_members"]):
        count = primaries.get((row["delegation"], row["person"]), 0)
        if count != 1:
            found.append(problem("delegation_members.csv", n, "person", f"{row['person']} has {count} primary posts in {row['delegation']}, not 1"))
    for delegation, members in frames["delegation_members"].groupby("delegation"):
        orders = sorted(int(o) for o in members["order"])
        if orders != list(range(1, len(orders) + 1)):
            found.append(problem("delegation_members.csv", None, "order", f"{delegation}: orders {orders} are not 1..{len(orders)}"))
    return found


def check_stances(frames: dict[str, pd.DataFrame], texts: dict[str, str]) -> list[str]:
    stances, evidence = frames["stances"], frames["stance_evidence"]
    found = []
    actors = frames["actors"][frames["actors"]["id"] != "USSR"]["id"]
    have = set(zip(stances["actor"], stances["issue"]))
    for actor in actors:
        for issue in frames["issues"]["id"]:
            if (actor, issue) not in have:
                found.append(problem("stances.csv", None, "actor", f"the cell {actor} × {issue} is missing (code it or write 'no evidence')"))
    with_evidence = set(zip(evidence["actor"], evidence["issue"]))
    for n, row in rows(stances):
        coded = row["stance"] != NO_EVIDENCE
        cell = (row["actor"], row["issue"])
        if coded and cell not in with_evidence:
            found.append(problem("stances.csv", n, "stance", f"{row['stance']!r} for {cell[0]} × {cell[1]} has no evidence quote"))
        if not coded and cell in with_evidence:
            found.append(problem("stances.csv", n, "stance", f"'no evidence' for {cell[0]} × {cell[1]}, but stance_evidence.csv quotes evidence"))
    for n, row in rows(evidence):
        if row["anchor"] not in texts:
            found.append(problem("stance_evidence.csv", n, "anchor", f"anchor {row['anchor']!r} does not exist in the reading text"))
        found += check_quote("stance_evidence.csv", n, "quote", row["quote"], row["anchor"], texts)
    return found


# -- the loaders -----------------------------------------------------------------

def fingerprint(data_dir: Path) -> str:
    """A hash of everything the check reads: the data, the bibliography and the edition's code."""
    digest = hashlib.sha256()
    code = sorted(Path(__file__).parent.glob("*.py"))
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()) + [paths.BOOK / "references.bib"] + code:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def validated(data_dir: Path = paths.DATA) -> Path:
    """data_dir, once check() finds no problem in it.

    Every page that charts data runs in a kernel of its own; a stamp named by the
    fingerprint of the inputs saves each of them from checking the same files again.
    """
    stamp = paths.ROOT / ".cache" / "validated" / fingerprint(data_dir)
    if stamp.exists():
        return data_dir
    problems = check(data_dir)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise DataError(f"{len(problems)} problem(s) in {data_dir}:\n  {shown}{more}")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.touch()
    return data_dir


def load(name: str, data_dir: Path = paths.DATA) -> pd.DataFrame:
    return read(f"{name}.csv", validated(data_dir))


def with_days(events: pd.DataFrame) -> pd.DataFrame:
    """Add first_day and last_day: the start's first and the end's (or start's) last day."""
    events["first_day"] = [pd.Timestamp(period(s)[0]) for s in events["start"]]
    events["last_day"] = [pd.Timestamp(period(e or s)[1]) for s, e in zip(events["start"], events["end"])]
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
    delegations["note"] = delegations["anchor"].str.removeprefix("note-").astype(int)
    table = (posts.merge(members, on=["delegation", "person"])
             .merge(people, left_on="person", right_on="id").drop(columns="id")
             .merge(delegations[["delegation", "delegation_name", "note"]], on="delegation"))
    table["order"] = table["order"].astype(int)
    table["primary"] = table["primary"] == "true"
    return table.sort_values(["note", "order"], kind="stable").reset_index(drop=True)


def load_stances(data_dir: Path = paths.DATA) -> pd.DataFrame:
    """The actor × issue grid: stance, and a score from -2 to 2 (None for no evidence)."""
    stances = load("stances", data_dir)
    stances["score"] = [STANCE_SCALE.index(s) - 2 if s in STANCE_SCALE else None for s in stances["stance"]]
    return stances


def load_evidence(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("stance_evidence", data_dir)


def load_actors(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("actors", data_dir)


def load_issues(data_dir: Path = paths.DATA) -> pd.DataFrame:
    return load("issues", data_dir)
