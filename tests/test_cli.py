"""The one command line, python -m edition: its commands, the build's targets and audiences, and how a build
reaches Jupyter Book (builders and the audience as a config override; the end-to-end builds are the fixtures)."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

from edition import build, cli, paths


def edition(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edition", *args],
        check=False,
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_every_command():
    proc = edition("--help")
    assert proc.returncode == 0
    for command in ("establish", "check", "build", "grade", "solution", "execute"):
        assert f"\n    {command}" in proc.stdout, command


def test_build_help_shows_the_targets_and_the_audiences():
    proc = edition("build", "--help")
    assert proc.returncode == 0
    assert "{html,pdf,epub,all}" in proc.stdout and "{student,instructor}" in proc.stdout and "--out DIR" in proc.stdout


def test_a_build_for_an_unknown_audience_fails_naming_it_without_building(tmp_path):
    proc = edition("build", "html", "--audience", "teacher", "--out", str(tmp_path))
    assert proc.returncode != 0
    assert "'teacher'" in proc.stderr and "student" in proc.stderr and "instructor" in proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def builds(monkeypatch):
    """The CLI's calls to build_book, recorded instead of run; TeX Live present."""
    calls = []

    def fake(source, out, builder, audience="student", capture=True, strict=True):
        calls.append((source, out, builder, audience, capture, strict))
        return subprocess.CompletedProcess([], 0)

    monkeypatch.setattr(cli, "build_book", fake)
    monkeypatch.setattr(cli.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    return calls


def test_build_all_makes_pdf_and_epub_before_the_html_that_links_them(builds, tmp_path):
    assert cli.main(["build", "all", "--out", str(tmp_path)]) == 0
    assert [b[2] for b in builds] == ["pdflatex", "epub", "html"]
    assert {(b[0], b[1], b[3], b[5]) for b in builds} == {(paths.ROOT, tmp_path.resolve(), "student", True)}


def test_each_target_and_audience_reaches_build_book(builds, tmp_path):
    for target, builder in [("html", "html"), ("pdf", "pdflatex"), ("epub", "epub")]:
        assert cli.main(["build", target, "--audience", "instructor", "--out", str(tmp_path)]) == 0
        assert builds.pop()[2:4] == (builder, "instructor")
    assert cli.main(["build"]) == 0
    assert builds.pop()[1:4] == (paths.ROOT, "html", "student")
    assert cli.main(["build", "--audience", "instructor"]) == 0
    assert builds.pop()[1] == paths.ROOT / "_build" / "instructor"


def test_a_pdf_without_tex_live_fails_before_any_build(builds, monkeypatch, capsys):
    monkeypatch.setattr(cli.shutil, "which", lambda tool: None)
    assert cli.main(["build", "all"]) == 1
    assert builds == []
    assert "xelatex, latexmk" in capsys.readouterr().err


def test_build_book_passes_the_audience_as_a_config_override_with_the_strict_flags(monkeypatch, tmp_path):
    """run_jupyter_book, in the build's process: Jupyter Book's Sphinx call with edition_audience, -W -n, keep-going."""
    import jupyter_book.sphinx

    with warnings.catch_warnings():  # its click version deprecates a name jupyter_book.cli uses
        warnings.simplefilter("ignore", DeprecationWarning)
        import jupyter_book.cli.main

    seen = {}

    def fake_sphinx(sourcedir, outputdir, **kwargs):
        seen.update(kwargs, sourcedir=sourcedir, outputdir=outputdir)
        return 0

    monkeypatch.setattr(jupyter_book.sphinx, "build_sphinx", fake_sphinx)
    monkeypatch.setattr(jupyter_book.cli.main, "builder_specific_actions", lambda *a, **k: seen.update(after=a[1]))
    build.run_jupyter_book(str(paths.ROOT), str(tmp_path), "epub", "instructor")
    assert seen["confoverrides"]["edition_audience"] == "instructor" and seen["confoverrides"]["nitpicky"] is True
    assert seen["builder"] == "epub" and seen["after"] == "custom"
    assert seen["outputdir"] == tmp_path / "_build" / "epub"
    assert seen["warningiserror"] is True and seen["keep_going"] is True
    assert seen["path_config"] == paths.ROOT / "_config.yml"
    seen.clear()
    build.run_jupyter_book(str(paths.ROOT), str(tmp_path), "pdflatex", "student")
    assert seen["builder"] == "latex" and seen["after"] == "pdflatex"
    assert seen["outputdir"] == tmp_path / "_build" / "latex"
    assert seen["warningiserror"] is True and seen["confoverrides"]["nitpicky"] is True
    assert seen["confoverrides"]["edition_audience"] == "student"


def test_build_book_runs_in_its_own_process_without_an_audience_variable(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setattr(build.subprocess, "run", lambda args, **kwargs: seen.update(args=args, **kwargs))
    build.build_book(paths.ROOT, tmp_path, "html", audience="instructor")
    request = json.loads(seen["args"][-1])
    assert request == {
        "source": str(paths.ROOT),
        "out": str(tmp_path.resolve()),
        "builder": "html",
        "audience": "instructor",
    }
    assert "EDITION_AUDIENCE" not in (seen.get("env") or {})
    with pytest.raises(ValueError, match="'teacher'"):
        build.build_book(paths.ROOT, tmp_path, "html", audience="teacher")
