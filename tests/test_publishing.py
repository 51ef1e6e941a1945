"""The publishing workflow: valid YAML that tests, builds with the README's command and deploys to Pages;
and the downloads that the HTML build puts beside the site, and links only when they are there."""

import shutil
import zipfile

import yaml
from bs4 import BeautifulSoup

from edition import downloads, paths
from edition.build import build_book


def runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job.get("steps", [])]


def upstream(jobs: dict, name: str) -> set[str]:
    """The jobs that must succeed before job name starts: its needs, theirs, and so on."""
    needs = jobs[name].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct.union(*(upstream(jobs, n) for n in direct))


def test_publish_workflow_tests_builds_and_deploys_only_a_green_main():
    """As GitHub reads the workflow: on a push to main, Pages is deployed only after the tests and the build pass."""
    workflow = yaml.safe_load((paths.ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    deploy = next(
        name
        for name, job in jobs.items()
        if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
    )
    before = upstream(jobs, deploy)
    assert any("bash .ci/run" in run for name in before for run in runs(jobs[name])), "the tests gate the deploy"
    builds = [name for name in before if "bash .ci/build" in runs(jobs[name])]
    assert builds, "the deployed site comes from the README's build command"
    steps = jobs[builds[0]]["steps"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in steps)
    assert not any("apt-get" in run for job in jobs.values() for run in runs(job)), "the scripts install packages"
    assert not any("cp " in run for run in runs(jobs[builds[0]])), "the build places the downloads itself"
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"


def fake_pdf_and_epub(build):
    """Stand-ins for what the PDF and EPUB builds leave in build (_build/), each holding its own name."""
    for name, made in downloads.FROM_BUILDS.items():
        (build / made).parent.mkdir(parents=True, exist_ok=True)
        (build / made).write_bytes(name.encode())


def test_downloads_hold_what_the_builds_left_and_the_offline_zip_leaves_out_itself(tmp_path):
    build = tmp_path / "_build"
    (build / "html" / downloads.DIR).mkdir(parents=True)
    (build / "html" / "index.html").write_text("<p>site</p>", encoding="utf-8")
    (build / "html" / downloads.DIR / "mansourov-edition.pdf").write_bytes(b"left by an earlier build")
    site_zip = build / "html" / downloads.DIR / downloads.OFFLINE_ZIP
    assert downloads.place(build) == [downloads.DATA_ZIP]
    assert {p.name for p in site_zip.parent.iterdir()} == {"data", downloads.DATA_ZIP}  # the stale PDF is gone
    assert downloads.available(build) == {downloads.DATA_ZIP, downloads.OFFLINE_ZIP}
    fake_pdf_and_epub(build)
    assert downloads.available(build) == downloads.ARTEFACTS
    for _ in range(2):  # a second build must not pack the previous zip into the new one
        assert sorted(downloads.place(build)) == sorted({downloads.DATA_ZIP, *downloads.FROM_BUILDS})
        downloads.bundle(build / "html", site_zip)
    placed = build / "html" / downloads.DIR
    assert {p.name for p in placed.iterdir()} == downloads.ARTEFACTS | {"data"}
    assert (placed / "mansourov-edition.pdf").read_bytes() == b"mansourov-edition.pdf"
    assert (placed / "data" / "datapackage.json").read_bytes() == (paths.DATA / "datapackage.json").read_bytes()
    with zipfile.ZipFile(placed / downloads.DATA_ZIP) as data:
        assert "data/events.csv" in data.namelist()
    with zipfile.ZipFile(site_zip) as offline:
        names = offline.namelist()
    assert "edition/index.html" in names and "edition/downloads/mansourov-edition.epub" in names
    assert f"edition/downloads/{downloads.OFFLINE_ZIP}" not in names


def about_downloads(site) -> tuple[set[str], set[str]]:
    """The downloads that "About this edition" links, and those it names as not in this build."""
    page = BeautifulSoup((site / "book" / "about.html").read_text(encoding="utf-8"), "lxml")
    linked = {a["href"].rsplit("/", 1)[-1] for a in page.select("a.ed-download")}
    absent = {span.find_previous_sibling("code").get_text() for span in page.select("span.ed-not-built")}
    return linked, absent


def offline_names(site) -> list[str]:
    with zipfile.ZipFile(site / downloads.DIR / downloads.OFFLINE_ZIP) as offline:
        return offline.namelist()


def test_html_build_links_and_places_only_the_downloads_it_has(html_dir, tmp_path):
    """Without a PDF and an EPUB in _build/ the site neither links nor holds them; with them, both;
    when they go again, so do their links. The offline zip and the data are always there."""
    always = {downloads.DATA_ZIP, downloads.OFFLINE_ZIP}
    assert about_downloads(html_dir) == (always, set(downloads.FROM_BUILDS))
    assert {p.name for p in (html_dir / downloads.DIR).iterdir()} == always | {"data"}
    assert "edition/book/about.html" in offline_names(html_dir)

    build = tmp_path / "_build"  # the same build again (incremental), now with a PDF and an EPUB beside it
    shutil.copytree(html_dir.parent, build, symlinks=True)
    fake_pdf_and_epub(build)
    proc = build_book(paths.ROOT, tmp_path, "html")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    site = build / "html"
    assert about_downloads(site) == (downloads.ARTEFACTS, set())
    assert {p.name for p in (site / downloads.DIR).iterdir()} == downloads.ARTEFACTS | {"data"}
    for name in downloads.FROM_BUILDS:
        assert (site / downloads.DIR / name).read_bytes() == name.encode()
    assert "edition/downloads/mansourov-edition.epub" in offline_names(site)

    (build / downloads.FROM_BUILDS["mansourov-edition.pdf"]).unlink()
    proc = build_book(paths.ROOT, tmp_path, "html")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert about_downloads(site) == (downloads.ARTEFACTS - {"mansourov-edition.pdf"}, {"mansourov-edition.pdf"})
    assert not (site / downloads.DIR / "mansourov-edition.pdf").exists()
