"""The publishing workflow: valid YAML that builds with the README's command and deploys to Pages;
and the downloads that the build puts beside the site."""
import zipfile

import yaml

from edition import downloads, paths


def test_publish_workflow_builds_on_main_and_deploys_pages():
    workflow = yaml.safe_load((paths.ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "bash .ci/build" for step in steps)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in steps)
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert not any("cp " in step.get("run", "") for step in steps), "the build places the downloads itself"


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
