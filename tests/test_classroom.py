"""Classroom material: exercises in the chapters, the student and instructor builds, launch buttons, Binder.

The student build is the html_dir fixture (what .ci/build makes); the instructor
build is built from the same sources with the Sphinx config value edition_audience = "instructor"
(edition.sphinxext.audience; edition.build passes it as a config override).
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.search.en import SearchEnglish

from edition import assignments, paths
from edition.execute import executable_pages

CHAPTERS = sorted(paths.ARTICLE.glob("*.md"))
EXERCISE = re.compile(r"^(:{3,})\{exercise\}[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
SOLUTION = re.compile(r"^(:{3,})\{solution\} (\S+)\n(.*?)^\1[ \t]*$", re.M | re.S)
LABEL = re.compile(r"^:label: (\S+)$", re.M)
PN = re.compile(r"\{pn\}`(\d+)`")
REF_P = re.compile(r"\{ref\}`p-(\d+)`")
TEXT_SUFFIXES = {".html", ".js", ".json", ".txt", ".md", ".ipynb", ".xml", ".inv", ".tex"}


def config() -> dict:
    return yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))


def normalized(text: str) -> str:
    return " ".join(text.split())


def page_text(path: Path) -> str:
    """What a reader or a program finds in an output file: an HTML page's text, any other file's characters."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        raw = BeautifulSoup(raw, "html.parser").get_text(" ")
    return normalized(raw)


def solution_texts(site: Path, whole: bool = False) -> list[str]:
    """The text of every solution in a built site: its body, or with whole=True its title too."""
    texts = []
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        texts += [
            normalized((div if whole else div.select_one("section")).get_text(" "))
            for div in soup.select("div.solution")
        ]
    return texts


def phrases(text: str, n: int = 6) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + n]) for i in range(0, len(words) - n + 1, n)]


def solution_only_phrases(site: Path) -> list[str]:
    """Phrases of the solutions that occur nowhere else in the site (not quotations of the article, say)."""
    rest = []
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for div in soup.select("div.solution"):
            div.decompose()
        rest.append(normalized(soup.get_text(" ")))
    rest_text = "\n".join(rest)
    return [p for t in solution_texts(site) for p in phrases(t) if p not in rest_text]


def found_in(site: Path, probes: list[str]) -> set[str]:
    hits = set()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = page_text(path)
            hits |= {p for p in probes if p in text}
    return hits


# --- exercises in the sources -------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_each_chapter_has_exercises_tied_to_its_own_paragraphs(chapter):
    text = chapter.read_text(encoding="utf-8")
    own = {int(n) for n in PN.findall(text)}
    exercises = [body for _, body in EXERCISE.findall(text)]
    assert exercises, f"{chapter.name} has no exercise"
    for body in exercises:
        assert {int(n) for n in REF_P.findall(body)} & own, (
            f"{chapter.name}: an exercise cites no paragraph of its chapter"
        )


def test_every_exercise_has_exactly_one_solution():
    exercises, solutions = [], []
    for chapter in CHAPTERS:
        text = chapter.read_text(encoding="utf-8")
        exercises += [LABEL.search(body).group(1) for _, body in EXERCISE.findall(text)]
        solutions += [target for _, target, _ in SOLUTION.findall(text)]
    assert len(exercises) >= len(CHAPTERS)
    assert sorted(solutions) == sorted(exercises)


# --- the two builds -----------------------------------------------------------------------


class ConfigOnlyApp:
    """Just enough of a Sphinx application to set up edition.sphinxext.audience and run its config-inited handler."""

    def __init__(self, overrides: dict):
        from sphinx.config import Config

        self.config, self.handlers = Config({}, overrides), {}

    def add_config_value(self, name, default, rebuild, types=(), description=""):
        self.config.add(name, default, rebuild, types, description)

    def connect(self, event, handler, priority=500):
        self.handlers.setdefault(event, []).append(handler)

    def config_inited(self):
        for handler in self.handlers["config-inited"]:
            handler(self, self.config)
        return self.config


def test_audience_is_a_checked_sphinx_config_value_and_no_environment_variable(monkeypatch):
    from sphinx.errors import ConfigError

    from edition.sphinxext import audience

    monkeypatch.setenv("EDITION_AUDIENCE", "instructor")  # no longer read: the default stays student
    for overrides, student in (
        ({}, True),
        ({"edition_audience": "student"}, True),
        ({"edition_audience": "instructor"}, False),
    ):
        app = ConfigOnlyApp(overrides)
        audience.setup(app)
        config = app.config_inited()
        assert config.edition_audience == ("student" if student else "instructor")
        assert config.hide_solutions is student and config.html_copy_source is not student
    app = ConfigOnlyApp({"edition_audience": "teacher"})
    audience.setup(app)
    with pytest.raises(ConfigError, match="edition_audience = 'teacher'"):
        app.config_inited()


def test_instructor_build_shows_each_solution_collapsed_after_its_exercise(instructor_html_dir):
    for chapter in CHAPTERS:
        page = instructor_html_dir / "book" / "article" / f"{chapter.stem}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        exercises = soup.select("div.exercise")
        assert exercises
        for exercise in exercises:
            solution = exercise.find_next_sibling("div")
            assert solution is not None and "solution" in solution["class"], exercise["id"]
            assert {"dropdown", "ed"} <= set(solution["class"])  # collapsed; editorial, so not the author's text
            assert solution.select_one(f'a[href="#{exercise["id"]}"]'), "the solution links back to its exercise"


def test_student_build_has_no_solution_text_anywhere(html_dir, instructor_html_dir):
    texts = solution_texts(instructor_html_dir)
    assert len(texts) == sum(len(SOLUTION.findall(c.read_text(encoding="utf-8"))) for c in CHAPTERS)
    probes = solution_only_phrases(instructor_html_dir)
    assert len(probes) > 10 * len(texts)
    assert found_in(instructor_html_dir, probes) == set(probes)  # the scan finds what is there...
    assert found_in(html_dir, probes) == set()  # ...and nothing of it is in any student file
    assert solution_texts(html_dir) == []
    assert not (html_dir / "_sources").exists() and (instructor_html_dir / "_sources").exists()
    for chapter in CHAPTERS:  # the exercises themselves stay
        page = BeautifulSoup(
            (html_dir / "book/article" / f"{chapter.stem}.html").read_text(encoding="utf-8"), "html.parser"
        )
        assert len(page.select("div.exercise")) == len(EXERCISE.findall(chapter.read_text(encoding="utf-8")))


def test_student_build_has_no_assignment_solution(html_dir):
    """The model answers of notebooks/solutions/ reach no page, index or download of the book."""
    probes = []
    for solution in sorted(paths.SOLUTIONS.glob("*.md")):
        starter = (paths.ASSIGNMENTS / solution.name).read_text(encoding="utf-8")
        key = assignments.notebook(solution)
        answers = [key.cells[i].source for i in assignments.answer_cells(key)]
        probes += [
            normalized(line)
            for a in answers
            for line in a.splitlines()
            if len(line.strip()) > 20 and line.strip() not in starter
        ]
    assert len(probes) >= 3
    assert found_in(html_dir, probes) == set()


def search_terms(site: Path) -> set[str]:
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    return set(json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"])


def test_student_search_index_lacks_the_solutions_words(html_dir, instructor_html_dir):
    student, instructor = search_terms(html_dir), search_terms(instructor_html_dir)
    assert student < instructor  # the instructor index has every student term, and the solutions' words
    stem = SearchEnglish({}).stem
    solution_words = {
        stem(w.lower()) for t in solution_texts(instructor_html_dir, whole=True) for w in re.findall(r"\w+", t)
    }
    assert instructor - student <= solution_words


def test_student_pdf_has_no_solution_text(pdf_pages, instructor_html_dir):
    pdf = normalized(" ".join(pdf_pages).replace("-\n", ""))
    probes = solution_only_phrases(instructor_html_dir)
    exercise_probes = [
        p
        for c in CHAPTERS
        for _, e in EXERCISE.findall(c.read_text(encoding="utf-8"))
        for p in phrases(normalized(re.sub(r"\{\w+\}`([^`]*)`|^:\w+:.*$", " ", e, flags=re.M)))
    ]
    assert any(p in pdf for p in exercise_probes)  # the exercises are printed, and the probe method finds text
    assert [p for p in probes if p in pdf] == []


# --- running the cells --------------------------------------------------------------------


def built_pages(site: Path) -> dict[str, Path]:
    return {
        p.relative_to(site).with_suffix("").as_posix(): p
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("_", "genindex", "search"))
    }


def test_launch_buttons_are_formed_from_the_repository_setting(html_dir):
    cfg = config()
    repo, branch = cfg["repository"]["url"], cfg["repository"]["branch"]
    org, name = urlsplit(repo).path.strip("/").split("/")
    binder, hub = cfg["launch_buttons"]["binderhub_url"], cfg["launch_buttons"]["jupyterhub_url"]
    code_pages = {p.relative_to(paths.ROOT).with_suffix("").as_posix() for p in executable_pages()}
    pages = built_pages(html_dir)
    assert code_pages & set(pages)
    for doc, page in pages.items():
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        hrefs = [a["href"] for a in soup.select("a[href]")]
        binder_links = [h for h in hrefs if h.startswith(binder)]
        hub_links = [h for h in hrefs if h.startswith(hub)]
        assert "colab.research.google.com" not in html
        if doc not in code_pages:
            assert binder_links == hub_links == [], doc
            continue
        assert binder_links == [f"{binder}/v2/gh/{org}/{name}/{branch}?urlpath=lab/tree/{doc}.md"]
        (hub_link,) = hub_links
        assert urlsplit(hub_link).path == "/hub/user-redirect/git-pull"
        query = {k: v[0] for k, v in parse_qs(urlsplit(hub_link).query).items()}
        assert query == {"repo": repo, "branch": branch, "urlpath": f"lab/tree/{name}/{doc}.md"}
        assert soup.select_one("button.btn-launch-thebe"), f"{doc}: no live-code button"
        assert f'repo: "{org}/{name}"' in html and f'ref: "{branch}"' in html  # Thebe's Binder, from the same setting


def test_binder_pins_python_and_opens_markdown_as_notebooks(tmp_path):
    assert (
        paths.ROOT / "runtime.txt"
    ).read_text().strip() == f"python-{sys.version_info.major}.{sys.version_info.minor}"
    post_build = paths.ROOT / "postBuild"
    assert post_build.stat().st_mode & stat.S_IXUSR
    env = {**os.environ, "HOME": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    subprocess.run(["bash", str(post_build)], check=True, env=env, capture_output=True)
    (settings,) = tmp_path.glob(".jupyter/labconfig/*.json")
    viewers = json.loads(settings.read_text())["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == "Jupytext Notebook"


def test_requirements_pin_exactly_what_the_tests_run_with():
    """Every line of requirements.txt is an exact pin, and the installed version is the pinned one; the last
    line installs the edition itself (the fresh-environment test below shows the pins suffice)."""
    lines = [
        ln.strip()
        for ln in (paths.ROOT / "requirements.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert lines[-1] == "-e ." and metadata.version("edition")
    pins = dict(ln.split("==") for ln in lines[:-1])
    assert {name: metadata.version(name) for name in pins} == pins


@pytest.mark.build  # a fresh venv, requirements.txt installed, every notebook run
def test_notebooks_and_pages_run_in_a_fresh_environment_from_requirements_alone(tmp_path):
    """As Binder does: a new virtual environment, requirements.txt installed, then every notebook run."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-input", "-r", "requirements.txt"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    targets = sorted({*executable_pages(), *paths.ROOT.glob("notebooks/**/*.md")})
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    run = subprocess.run(
        [python, "-m", "edition", "execute", *map(str, targets)],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stdout[-5000:]
    assert f"{len(targets)} of {len(targets)} notebooks ran without error" in run.stdout
