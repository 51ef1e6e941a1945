"""The witness is the supplied file, byte for byte."""

import hashlib
import re

from edition import paths
from edition.text import load_decisions

WITNESS_SHA256 = "c3b54e93b7492a9da0aba4b591590e3b65b32f201d50765445afe287e60a99e8"
WITNESS = paths.DATA / "source" / "000_aac12795dadaeab1.txt"


def test_witness_sha256_is_pinned():
    assert hashlib.sha256(WITNESS.read_bytes()).hexdigest() == WITNESS_SHA256


def test_decisions_name_the_same_witness():
    decisions = load_decisions()
    assert decisions["witness"]["sha256"] == WITNESS_SHA256
    assert (paths.DATA / decisions["witness"]["path"]).exists()


def stated(pattern: str, text: str) -> tuple[str, ...]:
    found = re.search(pattern, text)
    assert found, f"the witness's README no longer states /{pattern}/"
    return found.groups()


def test_witness_readme_describes_the_witness_as_it_is():
    """The figures data/source/README.md gives are the witness's own: size, lines, page starts,
    running head, line-end hyphens and dashes, the blank line inside a sentence, the pages covered, the notes."""
    readme = " ".join((paths.DATA / "source" / "README.md").read_text(encoding="utf-8").split())
    raw = WITNESS.read_bytes()
    lines = raw.decode("utf-8").split("\n")
    decisions = load_decisions()

    size, count = stated(r"([\d,]+) bytes, UTF-8, (\d+) lines", readme)
    assert (int(size.replace(",", "")), int(count)) == (len(raw), len(lines))
    assert lines[-1] == " "  # "the last holds a single space"
    assert stated(r"SHA-256: `([0-9a-f]{64})`", readme) == (hashlib.sha256(raw).hexdigest(),)

    starts = [n for n, line in enumerate(lines[:-1], 1) if line.startswith(" ")]
    assert stated(r"(\d+) such starts", readme) == (str(len(starts)),)
    head_line, head = stated(r"One running head survives, on line (\d+): “([^”]+)”", readme)
    assert lines[int(head_line) - 1] == head and not head.startswith(" ")
    first, last = map(int, stated(r"## Print pages covered (\d+)–(\d+)\.", readme))
    assert head.endswith(" 359") and first < 359 < last
    pages = decisions["pages"]  # every page begins at a leading space, or (p. 359) at the running head
    assert [p["page"] for p in pages] == list(range(first, last + 1))
    assert [p["line"] for p in pages] == sorted([*starts, int(head_line)])

    hyphens, dashes = stated(r"\((\d+) line-end hyphens, (\d+) line-end dashes\)", readme)
    assert sum(line.endswith("-") for line in lines) == int(hyphens)
    assert sum(line.endswith(("—", "–")) for line in lines) == int(dashes)
    (blank,) = stated(r"inside a sentence \(line (\d+)\)", readme)
    assert lines[int(blank) - 1] == "" and lines[int(blank) - 2][-1:].isalpha()  # the sentence runs on over it

    (notes,) = stated(r"The author's (\d+) notes", readme)
    assert [n["n"] for n in decisions["notes"]] == list(range(1, int(notes) + 1))
