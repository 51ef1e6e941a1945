"""The edition's vocabularies, read from data/datapackage.json: each is the enum of a field.

The datapackage is the one place a vocabulary is written (event types, sectors, verdicts,
the stance scale); charts, explorers, notebooks and checks read it here, once per
datapackage. Where an order matters it is the enum's order: the stance scale runs from
"strongly opposes" to "strongly supports", and the timeline's lanes follow the event types
as listed. This module reads only the JSON, so anything may import it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from . import paths

NO_EVIDENCE = "no evidence"  # the stance enum's value for a cell the article does not speak to: not a coding


@cache
def _enums(datapackage: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    package = json.loads(datapackage.read_text(encoding="utf-8"))
    return {
        (resource["name"], field["name"]): tuple(field["constraints"]["enum"])
        for resource in package["resources"]
        for field in resource["schema"]["fields"]
        if "enum" in field.get("constraints", {})
    }


def enum(resource: str, field: str, data_dir: Path | None = None) -> list[str]:
    """The values a field may take, in the order the datapackage lists them (data_dir: data/ by default)."""
    enums = _enums((data_dir or paths.DATA) / "datapackage.json")
    if (resource, field) not in enums:
        raise KeyError(f"datapackage.json: {resource}.{field} has no enum")
    return list(enums[resource, field])


def stance_scale(data_dir: Path | None = None) -> list[str]:
    """The codebook's scale, scored -2 to 2: the enum of stances.stance without NO_EVIDENCE."""
    values = enum("stances", "stance", data_dir)
    if NO_EVIDENCE not in values:
        raise KeyError(f"datapackage.json: stances.stance does not list {NO_EVIDENCE!r}")
    return [v for v in values if v != NO_EVIDENCE]


def event_types(data_dir: Path | None = None) -> list[str]:
    """The timeline's lanes: the types of events.csv, then those only later_events.csv has, in enum order."""
    return list(dict.fromkeys(enum("events", "type", data_dir) + enum("later_events", "type", data_dir)))
