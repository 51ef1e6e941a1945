"""Where the edition's files live, resolved from the package, never from a page.

Chapters and notebooks run with their own folder as working directory, so every
path the code uses is built here from the root of the book being built: the
repository that holds the package (CHECKOUT), or the folder that EDITION_ROOT
names. edition.build.build_book sets EDITION_ROOT for the build's process, and so
for its kernels, so that a build of a copy of the book (a test's, the benchmark's)
reads that copy's data, checks that copy's text and charts that copy's rows.
"""

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("EDITION_ROOT") or CHECKOUT).resolve()
DATA = ROOT / "data"
BOOK = ROOT / "book"
ARTICLE = BOOK / "article"
DECISIONS = DATA / "text-decisions.yaml"
READING_TEXT = DATA / "reading-text.txt"
READING_TEI = DATA / "reading-text.tei.xml"
ASSIGNMENTS = ROOT / "notebooks" / "assignments"
SOLUTIONS = ROOT / "notebooks" / "solutions"
ASSIGNMENT_NAMES = ("close-reading", "chronology", "delegations")  # ASSIGNMENTS / f"{name}.md", in teaching order
