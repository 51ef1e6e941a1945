"""Establish the reading text from the witness and the recorded decisions.

The witness (data/source/) is a page-by-page plain-text extraction of the print
article. Every difference between it and the reading text is a decision in
data/text-decisions.yaml; this module applies them and nothing else, and refuses
to run when a decision is missing, names a line that does not exist, or does not
match the witness. The result is a list of blocks (title, byline, headings,
numbered paragraphs, page milestones) and the author's 12 notes.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import paths

BREAKS = ("-", "–", "—")
# While the establisher joins lines, the editorial events inside the author's text travel
# in it as private-use sentinels; every Block and Note leaves this module as typed parts.
_NOTE_RE = re.compile("\ue000(\\d+)\ue001")
_PAGE_RE = re.compile("\ue002(\\d+)\ue003")
_EMEND_RE = re.compile("\ue004(\\d+)\ue005")
_SENTINEL_RE = re.compile("([\ue000\ue002\ue004])(\\d+)[\ue001\ue003\ue005]")


def _note_mark(n: int) -> str:
    return f"\ue000{n}\ue001"


def _page_mark(page: int) -> str:
    return f"\ue002{page}\ue003"


def _emendation_mark(index: int) -> str:
    """Stands right before the text of emendation number index (0-based)."""
    return f"\ue004{index}\ue005"


class DecisionError(ValueError):
    """The decisions file does not fit the witness; the message names the line."""


@dataclass(frozen=True)
class NoteRef:
    """The place of the author's note n in the text."""

    n: int


@dataclass(frozen=True)
class Milestone:
    """The point where print page `page` begins."""

    page: int


@dataclass(frozen=True)
class Emendation:
    """A typographical error of the witness (sic) and the reading text's correction (corr)."""

    sic: str
    corr: str
    reason: str


Part = str | NoteRef | Milestone | Emendation


def render(
    parts, note=lambda n: f"[^{n}]", page=lambda p: f"[p. {p}]", emendation=lambda e: e.corr, words=lambda s: s
) -> str:
    """The parts as one string, each kind of part written by its function (None leaves it out).

    The defaults give the plain-text export's conventions: [^4] for a note, [p. 356] for a page.
    """
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(words(part))
        elif isinstance(part, NoteRef):
            out.append(note(part.n) if note else "")
        elif isinstance(part, Milestone):
            out.append(page(part.page) if page else "")
        else:
            out.append(emendation(part) if emendation else "")
    return "".join(out)


def plain(parts) -> str:
    """The author's words alone (emended), without note marks or milestones."""
    return re.sub(r" {2,}", " ", render(parts, note=None, page=None)).strip()


@dataclass(frozen=True)
class WitnessLine:
    """One line of the witness, verbatim (leading space and all), with its number."""

    n: int
    text: str


@dataclass(frozen=True)
class LineEnd:
    """A line-end hyphen or dash and its decision: join (the hyphen goes), keep, or join-dash."""

    line: int
    at: str
    action: str
    reading: str
    reason: str


@dataclass(frozen=True)
class PageBreak:
    """Print page `page` begins at witness line `line`; `paragraph` says what the block does there."""

    page: int
    line: int
    paragraph: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    """A witness line inside a block's span that is not part of it (verbatim): what it is, and why it is left out."""

    line: int
    text: str
    what: str
    reason: str


@dataclass(frozen=True)
class NoteMarkDecision:
    """The digits of the author's note n, glued to the text on `line` right after `after`."""

    n: int
    line: int
    after: str


@dataclass(frozen=True)
class LineEmendation:
    line: int
    emendation: Emendation


@dataclass(frozen=True)
class Provenance:
    """The witness behind one paragraph (p-N) or note (note-N), and every decision applied to it.

    lines are the lines the block was established from, in order; skipped are the lines
    between them that belong elsewhere (a running head, a note at the foot of the page,
    a blank line inside a sentence). label is the note number that opens a note's first
    line (it becomes the note's label), "" for a paragraph. Recorded by the establisher
    as it consumes the lines, so this view and the reading text cannot disagree.
    """

    anchor: str
    lines: tuple[WitnessLine, ...]
    pages: tuple[int, ...]
    line_ends: tuple[LineEnd, ...]
    page_breaks: tuple[PageBreak, ...]
    skipped: tuple[Skipped, ...]
    emendations: tuple[LineEmendation, ...]
    note_marks: tuple[NoteMarkDecision, ...]
    label: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return self.lines[0].n, self.lines[-1].n


@dataclass(frozen=True)
class Block:
    """One block of the reading text, in reading order.

    kind is title, byline, heading, paragraph or milestone (a page that begins
    with a title or heading). parts are the author's words and the editorial
    events between them. n is the paragraph number, or the page of a milestone
    block; rank is 1 (section) or 2 (subsection) for headings.
    """

    kind: str
    parts: tuple[Part, ...]
    chapter: str
    n: int = 0
    rank: int = 0

    @property
    def plain(self) -> str:
        return plain(self.parts)

    @property
    def text(self) -> str:
        """The block as the plain-text export writes it: [^4] for a note, [p. 356] for a page."""
        return render(self.parts)

    @property
    def anchor(self) -> str:
        """p-N for a paragraph; empty for the other blocks."""
        return f"p-{self.n}" if self.kind == "paragraph" else ""


@dataclass(frozen=True)
class Note:
    n: int
    page: int
    parts: tuple[Part, ...]
    chapter: str

    @property
    def plain(self) -> str:
        return plain(self.parts)

    @property
    def text(self) -> str:
        return render(self.parts)


@dataclass
class ReadingText:
    blocks: list[Block]
    notes: list[Note]
    counts: dict[str, int] = field(default_factory=dict)
    witness: dict[str, str] = field(default_factory=dict)  # path (under data/) and sha256 of the witness
    _provenance: dict[str, Provenance] = field(default_factory=dict, repr=False)

    def provenance(self, anchor: str) -> Provenance:
        """The witness lines and decisions behind paragraph p-N or note note-N."""
        try:
            return self._provenance[anchor]
        except KeyError:
            raise KeyError(f"{anchor!r} is not a paragraph (p-N) or note (note-N) of the reading text") from None

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def chapters(self) -> list[str]:
        return list(dict.fromkeys(b.chapter for b in self.blocks))

    def anchor_texts(self) -> dict[str, str]:
        """The author's words of every paragraph (p-N) and note (note-N), marks removed."""
        texts = {f"p-{b.n}": b.plain for b in self.paragraphs}
        texts.update({f"note-{n.n}": n.plain for n in self.notes})
        return texts

    def milestones(self) -> list[tuple[int, int]]:
        """(page, paragraph number or 0 before the first paragraph) in order."""
        found, last_n = [], 0
        for b in self.blocks:
            for part in b.parts:
                if isinstance(part, Milestone):
                    found.append((part.page, b.n))
            if b.kind == "milestone":
                found.append((b.n, last_n + 1))
            if b.kind == "paragraph":
                last_n = b.n
        return found


@functools.cache
def load_decisions(path: Path = paths.DECISIONS) -> dict:
    """The decisions file, parsed once per process (with libyaml where present: it is long)."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_witness(decisions: dict, data_dir: Path = paths.DATA) -> str:
    """The witness text, after checking that it is the file the decisions were made on."""
    witness = data_dir / decisions["witness"]["path"]
    raw = witness.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != decisions["witness"]["sha256"]:
        raise DecisionError(f"{witness}: SHA-256 {digest} is not the one the decisions were made on")
    return raw.decode("utf-8")


@functools.cache
def establish_from_files() -> ReadingText:
    decisions = load_decisions()
    return establish(read_witness(decisions), decisions)


def establish(witness: str, decisions: dict, source: str = "data/text-decisions.yaml") -> ReadingText:
    return _Establisher(witness.splitlines(), decisions, source).run()


class _Establisher:
    def __init__(self, lines: list[str], decisions: dict, source: str):
        self.lines = lines
        self.d = decisions
        self.source = source
        self.role: dict[int, str] = {}
        self.text: dict[int, str] = {}
        # What the establisher applied, line by line, for the provenance of each paragraph and note.
        self.emended: dict[int, list[LineEmendation]] = {}
        self.marked: dict[int, list[NoteMarkDecision]] = {}
        self.joined: set[int] = set()
        self.provenance: dict[str, Provenance] = {}

    # -- checks ---------------------------------------------------------------
    def fail(self, where: str, problem: str) -> DecisionError:
        return DecisionError(f"{self.source}: {where}: {problem}")

    def line(self, where: str, n) -> int:
        if not isinstance(n, int) or not 1 <= n <= len(self.lines):
            raise self.fail(where, f"line {n} does not exist in the witness ({len(self.lines)} lines)")
        return n

    def claim(self, where: str, first, last, role: str) -> None:
        for n in range(self.line(where, first), self.line(where, last) + 1):
            if n in self.role:
                raise self.fail(where, f"line {n} is already taken as {self.role[n]}")
            if not self.lines[n - 1].strip():
                raise self.fail(where, f"line {n} is blank, not {role}")
            self.role[n] = role

    # -- the steps ------------------------------------------------------------
    def run(self) -> ReadingText:
        self.assign_roles()
        self.text = {n: line.strip() for n, line in enumerate(self.lines, 1)}
        self.apply_emendations()
        self.line_ends = self.check_line_ends()
        self.mark_notes()
        blocks = self.build_body()
        notes = self.build_notes(blocks)
        unused = set(self.line_ends) - self.used_line_ends
        if unused:
            n = min(unused)
            raise self.fail(f"line_ends (line {n})", "this break is not inside a title, heading, paragraph or note")
        joined = [d for d in self.d["line_ends"] if d["action"] == "join"]
        counts = {
            "witness_lines": len(self.lines),
            "pages": len(self.d["pages"]),
            "paragraphs": sum(b.kind == "paragraph" for b in blocks),
            "notes": len(notes),
            "hyphens_joined": len(joined),
            "hyphens_kept": sum(d["action"] == "keep" for d in self.d["line_ends"]),
            "dashes_closed_up": sum(d["action"] == "join-dash" for d in self.d["line_ends"]),
            "emendations": len(self.d.get("emendations") or []),
            "running_heads_removed": len(self.d["running_heads"]),
            "spurious_blank_lines": len(self.d.get("spurious_blank_lines") or []),
        }
        return ReadingText(blocks, notes, counts, dict(self.d["witness"]), self.provenance)

    def assign_roles(self) -> None:
        d = self.d
        self.claim("title", *d["title"]["lines"], "title")
        self.claim("byline", d["byline"]["line"], d["byline"]["line"], "byline")
        for i, rh in enumerate(d["running_heads"]):
            where = f"running_heads[{i}]"
            self.claim(where, rh["line"], rh["line"], "running head")
            if self.lines[rh["line"] - 1].strip() != rh["text"]:
                raise self.fail(where, f"line {rh['line']} does not read {rh['text']!r}")
        for i, h in enumerate(d["headings"]):
            self.claim(f"headings[{i}]", *h["lines"], "heading")
        for i, note in enumerate(d["notes"]):
            where = f"notes[{i}] (note {note['n']})"
            first, last = note["lines"]
            self.claim(where, first, last, f"note {note['n']}")
            if not self.lines[first - 1].startswith(f"{note['n']} "):
                raise self.fail(where, f"line {first} does not begin with the note number {note['n']}")
        for i, x in enumerate(d.get("ignored_lines") or []):
            n = self.line(f"ignored_lines[{i}]", x["line"])
            if self.lines[n - 1].strip():
                raise self.fail(f"ignored_lines[{i}]", f"line {n} is not whitespace only")
            self.role[n] = "ignored"
        for n, line in enumerate(self.lines, 1):
            if n not in self.role:
                self.role[n] = "body" if line.strip() else "blank"
        for i, b in enumerate(d.get("spurious_blank_lines") or []):
            if self.role[self.line(f"spurious_blank_lines[{i}]", b["line"])] != "blank":
                raise self.fail(f"spurious_blank_lines[{i}]", f"line {b['line']} is not blank")
        page_lines = set()
        for i, p in enumerate(d["pages"]):
            n = self.line(f"pages[{i}] (p. {p['page']})", p["line"])
            if not (self.lines[n - 1].startswith(" ") or self.role[n] == "running head"):
                raise self.fail(
                    f"pages[{i}] (p. {p['page']})", f"line {n} neither begins with a space nor is a running head"
                )
            page_lines.add(n)
        for n, line in enumerate(self.lines, 1):
            if line.startswith(" ") and n not in page_lines and self.role[n] != "ignored":
                raise self.fail(
                    "pages", f"witness line {n} begins a print page (leading space) but no page entry names it"
                )

    def apply_emendations(self) -> None:
        for i, e in enumerate(self.d.get("emendations") or []):
            where = f"emendations[{i}]"
            n = self.line(where, e["line"])
            if self.text[n].count(e["from"]) != 1:
                raise self.fail(where, f"line {n} does not contain {e['from']!r} exactly once")
            if not e.get("reason"):
                raise self.fail(where, "an emendation needs a reason")
            self.text[n] = self.text[n].replace(e["from"], _emendation_mark(i) + e["to"])
            self.emended.setdefault(n, []).append(LineEmendation(n, Emendation(e["from"], e["to"], e["reason"])))

    def check_line_ends(self) -> dict[int, dict]:
        decided: dict[int, dict] = {}
        for i, e in enumerate(self.d["line_ends"]):
            where = f"line_ends[{i}]"
            n = self.line(where, e["line"])
            if n in decided:
                raise self.fail(where, f"line {n} is decided twice")
            if e["action"] not in ("join", "keep", "join-dash"):
                raise self.fail(where, f"action {e['action']!r} is not join, keep or join-dash")
            if not self.text[n].endswith(BREAKS):
                raise self.fail(where, f"line {n} does not end in a hyphen or dash")
            dash = not self.text[n].endswith("-")
            if dash != (e["action"] == "join-dash"):
                raise self.fail(where, f"line {n}: {e['action']} does not fit its final character {self.text[n][-1]!r}")
            decided[n] = dict(e, index=i)
        for n, role in self.role.items():
            if role not in ("blank", "running head") and self.text[n].endswith(BREAKS) and n not in decided:
                raise DecisionError(
                    f"{self.source}: line_ends: witness line {n} ends in {self.text[n].split()[-1]!r} "
                    "and has no decision (join, keep or join-dash)"
                )
        self.used_line_ends: set[int] = set()
        return decided

    def mark_notes(self) -> None:
        for i, note in enumerate(self.d["notes"]):
            where = f"notes[{i}] (note {note['n']})"
            n = self.line(where, note["mark"]["line"])
            mark = note["mark"]["after"] + str(note["n"])
            hits = [m for m in re.finditer(re.escape(mark) + r"(?!\d)", self.text[n])]
            if len(hits) != 1:
                raise self.fail(where, f"line {n} does not contain the mark {mark!r} exactly once")
            pos = hits[0].start() + len(note["mark"]["after"])
            self.text[n] = self.text[n][:pos] + _note_mark(note["n"]) + self.text[n][pos + len(str(note["n"])) :]
            self.marked.setdefault(n, []).append(NoteMarkDecision(note["n"], n, note["mark"]["after"]))

    def join(self, prev: str, n_prev: int, nxt: str) -> str:
        """Join the last word of line n_prev with the first word of the next line."""
        e = self.line_ends[n_prev]
        left = prev[:-1] if e["action"] == "join" else prev
        witness_at = f"{_unmark(prev)}|{_unmark(nxt)}"
        if witness_at != e["at"]:
            raise self.fail(
                f"line_ends[{e['index']}] (line {n_prev})", f"the break reads {witness_at!r}, not {e['at']!r}"
            )
        if _unmark(left + nxt) != e["reading"]:
            raise self.fail(
                f"line_ends[{e['index']}] (line {n_prev})",
                f"the result is {_unmark(left + nxt)!r}, not {e['reading']!r}",
            )
        self.used_line_ends.add(n_prev)
        self.joined.add(n_prev)
        return left + nxt

    def words(self, numbers: list[int]) -> list[str]:
        """The words of consecutive lines of one stream, broken words joined."""
        out: list[str] = []
        for k, n in enumerate(numbers):
            words = self.text[n].split()
            if k and numbers[k - 1] in self.line_ends:
                words[0] = self.join(out.pop(), numbers[k - 1], words[0])
            out.extend(words)
        return out

    def parts(self, text: str) -> tuple[Part, ...]:
        """The sentinel-carrying text as typed parts; an emendation carries its sic, corr and reason."""
        out: list[Part] = []
        pos = 0
        for m in _SENTINEL_RE.finditer(text):
            if m.start() > pos:
                out.append(text[pos : m.start()])
            n = int(m.group(2))
            if m.group(1) == "\ue000":
                out.append(NoteRef(n))
            elif m.group(1) == "\ue002":
                out.append(Milestone(n))
            else:
                e = self.d["emendations"][n]
                rest = text[m.end() :]
                if not rest.startswith(e["to"]):
                    raise self.fail(f"emendations[{n}]", f"the correction {e['to']!r} is broken by a note or page")
                out.append(Emendation(e["from"], e["to"], e["reason"]))
                m_end = m.end() + len(e["to"])
                pos = m_end
                continue
            pos = m.end()
        if pos < len(text):
            out.append(text[pos:])
        return tuple(out)

    def record(self, anchor: str, lines: list[int], skipped: list[int], breaks: list[dict], label: str = "") -> None:
        """Keep the provenance of one paragraph or note: its lines, and the decisions applied to them."""
        first, last = lines[0], lines[-1]
        starts = sorted((p["line"], p["page"]) for p in self.d["pages"])
        on_page = sorted({max(pg for start, pg in starts if start <= n) for n in lines})
        self.provenance[anchor] = Provenance(
            anchor=anchor,
            lines=tuple(WitnessLine(n, self.lines[n - 1]) for n in lines),
            pages=tuple(on_page),
            line_ends=tuple(self.line_end(n) for n in lines if n in self.joined),
            page_breaks=tuple(PageBreak(p["page"], p["line"], p["paragraph"], p["reason"]) for p in breaks),
            skipped=tuple(self.skip(n) for n in skipped if first < n < last),
            emendations=tuple(e for n in lines for e in self.emended.get(n, [])),
            note_marks=tuple(m for n in lines for m in self.marked.get(n, [])),
            label=label,
        )

    def line_end(self, n: int) -> LineEnd:
        e = self.line_ends[n]
        return LineEnd(n, e["at"], e["action"], e["reading"], e.get("reason", ""))

    def skip(self, n: int) -> Skipped:
        """Why line n, inside a block's span, is not part of the block."""
        role = self.role[n]
        if role == "running head":
            rh = next(r for r in self.d["running_heads"] if r["line"] == n)
            return Skipped(n, self.lines[n - 1], "running head", f"{rh['action']}: {rh['reason']}")
        if role == "blank":
            spurious = {b["line"]: b["reason"] for b in self.d.get("spurious_blank_lines") or []}
            if n in spurious:
                return Skipped(n, self.lines[n - 1], "blank line inside a sentence", spurious[n])
            reason = "layout: next to a note or the running head, not a paragraph break"
            return Skipped(n, self.lines[n - 1], "blank line", reason)
        return Skipped(n, self.lines[n - 1], role, f"{role} stands at the foot of the page; it is placed at its mark")

    def block(self, kind: str, text: str, chapter: str, n: int = 0, rank: int = 0) -> Block:
        return Block(kind, self.parts(text), chapter, n=n, rank=rank)

    def build_body(self) -> list[Block]:
        d = self.d
        page_first: dict[int, dict] = {}
        for p in d["pages"]:
            n = p["line"]
            while self.role[n] not in ("title", "body", "heading"):
                n += 1
            page_first[n] = p
        heading_at = {h["lines"][0]: h for h in d["headings"]}
        spurious = {b["line"] for b in d.get("spurious_blank_lines") or []}
        chapter = d["title"]["chapter"]
        blocks: list[Block] = []
        para: list[str] = []
        para_lines: list[int] = []
        para_skipped: list[int] = []
        para_breaks: list[dict] = []
        pending_title_page: int | None = None
        number = 0

        def close() -> None:
            nonlocal number, para
            if para:
                number += 1
                blocks.append(self.block("paragraph", " ".join(para), chapter, n=number))
                self.record(f"p-{number}", para_lines, para_skipped, para_breaks)
                para = []
            para_lines.clear()
            para_skipped.clear()
            para_breaks.clear()

        n = 1
        prev_nonblank_role, blank_between = None, False
        while n <= len(self.lines):
            role = self.role[n]
            page = page_first.get(n)
            if role == "title":
                last = d["title"]["lines"][1]
                blocks.append(self.block("title", " ".join(self.words(list(range(n, last + 1)))), chapter))
                if page:
                    if page["paragraph"] != "title":
                        raise self.fail(
                            f"pages (p. {page['page']})", f"line {n} is the title: paragraph must be 'title'"
                        )
                    pending_title_page = page["page"]
                n = last + 1
            elif role == "byline":
                if pending_title_page:
                    blocks.append(self.block("milestone", "", chapter, n=pending_title_page))
                    pending_title_page = None
                blocks.append(self.block("byline", self.text[n], chapter))
                n += 1
            elif role == "heading":
                close()
                h = heading_at[n]
                if page:
                    if page["paragraph"] != "heading":
                        raise self.fail(
                            f"pages (p. {page['page']})", f"line {n} is a heading: paragraph must be 'heading'"
                        )
                    blocks.append(self.block("milestone", "", chapter, n=page["page"]))
                text = " ".join(self.words(list(range(h["lines"][0], h["lines"][1] + 1))))
                if text != h["text"]:
                    raise self.fail(f"headings (line {n})", f"the heading reads {text!r}, not {h['text']!r}")
                chapter = h.get("chapter", chapter)
                blocks.append(self.block("heading", text, chapter, rank=h["rank"]))
                n = h["lines"][1] + 1
            elif role == "body":
                starts_new = prev_nonblank_role in ("heading", "byline", "title") or (
                    prev_nonblank_role == "body" and blank_between
                )
                if page:
                    rule = page["paragraph"]
                    if rule not in ("new", "continue"):
                        raise self.fail(
                            f"pages (p. {page['page']})", f"line {n} is body text: paragraph must be new or continue"
                        )
                    if rule == "continue" and not para:
                        raise self.fail(f"pages (p. {page['page']})", f"no paragraph is open to continue at line {n}")
                    starts_new = rule == "new"
                if starts_new:
                    close()
                words = self.text[n].split()
                merged = bool(para_lines) and para_lines[-1] in self.line_ends
                if merged:
                    words[0] = self.join(para.pop(), para_lines[-1], words[0])
                if page:
                    words.insert(1 if merged else 0, _page_mark(page["page"]))
                    para_breaks.append(page)
                para.extend(words)
                para_lines.append(n)
                n += 1
            else:
                if para:
                    para_skipped.append(n)
                n += 1
            if role == "blank":
                if n - 1 not in spurious:
                    blank_between = True
            elif role not in ("running head", "ignored"):
                prev_nonblank_role, blank_between = role, False
                if role.startswith("note"):
                    prev_nonblank_role = "note"
        close()
        return blocks

    def build_notes(self, blocks: list[Block]) -> list[Note]:
        chapter_of = {}
        for b in blocks:
            for part in b.parts:
                if isinstance(part, NoteRef):
                    chapter_of[part.n] = b.chapter
        starts = sorted((p["line"], p["page"]) for p in self.d["pages"])
        notes = []
        for note in self.d["notes"]:
            first, last = note["lines"]
            words = self.words(list(range(first, last + 1)))
            words[0] = words[0][len(str(note["n"])) :]
            self.record(f"note-{note['n']}", list(range(first, last + 1)), [], [], label=str(note["n"]))
            page = max(pg for line, pg in starts if line <= first)
            notes.append(Note(note["n"], page, self.parts(" ".join(w for w in words if w)), chapter_of[note["n"]]))
        if [x.n for x in notes] != list(range(1, len(notes) + 1)):
            raise self.fail("notes", "notes must be numbered 1, 2, 3, ... in order")
        return notes


def _unmark(text: str) -> str:
    """Text with note marks back as the witness's glued digits, milestones dropped."""
    return _EMEND_RE.sub("", _PAGE_RE.sub("", _NOTE_RE.sub(lambda m: m.group(1), text)))
