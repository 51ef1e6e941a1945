"""The index pages of the apparatus, built from data/ so that the data files stay the one source of truth.

Directives: persons-index, glossary-index, places-index, factual-notes-list and
forecasts-table. Each makes a definition list (class ed) whose every entry is a label
for {ref} (person-<id>, term-<id>, place-<id>, fact-<id>, forecast-<id>) and links back
to the paragraphs and notes of the article where it occurs.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

from .. import apparatus
from .common import anchor_refs, labelled, source_nodes


class IndexDirective(Directive):
    """Base: a definition list, one entry per row, each a target for {ref}."""

    prefix = ""

    def entries(self):  # -> iterable of (id, term text, list of body paragraphs)
        raise NotImplementedError

    def run(self):
        env = self.state.document.settings.env
        dl = nodes.definition_list(classes=["ed", "ed-index"])
        for key, term, body in self.entries():
            label = f"{self.prefix}-{key}"
            item = nodes.definition_list_item()
            item += nodes.term(term, term, ids=[label])
            definition = nodes.definition()
            definition.extend(body)
            item += definition
            dl += item
            env.get_domain("std").note_hyperlink_target(label, env.docname, label, term)
        return [dl]


class PersonsIndex(IndexDirective):
    prefix = "person"

    def entries(self):
        people = apparatus.load_persons_index()
        people = people.assign(
            sort=people["standard_name"].where(people["standard_name"] != "", people["name_as_printed"])
        )
        for _, p in people.sort_values("sort", key=lambda s: s.str.lower()).iterrows():
            term = p["standard_name"] or p["name_as_printed"]
            body = [labelled("As printed:", nodes.Text(p["name_as_printed"]))]
            if p["role_at_time"]:
                body.append(labelled("Role at the time:", nodes.Text(p["role_at_time"])))
            if p["later"]:
                body.append(labelled("Later:", nodes.Text(p["later"])))
            body.append(labelled("In the article:", *anchor_refs(p["anchors"])))
            sources = " ; ".join(s for s in (p["source"], p["source_role"]) if s)
            body.append(labelled("Sources:", *source_nodes(sources)))
            yield p["id"], term, body


class GlossaryIndex(IndexDirective):
    prefix = "term"

    def entries(self):
        for _, t in apparatus.load_glossary().sort_values("term", key=lambda s: s.str.lower()).iterrows():
            term = f"{t['term']} ({t['expansion']})" if t["expansion"] else t["term"]
            yield (
                t["id"],
                term,
                [
                    nodes.paragraph(text=t["definition"]),
                    labelled("In the article:", *anchor_refs(t["anchors"])),
                    labelled("Sources:", *source_nodes(t["source"])),
                ],
            )


class PlacesIndex(IndexDirective):
    prefix = "place"

    def entries(self):
        for _, pl in apparatus.load_places().sort_values("standard_name").iterrows():
            yield (
                pl["id"],
                pl["standard_name"],
                [
                    labelled("As printed:", nodes.Text(pl["name_as_printed"])),
                    nodes.paragraph(text=f"{pl['kind'].capitalize()}, {pl['located_in']}. {pl['description']}"),
                    labelled("In the article:", *anchor_refs(pl["anchors"])),
                    labelled("Sources:", *source_nodes(pl["source"])),
                ],
            )


class FactualNotesList(IndexDirective):
    prefix = "fact"

    def entries(self):
        for _, fn in apparatus.load_factual_notes().iterrows():
            yield (
                fn["id"],
                f"{fn['kind'].capitalize()}: “{fn['article_says']}”",
                [
                    labelled("Where:", *anchor_refs(fn["anchor"])),
                    labelled("The record:", nodes.Text(fn["record_says"])),
                    labelled("Sources:", *source_nodes(fn["sources"])),
                ],
            )


class ForecastsTable(IndexDirective):
    prefix = "forecast"

    def entries(self):
        for _, fc in apparatus.load_forecasts().iterrows():
            yield (
                fc["id"],
                f"{fc['topic'].capitalize()}: {fc['verdict']}",
                [
                    labelled("The article:", nodes.Text(f"“{fc['claim']}” "), *anchor_refs(fc["anchor"])),
                    labelled("What happened:", nodes.Text(fc["outcome"])),
                    labelled("Dates:", nodes.Text(fc["outcome_dates"].replace(";", ", "))),
                    labelled("Sources:", *source_nodes(fc["sources"])),
                ],
            )


DIRECTIVES = {
    "persons-index": PersonsIndex,
    "glossary-index": GlossaryIndex,
    "places-index": PlacesIndex,
    "factual-notes-list": FactualNotesList,
    "forecasts-table": ForecastsTable,
}


def setup(app: Sphinx) -> dict:
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
