"""Every page of the site is valid HTML for the W3C Nu HTML Checker (vnu.jar, run with Java).

The checker comes from the npm registry (the vnu-jar package), fetched by this test into
.cache/npm/ against its pinned integrity, as the build fetches its own npm packages; only
Java is needed on the machine (Debian: default-jre-headless, in .ci/system-packages.sh).
"""

from __future__ import annotations

import json
import subprocess
import tarfile

from browser import npm_tarball, pages
from conftest import require_tools
from edition import vendor

VNU_JAR = (
    "https://registry.npmjs.org/vnu-jar/-/vnu-jar-26.9.27.tgz",
    "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==",
    "package/build/dist/vnu.jar",
)


def vnu_jar():
    """vnu.jar, unpacked once from the pinned vnu-jar tarball into .cache/npm/."""
    url, expected, member = VNU_JAR
    jar = vendor.CACHE / f"vnu-{url.rsplit('-', 1)[1].removesuffix('.tgz')}.jar"
    if not jar.exists():
        with tarfile.open(npm_tarball(url, expected)) as tar:
            jar.write_bytes(tar.extractfile(member).read())
    return jar


def test_every_page_passes_the_nu_html_checker(html_dir):
    require_tools("java")
    files = [str(html_dir / p) for p in pages(html_dir)] + [str(html_dir / "index.html")]
    proc = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(proc.stderr)["messages"]
    errors = [f"{m['url'].rsplit('/html/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors)
