"""Stable anchors for the author's notes: #note-4 for note 4, #note-ref-4 for its mark in the text.

Docutils numbers footnote ids per page (id11, id12, ...), which would change whenever an
editorial note is added; readers, the apparatus (edition.sphinxext.marks) and the tests
need ids that do not. Each note is also a label for {ref} (note-4) from any page.
"""

from __future__ import annotations

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx


class StableNoteIds(Transform):
    default_priority = 900  # after docutils has resolved footnote references

    def apply(self) -> None:
        notes = {}
        env = self.document.settings.env
        for note in self.document.findall(nodes.footnote):
            label = note.next_node(nodes.label)
            if label is None or not label.astext().isdigit():
                continue
            n = label.astext()
            notes[note["ids"][0]] = (note, n)
            note["ids"] = [f"note-{n}"]
            env.get_domain("std").note_hyperlink_target(f"note-{n}", env.docname, f"note-{n}", f"note {n}")
            note["backrefs"] = []
        for ref in self.document.findall(nodes.footnote_reference):
            if ref.get("refid") in notes:
                note, n = notes[ref["refid"]]
                ref["refid"] = f"note-{n}"
                ref["ids"] = [f"note-ref-{n}"]
                note["backrefs"].append(f"note-ref-{n}")


def setup(app: Sphinx) -> dict:
    app.add_transform(StableNoteIds)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
