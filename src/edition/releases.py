"""Releases: the versions CHANGELOG.md records, and the copies of the site that keep each one's addresses.

A release is tagged vX.Y.Z. The publishing workflow builds the current site at the root and
every release tag's own site under /vX.Y.Z/ (python -m edition.releases SITE), so that the
addresses a citation of version X.Y.Z names go on resolving to what it cited.

build_site builds any commit's site from its own sources with this environment: the tags'
copies, and the test that every address of the previous release resolves in the new site.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from . import paths

CHANGELOG = paths.ROOT / "CHANGELOG.md"
# The state before the first release (CHANGELOG.md, 1.0.0): the previous release until a tag exists.
BEFORE_FIRST_RELEASE = "dfb9197"
ENTRY = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date

    @property
    def tag(self) -> str:
        return f"v{self.version}"


def recorded(changelog: Path = CHANGELOG) -> list[Release]:
    """The releases in CHANGELOG.md, newest first, as Keep a Changelog lists them."""
    text = changelog.read_text(encoding="utf-8")
    return [Release(v, datetime.date.fromisoformat(d)) for v, d in ENTRY.findall(text)]


def tags(repo: Path = paths.ROOT) -> list[str]:
    """The release tags (vX.Y.Z) of the repository."""
    out = subprocess.run(["git", "tag", "--list", "v*"], cwd=repo, capture_output=True, text=True, check=True).stdout
    return [t for t in out.split() if re.fullmatch(r"v\d+\.\d+\.\d+", t)]


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def previous(version: str, repo: Path = paths.ROOT) -> str:
    """The release whose addresses a site of this version must keep: the newest tag up to it, else the state
    before the first release."""
    older = [t for t in tags(repo) if _key(t[1:]) <= _key(version)]
    return max(older, key=lambda t: _key(t[1:])) if older else BEFORE_FIRST_RELEASE


def export(commit: str, dest: Path, repo: Path = paths.ROOT) -> Path:
    """The files of a commit (a tag, a hash), without a git work tree: git archive, unpacked into dest."""
    archive = subprocess.run(["git", "archive", commit], cwd=repo, capture_output=True, check=True).stdout
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def build_site(commit: str, work: Path, repo: Path = paths.ROOT) -> Path:
    """Build a commit's HTML site with its own sources and package (first on the path); returns the site's folder.

    A commit with `python -m edition build` is built that way; an older one as its .ci/build did:
    jupyter-book build, warnings as errors.
    """
    source = export(commit, work / "source", repo)
    out = work / "out"
    env = {**os.environ, "PYTHONPATH": str(source / "src")}
    has_cli = (source / "src" / "edition" / "cli.py").exists()
    if has_cli:
        command = [sys.executable, "-m", "edition", "build", "html", "--out", str(out)]
    else:
        jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
        command = [
            jupyter_book,
            "build",
            ".",
            "--builder",
            "html",
            "-W",
            "-n",
            "--keep-going",
            "--path-output",
            str(out),
        ]
    proc = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        raise RuntimeError(f"the site of {commit} did not build:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return out / "_build" / "html"


def place_releases(site: Path, work: Path, repo: Path = paths.ROOT) -> list[Path]:
    """Build every release tag's site into site/vX.Y.Z/, beside the current site."""
    placed = []
    for tag in tags(repo):
        built = build_site(tag, work / tag, repo)
        target = site / tag
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(built, target)
        placed.append(target)
        print(f"{tag}: {target}")
    return placed


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        place_releases(Path(sys.argv[1]), Path(tmp))
