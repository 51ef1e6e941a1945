"""Grade a folder of submissions to one assignment: each in a process of its own, with limits.

Every file in the folder (but the grader's own outputs and the roster) is a submission. Each runs
in a fresh kernel started by a worker process (edition.grading_worker) in a temporary folder of its
own, with

- a time limit for the whole submission (the worker, its kernel and anything they started are
  killed when it is reached) and one per cell (the cell is interrupted; grading goes on);
- a memory limit (address space, RLIMIT_AS) and a CPU-time limit (RLIMIT_CPU) on each process;
- a cap on the output kept, and a cap on the size of any file it writes;
- an environment with a read-only copy of the edition's code and data and no solutions, the tests
  copied read-only, HOME and TMPDIR inside the temporary folder, proxies pointing nowhere and,
  where the system allows (`unshare`), no network at all.

The tests are read from the instructor's copy (notebooks/assignments/tests/<name>/) once, before
any submission runs, and handed to the worker: a submission that rewrites its copy of the test
files changes nothing. A submission that hits a limit, crashes or ends its kernel, or is not a
notebook of this assignment gets a row saying so in plain words, with 0 for the questions it did
not reach; the others are graded as if it were not there. Submissions run in parallel, one per
core, so the time for a class is bounded before it starts: ceil(n / jobs) × the time limit.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import math
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pandas as pd

from . import paths
from .assignments import NAMES

KiB, MiB, GiB = 1 << 10, 1 << 20, 1 << 30
KILL_GRACE = 5.0  # seconds, per submission, for copying its folder in and killing and cleaning up after
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: an HTTP client that honours the proxy fails at once
WORKER = "import sys; from edition.grading_worker import main; sys.exit(main())"


@dataclass(frozen=True)
class Limits:
    """What one submission may use. The teacher's guide states these defaults."""

    wall: float = 120.0  # seconds for the whole submission, from the start of its process
    cell: float = 60.0  # seconds for one cell
    memory: int = 1 * GiB  # bytes of address space, for the kernel and for the grader's process each
    output: int = 1 * MiB  # characters of output kept from the submission's cells
    file_size: int = 256 * MiB  # largest file the submission may write
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # submissions graded at the same time

    @property
    def cpu(self) -> float:
        """CPU seconds per process: a backstop for a process that escaped the kill at the time limit."""
        return self.wall

    def describe(self) -> str:
        return (
            f"time limit {self.wall:g} s per submission, {self.cell:g} s per cell; memory "
            f"{size_text(self.memory)} per process; output kept {size_text(self.output)}; "
            f"{self.jobs} at a time"
        )


def size_text(n: int) -> str:
    for unit, size in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"


def parse_size(text: str) -> int:
    """'1GiB', '512MiB', '2G', '800M', '64k' or a number of bytes → bytes (for the command's options)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?b?)\s*", str(text), re.I)
    if not match:
        raise ValueError(f"not a size: {text!r} (say e.g. 1GiB, 512MiB)")
    number, unit = float(match[1]), match[2].lower()
    return int(number * {"": 1, "k": KiB, "m": MiB, "g": GiB}[unit])


def as_bytes(value: int | str) -> int:
    return parse_size(value) if isinstance(value, str) else int(value)


def time_bound(n: int, limits: Limits) -> float:
    """The longest a run over n submissions can take: ceil(n / jobs) rounds of the time limit."""
    return math.ceil(n / max(1, min(limits.jobs, n or 1))) * (limits.wall + KILL_GRACE)


def duration_text(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min" if seconds < 7200 else f"{seconds / 3600:.1f} h"


# -- the tests, from the instructor's copy ---------------------------------------------------


def tests_dir(assignment: str) -> Path:
    if assignment not in NAMES:
        raise ValueError(f"unknown assignment {assignment!r}; one of {', '.join(NAMES)}")
    return paths.ASSIGNMENTS / "tests" / assignment


def load_tests(assignment: str) -> dict[str, tuple[str, dict]]:
    """Question → (the test file's text, its OK-format spec), read once from the instructor's copy."""
    tests = {}
    for path in sorted(tests_dir(assignment).glob("q*.py")):
        text = path.read_text(encoding="utf-8")
        scope: dict = {}
        exec(compile(text, str(path), "exec"), scope)  # the instructor's own files, as otter reads them
        spec = json.loads(json.dumps(scope["test"]))
        tests[spec["name"]] = (text, spec)
    return tests


def possible_points(assignment: str) -> dict[str, float]:
    """Question name → points, from the assignment's otter test files."""
    from otter.test_files import OKTestFile

    return {q: float(OKTestFile.from_spec(spec, path=q).possible) for q, (_, spec) in load_tests(assignment).items()}


# -- one submission --------------------------------------------------------------------------


@dataclass
class Result:
    """What grading one file gave: each question's result, and what happened, in plain words."""

    submission: str
    points: dict[str, float]
    questions: dict[str, dict] = field(default_factory=dict)  # q → {score, possible, cases, [error]}
    notes: list[str] = field(default_factory=list)  # things that happened and grading went on
    error: str = ""  # why grading ended early, or could not start
    cell_errors: list[dict] = field(default_factory=list)  # the student's cells that raised an error
    finished: bool = False  # the notebook ran to its end
    unreadable: bool = False
    seconds: float = 0.0

    def score(self, q: str) -> float:
        return float(self.questions.get(q, {}).get("score") or 0.0)

    @property
    def total(self) -> float:
        return sum(self.score(q) for q in self.points)

    @property
    def possible(self) -> float:
        return sum(self.points.values())

    @property
    def not_reached(self) -> list[str]:
        return [] if self.unreadable else [q for q in self.points if q not in self.questions]

    def happened(self) -> list[str]:
        """What happened, in plain words: notes, the error that ended grading, questions not reached."""
        parts = [*self.notes, *([self.error] if self.error else [])]
        parts += [f"{q}: {r['error']}" for q, r in self.questions.items() if r.get("error")]
        if self.not_reached:
            parts.append(f"questions not reached (0 points): {', '.join(self.not_reached)}")
        return parts

    def error_text(self) -> str:
        return "; ".join(self.happened())

    def row(self) -> dict:
        return {
            "submission": self.submission,
            **{q: self.score(q) for q in self.points},
            "total": self.total,
            "possible": self.possible,
            "error": self.error_text(),
        }


@cache
def sandbox_prefix() -> tuple[str, ...]:
    """The command that puts the worker in a network namespace of its own, if this system allows it."""
    unshare = shutil.which("unshare")
    if not unshare or not sys.platform.startswith("linux"):
        return ()
    candidates = [(unshare, "--net")] if os.geteuid() == 0 else []
    candidates += [(unshare, "--net", "--map-current-user"), (unshare, "--net", "--map-root-user")]
    for prefix in candidates:
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            continue
    return ()


def network_text() -> str:
    prefix = sandbox_prefix()
    if prefix:
        return f"network: none (each submission in a network namespace of its own: {' '.join(prefix[1:])})"
    return "network: not isolated by the system (unshare unavailable); proxies point nowhere"


def read_only(path: Path) -> None:
    for p in sorted(path.rglob("*"), reverse=True):
        p.chmod(0o555 if p.is_dir() else 0o444)
    path.chmod(0o555)


def writable(path: Path) -> None:
    """Undo read_only (and whatever a submission did to its folder), so that it can be removed."""
    if not path.exists():
        return
    for dirpath, dirnames, _ in os.walk(path):
        for name in dirnames:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(dirpath, name), 0o755)
    path.chmod(0o755)


def remove(path: Path) -> None:
    writable(path)
    shutil.rmtree(path, ignore_errors=True)


def make_template(base: Path) -> Path:
    """The edition's code and data as a submission sees them: a copy, without notebooks/ (no solutions)."""
    from .validate import fingerprint, validated

    validated()  # the instructor's data pass the edition's check (or grading stops here, saying why)
    root = base / "template"
    ignore = shutil.ignore_patterns("*.pyc", "__pycache__")
    shutil.copytree(paths.ROOT / "src" / "edition", root / "src" / "edition", ignore=ignore)
    shutil.copytree(paths.DATA, root / "data", ignore=ignore)
    (root / "book").mkdir()
    shutil.copy2(paths.BOOK / "references.bib", root / "book" / "references.bib")
    stamp = root / ".cache" / "validated" / fingerprint(paths.DATA)
    stamp.parent.mkdir(parents=True)
    stamp.touch()
    import compileall

    compileall.compile_dir(str(root / "src"), quiet=2)
    try:
        import matplotlib

        fonts = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:  # noqa: BLE001 -- a cold font cache only costs the kernel a few seconds
        fonts = []
    (base / "mpl").mkdir()
    for font in fonts:
        shutil.copy2(font, base / "mpl" / font.name)
    return root


def environment(sub: Path, root: Path) -> dict[str, str]:
    """A small environment built from nothing: none of the teacher's variables (tokens, proxies) leak in."""
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(sub / "home"),
        "TMPDIR": str(sub / "tmp"),
        "PYTHONPATH": str(root / "src"),
        "JUPYTER_RUNTIME_DIR": str(sub / "runtime"),
        "JUPYTER_CONFIG_DIR": str(sub / "home" / ".jupyter"),
        "IPYTHONDIR": str(sub / "home" / ".ipython"),
        "MPLCONFIGDIR": str(sub / "mpl"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        # fewer threads and malloc arenas: far less address space reserved, and no fight over the cores
        "MALLOC_ARENA_MAX": "2",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "no_proxy": "",
        "NO_PROXY": "",
    }
    for name in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy"):
        env[name] = env[name.upper()] = DEAD_PROXY
    return env


def kill_tree(proc: subprocess.Popen, pids: list[int]) -> None:
    """Kill the worker, everything under it (its kernel runs in a session of its own) and the kernel's group."""
    import psutil

    victims = []
    try:
        worker = psutil.Process(proc.pid)
        victims = [worker, *worker.children(recursive=True)]
    except psutil.Error:
        pass
    for pid in pids:  # a kernel that outlived its worker: still a kernel, still leading its own group
        try:
            kernel = psutil.Process(pid)
            if os.getpgid(pid) == pid and any("ipykernel" in part for part in kernel.cmdline()):
                os.killpg(pid, signal.SIGKILL)
        except (psutil.Error, OSError):
            pass
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    for p in victims:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs([p for p in victims if p.pid != proc.pid], timeout=5)


def worker_death(code: int, limits: Limits) -> str:
    if code < 0:
        sig = signal.Signals(-code)
        if sig == signal.SIGXCPU:
            return f"CPU time limit ({limits.cpu:g} s) reached in the grader's process"
        return f"the grader's process was ended by {sig.name}"
    return f"the grader's process ended unexpectedly (exit status {code})"


def grade_one(
    path: Path, assignment: str, tests: dict, points: dict, limits: Limits, base: Path, template: Path, index: int
) -> Result:
    """Grade one file in a worker process of its own; never raises for anything the file does."""
    start = time.monotonic()
    result = Result(path.name, points)
    sub = base / f"s{index:04d}"
    try:
        root, work = sub / "edition", sub / "work"
        shutil.copytree(template, root)
        read_only(root)
        for name in ("home", "tmp", "runtime"):
            (sub / name).mkdir(parents=True)
        shutil.copytree(base / "mpl", sub / "mpl")
        copy = work / "tests" / assignment
        copy.mkdir(parents=True)
        for q, (text, _) in tests.items():
            (copy / f"{q}.py").write_text(text, encoding="utf-8")
        read_only(work / "tests")
        submission = work / path.name
        shutil.copyfile(path, submission)
        nonce = secrets.token_hex(8)
        job = {
            "nonce": nonce,
            "submission": str(submission),
            "assignment": assignment,
            "names": NAMES,
            "tests": {q: spec for q, (_, spec) in tests.items()},
            "workdir": str(work),
            "tests_copy": str(copy),
            "kernel_ip": str(sub / "k"),
            "log": str(sub / "worker.log"),
            "limits": {
                "cell": limits.cell,
                "memory": limits.memory,
                "cpu": limits.cpu,
                "output": limits.output,
                "file_size": limits.file_size,
            },
        }
        command = [*sandbox_prefix(), sys.executable, "-P", "-c", WORKER]
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=sub,
            env=environment(sub, root),
            start_new_session=True,
        )
        timed_out = False
        try:
            left = max(1.0, limits.wall - (time.monotonic() - start))
            out, _ = proc.communicate(json.dumps(job).encode(), timeout=left)
        except subprocess.TimeoutExpired:
            timed_out = True
            kill_tree(proc, [])
            out, _ = proc.communicate()
        events = parse(out, nonce)
        kill_tree(proc, [e["pid"] for e in events if e["event"] == "kernel"])  # whatever outlived the worker
        collect(result, events)
        if not result.unreadable and path.suffix not in (".ipynb", ".md"):
            result.notes.insert(
                0, f"the file's name ends in {path.suffix or 'no suffix'}, not .ipynb or .md; it was read as a notebook"
            )
        if timed_out:
            result.error = f"time limit ({limits.wall:g} s) reached"
        elif not (result.finished or result.error):
            result.error = worker_death(proc.returncode, limits)
    except Exception as err:  # noqa: BLE001 -- the grader's own trouble with one file is that file's row
        result.error = f"could not be graded: {type(err).__name__}: {err}"
    finally:
        remove(sub)
        result.seconds = time.monotonic() - start
    return result


def parse(out: bytes, nonce: str) -> list[dict]:
    events = []
    for line in out.decode("utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(event, dict) and event.get("nonce") == nonce and isinstance(event.get("event"), str):
            events.append(event)
    return events


def collect(result: Result, events: list[dict]) -> None:
    for e in events:
        kind = e["event"]
        if kind == "question" and e.get("name") in result.points and e["name"] not in result.questions:
            result.questions[e["name"]] = {k: e.get(k) for k in ("score", "possible", "cases", "error") if k in e}
        elif kind == "note" and e.get("text") not in result.notes:
            result.notes.append(str(e.get("text")))
        elif kind == "cell_error":
            result.cell_errors.append({"cell": e.get("cell"), "text": str(e.get("text"))})
        elif kind == "unreadable":
            result.unreadable, result.error = True, str(e.get("error"))
        elif kind in ("stopped", "failed"):
            result.error = str(e.get("error"))
        elif kind == "end":
            result.finished = True


# -- a folder --------------------------------------------------------------------------------

OUTPUT = re.compile(r"(grades|lms)-.+\.csv")


def submission_files(folder: Path, exclude: tuple[Path, ...] = ()) -> list[Path]:
    """Every file in folder, in name order, but hidden files and the grader's own outputs."""
    skip = {p.resolve() for p in exclude}
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not OUTPUT.fullmatch(p.name) and p.resolve() not in skip
    )


def grade_files(files: list[Path], assignment: str, limits: Limits = Limits(), progress: bool = False) -> list[Result]:
    """A Result per file, in the order given; the files run in parallel, limits.jobs at a time."""
    tests = load_tests(assignment)
    points = possible_points(assignment)
    if not files:
        return []
    base = Path(tempfile.mkdtemp(prefix="edition-grade-"))
    try:
        template = make_template(base)
        results: list[Result | None] = [None] * len(files)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(files), unit="submission", file=sys.stderr, dynamic_ncols=True)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(limits.jobs, len(files)))) as pool:
            futures = {
                pool.submit(grade_one, p, assignment, tests, points, limits, base, template, i): i
                for i, p in enumerate(files)
            }
            for future in concurrent.futures.as_completed(futures):
                results[futures[future]] = future.result()
                if bar is not None:
                    bar.set_postfix_str(files[futures[future]].name[:30], refresh=False)
                    bar.update()
        if bar is not None:
            bar.close()
        return [r for r in results if r is not None]
    finally:
        remove(base)


def grade_columns(assignment: str) -> list[str]:
    return ["submission", *possible_points(assignment), "total", "possible", "error"]


def table(results: list[Result], assignment: str) -> pd.DataFrame:
    return pd.DataFrame([r.row() for r in results], columns=grade_columns(assignment))


def grade_folder(folder: Path, assignment: str, limits: Limits = Limits(), progress: bool = False) -> pd.DataFrame:
    """A row per submission in folder, in name order (the per-question table)."""
    return table(grade_files(submission_files(folder), assignment, limits, progress), assignment)


def grade_file(path: Path, assignment: str, limits: Limits = Limits()) -> dict:
    """One row: the file, the score of each question, total, possible and what happened."""
    return grade_files([path], assignment, limits)[0].row()


def grade_command(
    folder: Path,
    assignment: str,
    csv: Path | None = None,
    roster: Path | None = None,
    lms_csv: Path | None = None,
    feedback: Path | None = None,
    lms_column: str | None = None,
    wall: float = Limits.wall,
    cell: float = Limits.cell,
    memory: int | str = Limits.memory,
    output: int | str = Limits.output,
    jobs: int | None = None,
    progress: bool = True,
) -> int:
    """`python -m edition grade`: grade a folder, print the table, write the table, LMS CSV and feedback.

    Returns 0 when every submission got its row (whatever its error), 2 when the run could not start.
    """
    from . import gradebook

    folder = Path(folder)
    limits = Limits(
        wall=float(wall),
        cell=float(cell),
        memory=as_bytes(memory),
        output=as_bytes(output),
        jobs=jobs or os.cpu_count() or 1,
    )
    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return 2
    if limits.cell > limits.wall:
        print(
            f"error: the cell time limit ({limits.cell:g} s) is longer than the time limit ({limits.wall:g} s)",
            file=sys.stderr,
        )
        return 2
    csv = Path(csv) if csv else folder / f"grades-{assignment}.csv"
    feedback = Path(feedback) if feedback else folder / f"feedback-{assignment}"
    students = []
    if roster:
        try:
            students = gradebook.read_roster(Path(roster))
        except (OSError, ValueError) as err:
            print(f"error: roster {roster}: {err}", file=sys.stderr)
            return 2
    files = submission_files(folder, exclude=tuple(p for p in (roster, csv, lms_csv) if p))
    limits = replace(limits, jobs=max(1, min(limits.jobs, len(files) or 1)))
    bound = time_bound(len(files), limits)
    print(f"grading {len(files)} submission(s) to {assignment}: {limits.describe()}")
    print(network_text())
    print(
        f"the run ends within {duration_text(bound)} (ceil({len(files)} / {limits.jobs}) × "
        f"({limits.wall:g} s + {KILL_GRACE:g} s))",
        flush=True,
    )
    start = time.monotonic()
    results = grade_files(files, assignment, limits, progress=progress)
    points = possible_points(assignment)
    matches = gradebook.match(students, results) if students else []
    frame = gradebook.teacher_table(results, matches, points) if students else table(results, assignment)
    with pd.option_context("display.max_colwidth", 80, "display.width", 200):
        print(frame.to_string(index=False))
    frame.to_csv(csv, index=False)
    print(f"wrote {csv}")
    written = gradebook.write_feedback(feedback, assignment, results, matches, points)
    print(f"wrote {len(written)} feedback file(s) in {feedback}")
    if students:
        lms_csv = Path(lms_csv) if lms_csv else folder / f"lms-{assignment}.csv"
        gradebook.lms_table(matches, lms_column or gradebook.lms_column(assignment)).to_csv(lms_csv, index=False)
        print(f"wrote {lms_csv} (for the LMS: Canvas or Moodle; see the teacher's guide)")
    else:
        print("no --roster: no LMS CSV written")
    print(f"graded in {time.monotonic() - start:.0f} s")
    return 0
