"""The one check of data/: the schemas, then the edition's own rules, declared once per file.

check() validates the whole package with frictionless (types, required fields,
enumerations, patterns, primary and foreign keys: data/datapackage.json) and then,
once the schemas hold, what a schema cannot say. Those rules are declared below:
RULES lists, for each CSV, the rules of its rows (which fields hold anchors, which
field quotes the article verbatim at which anchor, which hold dates, sources, actor
ids, which pairs are spans), and CROSS the rules between rows and files (one primary
post per delegation member, orders 1..n, the complete stance grid with evidence for
every coded cell, a persons-index entry for every person named). Each problem names
the file, the row (the header is row 1, as in a spreadsheet) and the field.

validated() refuses a folder while a single problem remains, so no loader returns,
and no chart is drawn from, bad data. This module reads the files itself: data.py and
apparatus.py (the loaders) import it, never the other way round.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from . import paths, sources, vocab
from .anchors import Anchor, parse_anchors
from .lazy import pandas as pd
from .text import ReadingText, establish_from_files

BIBLIOGRAPHY = paths.BOOK / "references.bib"
ARTICLE_YEAR = 2003  # the article was written late in 2003: later events start then or after
UNCODED_ACTORS = {"USSR"}  # actors of the history only: the stance grid has no row for them


class DataError(ValueError):
    """A row in data/ breaks its schema or the text; the message names file, row and field."""


def problem(file: str, row: int | None, field: str | None, message: str) -> str:
    where = ", ".join(x for x in (file, row and f"row {row}", field and f"field {field}") if x)
    return f"{where}: {message}"


# -- dates ----------------------------------------------------------------------

ISO_PARTIAL = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def period(value: str) -> tuple[date, date]:
    """First and last day of an ISO partial date (YYYY, YYYY-MM, YYYY-MM-DD); ValueError if none."""
    if not ISO_PARTIAL.fullmatch(value):
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    day = date(*parts)
    return day, day


def is_date(value: str) -> bool:
    try:
        period(value)
    except ValueError:
        return False
    return True


# -- reading --------------------------------------------------------------------
# The frames are read as strings: every rule sees exactly what the file says.


def read(name: str, data_dir: Path) -> pd.DataFrame:
    return pd.read_csv(data_dir / name, dtype=str, keep_default_na=False)


def bibliography_keys(path: Path = BIBLIOGRAPHY) -> set[str]:
    from pybtex.database import parse_file

    return set(parse_file(str(path)).entries.keys())


@dataclass
class Context:
    """What the rules read: the files of data_dir (each once) and the reading text's anchors."""

    data_dir: Path
    texts: dict[Anchor, str]
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    parsed: dict[str, list[Anchor] | ValueError] = field(default_factory=dict)
    cache: dict[str, object] = field(default_factory=dict)
    published: bool = True  # the edition's own data, which its pages cite; False for a student's layer

    def frame(self, file: str) -> pd.DataFrame:
        if file not in self.frames:
            self.frames[file] = read(file, self.data_dir)
        return self.frames[file]

    def rows(self, file: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(spreadsheet row number, row) pairs: the header is row 1."""
        return enumerate(self.frame(file).to_dict("records"), start=2)

    def anchors(self, value: str) -> list[Anchor]:
        """The anchors of a field, parsed once per distinct value; ValueError naming a bad one."""
        if value not in self.parsed:
            try:
                self.parsed[value] = parse_anchors(value)
            except ValueError as err:
                self.parsed[value] = err
        result = self.parsed[value]
        if isinstance(result, ValueError):
            raise result
        return result

    def once(self, key: str, make: Callable[[], object]):
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    @property
    def actor_ids(self) -> set[str]:
        return self.once("actor_ids", lambda: set(self.frame("actors.csv")["id"]))

    @property
    def bibliography(self) -> set[str]:
        return self.once("bibliography", bibliography_keys)


# -- the rules of a file's rows --------------------------------------------------
# Each rule names its fields and yields problem() messages for one row.


class Rule:
    fields: tuple[str, ...] = ()  # the fields of the row the rule reads

    def check(self, ctx: Context, file: str, n: int, row: dict[str, str]) -> Iterator[str]:
        raise NotImplementedError


class Anchors(Rule):
    """Each field holds anchors (p-N, note-N, several separated by ;), every one in the reading text."""

    def __init__(self, *fields: str):
        self.fields = fields

    def check(self, ctx, file, n, row):
        for name in self.fields:
            try:
                anchors = ctx.anchors(row[name])
            except ValueError as err:
                yield problem(file, n, name, str(err))
                continue
            for anchor in anchors:
                if anchor not in ctx.texts:
                    yield problem(file, n, name, f"anchor {str(anchor)!r} does not exist in the reading text")


class Quote(Rule):
    """The field is the article's words, verbatim, at the first anchor of anchor_field (or, with at="any", at one).

    via=(key, file): the anchor field is not on this row but on the row of file whose id is this row's key.
    """

    def __init__(self, name: str, anchor_field: str, *, at: str = "first", via: tuple[str, str] | None = None):
        self.name, self.anchor_field, self.at, self.via = name, anchor_field, at, via
        self.fields = (name, via[0] if via else anchor_field)

    def anchor_value(self, ctx: Context, row: dict[str, str]) -> str:
        if self.via is None:
            return row[self.anchor_field]
        key, file = self.via
        ids = ctx.once(
            f"ids:{file}:{self.anchor_field}",
            lambda: dict(zip(ctx.frame(file)["id"], ctx.frame(file)[self.anchor_field], strict=True)),
        )
        return ids.get(row[key], "")

    def check(self, ctx, file, n, row):
        try:
            anchors = ctx.anchors(self.anchor_value(ctx, row))
        except ValueError:
            return  # Anchors says so, where the anchors are
        quote = row[self.name]
        if self.at == "any":
            if anchors and not any(quote in ctx.texts.get(a, "") for a in anchors):
                where = ", ".join(map(str, anchors))
                yield problem(file, n, self.name, f"quote {quote[:60]!r} is in none of its anchors ({where})")
        elif anchors and anchors[0] in ctx.texts and quote not in ctx.texts[anchors[0]]:
            yield problem(file, n, self.name, f"quote {quote[:60]!r} is not in the text of {anchors[0]}")


class Dates(Rule):
    """Each field, where filled, holds real ISO partial dates (YYYY, YYYY-MM, YYYY-MM-DD), several separated by ;."""

    def __init__(self, *fields: str):
        self.fields = fields

    def check(self, ctx, file, n, row):
        for name in self.fields:
            for value in filter(None, row[name].split(";")):
                if not is_date(value):
                    yield problem(file, n, name, f"{value!r} is not a date")


class Span(Rule):
    """The end, where filled, is not before the start."""

    def __init__(self, start: str = "start", end: str = "end"):
        self.start, self.end = start, end
        self.fields = (start, end)

    def check(self, ctx, file, n, row):
        start, end = row[self.start], row[self.end]
        if end and is_date(start) and is_date(end) and period(end)[1] < period(start)[0]:
            yield problem(file, n, self.end, f"{end} is before the start {start}")


class NotBefore(Rule):
    """The date in the field does not end before the year (what: the name of the limit in the message)."""

    def __init__(self, name: str, year: int, what: str):
        self.name, self.year, self.what = name, year, what
        self.fields = (name,)

    def check(self, ctx, file, n, row):
        value = row[self.name]
        if is_date(value) and period(value)[1].year < self.year:
            yield problem(file, n, self.name, f"{value} is before {self.what} ({self.year})")


class ActorIds(Rule):
    """Each field holds ids of actors.csv separated by ; (a foreign key the schema cannot state)."""

    def __init__(self, *fields: str):
        self.fields = fields

    def check(self, ctx, file, n, row):
        for name in self.fields:
            for actor in row[name].split(";"):
                if actor not in ctx.actor_ids:
                    yield problem(file, n, name, f"unknown actor id {actor!r}")


class Sourced(Rule):
    """Each field names a source: every editorial fact has one (or says 'not established')."""

    def __init__(self, *fields: str):
        self.fields = fields

    def check(self, ctx, file, n, row):
        for name in self.fields:
            if not row[name].strip():
                yield problem(file, n, name, "every editorial fact needs a source (or 'not established')")


class BibKey(Rule):
    """The field is the key of an entry of book/references.bib."""

    def __init__(self, name: str):
        self.name = name
        self.fields = (name,)

    def check(self, ctx, file, n, row):
        if row[self.name] not in ctx.bibliography:
            yield problem(file, n, self.name, f"{row[self.name]!r} is not an entry of book/references.bib")


class Within(Rule):
    """The field, where filled, is found in the container field (the article's own wording of it)."""

    def __init__(self, name: str, container: str):
        self.name, self.container = name, container
        self.fields = (name, container)

    def check(self, ctx, file, n, row):
        if row[self.name] and row[self.name] not in row[self.container]:
            yield problem(file, n, self.name, f"{row[self.name]!r} is not in the {self.container}")


class ExactlyOne(Rule):
    """Exactly one of the two fields is filled; the problem is reported on the second."""

    def __init__(self, first: str, second: str, message: str):
        self.first, self.second, self.message = first, second, message
        self.fields = (first, second)

    def check(self, ctx, file, n, row):
        if bool(row[self.first]) == bool(row[self.second]):
            yield problem(file, n, self.second, self.message)


class Together(Rule):
    """Both fields are filled or neither; the problem is reported on the second."""

    def __init__(self, first: str, second: str, message: str):
        self.first, self.second, self.message = first, second, message
        self.fields = (first, second)

    def check(self, ctx, file, n, row):
        if bool(row[self.first]) != bool(row[self.second]):
            yield problem(file, n, self.second, self.message)


class SourcedIfAny(Rule):
    """Where any of the fields is filled, the source field is too."""

    def __init__(self, filled: tuple[str, ...], source: str):
        self.filled, self.source = filled, source
        self.fields = (*filled, source)

    def check(self, ctx, file, n, row):
        if any(row[name] for name in self.filled) and not row[self.source].strip():
            yield problem(file, n, self.source, f"{' or '.join(self.filled)} needs a source")


class FilledWhen(Rule):
    """The field is filled where the field `on` holds one of `values` (with only=True: there and nowhere else)."""

    def __init__(self, name: str, on: str, values: set[str], *, only: bool = False):
        self.name, self.on, self.values, self.only = name, on, values, only
        self.fields = (name, on)

    def check(self, ctx, file, n, row):
        wanted = row[self.on] in self.values
        if wanted and not row[self.name].strip():
            yield problem(file, n, self.name, f"a row whose {self.on} is {row[self.on]!r} needs a {self.name}")
        elif self.only and not wanted and row[self.name].strip():
            yield problem(
                file, n, self.name, f"only a row whose {self.on} is one of {sorted(self.values)} has a {self.name}"
            )


class OnlyWhen(Rule):
    """The field is filled only where the field `on` holds one of `values` (it may be empty there too)."""

    def __init__(self, name: str, on: str, values: set[str]):
        self.name, self.on, self.values = name, on, values
        self.fields = (name, on)

    def check(self, ctx, file, n, row):
        if row[self.name].strip() and row[self.on] not in self.values:
            yield problem(
                file, n, self.name, f"only a row whose {self.on} is one of {sorted(self.values)} has a {self.name}"
            )


class SameCount(Rule):
    """Where the first field is filled, the second holds as many items (separated by ' ; '): one per item."""

    def __init__(self, first: str, second: str):
        self.first, self.second = first, second
        self.fields = (first, second)

    def check(self, ctx, file, n, row):
        if not row[self.first].strip():
            return
        counts = [len(row[name].split(" ; ")) if row[name].strip() else 0 for name in self.fields]
        if counts[0] != counts[1]:
            yield problem(file, n, self.second, f"{counts[1]} item(s) for {counts[0]} in {self.first}")


class SourceKinds(Rule):
    """Every URL the row cites has its host in data/source_hosts.csv; a row that rests only on
    'other' says why in weak_source_reason (and only such a row has one); a row that cites a URL
    has the date it was consulted, where the file keeps one."""

    def __init__(self, file: str):
        self.file = file
        self.consulted = "consulted" if file not in sources.LISTED_KINDS else None
        self.fields = (*sources.SOURCE_FIELDS[file], "weak_source_reason", *filter(None, [self.consulted]))

    def check(self, ctx, file, n, row):
        hosts = ctx.once("source hosts", lambda: sources.read_registry(ctx.data_dir))
        for name in sources.SOURCE_FIELDS[file]:
            for url in sources.urls(row[name]):
                if not sources.registered(url, hosts):
                    yield problem(file, n, name, f"host {sources.host_name(url)!r} is not in source_hosts.csv")
        weak, reason = sources.rests_only_on_other(file, row, hosts), row["weak_source_reason"].strip()
        if weak and not reason:
            yield problem(file, n, "weak_source_reason", "every source is of kind 'other': say why no source of record")
        elif reason and not weak:
            yield problem(file, n, "weak_source_reason", "the row cites a source of record: drop the reason")
        if self.consulted and sources.row_urls(file, row) and not row[self.consulted]:
            yield problem(file, n, self.consulted, "a row that cites a web page needs the date it was consulted")


SOURCED_VERDICTS = {"confirmed", "wrong", "imprecise"}  # the verdicts that rest on a source read
ANNOTATED_VERDICTS = {"wrong", "imprecise"}  # the verdicts a factual note annotates
NO_FACT = "no checkable fact"

RULES: dict[str, list[Rule]] = {
    "actors.csv": [Anchors("anchors")],
    "issues.csv": [Anchors("anchors")],
    "events.csv": [
        Anchors("anchors"),
        Quote("quote", "anchors"),
        Dates("start", "end", "article_date"),
        Span("start", "end"),
        ActorIds("actors"),
        Within("date_as_given", "quote"),
        ExactlyOne(
            "date_as_given",
            "date_source",
            "give either date_as_given (the article dates it) or date_source (it does not)",
        ),
        Together("article_date", "correction_source", "a corrected date needs both article_date and correction_source"),
    ],
    "people.csv": [
        Anchors("anchors"),
        Quote("name_as_printed", "anchors", at="any"),
        Sourced("source"),
        Together("name_original", "name_original_lang", "a name in its original script needs its language"),
        Together("name_original", "name_original_source", "a name in its original script needs its source"),
        Dates("born", "died"),
        Span("born", "died"),
        SourcedIfAny(("born", "died"), "life_source"),
    ],
    "people_roles.csv": [Sourced("source")],
    "delegations.csv": [Anchors("anchor"), Dates("date")],
    "posts.csv": [Quote("post_as_printed", "anchor", via=("delegation", "delegations.csv"))],
    "stance_evidence.csv": [Anchors("anchor"), Quote("quote", "anchor")],
    "glossary.csv": [Anchors("anchors"), Quote("term", "anchors"), Sourced("source")],
    "places.csv": [Anchors("anchors"), Quote("name_as_printed", "anchors"), Sourced("source")],
    "citations.csv": [Anchors("anchor"), Quote("citation", "anchor"), BibKey("key")],
    "factual_notes.csv": [Anchors("anchor"), Quote("article_says", "anchor"), Sourced("sources")],
    "fact_checks.csv": [
        Anchors("anchor"),
        Quote("statement", "anchor"),
        FilledWhen("statement", "verdict", SOURCED_VERDICTS | {"not established"}),
        FilledWhen("searched", "verdict", {"not established"}),
        FilledWhen("sources", "verdict", SOURCED_VERDICTS),
        SameCount("sources", "source_kinds"),
        FilledWhen("factual_note", "verdict", ANNOTATED_VERDICTS, only=True),
    ],
    "sources.csv": [
        Dates("published"),
        OnlyWhen("title", "status", {sources.READ, sources.NO_DATE}),
        FilledWhen("note", "title", {""}),  # a page read without its headline, or not found, says why
        FilledWhen("published", "status", {sources.READ}, only=True),
    ],
    "forecasts.csv": [Anchors("anchor"), Quote("claim", "anchor"), Dates("outcome_dates"), Sourced("sources")],
    "later_events.csv": [
        Dates("start", "end"),
        Span("start", "end"),
        NotBefore("start", ARTICLE_YEAR, "the article"),
        ActorIds("actors"),
        Sourced("sources"),
    ],
}

for _file in sources.SOURCE_FIELDS:
    RULES[_file].append(SourceKinds(_file))


# -- the rules between rows and files ---------------------------------------------

CROSS: list[Callable[[Context], Iterator[str]]] = []


def cross(rule: Callable[[Context], Iterator[str]]) -> Callable[[Context], Iterator[str]]:
    CROSS.append(rule)
    return rule


@cross
def one_primary_post_per_member(ctx: Context) -> Iterator[str]:
    """Each delegation member has exactly one primary post (the first the note names)."""
    posts = ctx.frame("posts.csv")
    primaries = posts[posts["primary"] == "true"].groupby(["delegation", "person"]).size()
    for n, row in ctx.rows("delegation_members.csv"):
        count = primaries.get((row["delegation"], row["person"]), 0)
        if count != 1:
            yield problem(
                "delegation_members.csv",
                n,
                "person",
                f"{row['person']} has {count} primary posts in {row['delegation']}, not 1",
            )


@cross
def orders_run_from_one(ctx: Context) -> Iterator[str]:
    """The members of a delegation are ordered 1..n, as the note lists them."""
    for delegation, members in ctx.frame("delegation_members.csv").groupby("delegation"):
        orders = sorted(int(o) for o in members["order"])
        if orders != list(range(1, len(orders) + 1)):
            yield problem(
                "delegation_members.csv", None, "order", f"{delegation}: orders {orders} are not 1..{len(orders)}"
            )


@cross
def stance_grid_is_complete(ctx: Context) -> Iterator[str]:
    """Every actor (but those of the history only) × every issue has a row in stances.csv."""
    stances = ctx.frame("stances.csv")
    have = set(zip(stances["actor"], stances["issue"], strict=True))
    for actor in ctx.frame("actors.csv")["id"]:
        for issue in ctx.frame("issues.csv")["id"]:
            if actor not in UNCODED_ACTORS and (actor, issue) not in have:
                yield problem(
                    "stances.csv",
                    None,
                    "actor",
                    f"the cell {actor} × {issue} is missing (code it or write '{vocab.NO_EVIDENCE}')",
                )


@cross
def coded_cells_have_evidence(ctx: Context) -> Iterator[str]:
    """A coded cell has at least one evidence quote; a 'no evidence' cell has none."""
    evidence = ctx.frame("stance_evidence.csv")
    with_evidence = set(zip(evidence["actor"], evidence["issue"], strict=True))
    for n, row in ctx.rows("stances.csv"):
        cell = (row["actor"], row["issue"])
        coded = row["stance"] != vocab.NO_EVIDENCE
        if coded and cell not in with_evidence:
            yield problem(
                "stances.csv", n, "stance", f"{row['stance']!r} for {cell[0]} × {cell[1]} has no evidence quote"
            )
        if not coded and cell in with_evidence:
            yield problem(
                "stances.csv",
                n,
                "stance",
                f"'{vocab.NO_EVIDENCE}' for {cell[0]} × {cell[1]}, but stance_evidence.csv quotes evidence",
            )


@cross
def every_person_has_an_index_entry(ctx: Context) -> Iterator[str]:
    """Every person people.csv names (not the unnamed group) has a row in people_roles.csv."""
    people = ctx.frame("people.csv")
    missing = set(people[people["kind"] == "person"]["id"]) - set(ctx.frame("people_roles.csv")["person"])
    for person in sorted(missing):
        yield problem("people_roles.csv", None, "person", f"{person} has no entry in the persons index")


@cross
def every_anchor_is_checked(ctx: Context) -> Iterator[str]:
    """The ledger covers the article: every paragraph and note has a row (if only 'no checkable fact')."""
    checked = {Anchor.parse(a) for a in ctx.frame("fact_checks.csv")["anchor"]}
    for anchor in sorted(set(ctx.texts) - checked):
        yield problem("fact_checks.csv", None, "anchor", f"{anchor} has no row: every paragraph and note is checked")


def span(text: str, quote: str) -> range | None:
    start = text.find(quote)
    return range(start, start + len(quote)) if quote and start >= 0 else None


@cross
def ledger_and_notes_agree(ctx: Context) -> Iterator[str]:
    """Each wrong or imprecise row names a factual note on the same words; each factual note has such a row.

    Same words: the note is at the row's anchor and its article_says overlaps the row's
    statement in the text there. So the notes the reader sees and the ledger cannot disagree.
    """
    notes = {row["id"]: row for _, row in ctx.rows("factual_notes.csv")}
    cited = set()
    for n, row in ctx.rows("fact_checks.csv"):
        name = row["factual_note"]
        if not name:
            continue
        cited.add(name)
        note = notes.get(name)
        if note is None:
            yield problem("fact_checks.csv", n, "factual_note", f"{name!r} is not a note of factual_notes.csv")
        elif note["anchor"] != row["anchor"]:
            yield problem(
                "fact_checks.csv", n, "factual_note", f"{name} is at {note['anchor']}, the statement at {row['anchor']}"
            )
        else:
            text = ctx.texts.get(Anchor.parse(row["anchor"]), "")
            mine, theirs = span(text, row["statement"]), span(text, note["article_says"])
            if mine and theirs and not set(mine) & set(theirs):
                yield problem(
                    "fact_checks.csv",
                    n,
                    "factual_note",
                    f"{name} annotates other words of {row['anchor']} than the statement",
                )
    for n, note in ctx.rows("factual_notes.csv"):
        if note["id"] not in cited:
            yield problem(
                "factual_notes.csv", n, "id", f"{note['id']} has no wrong or imprecise row in fact_checks.csv"
            )


@cross
def every_cited_page_has_its_citation(ctx: Context) -> Iterator[str]:
    """Each URL the edition cites outside the ledger has its row in sources.csv, and each row there
    is cited. A student's layer is not published, so its pages need no row there."""
    if not ctx.published:
        return
    pages = {row["url"]: n for n, row in ctx.rows("sources.csv")}
    cited = set()
    for file in sources.SOURCE_FIELDS.keys() - sources.LISTED_KINDS.keys():
        for n, row in ctx.rows(file):
            for name in sources.SOURCE_FIELDS[file]:
                for url in sources.urls(row[name]):
                    cited.add(url)
                    if url not in pages:
                        yield problem(file, n, name, f"{url} has no row in sources.csv (its author, title and date)")
    for url in pages.keys() - cited:
        yield problem("sources.csv", pages[url], "url", f"{url} is cited by no row of data/")


# -- the check ---------------------------------------------------------------------


def frictionless_problems(data_dir: Path) -> list[str]:
    from frictionless import Package

    package = Package(str(data_dir / "datapackage.json"))
    primary_keys = {Path(r.path).name: r.schema.primary_key for r in package.resources}  # the error names no field
    report = package.validate()
    found = []
    for task in report.tasks:
        for err in task.errors:
            fields = getattr(err, "field_names", None) or (
                primary_keys.get(Path(task.place).name) if err.type == "primary-key" else None
            )
            found.append(
                problem(
                    Path(task.place).name,
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", None) or ", ".join(fields or []) or None,
                    f"{err.type}: {err.note}",
                )
            )
    return found


def check(data_dir: Path = paths.DATA, rt: ReadingText | None = None, *, published: bool = True) -> list[str]:
    """Every problem in the data package, as messages naming file, row and field.

    The domain rules run once the schemas hold: they read rows whose types, keys and
    enumerations frictionless has already accepted.
    """
    found = frictionless_problems(data_dir)
    if found:
        return found
    rt = rt or establish_from_files()
    ctx = Context(data_dir, {Anchor.parse(k): v for k, v in rt.anchor_texts().items()}, published=published)
    for file, rules in RULES.items():
        for n, row in ctx.rows(file):
            for rule in rules:
                found += rule.check(ctx, file, n, row)
    for rule in CROSS:
        found += rule(ctx)
    return found


def fingerprint(data_dir: Path) -> str:
    """A hash of everything the check reads: the data, the bibliography and the edition's code."""
    digest = hashlib.sha256()
    code = sorted(Path(__file__).parent.glob("*.py"))
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()) + [BIBLIOGRAPHY] + code:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@cache
def validated(data_dir: Path = paths.DATA) -> Path:
    """data_dir, once check() finds no problem in it; DataError listing the problems if it does.

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
