"""The index pages of the apparatus, built from data/ so that the data files stay the one source of truth.

Directives: persons-index, glossary-index, places-index, factual-notes-list,
fact-check-ledger and forecasts-table. Each makes a definition list (class ed) whose
every entry is a label for {ref} (person-<id>, term-<id>, place-<id>, fact-<id>,
checked-<anchor>, forecast-<id>) and links back to the paragraphs and notes of the
article where it occurs. fact-check-summary makes the table of the ledger's rows by
verdict and by chapter.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

from .. import apparatus, sources
from ..anchors import ARTICLE_DIR, Anchor
from ..text import establish_from_files
from .common import anchor_refs, labelled, ref, source_nodes, sources_paragraphs

URL = re.compile(r"https?://\S+")


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


def printed_surname(printed: str) -> str:
    """The last word of a name as printed, without initials' dots: "Prukhodko" of "S. E. Prukhodko"."""
    return printed.split()[-1].strip(".")


class PersonsIndex(IndexDirective):
    """Persons filed by sort_key (surname first); a see-entry from each printed surname the standard name lacks."""

    prefix = "person"

    def entries(self):
        people = apparatus.load_persons_index()
        see = people[
            (people["standard_name"] != "")
            & people.apply(lambda p: printed_surname(p["name_as_printed"]) not in p["standard_name"], axis=1)
        ]
        filed = [(p["sort_key"], "entry", p) for _, p in people.iterrows()]
        filed += [
            (f"{printed_surname(p['name_as_printed'])}, {p['name_as_printed']}", "see", p) for _, p in see.iterrows()
        ]
        for _key, what, p in sorted(filed, key=lambda item: item[0].casefold()):
            if what == "see":
                body = [labelled("See:", ref(f"person-{p['id']}", p["sort_key"], "Persons"))]
                yield f"{p['id']}-as-printed", f"{p['name_as_printed']} (as printed)", body
            else:
                yield p["id"], p["sort_key"] if p["kind"] == "person" else p["name_as_printed"], self.body(p)

    @staticmethod
    def body(p) -> list[nodes.Node]:
        body = [labelled("As printed:", nodes.Text(p["name_as_printed"]))]
        if p["standard_name"] and p["standard_name"] != p["sort_key"]:
            body.append(labelled("Standard form:", nodes.Text(p["standard_name"])))
        if p["name_original"]:
            script = {"ko": "Hangul", "ru": "Cyrillic"}[p["name_original_lang"]]
            body.append(
                labelled(
                    f"In {script}:", nodes.Text(p["name_original"] + " ("), *source_nodes(p["name_original_source"])
                )
            )
            body[-1] += nodes.Text(")")
        life = " – ".join(x for x in (p["born"] and f"born {p['born']}", p["died"] and f"died {p['died']}") if x)
        if life:
            body.append(labelled("Life:", nodes.Text(life + " ("), *source_nodes(p["life_source"]), nodes.Text(")")))
        if p["role_at_time"]:
            body.append(labelled("Role at the time:", nodes.Text(p["role_at_time"])))
        if p["later"]:
            body.append(labelled("Later:", nodes.Text(p["later"])))
        body.append(labelled("In the article:", *anchor_refs(p["anchors"])))
        sources = " ; ".join(s for s in (p["source"], p["source_role"]) if s)
        consulted = max(p["consulted"], p["consulted_role"])
        reason = " ".join(r for r in (p["weak_source_reason"], p["weak_source_reason_role"]) if r)
        body.extend(sources_paragraphs(sources, consulted, reason))
        return body


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
                    *sources_paragraphs(t["source"], t["consulted"], t["weak_source_reason"]),
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
                    *sources_paragraphs(pl["source"], pl["consulted"], pl["weak_source_reason"]),
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
                    *sources_paragraphs(fn["sources"], fn["consulted"], fn["weak_source_reason"]),
                ],
            )


def citation_nodes(sources: str) -> list[nodes.Node]:
    """Citations separated by " ; " (agency, "title", date, URL), each URL in them a link."""
    out: list[nodes.Node] = []
    for k, source in enumerate(s.strip() for s in sources.split(" ; ") if s.strip()):
        if k:
            out.append(nodes.Text("; "))
        last = 0
        for m in URL.finditer(source):
            out.append(nodes.Text(source[last : m.start()]))
            out.append(nodes.reference(m.group(), m.group(), refuri=m.group()))
            last = m.end()
        out.append(nodes.Text(source[last:]))
    return [n for n in out if not (isinstance(n, nodes.Text) and not n.astext())]


def check_item(row) -> nodes.list_item:
    """One row of the ledger: verdict, the statement, the finding, the sources and their kinds."""
    item = nodes.list_item(classes=[f"verdict-{row['verdict'].replace(' ', '-')}"])
    head = nodes.paragraph()
    head += nodes.strong(row["verdict"].capitalize() + ":", row["verdict"].capitalize() + ":")
    if row["statement"]:
        head += nodes.Text(f" “{row['statement']}”")
    item += head
    item += nodes.paragraph(text=row["finding"])
    if row["factual_note"]:
        item += labelled("Factual note:", ref(f"fact-{row['factual_note']}", row["factual_note"], "Factual notes"))
    if row["sources"]:
        kinds = [k.strip() for k in row["source_kinds"].split(" ; ")]
        item += labelled("Sources:", *citation_nodes(row["sources"]), nodes.Text(f" ({'; '.join(kinds)})"))
        if row["weak_source_reason"]:
            item += labelled("No source of record found:", nodes.Text(row["weak_source_reason"]))
    if row["searched"]:
        item += labelled("Searched:", nodes.Text(row["searched"]))
    item += labelled("Checked:", nodes.Text(row["checked"]))
    return item


class FactCheckLedger(IndexDirective):
    """Every paragraph and note, in reading order, with what the editors checked there (label checked-<anchor>)."""

    prefix = "checked"

    def entries(self):
        checks = apparatus.load_fact_checks()
        for anchor, rows in checks.groupby("anchor", sort=False):
            chapter = rows["chapter"].iloc[0]
            label = Anchor.parse(anchor).label
            items = nodes.bullet_list()
            for _, row in rows.iterrows():
                items += check_item(row)
            where = labelled("In the article:", ref(anchor, label, f"{ARTICLE_DIR}/{chapter}"))
            facts = rows[rows["verdict"] != "no checkable fact"]
            count = (
                f"{len(facts)} statement{'s' if len(facts) != 1 else ''} checked" if len(facts) else "no checkable fact"
            )
            yield anchor, f"{label.capitalize()}: {count}", [where, items]


class FactCheckSummary(Directive):
    """The ledger's rows counted by article chapter (rows) and by verdict (columns), from data/fact_checks.csv."""

    def run(self):
        chapters = establish_from_files().chapters
        table = apparatus.ledger_summary(apparatus.load_fact_checks(), chapters).T  # chapters down, verdicts across
        verdicts = list(table.columns)
        tgroup = nodes.tgroup(cols=len(verdicts) + 1)
        for width in [4] + [1] * len(verdicts):
            tgroup += nodes.colspec(colwidth=width)
        thead, tbody = nodes.thead(), nodes.tbody()
        header = nodes.row()
        header += nodes.entry("", nodes.paragraph(text="Chapter"))
        for verdict in verdicts:
            header += nodes.entry("", nodes.paragraph(text="All" if verdict == "total" else verdict.capitalize()))
        thead += header
        for chapter, counts in table.iterrows():
            row = nodes.row()
            cell = nodes.paragraph()
            if chapter == "total":
                cell += nodes.Text("All chapters")
            else:
                xref = ref(f"/{ARTICLE_DIR}/{chapter}", chapter, "")
                xref["reftype"], xref["refexplicit"] = "doc", False  # Sphinx writes the chapter's title
                cell += xref
            row += nodes.entry("", cell)
            for verdict in verdicts:
                row += nodes.entry("", nodes.paragraph(text=str(int(counts[verdict]))))
            tbody += row
        tgroup += thead
        tgroup += tbody
        table_node = nodes.table(classes=["ed", "ledger-summary"])
        title = "Statements checked, by chapter of the article and by verdict (data/fact_checks.csv)"
        table_node += nodes.title(title, title)
        table_node += tgroup
        return [table_node]


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
                    labelled("Evidence reaches:", nodes.Text(evidence_reach(fc))),
                    *sources_paragraphs(fc["sources"], fc["consulted"], fc["weak_source_reason"]),
                ],
            )


def evidence_reach(fc) -> str:
    """How far a forecast's evidence reaches: the latest date its events and its sources give, and the check."""
    latest = max([sources.latest_dated(fc["sources"], sources.pages()), *fc["outcome_dates"].split(";")])
    reach = f"{sources.long_date(latest)}, the latest date its events and sources give" if latest else "undated"
    return f"{reach}; verdict checked {fc['consulted']}."


DIRECTIVES = {
    "persons-index": PersonsIndex,
    "glossary-index": GlossaryIndex,
    "places-index": PlacesIndex,
    "factual-notes-list": FactualNotesList,
    "fact-check-ledger": FactCheckLedger,
    "fact-check-summary": FactCheckSummary,
    "forecasts-table": ForecastsTable,
}


def setup(app: Sphinx) -> dict:
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
