"""The execution cache: a page's code runs again only when its code, the data or the edition's package change.

myst-nb's execution cache (jupyter-cache, execute_notebooks: cache in _config.yml) keys a
notebook on its code cells alone: it does not see data/ or the package the cells import.
So the cache lives in a folder named by a fingerprint of everything else the kernels
read: .cache/jupyter-cache/<fingerprint> in the book's root (edition.paths.ROOT), where
the fingerprint hashes data/ (the witness, the decisions and every dataset),
book/references.bib (which the data's validation reads), every file of the package,
requirements.txt, the Python version and the installed distributions. Then:

- a prose edit re-reads its page, whose code cells hash as before: no kernel starts;
- a change to data/ or the package names a new, empty folder: every notebook runs again.
  The folder is the Sphinx config value nb_execution_cache_path, which myst-nb declares
  with rebuild="env", so Sphinx also reads every page again (the index pages, built from
  data/ in Sphinx, and the chart pages alike): no page keeps a chart of the old data;
- the HTML, PDF and EPUB builds of one checkout share the folder: whichever runs second
  executes nothing;
- the folder is in the checkout (.cache/ is ignored by git): a fresh clone, and CI, start
  without one; the 4 most recently used folders are kept, older ones are removed.

When Sphinx is about to read the pages, the notebooks among them that the cache lacks start,
at most 2 at a time (WORKERS), while Sphinx reads the other pages first; before it reads
each notebook it waits for that notebook's run and caches its outputs, where myst-nb then
finds them. A notebook that fails here is not cached: myst-nb runs it again as it reads
it, and reports the error as usual (which fails the build).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import paths

logger = logging.getLogger(__name__)

CACHES = Path(".cache") / "jupyter-cache"  # under the book's root
KEEP = 4  # cache folders kept: the current one and the 3 most recently used before it
WORKERS = 2  # kernels at a time: the build machines have 2 cores
PACKAGE = Path(__file__).resolve().parents[1]


def inputs(root: Path) -> list[tuple[str, Path]]:
    """Every file the kernels read besides their own page, each with the name it is hashed under."""
    files = [(f"data/{p.relative_to(root / 'data').as_posix()}", p) for p in (root / "data").rglob("*")]
    files += [
        (f"edition/{p.relative_to(PACKAGE).as_posix()}", p) for p in PACKAGE.rglob("*") if "__pycache__" not in p.parts
    ]
    files += [("book/references.bib", root / "book" / "references.bib")]
    files += [("requirements.txt", paths.CHECKOUT / "requirements.txt")]
    return sorted((name, path) for name, path in files if path.is_file())


def installed() -> list[str]:
    """The installed distributions, by their metadata folders' names (name-version.dist-info): a listing of
    the folders on sys.path, far quicker than reading every distribution's metadata."""
    return sorted(
        entry.name
        for folder in map(Path, sys.path)
        if folder.is_dir()
        for entry in folder.iterdir()
        if entry.suffix in (".dist-info", ".egg-info")
    )


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for name, path in inputs(root):
        digest.update(f"{name}\0{path.stat().st_size}\0".encode() + path.read_bytes())
    digest.update("\n".join([sys.version, *installed()]).encode())
    return digest.hexdigest()[:20]


def prune(caches: Path, current: Path) -> None:
    """Mark current as just used; remove all but the KEEP most recently used cache folders."""
    current.mkdir(parents=True, exist_ok=True)
    os.utime(current)
    folders = sorted((p for p in caches.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def point_cache(app: Sphinx, config) -> None:
    """Set nb_execution_cache_path to the folder of this fingerprint (config-inited, before myst-nb reads it)."""
    root = paths.ROOT
    if Path(app.srcdir).resolve() != root:
        raise ExtensionError(
            f"the book at {app.srcdir} is not the one whose data the kernels read ({root}): "
            "build it with python -m edition build (or set EDITION_ROOT to it)"
        )
    if config.nb_execution_mode != "cache":
        return
    caches = root / CACHES
    current = caches / fingerprint(root)
    prune(caches, current)
    config.nb_execution_cache_path = str(current)
    logger.info(f"edition: execution cache {current.relative_to(root)} (data/, package and environment)")


def executable(app: Sphinx, docname: str):
    """(path, notebook) if docname is a notebook that myst-nb would execute in cache mode, else None."""
    from myst_nb.core.read import create_nb_reader

    env = app.env
    nb_config = env.mystnb_config
    path = Path(env.doc2path(docname))
    if any(PurePosixPath(path.as_posix()).match(p) for p in nb_config.execution_excludepatterns):
        return None
    text = path.read_text(encoding="utf-8-sig")
    reader = create_nb_reader(str(path), env.myst_config, nb_config, text)
    if reader is None:
        return None
    notebook = reader.read(text)
    if notebook.metadata.get(nb_config.metadata_key, {}).get("execution_mode", "cache") != "cache":
        return None
    return path, notebook


def start_missing(app: Sphinx, env, docnames: list[str]) -> None:
    """Start the notebooks about to be read that the cache lacks, WORKERS at a time, and read them last.

    Sphinx reads the other pages meanwhile; await_notebook waits for each notebook's run before
    myst-nb reads it (env-before-read-docs may reorder the docnames it is given).
    """
    nb_config = env.mystnb_config
    if nb_config.execution_mode != "cache" or nb_config.kernel_rgx_aliases:
        return  # aliases rename kernels in myst-nb's reading only: leave such notebooks to myst-nb
    from jupyter_cache import get_cache
    from jupyter_cache.executors.utils import single_nb_execution

    cache = get_cache(nb_config.execution_cache_path)
    notebooks = {d: nb for d in sorted(docnames) if (nb := executable(app, d))}
    missing = {}
    for docname, (path, notebook) in notebooks.items():
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            missing[docname] = (path, notebook)
    if notebooks and not missing:
        logger.info(f"edition: the {len(notebooks)} notebook page(s) to read have cached outputs: no kernel starts")
    if not missing:
        return
    logger.info(f"edition: executing {len(missing)} notebook(s), {WORKERS} at a time: {', '.join(missing)}")
    pool = ThreadPoolExecutor(max_workers=min(WORKERS, len(missing)), thread_name_prefix="edition-kernel")
    app.edition_runs = {
        docname: (
            path,
            notebook,
            pool.submit(
                single_nb_execution,
                notebook,
                cwd=str(path.parent),
                timeout=nb_config.execution_timeout,
                allow_errors=nb_config.execution_allow_errors,
                meta_override=True,
            ),
        )
        for docname, (path, notebook) in missing.items()
    }
    pool.shutdown(wait=False)  # the runs go on; no more are submitted
    docnames[:] = [d for d in docnames if d not in missing] + list(missing)


def await_notebook(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before myst-nb reads a notebook started by start_missing: wait for its run, and cache its outputs."""
    run = getattr(app, "edition_runs", {}).pop(docname, None)
    if run is None:
        return
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    path, notebook, future = run
    try:
        result = future.result()
    except Exception as err:  # a kernel that would not start, say: myst-nb tries again, and reports it
        logger.info(f"edition: {docname} could not run ({type(err).__name__}): myst-nb runs it again")
        return
    if result.err is None:
        bundle = CacheBundleIn(notebook, str(path), data={"execution_seconds": result.time})
        get_cache(app.env.mystnb_config.execution_cache_path).cache_notebook_bundle(
            bundle, check_validity=False, overwrite=True
        )
        logger.info(f"edition: executed {docname} in {result.time:.1f} s, outputs cached")
    else:
        logger.info(
            f"edition: {docname} failed ({type(result.err).__name__}): myst-nb runs it again, reports the error"
        )


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", point_cache)
    app.connect("env-before-read-docs", start_missing)
    app.connect("source-read", await_notebook)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
