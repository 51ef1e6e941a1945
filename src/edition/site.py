"""The built site as an offline zip (the browser harness of the tests is tests/browser.py)."""
from __future__ import annotations

import zipfile
from pathlib import Path


def bundle(site: Path, target: Path) -> Path:
    """The built site as a zip that works opened from disk: unpack it and open index.html.

    It leaves out the copy of itself that an earlier build put in downloads/.
    """
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and path.relative_to(site).as_posix() != f"downloads/{target.name}":
                archive.write(path, Path("edition") / path.relative_to(site))
    return target
