""".ci/system-packages.sh, run against fake system tools: which packages it installs, how, and when it stops.

PATH holds only fakes of dpkg-query, id, sudo, apt-get and python3.11 (each logs its call) and the few real
tools the scripts use, so the tests need no root, install nothing and never find the machine's own sudo.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from edition import paths

SCRIPT = paths.ROOT / ".ci" / "system-packages.sh"
BUILD = [
    "texlive-xetex",
    "texlive-latex-extra",
    "texlive-fonts-recommended",
    "latexmk",
    "fonts-freefont-otf",
    "texlive-plain-generic",
]
TEST = [*BUILD, "poppler-utils", "chromium", "epubcheck", "jing", "default-jre-headless"]
INSTALL = "apt-get install -y --no-install-recommends"

FAKES = {
    # Installed: the packages named in FAKE_INSTALLED.
    "dpkg-query": """pkg="${@: -1}"
if [[ " $FAKE_INSTALLED " == *" $pkg "* ]]; then printf 'install ok installed'; exit 0; fi
echo "dpkg-query: no packages found matching $pkg" >&2; exit 1""",
    "id": 'echo "$FAKE_UID"',
    "apt-get": 'echo "apt-get $* DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-}" >> "$FAKE_LOG"',
    # sudo -n fails when FAKE_SUDO_NEEDS_PASSWORD is set, as a sudo that would ask for a password does.
    "sudo": """echo "sudo $*" >> "$FAKE_LOG"
if [ "$1" = -n ]; then [ -z "${FAKE_SUDO_NEEDS_PASSWORD:-}" ] || exit 1; shift; fi
"$@"
""",
    # Python 3.11 with ensurepip, unless FAKE_NO_ENSUREPIP is set; every other call is only logged.
    "python3.11": """echo "python3.11 $*" >> "$FAKE_LOG"
if [ "$*" = "-c import ensurepip, venv" ] && [ -n "${FAKE_NO_ENSUREPIP:-}" ]; then exit 1; fi""",
}
REAL = ("bash", "env", "dirname", "cat", "sha256sum", "cut")


@pytest.fixture
def system(tmp_path):
    """Run a script with the fakes: system(script, *args, installed=[...], uid=..., sudo=...) -> (proc, log lines)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in FAKES.items():
        (bin_dir / name).write_text(f"#!/bin/bash\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    for name in REAL:
        (bin_dir / name).symlink_to(shutil.which(name))
    log = tmp_path / "calls.log"

    def run(script: Path, *args: str, installed=(), uid=0, sudo=True, **flags: str):
        if not sudo:
            (bin_dir / "sudo").unlink(missing_ok=True)
        env = {
            "PATH": str(bin_dir),
            "FAKE_LOG": str(log),
            "FAKE_UID": str(uid),
            "FAKE_INSTALLED": " ".join(installed),
            **flags,
        }
        proc = subprocess.run(
            ["/bin/bash", str(script), *args],
            check=False,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return proc, calls

    return run


def apt_calls(calls: list[str]) -> list[str]:
    return [c for c in calls if "apt-get" in c]


def test_as_root_it_installs_exactly_the_missing_packages(system):
    proc, calls = system(SCRIPT, "build", installed=BUILD[:2], uid=0)
    assert proc.returncode == 0, proc.stderr
    assert apt_calls(calls) == [
        "apt-get update -q DEBIAN_FRONTEND=",
        f"{INSTALL} {' '.join(BUILD[2:])} DEBIAN_FRONTEND=noninteractive",
    ]


def test_the_test_list_is_the_build_list_and_the_test_tools(system):
    proc, calls = system(SCRIPT, "test", installed=BUILD, uid=0)
    assert proc.returncode == 0, proc.stderr
    assert apt_calls(calls)[-1] == (
        f"{INSTALL} poppler-utils chromium epubcheck jing default-jre-headless DEBIAN_FRONTEND=noninteractive"
    )


def test_without_root_it_installs_through_sudo(system):
    proc, calls = system(SCRIPT, "test", installed=TEST[1:], uid=1000)
    assert proc.returncode == 0, proc.stderr
    assert apt_calls(calls) == [
        "sudo -n apt-get update -q",
        "apt-get update -q DEBIAN_FRONTEND=",
        f"sudo -n env DEBIAN_FRONTEND=noninteractive {INSTALL} {TEST[0]}",
        f"{INSTALL} {TEST[0]} DEBIAN_FRONTEND=noninteractive",
    ]


def test_a_python_without_venv_adds_its_package(system):
    proc, calls = system(SCRIPT, "build", installed=BUILD, uid=0, FAKE_NO_ENSUREPIP="1")
    assert proc.returncode == 0, proc.stderr
    assert apt_calls(calls)[-1] == f"{INSTALL} python3.11-venv DEBIAN_FRONTEND=noninteractive"


@pytest.mark.parametrize(
    "sudo, flags",
    [(False, {}), (True, {"FAKE_SUDO_NEEDS_PASSWORD": "1"})],
    ids=["no sudo", "sudo needs a password, no terminal"],
)
def test_without_root_or_usable_sudo_it_stops_with_the_command_to_run(system, sudo, flags):
    proc, calls = system(SCRIPT, "test", installed=TEST[:-4], uid=1000, sudo=sudo, **flags)
    assert proc.returncode != 0
    assert f"apt-get update && {INSTALL} chromium epubcheck jing default-jre-headless\n" in proc.stderr
    assert apt_calls(calls) == []


@pytest.mark.parametrize("script", ["build", "run"])
def test_the_build_and_the_tests_stop_before_anything_when_packages_cannot_be_installed(system, tmp_path, script):
    """A copy of .ci/ in an empty repository: no .venv made, no pip, no python -m edition, nothing built."""
    repo = tmp_path / "repo"
    shutil.copytree(paths.ROOT / ".ci", repo / ".ci")
    (repo / "requirements.txt").write_text("", encoding="utf-8")
    (repo / "pyproject.toml").write_text("", encoding="utf-8")
    proc, calls = system(repo / ".ci" / script, installed=BUILD[1:], uid=1000, sudo=False)
    assert proc.returncode != 0
    assert f"apt-get update && {INSTALL} {BUILD[0]}" in proc.stderr
    assert calls == ["python3.11 -c import ensurepip, venv"], "only the venv check ran"
    assert sorted(os.listdir(repo)) == [".ci", "pyproject.toml", "requirements.txt"]


def test_nothing_missing_calls_nothing(system):
    for uid in (0, 1000):
        proc, calls = system(SCRIPT, "test", installed=TEST, uid=uid)
        assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""
        assert apt_calls(calls) == [] and not any(c.startswith("sudo") for c in calls)


def test_an_unknown_list_is_refused(system):
    proc, calls = system(SCRIPT, "everything", uid=0)
    assert proc.returncode == 2 and "usage" in proc.stderr and calls == []
