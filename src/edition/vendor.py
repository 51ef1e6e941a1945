"""The widget JavaScript, vendored from the npm registry at build time.

The static HTML shows ipywidgets through @jupyter-widgets/html-manager, which
needs require.js. Rather than load both from public CDNs, the build fetches the
pinned tarballs from the npm registry once (checked against their published
sha512 integrity), keeps them in .cache/npm/, and copies the files into the
site's _vendor/ folder. They are not in _static/, which Jupyter Book loads on
every page: myst-nb adds them only to pages that hold widgets.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import tarfile
import urllib.request
from pathlib import Path

from . import paths

PACKAGES = {
    "@jupyter-widgets/html-manager/dist": (
        "https://registry.npmjs.org/@jupyter-widgets/html-manager/-/html-manager-1.0.15.tgz",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
        "package/dist/",
    ),
    "requirejs": (
        "https://registry.npmjs.org/requirejs/-/requirejs-2.3.8.tgz",
        "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
        "package/require.js",
    ),
}
CACHE = paths.CHECKOUT / ".cache" / "npm"  # checked against the pins, so copies of the book share it
# The files keep the npm CDN's layout under _vendor/npm/.
VENDOR_DIR = "_vendor/npm"
# Loaded between require.js and html-manager, so that AMD modules resolve under the mirror.
# html-manager fetches its icon fonts from the folder of the address require.js gives the AMD
# module that asks: @jupyter-widgets/html-manager, or @jupyter-widgets/html-manager/dist/libembed-amd.
# Both are mapped into dist/, so that each font has one address and a page fetches it once.
REQUIRE_CONFIG = """(function () {
  var here = document.currentScript.src;
  require.config({
    baseUrl: here.slice(0, here.lastIndexOf("/") + 1),
    paths: {
      "@jupyter-widgets/html-manager": "@jupyter-widgets/html-manager/dist/index",
      "@jupyter-widgets/html-manager/dist": "@jupyter-widgets/html-manager/dist"
    }
  });
})();
"""


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def tarball(name: str) -> Path:
    """The package's tarball, downloaded once and checked against its pinned integrity."""
    url, expected, _ = PACKAGES[name]
    return fetch(url, expected)


def fetch(url: str, expected: str) -> Path:
    """A pinned npm tarball in .cache/npm/, downloaded once and checked against its sha512 integrity."""
    path = CACHE / url.rsplit("/", 1)[1]
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read()
        if integrity(data) != expected:
            raise RuntimeError(f"{url}: integrity {integrity(data)} is not the pinned {expected}")
        path.write_bytes(data)
    elif integrity(path.read_bytes()) != expected:
        raise RuntimeError(f"{path}: cached tarball does not match its pinned integrity; delete it")
    return path


def vendor_into(outdir: Path) -> None:
    """Unpack the widget scripts (and html-manager's fonts, in its dist/) into outdir/_vendor/npm/."""
    for name, (_, _, member) in PACKAGES.items():
        target = outdir / VENDOR_DIR / name
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        with tarfile.open(tarball(name)) as tar:
            for info in tar.getmembers():
                if info.isfile() and info.name.startswith(member) and not info.name.endswith(".map"):
                    (target / Path(info.name).name).write_bytes(tar.extractfile(info).read())
    (outdir / VENDOR_DIR / "require-config.js").write_text(REQUIRE_CONFIG, encoding="utf-8")
