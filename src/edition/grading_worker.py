"""Grade one submission in a process of its own (edition.grading starts main() with ``python -P -c``).

The parent starts this module in a new session, in a fresh temporary folder, with an environment
it has prepared (no solutions, the edition's code and data copied read-only, proxies pointing
nowhere, HOME and TMPDIR inside the temporary folder). It writes one JSON job on standard input:
the submission's path, the assignment, the tests (the instructor's copy, read by the parent before
any submission ran) and the limits. This process then

1. sets its own limits (address space, CPU time, file size), which the kernel it starts inherits;
2. reads the submission (.ipynb or a MyST text notebook) and refuses, in plain words, what is not
   one: an empty file, invalid JSON, a Markdown file with no code cells, a notebook of another
   assignment;
3. runs it cell by cell in a fresh kernel with a time limit per cell, keeping at most a fixed
   amount of output; after each ``grader.check("qN")`` cell, and at the end for questions whose
   check the student deleted, it runs that question's tests from the job (never from a file
   the submission could have changed);
4. reports JSON lines on standard output, each carrying the job's nonce, as it goes: so that
   what was graded before a kernel crash or a time limit is not lost.

The kernel's own standard output and error go to /dev/null and to a log file: nothing it prints
reaches the parent except through the kernel protocol.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import signal
import sys
from pathlib import Path

GRADE_MIME = "application/vnd.edition.grade+json"
CHECK = re.compile(r"""grader\.check\(\s*["'](q\d+)["']\s*\)""")
TESTS_DIR = re.compile(r"""tests_dir\s*=\s*["'](?:\./)?tests/([\w.-]+?)/?["']""")
PROBE_SECONDS = 5  # after a cell time limit: how long the interrupted kernel has to answer again
IOPUB_SECONDS = 4  # after a cell's reply: how long its last output may take to arrive
MESSAGE_CHARS = 2000  # longest message kept from a test or an error


class Unreadable(Exception):
    """The file is not a notebook of this assignment; the message says why, in plain words."""


def size_text(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"


def set_limits(limits: dict) -> None:
    memory, cpu, fsize = limits["memory"], int(limits["cpu"]), limits["file_size"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # soft: SIGXCPU; hard: SIGKILL
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# -- reading ---------------------------------------------------------------------------------


def read_submission(path: Path, assignment: str, names: list[str]):
    """A notebook (nbformat v4) from path, or Unreadable with the reason."""
    import jupytext
    import nbformat

    raw = path.read_bytes()
    if not raw.strip():
        raise Unreadable("empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("not a notebook: not UTF-8 text (a binary file?)") from None
    as_json = path.suffix == ".ipynb" or (path.suffix != ".md" and text.lstrip().startswith("{"))
    if as_json:
        try:
            json.loads(text)
        except json.JSONDecodeError as err:
            raise Unreadable(
                f"not a notebook: invalid JSON ({err.msg} at line {err.lineno}, column {err.colno})"
            ) from None
        try:
            nb = nbformat.reads(text, as_version=4)
            nbformat.validate(nb)
        except Exception as err:  # noqa: BLE001 -- any schema problem is the same answer
            raise Unreadable(f"not a notebook: JSON, but not in the notebook format ({type(err).__name__})") from None
    else:
        try:
            nb = jupytext.reads(text, fmt="md")
        except Exception as err:  # noqa: BLE001
            first = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
            raise Unreadable(f"not a MyST notebook: jupytext cannot read it ({first})") from None
        if not any(c.cell_type == "code" for c in nb.cells):
            raise Unreadable("not a MyST notebook: no code cells ({code-cell} blocks); it reads as plain Markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    named = set(TESTS_DIR.findall(code))
    if named and assignment not in named and named & set(names):
        raise Unreadable(f"notebook for another assignment ({', '.join(sorted(named & set(names)))})")
    return nb


# -- the notebook that runs ------------------------------------------------------------------


def grading_cell(questions: list[str], tests: dict, nonce: str):
    """A cell that runs the questions' tests on the kernel's globals and displays the results.

    The tests are in the cell's source, from the job: a test file changed on disk changes nothing.
    """
    import nbformat

    name = f"_edition_grade_{nonce}"
    specs = json.dumps(json.dumps({q: tests[q] for q in questions}))
    source = f'''def {name}(questions, specs):
    import json, traceback
    from IPython.display import display
    from otter.test_files import OKTestFile
    out = []
    for q in questions:
        spec = json.loads(specs)[q]
        try:
            test = OKTestFile.from_spec(spec, path=q)
            test.run(globals())
            cases = [{{"name": r.test_case.name, "passed": bool(r.passed),
                      "failure_message": r.test_case.failure_message or "",
                      "message": (r.message or "")[:{MESSAGE_CHARS}]}} for r in test.test_case_results]
            out.append({{"name": q, "score": float(test.score), "possible": float(test.possible),
                        "cases": cases}})
        except BaseException as err:
            out.append({{"name": q, "score": 0.0, "possible": None, "cases": [],
                        "error": f"the test could not run: {{type(err).__name__}}: {{err}}"[:{MESSAGE_CHARS}]}})
    display({{"{GRADE_MIME}": {{"nonce": "{nonce}", "results": out}}}}, raw=True)
{name}({questions!r}, {specs})
del {name}
'''
    return nbformat.v4.new_code_cell(source, metadata={"edition_grading": questions})


def plan(nb, tests: dict, nonce: str):
    """The submission's code cells, a grading cell after each student check, one at the end for the rest.

    Returns the cells and, for each, its number among the student's code cells (None for ours).
    """
    cells, numbers, done, n = [], [], set(), 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        n += 1
        cell.outputs, cell.execution_count = [], None
        cells.append(cell)
        numbers.append(n)
        asked = [q for q in dict.fromkeys(CHECK.findall(cell.source)) if q in tests and q not in done]
        if asked:
            cells.append(grading_cell(asked, tests, nonce))
            numbers.append(None)
            done.update(asked)
    rest = [q for q in tests if q not in done]
    if rest:
        cells.append(grading_cell(rest, tests, nonce))
        numbers.append(None)
    return cells, numbers


def first_line(source: str) -> str:
    line = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
    return line if len(line) <= 40 else line[:37] + "..."


# -- running ---------------------------------------------------------------------------------


def make_client(nb, job: dict, report):
    from nbclient import NotebookClient

    limit = job["limits"]["output"]

    class Client(NotebookClient):
        """Keeps at most `limit` characters of output from the student's cells, and notes a cell time limit.

        At the limit nbclient interrupts the kernel and gives up waiting for that cell (interrupt_on_timeout
        with error_on_timeout): its reader of the cell's output is cancelled, so the next cells' output
        is not lost to it.
        """

        kept = 0
        truncated = False
        timed_out = False

        async def _async_handle_timeout(self, timeout, cell=None):
            self.timed_out = True
            return await super()._async_handle_timeout(timeout, cell)

        def output(self, outs, msg, display_id, cell_index):
            cell = self.nb.cells[cell_index]
            if "edition_grading" not in cell.metadata:
                content = msg.get("content", {})
                size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
                size += sum(len(t) for t in content.get("traceback", []))
                if self.kept + size > limit:
                    if not self.truncated:
                        self.truncated = True
                        report(
                            "note", text=f"output cut at the output limit ({size_text(limit)}); the rest was not kept"
                        )
                    if msg["msg_type"] != "error":
                        return None
                    # an error is kept, short: what it was matters (MemoryError, SystemExit)
                    msg = {
                        **msg,
                        "content": {**content, "evalue": str(content.get("evalue", ""))[:300], "traceback": []},
                    }
                    size = 0
                self.kept += size
            return super().output(outs, msg, display_id, cell_index)

    return Client(
        nb,
        timeout=int(job["limits"]["cell"]),
        allow_errors=True,
        kernel_name="python3",
        resources={"metadata": {"path": job["workdir"]}},
        record_timing=False,
        iopub_timeout=IOPUB_SECONDS,
        shutdown_kernel="immediate",
        interrupt_on_timeout=True,
        error_on_timeout={"ename": "CellTimeoutError", "evalue": "cell time limit", "traceback": []},
    )


def death(code: int | None, limits: dict, where: str) -> str:
    """Plain words for how the kernel ended."""
    if code is None:
        return f"the kernel stopped answering {where}"
    if code < 0:
        sig = signal.Signals(-code)
        if sig == signal.SIGXCPU:
            return f"CPU time limit ({limits['cpu']:g} s) reached {where}"
        if sig == signal.SIGXFSZ:
            return f"file size limit ({size_text(limits['file_size'])}) exceeded {where}"
        if sig in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            return (
                f"the kernel crashed {where} ({sig.name}), most likely at the memory limit "
                f"({size_text(limits['memory'])})"
            )
        return f"the kernel was ended by {sig.name} {where}"
    return f"the notebook ended the kernel (os._exit or similar, exit status {code}) {where}"


def run(job: dict, report) -> None:
    import nbformat
    from jupyter_client import AsyncKernelManager
    from nbclient.exceptions import DeadKernelError

    limits = job["limits"]
    tests_before = {p.name: p.read_bytes() for p in sorted(Path(job["tests_copy"]).glob("*.py"))}
    try:
        nb = read_submission(Path(job["submission"]), job["assignment"], job["names"])
    except Unreadable as err:
        report("unreadable", error=str(err))
        return
    except MemoryError:
        report("unreadable", error=f"memory limit ({size_text(limits['memory'])}) exceeded while reading the file")
        return
    cells, numbers = plan(nb, job["tests"], job["nonce"])
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    report("read", cells=sum(n is not None for n in numbers))
    km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=job["kernel_ip"])
    client = make_client(nb, job, report)
    client.km = km
    kernel = None
    stopped = None
    try:
        with client.setup_kernel(cwd=job["workdir"]):
            kernel = km.provisioner.process
            report("kernel", pid=kernel.pid)
            for index, cell in enumerate(nb.cells):
                number = numbers[index]
                where = f"in code cell {number} ({first_line(cell.source)})" if number else "while running the tests"
                try:
                    client.timed_out = False
                    client.iopub_timeout = IOPUB_SECONDS if number else 30  # the results must arrive
                    client.execute_cell(cell, index)
                    if client.timed_out:  # interrupted; does the kernel answer again?
                        client.timeout, client.timed_out = PROBE_SECONDS, False
                        client.execute_cell(nbformat.v4.new_code_cell("pass"), index)
                        client.timeout = int(limits["cell"])
                        if client.timed_out:
                            stopped = (
                                f"cell time limit ({limits['cell']:g} s) reached {where}; the cell "
                                "did not stop when interrupted, so the notebook was stopped there"
                            )
                            break
                        report(
                            "note",
                            text=f"cell time limit ({limits['cell']:g} s) reached {where}; "
                            "the cell was interrupted and grading went on",
                        )
                        continue
                except DeadKernelError:
                    try:
                        code = kernel.wait(timeout=5)
                    except Exception:  # noqa: BLE001
                        code = kernel.poll()
                    stopped = death(code, limits, where)
                    break
                inspect(cell, number, where, limits, report, job["nonce"])
    finally:
        if kernel is not None and kernel.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(os.getpgid(kernel.pid), signal.SIGKILL)
    copy = Path(job["tests_copy"])
    if not Path(job["workdir"]).exists():
        report("note", text="the notebook deleted its working folder")
    elif not copy.is_dir() or {p.name: p.read_bytes() for p in sorted(copy.glob("*.py"))} != tests_before:
        report("note", text="the notebook changed the test files; it was graded with the instructor's copy")
    if stopped:
        report("stopped", error=stopped)
    else:
        report("end")


def inspect(cell, number, where: str, limits: dict, report, nonce: str) -> None:
    """Report a grading cell's results, or what happened in a student's cell worth the teacher's notice."""
    if number is None:
        for out in cell.outputs:
            data = out.get("data", {}).get(GRADE_MIME)
            if out.get("output_type") == "display_data" and isinstance(data, dict) and data.get("nonce") == nonce:
                for result in data.get("results", []):
                    report("question", **result)
                return
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        detail = f": {errors[0].get('ename')}: {errors[0].get('evalue', '')}"[:300] if errors else ""
        report("note", text=f"the tests could not report {where}{detail}")
        return
    for out in cell.outputs:
        if out.get("output_type") != "error":
            continue
        ename, evalue = out.get("ename", ""), str(out.get("evalue", ""))[:300]
        if ename == "MemoryError":
            report(
                "note",
                text=f"memory limit ({size_text(limits['memory'])}) exceeded {where}; "
                "the cell stopped and grading went on",
            )
        elif ename == "SystemExit":
            report("note", text=f"sys.exit() called {where}; the kernel went on")
        else:
            report("cell_error", cell=number, text=f"{ename}: {evalue}")


def main() -> int:
    job = json.loads(sys.stdin.read())
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)  # not inherited by the kernel
    devnull = os.open(os.devnull, os.O_RDWR)
    log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(log, 2)

    def report(event: str, **fields) -> None:
        channel.write(json.dumps({"nonce": job["nonce"], "event": event, **fields}) + "\n")
        channel.flush()

    try:
        set_limits(job["limits"])
        run(job, report)
    except MemoryError:
        report(
            "failed", error=f"memory limit ({size_text(job['limits']['memory'])}) exceeded in the grader's own process"
        )
    except Exception as err:  # noqa: BLE001 -- the parent turns this into the row's error
        import traceback

        traceback.print_exc()
        report("failed", error=f"the grader failed: {type(err).__name__}: {str(err)[:300]}")
    return 0
