"""The kinds of the edition's web sources: which rows rest on a source of record.

Every URL cited in data/ is classed by its host in data/source_hosts.csv (publisher and
kind). A host entry covers its subdomains: "kremlin.ru" classes en.kremlin.ru and
en.special.kremlin.ru. A Wayback Machine URL is classed by the page it archives, since
the archive only keeps a copy. A row "rests only on other" when every URL it cites is of
kind "other" (a mirror, aggregator, blog, wiki or document-sharing site); such a row must
say why in its weak_source_reason field, and the rendered entry says so.

fact_checks.csv is the exception: its sources are full citations, each with its kind in
source_kinds, because an agency release carried by a mirror is still the agency's
release. Its rows rest only on other when every listed kind is "other".

Every other URL has its row in data/sources.csv: the page's author (or the agency it
credits), its title and its date, as the page itself gives them, so that the edition cites
it as a scholar would: "Author, “Title”, Publisher, date, URL".
"""

from __future__ import annotations

import csv
import re
from calendar import month_name
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from . import paths

OTHER = "other"
URL = re.compile(r"https?://[^\s;\"<>]+")
WAYBACK = re.compile(r"^/web/[^/]+/(.+)$")

SOURCE_FIELDS = {  # file -> the fields that hold its sources
    "events.csv": ("correction_source", "date_source"),
    "factual_notes.csv": ("sources",),
    "forecasts.csv": ("sources",),
    "glossary.csv": ("source",),
    "later_events.csv": ("sources",),
    "people.csv": ("source", "name_original_source", "life_source"),
    "people_roles.csv": ("source",),
    "places.csv": ("source",),
    "fact_checks.csv": ("sources",),
}
LISTED_KINDS = {"fact_checks.csv": "source_kinds"}  # files that give each source's kind themselves


@dataclass(frozen=True)
class Host:
    host: str
    publisher: str
    kind: str


def urls(text: str) -> list[str]:
    return [trimmed(u) for u in URL.findall(text or "")]


def trimmed(url: str) -> str:
    """A URL without the punctuation of the sentence around it: a closing parenthesis only if unopened
    (https://x.org/wiki/Ministry_(Russia) keeps its own)."""
    url = url.rstrip(".,")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,")
    return url


def host_name(url: str) -> str:
    """The host a URL is classed by: without 'www.', or the archived page's host for the Wayback Machine."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").rstrip(".")
    if host == "web.archive.org" and (inner := WAYBACK.match(parts.path)):
        target = inner.group(1)
        return host_name(target if "://" in target else f"http://{target}")
    return host


Registry = dict[str, Host]


def read_registry(data_dir: Path) -> Registry:
    with (data_dir / "source_hosts.csv").open(encoding="utf-8", newline="") as f:
        return {row["host"]: Host(row["host"], row["publisher"], row["kind"]) for row in csv.DictReader(f)}


@cache
def registry(data_dir: Path | None = None) -> Registry:
    """The registry of data_dir (data/ by default), read once per process: for rendering, not for checks."""
    return read_registry(data_dir or paths.DATA)


def registered(url: str, hosts: Registry) -> Host | None:
    """The registry entry of the longest registered host the URL's host ends with, or None."""
    labels = host_name(url).split(".")
    for i in range(len(labels)):
        if entry := hosts.get(".".join(labels[i:])):
            return entry
    return None


def row_urls(file: str, row: dict[str, str]) -> list[str]:
    return [u for name in SOURCE_FIELDS[file] for u in urls(row.get(name, ""))]


def row_kinds(file: str, row: dict[str, str], hosts: Registry) -> list[str]:
    """The kind of every source the row cites (empty when it cites no URL); an unregistered host counts as other."""
    if not row_urls(file, row):
        return []
    if listed := LISTED_KINDS.get(file):
        return [k for k in row[listed].split(" ; ") if k]
    return [h.kind if (h := registered(u, hosts)) else OTHER for u in row_urls(file, row)]


def rests_only_on_other(file: str, row: dict[str, str], hosts: Registry) -> bool:
    kinds = row_kinds(file, row, hosts)
    return bool(kinds) and all(k == OTHER for k in kinds)


def weak_share(tables: Iterable[tuple[str, list[dict[str, str]]]], hosts: Registry) -> tuple[int, int]:
    """(rows resting only on 'other', rows citing any URL) over the given (file, rows) tables."""
    weak = sourced = 0
    for file, rows in tables:
        for row in rows:
            if row_kinds(file, row, hosts):
                sourced += 1
                weak += rests_only_on_other(file, row, hosts)
    return weak, sourced


# -- the pages cited: author, title and date, as a citation gives them ----------------

READ, NO_DATE, NOT_FOUND = "read", "read-no-date", "not-found"


@dataclass(frozen=True)
class Page:
    """One web page the data cites, as data/sources.csv records it from the page itself."""

    url: str
    author: str
    title: str
    published: str
    status: str


Pages = dict[str, Page]


def read_pages(data_dir: Path) -> Pages:
    with (data_dir / "sources.csv").open(encoding="utf-8", newline="") as f:
        return {
            row["url"]: Page(row["url"], row["author"], row["title"], row["published"], row["status"])
            for row in csv.DictReader(f)
        }


@cache
def pages(data_dir: Path | None = None) -> Pages:
    """The pages of data_dir (data/ by default), read once per process: for rendering, not for checks."""
    return read_pages(data_dir or paths.DATA)


def long_date(value: str) -> str:
    """An ISO partial date as a citation prints it: 2016-06-03 → 3 June 2016; 2016-06 → June 2016."""
    year, month, day = ([*value.split("-"), "", ""])[:3]
    named = month_name[int(month)] if month else ""
    return " ".join(part for part in (str(int(day)) if day else "", named, year) if part)


NOT_RECORDED = " (title not recorded: no stored copy of the page was read)"
Part = tuple[str, str]  # (role, words): role author, title, publisher or date (ISO); "" for plain words


def citation_parts(url: str, hosts: Registry, cited: Pages) -> tuple[list[Part], str]:
    """The parts of a page's citation before its URL, in order, and the words after the URL.

    "Author, “Title”, Publisher, 3 June 2016, URL"; without a byline the publisher (agency,
    ministry, newspaper) leads: "Publisher, “Title”, 3 June 2016, URL". A page that states
    no date has "n.d."; a page the editors found no stored copy of is named by its publisher
    alone, and the citation says the title is not recorded. The HTML (citation) and the TEI
    (tei_apparatus) both print these parts, so the two cannot cite a page differently.
    """
    host = registered(url, hosts)
    publisher: list[Part] = [("publisher", host.publisher)] if host else []
    page = cited.get(url)
    if page is None or page.status == NOT_FOUND:
        return publisher, NOT_RECORDED
    title: Part = ("title", page.title) if page.title else ("", "[headline not in the stored copy]")
    date: Part = ("date", page.published) if page.published else ("", "n.d.")
    if page.author and page.author != (host.publisher if host else ""):
        return [("author", page.author), title, *publisher, date], ""
    return [*publisher, title, date], ""


def part_text(role: str, words: str) -> str:
    """A part as a citation prints it: a title in quotation marks, a date in words."""
    return f"“{words}”" if role == "title" else long_date(words) if role == "date" else words


def citation(url: str, hosts: Registry, cited: Pages) -> tuple[str, str]:
    """(the words before the URL, the words after it) of a page's citation: see citation_parts."""
    parts, after = citation_parts(url, hosts, cited)
    return "".join(f"{part_text(*part)}, " for part in parts), after


def latest_dated(field: str, cited: Pages) -> str:
    """The latest publication date among a field's web sources (ISO partial), or "" if none states one:
    how far the evidence of a verdict reaches."""
    dates = [page.published for url in urls(field) if (page := cited.get(url)) and page.published]
    return max(dates, default="")
