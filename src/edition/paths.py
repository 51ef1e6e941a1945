"""Where the edition's files live, resolved from the package, never from a page.

Chapters and notebooks run with their own folder as working directory, so every
path the code uses is built here from the repository root.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
BOOK = ROOT / "book"
ARTICLE = BOOK / "article"
DECISIONS = DATA / "text-decisions.yaml"
READING_TEXT = DATA / "reading-text.txt"
READING_TEI = DATA / "reading-text.tei.xml"
ASSIGNMENTS = ROOT / "notebooks" / "assignments"
SOLUTIONS = ROOT / "notebooks" / "solutions"
ASSIGNMENT_NAMES = ("close-reading", "chronology", "delegations")  # ASSIGNMENTS / f"{name}.md", in teaching order
