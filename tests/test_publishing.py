"""The publishing workflow: valid YAML that tests, builds with the README's command and deploys to Pages;
and the downloads that the build puts beside the site."""
import zipfile

import yaml

from edition import downloads, paths


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
    deploy = next(name for name, job in jobs.items()
                  if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    before = upstream(jobs, deploy)
    assert any("bash .ci/run" in run for name in before for run in runs(jobs[name])), "the tests gate the deploy"
    builds = [name for name in before if "bash .ci/build" in runs(jobs[name])]
    assert builds, "the deployed site comes from the README's build command"
    steps = jobs[builds[0]]["steps"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in steps)
    assert not any("apt-get" in run for job in jobs.values() for run in runs(job)), "the scripts install packages"
    assert not any("cp " in run for run in runs(jobs[builds[0]])), "the build places the downloads itself"
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"


def test_publish_puts_every_download_beside_the_site(tmp_path):
    build = tmp_path / "_build"
    (build / "html").mkdir(parents=True)
    (build / "html" / "index.html").write_text("<p>site</p>", encoding="utf-8")
    for name, made in downloads.FULL_BUILD.items():
        if name != downloads.OFFLINE_ZIP:
            (build / made).parent.mkdir(parents=True, exist_ok=True)
            (build / made).write_bytes(name.encode())
    downloads.publish(build)
    downloads.publish(build)  # a second build must not pack the previous zip into the new one
    placed = build / "html" / downloads.DIR
    assert {p.name for p in placed.iterdir()} == downloads.ARTEFACTS | {"data"}
    assert (placed / "mansourov-edition.pdf").read_bytes() == b"mansourov-edition.pdf"
    assert (placed / "data" / "datapackage.json").read_bytes() == (paths.DATA / "datapackage.json").read_bytes()
    with zipfile.ZipFile(placed / downloads.DATA_ZIP) as data:
        assert "data/events.csv" in data.namelist()
    with zipfile.ZipFile(placed / downloads.OFFLINE_ZIP) as offline:
        names = offline.namelist()
    assert "edition/index.html" in names and "edition/downloads/mansourov-edition.epub" in names
    assert f"edition/downloads/{downloads.OFFLINE_ZIP}" not in names
