"""The edition's Sphinx extensions, one concern per module; _config.yml names each one it uses.

- markers: the {pn} paragraph numbers and {pb} print-page milestones (HTML, LaTeX, text);
- notes: stable anchors for the author's notes (note-4, note-ref-4);
- cells: code cells and their outputs carry the class ed;
- text_guard: no build from a reading text that differs from witness + decisions;
- substitutions: the counts of the established text and the version, as MyST substitutions;
- audience: the student build (no solutions) or the instructor build (config value edition_audience);
- indexes: the index pages from data/ (persons, glossary, places, factual notes, forecasts);
- marks: the marks in the article (annotations, editors' notes, citations), linked to the apparatus;
- downloads: the {artefact} role, and the downloads and offline zip beside the site;
- epub: what the EPUB needs to be valid;
- widgets: the widget JavaScript, vendored into the site;
- site: the site's root redirect, and fresh copies of the static files.

common holds what several of them share, and imports none of them. Every element the
extensions add to the author's text carries the class "ed" (editorial), so that removing
every .ed element gives the author's text back (see book/about.md).
"""
