"""Grade every submission of an assignment: real nbgrader autograde, in parallel, each kernel sandboxed.

How one run works:
- The gradebook is copied once (SQLite backup). Each worker process grades one submission at a time with
  nbgrader's own ``Autograde`` (sanitising, restoring locked cells, executing, scoring) in a scratch course of
  its own: a copy of the submission, a copy of the gradebook, the assignment's source. Workers never open the
  real gradebook, so they cannot lock it.
- The kernel that runs the student's code is started through :mod:`lcai.sandbox`: it sees none of the scratch
  course, the course or the network.
- The main process is the only writer of the real gradebook: it copies each result in (the fields nbgrader's
  autograde writes: submission time, automatic scores and comments, late penalty), one transaction per
  submission, then moves the autograded notebook into ``autograded/``. Running again replaces the same rows.
- Each submission gets one status (:data:`lcai.statuses.STATUSES`), saved in ``grading/<assignment>.json`` for
  ``lcai export``.
"""

import asyncio
import json
import multiprocessing
import os
import re
import shutil
import sqlite3
import stat
import sys
import tempfile
import time
import traceback
import warnings
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import wait
from pathlib import Path

import nbformat

from lcai import integrity, sandbox, sanitize, verdicts
from lcai.errors import KitError
from lcai.nbgrader_course import gradebook_url
from lcai.statuses import STATUSES, save_statuses

# Bytes of output (as JSON) kept per cell; the rest is dropped as it streams in. Above the kernel's own cap
# (lcai.grading_kernel), so it only acts when student code removed that cap.
OUTPUT_LIMIT = 16 * 1024 * 1024
TRUNCATION_NOTE = "[lcai: output beyond the grader's limit was dropped]\n"
SCRATCH_STUDENT = "student"
WRITTEN_LIST = "files-written.txt"  # beside a scratch submission's autograded folder: what its notebook wrote
REFERENCE_TIMEOUT = 600  # seconds per cell for the model solution: its records are what every submission needs


@dataclass
class Result:
    """The outcome of grading one submission."""

    student: str
    status: str
    detail: str = ""
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    scores: dict | None = field(default=None, repr=False)  # what nbgrader wrote to the scratch gradebook

    @property
    def needs_attention(self) -> bool:
        return STATUSES[self.status][0]


@dataclass
class Settings:
    """What every worker needs; picklable so it reaches forked workers unchanged."""

    course_root: Path
    assignment: str
    run_folder: Path
    timeout: int | None
    use_sandbox: bool
    environment: dict = field(default_factory=dict)


def _limited_execute_class():
    """nbgrader's Execute preprocessor, keeping at most OUTPUT_LIMIT bytes of output per cell as it arrives."""
    from jupyter_core.utils import ensure_async, run_sync
    from nbgrader.preprocessors import Execute

    class LimitedExecute(Execute):
        """Keeps at most OUTPUT_LIMIT bytes of a cell's output and interrupts a cell that floods; errors always stay."""

        def preprocess(self, nb, resources=None, km=None):
            self._output_bytes, self._interrupts = {}, []
            return super().preprocess(nb, resources, km)

        async def async_start_new_kernel_client(self):
            client = await super().async_start_new_kernel_client()
            if self.km.transport == "ipc":  # sandboxed: the kernel has made its sockets and runs no student code yet
                sandbox.seal_sockets(Path(self.km.ip).parent)
            return client

        start_new_kernel_client = run_sync(async_start_new_kernel_client)  # the base class binds its own

        async def _async_cleanup_kernel(self):
            if self.km is not None and self.km.transport == "ipc" and self.km.provisioner is not None:
                # The kernel's working folder is a tmpfs that ends with it: keep what the notebook wrote there.
                folder = Path(self.resources.get("metadata", {}).get("path", ""))
                written = sandbox.keep_written_files(self.km.provisioner.pid, folder) if folder.is_dir() else []
                if written:
                    (folder.parent / WRITTEN_LIST).write_text("\n".join(written))
            await super()._async_cleanup_kernel()

        _cleanup_kernel = run_sync(_async_cleanup_kernel)

        def output(self, outs, msg, display_id, cell_index):
            size = self._output_bytes.get(cell_index, 0) + len(json.dumps(msg.get("content", {})))
            self._output_bytes[cell_index] = size
            if size <= OUTPUT_LIMIT or msg["msg_type"] == "error":  # an error decides a test's score: never drop it
                return super().output(outs, msg, display_id, cell_index)
            if not any(out.get("text") == TRUNCATION_NOTE for out in outs):
                outs.append(nbformat.v4.new_output("stream", name="stderr", text=TRUNCATION_NOTE))
                # Stop the flood at its source; the cell ends with KeyboardInterrupt, like a student pressing stop.
                self._interrupts.append(asyncio.ensure_future(ensure_async(self.km.interrupt_kernel())))
            return None

    return LimitedExecute


def submissions(course_root: Path, assignment: str) -> list[str]:
    """Students with a folder ``submitted/<student>/<assignment>``, sorted."""
    folder = course_root / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir() and not p.name.startswith("."))


def _assignment_facts(database: Path, course_root: Path, assignment: str) -> dict:
    """Notebook names, locked cells as students received them, and the maximum autograded score."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(gradebook_url(database)) as gradebook:
        try:
            found = gradebook.find_assignment(assignment)
        except MissingEntry:
            raise KitError(
                f"assignment {assignment!r} is not in the gradebook: run `lcai release {assignment}` first."
            ) from None
        names, maximum = sorted(notebook.name for notebook in found.notebooks), found.max_code_score
        # nbgrader restores the cells the gradebook calls locked, whatever the release's metadata says.
        restored = {
            notebook.name: {cell.name for cell in notebook.source_cells if cell.locked} for notebook in found.notebooks
        }
    locked = {}
    for name in names:
        # The release, not the gradebook: the gradebook's copy of a test cell still holds its hidden tests.
        path = course_root / "release" / assignment / f"{name}.ipynb"
        if not path.is_file():
            raise KitError(f"{path} is missing: run `lcai release {assignment}` first.")
        cells = nbformat.read(path, as_version=4).cells
        locked[name] = {
            c.metadata["nbgrader"]["grade_id"]: _locked_cell(c)
            for c in cells
            if c.metadata.get("nbgrader", {}).get("grade_id") in restored[name]
        }
    return {"notebooks": names, "locked": locked, "max_score": maximum}


def copy_regular_files(source: Path, destination: Path) -> list[str]:
    """Copy the regular files that really are inside ``source``; return what was left out, and why.

    Symbolic links (to files or folders), hard links (a file with more than one name may be a file from
    elsewhere, such as the source notebook) and special files are never followed or copied.
    """
    skipped = []
    destination.mkdir(parents=True, exist_ok=True)
    for parent, folders, files in os.walk(source):  # os.walk never descends into a linked folder
        here = Path(parent)
        for name in sorted(folders):
            if (here / name).is_symlink():
                skipped.append(f"{(here / name).relative_to(source)} (a link)")
            else:
                (destination / (here / name).relative_to(source)).mkdir(exist_ok=True)
        for name in sorted(files):
            path = here / name
            relative = path.relative_to(source)
            try:
                info = os.lstat(path)
            except OSError:
                skipped.append(f"{relative} (unreadable)")
                continue
            if stat.S_ISLNK(info.st_mode):
                skipped.append(f"{relative} (a link)")
            elif not stat.S_ISREG(info.st_mode):
                skipped.append(f"{relative} (not a regular file)")
            elif info.st_nlink > 1:
                skipped.append(f"{relative} (a hard link)")
            else:
                with open(path, "rb", opener=_no_follow) as reading, open(destination / relative, "wb") as writing:
                    shutil.copyfileobj(reading, writing)
                (destination / relative).chmod(0o644)
    return skipped


def _no_follow(path, flags):
    """``open`` that refuses a path that became a link after it was checked."""
    return os.open(path, flags | os.O_NOFOLLOW)


def _read_notebooks(folder: Path, facts: dict) -> tuple[dict[str, nbformat.NotebookNode], tuple[str, str] | None]:
    """({name: notebook}, None) when every expected notebook reads; ({}, (status, detail)) when one cannot."""
    notebooks = {}
    for name in facts["notebooks"]:
        path = folder / f"{name}.ipynb"
        if not path.is_file():
            found = ", ".join(sorted(p.name for p in folder.iterdir())) or "nothing"
            return {}, ("no notebook", f"{name}.ipynb is missing (submitted: {found})")
        try:
            notebooks[name] = nbformat.read(path, as_version=4)
            nbformat.validate(notebooks[name])
        except Exception as error:  # noqa: BLE001 - any reason a file is not a notebook counts the same
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            return {}, ("not a notebook", f"{name}.ipynb: {reason[:160]}")
    return notebooks, None


def _locked_cell(cell) -> tuple[str, dict]:
    """What must not change in a locked cell: its source and its nbgrader flags (checksums aside)."""
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    flags = {key: value for key, value in nbgrader.items() if key not in {"checksum", "cell_type", "locked"}}
    return cell.source, flags


def _changes(notebooks: dict[str, nbformat.NotebookNode], facts: dict) -> tuple[list[str], list[str]]:
    """(locked cells the student changed or deleted, tampering constructs in the student's code)."""
    changed, suspicious = [], []
    for name, notebook in notebooks.items():
        locked = facts["locked"][name]
        present = {cell.metadata.get("nbgrader", {}).get("grade_id"): _locked_cell(cell) for cell in notebook.cells}
        changed += [grade_id for grade_id, cell in locked.items() if present.get(grade_id) != cell]
        suspicious += integrity.notebook_problems(notebook, {k: source for k, (source, _) in locked.items()})
    return changed, suspicious


def _nbgrader_config(settings: Settings, scratch_course: Path, sockets: Path | None):
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(settings.course_root)).load_config()
    overrides = Config()
    overrides.CourseDirectory.root = str(scratch_course)
    overrides.CourseDirectory.db_url = gradebook_url(scratch_course / "gradebook.db")
    overrides.Application.log_level = "WARN"
    # After a cell's reply, output still queued must arrive within this time; a flood needs more than the default 4 s.
    overrides.Execute.iopub_timeout = 30
    if settings.timeout:
        overrides.Execute.timeout = settings.timeout
    overrides.Autograde.autograde_preprocessors = verdicts.autograde_preprocessors(execute=_limited_execute_class())
    overrides.JudgeTestCells.reference_file = str(verdicts.reference_path(settings.course_root, settings.assignment))
    if sockets is not None:
        overrides.Execute.kernel_name = sandbox.KERNEL_NAME
        overrides.KernelManager.transport = "ipc"
        overrides.KernelManager.ip = str(sockets)
    config.merge(overrides)
    return config


# nbgrader steps that match submitted cells to the gradebook: a failure there means the metadata was tampered with.
METADATA_STEPS = (
    "overwritecells",
    "checkcellmetadata",
    "deduplicateids",
    "saveautogrades",
    "MissingEntry",
    "failed to validate",
)


def _classify_failure(log: str) -> tuple[str, str]:
    """Status and detail for a submission nbgrader could not grade, from its log with the traceback."""
    exceptions = [line.strip() for line in log.splitlines() if re.match(r"\s*[\w.]+(Error|Exception|Entry)\b", line)]
    cause = next((line for line in exceptions if "NbGraderException" not in line), "no reason given")[:160]
    if "DeadKernelError" in log or "Kernel died" in log:
        return "kernel died", "the kernel stopped while running the notebook (exit, crash or a resource limit)"
    if "UnresponsiveKernelError" in log or "CellTimeoutError" in log:
        return "timed out", f"the kernel did not answer in time ({cause})"
    if any(step in log for step in METADATA_STEPS):
        return "tampered metadata", f"nbgrader could not match the cells to the assignment ({cause})"
    return "error", cause


def _read_scores(database: Path, assignment: str, student: str) -> dict:
    """What nbgrader's autograde wrote for one submission, as plain data."""
    from nbgrader.api import Gradebook

    with Gradebook(gradebook_url(database)) as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return {
            "timestamp": submission.timestamp.isoformat() if submission.timestamp else None,
            "score": submission.code_score,
            "notebooks": {
                notebook.name: {
                    "late_penalty": notebook.late_submission_penalty,
                    "grades": {grade.name: grade.auto_score for grade in notebook.grades},
                    "comments": {comment.name: comment.auto_comment for comment in notebook.comments},
                }
                for notebook in submission.notebooks
            },
        }


def _executed_problems(folder: Path, facts: dict) -> tuple[int, bool, list[verdicts.CellVerdict]]:
    """(cells that hit the timeout, whether output was dropped, test cells whose in-kernel pass the grader's
    verdict refutes) in the autograded notebooks."""
    timeouts, truncated, refuted = 0, False, []
    for name in facts["notebooks"]:
        path = folder / f"{name}.ipynb"
        if not path.is_file():
            continue
        notebook = nbformat.read(path, as_version=4)
        refuted += [verdict for verdict in verdicts.saved_verdicts(notebook) if verdict.refutes_kernel]
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                timeouts += output.get("ename") == "CellTimeoutError"
                truncated |= output.get("text") == TRUNCATION_NOTE or output.get("ename") == "OutputLimitExceeded"
    return timeouts, truncated, refuted


def grade_submission(settings: Settings, student: str, facts: dict, uid: int | None) -> Result:
    """Grade one submission in a scratch course; the real course and gradebook are only read."""
    from nbgrader.apps import NbGraderAPI

    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="submission-", dir=settings.run_folder / "students"))
    course = scratch / "course"
    (course / "source").mkdir(parents=True)
    (course / "source" / settings.assignment).symlink_to(settings.course_root / "source" / settings.assignment)
    shutil.copyfile(settings.run_folder / "gradebook.db", course / "gradebook.db")
    # In the scratch course every student is SCRATCH_STUDENT: nbgrader reads student ids as glob patterns and
    # uses them in paths, and a submitted folder's name is whatever the student made it.
    submitted = course / "submitted" / SCRATCH_STUDENT / settings.assignment
    skipped = copy_regular_files(settings.course_root / "submitted" / student / settings.assignment, submitted)

    def result(status, detail="", **extra):
        notes = [detail] if detail else []
        if skipped:
            notes.append(f"not graded, not copied: {', '.join(skipped)}")
        return Result(
            student,
            status,
            "; ".join(notes),
            max_score=facts["max_score"],
            seconds=round(time.monotonic() - started, 2),
            **extra,
        )

    notebooks, unreadable = _read_notebooks(submitted, facts)
    if unreadable:
        return result(*unreadable)
    changed, suspicious = _changes(notebooks, facts)
    sockets = sandbox.prepare_sockets(scratch / "ipc", uid) if settings.use_sandbox else None
    api = NbGraderAPI(config=_nbgrader_config(settings, course, sockets))
    outcome = api.autograde(settings.assignment, SCRATCH_STUDENT, force=True, create=True)
    if not outcome["success"]:
        status, detail = _classify_failure(f"{outcome.get('log', '')}\n{outcome.get('error', '')}")
        if suspicious:  # the code that broke grading is the better explanation
            status, detail = "suspicious code", f"{'; '.join(suspicious[:5])}; then {status}: {detail}"
        return result(status, detail)
    scores = _read_scores(course / "gradebook.db", settings.assignment, SCRATCH_STUDENT)
    autograded = course / "autograded" / SCRATCH_STUDENT / settings.assignment
    timeouts, truncated, refuted = _executed_problems(autograded, facts)
    notes = []
    if truncated:
        notes.append("long output was cut off")
    disarmed = sanitize.disarm_pages(autograded)
    if disarmed:
        notes.append(
            f"pages beside the notebook renamed to .txt (they would run in the formgrader): {', '.join(disarmed[:10])}"
        )
    if (autograded.parent / WRITTEN_LIST).is_file():
        written = (autograded.parent / WRITTEN_LIST).read_text().splitlines()
        notes.append(f"files the notebook wrote, kept in autograded/: {', '.join(written[:10])}")
    if refuted:  # the test cells' points already come from the grader; the kernel's word was false
        suspicious += [
            f"test cell {v.grade_id}: the kernel showed a pass the grader refutes ({v.reason})" for v in refuted
        ]
    if suspicious:  # first: such code can also cause the other problems
        status, detail = "suspicious code", "; ".join(suspicious[:5])
    elif timeouts:
        status, detail = "timed out", f"{timeouts} cell(s) ran out of time"
    elif skipped:
        status, detail = "unsafe files", ""
    elif changed:
        status, detail = "restored", f"restored locked cells: {', '.join(changed)}"
    else:
        status, detail = "graded", ""
    detail = "; ".join([detail, *notes]) if detail else "; ".join(notes)
    return result(status, detail, score=scores["score"], scores={**scores, "folder": str(autograded)})


def _worker(connection, settings: Settings, facts: dict, uid: int | None) -> None:
    """Grade the students sent over ``connection`` until it sends None; nbgrader's own logging goes to a file."""
    log = open(settings.run_folder / f"worker-{os.getpid()}.log", "a")  # noqa: SIM115 - open for the worker's life
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    os.environ.update(settings.environment)
    if uid is not None:
        os.environ[sandbox.UID_ENV] = str(uid)
    while (student := connection.recv()) is not None:
        try:
            outcome = grade_submission(settings, student, facts, uid)
        except Exception:  # noqa: BLE001 - one broken submission must never stop the class
            outcome = Result(student, "error", traceback.format_exc().strip().splitlines()[-1][:200])
        connection.send(outcome)


class _Worker:
    """One forked grading process, its pipe and the student it is grading."""

    def __init__(self, context, settings: Settings, facts: dict, uid: int | None):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, settings, facts, uid), daemon=True)
        self.process.start()
        self.student, self.started = None, 0.0

    def send(self, student: str) -> None:
        self.student, self.started = student, time.monotonic()
        self.connection.send(student)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            self.connection.send(None)
        self.process.join(timeout=10)


def merge(database: Path, assignment: str, result: Result, course_root: Path) -> None:
    """Write one result into the real gradebook and ``autograded/``: the only place the grader writes grades."""
    from nbgrader.api import Gradebook

    data = result.scores or {}
    with warnings.catch_warnings(), Gradebook(gradebook_url(database)) as gradebook:
        # nbgrader's own add_submission triggers SQLAlchemy autoflush warnings; the rows are written correctly.
        warnings.simplefilter("ignore")
        gradebook.update_or_create_student(result.student)
        submission = gradebook.update_or_create_submission(assignment, result.student)
        if data.get("timestamp"):
            submission.timestamp = datetime.fromisoformat(data["timestamp"])
        for notebook in submission.notebooks:
            found = data.get("notebooks", {}).get(notebook.name, {})
            notebook.late_submission_penalty = found.get("late_penalty")
            for grade in notebook.grades:
                # Not graded: no automatic score, so nbgrader itself lists the cell as needing a grader.
                grade.auto_score = found.get("grades", {}).get(grade.name)
                grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
            for comment in notebook.comments:
                comment.auto_comment = found.get("comments", {}).get(comment.name)
        gradebook.db.commit()
    target = course_root / "autograded" / result.student / assignment
    if target.exists():
        shutil.rmtree(target)
    if data.get("folder"):
        copy_regular_files(Path(data["folder"]), target)


def _snapshot(database: Path, copy: Path) -> None:
    """A consistent copy of the gradebook, even while formgrader writes to it."""
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)


def grade(
    course_root: Path,
    assignment: str,
    students: list[str] | None = None,
    workers: int | None = None,
    timeout: int | None = None,
    use_sandbox: bool = True,
    limits: sandbox.Limits | None = None,
    progress=None,
) -> list[Result]:
    """Grade the submissions of ``assignment`` (default: all in ``submitted/``); return one Result each.

    ``progress(done, total, result)`` is called after each submission.
    """
    course_root = Path(course_root).resolve()
    database = course_root / "gradebook.db"
    if not database.is_file():
        raise KitError(f"no gradebook at {database}: run `lcai release {assignment}` first.")
    available = submissions(course_root, assignment)
    if not available:
        raise KitError(f"no submissions of {assignment!r} in {course_root / 'submitted'}: collect them first.")
    chosen = students or available
    unknown = sorted(set(chosen) - set(available))
    if unknown:
        raise KitError(f"no submission of {assignment!r} for {', '.join(unknown)} in {course_root / 'submitted'}.")
    limits = limits or sandbox.Limits()
    root_grader = os.geteuid() == 0
    if use_sandbox:
        sandbox.probe(limits, sandbox.FIRST_SANDBOX_UID if root_grader else None)
    workers = max(1, min(workers or len(os.sched_getaffinity(0)), len(chosen)))
    with tempfile.TemporaryDirectory(prefix="lcai-grade-") as folder:
        run_folder = Path(folder)
        run_folder.chmod(0o755)  # the sandbox user passes through it to its sockets
        (run_folder / "students").mkdir(mode=0o755)
        _snapshot(database, run_folder / "gradebook.db")
        facts = _assignment_facts(run_folder / "gradebook.db", course_root, assignment)
        environment = sandbox.write_kernelspec(run_folder / "jupyter", limits) if use_sandbox else {}
        kernel = verdicts.Kernel(environment, sandbox.FIRST_SANDBOX_UID if root_grader else None, use_sandbox)
        # Once per run, before any submission: the model solution's records decide every test cell.
        verdicts.reference_records(
            course_root=course_root, assignment=assignment, kernel=kernel, timeout=max(timeout or 0, REFERENCE_TIMEOUT)
        )
        settings = Settings(course_root, assignment, run_folder, timeout, use_sandbox, environment)
        return _run(settings, facts, deque(chosen), workers, root_grader and use_sandbox, progress)


def _deadline(settings: Settings) -> float:
    """Seconds after which a worker stuck on one submission is killed."""
    return max(300, 10 * (settings.timeout or 120))


def _run(settings, facts, queue, count, root_grader, progress) -> list[Result]:
    context = multiprocessing.get_context("fork")
    total, results = len(queue), []
    uids = [sandbox.FIRST_SANDBOX_UID + index if root_grader else None for index in range(count)]
    pool = [_Worker(context, settings, facts, uid) for uid in uids]

    def finish(result: Result) -> None:
        merge(settings.course_root / "gradebook.db", settings.assignment, result, settings.course_root)
        results.append(result)
        save_statuses(settings.course_root, settings.assignment, [result])
        if progress:
            progress(len(results), total, result)

    try:
        for worker in pool:
            if queue:
                worker.send(queue.popleft())
        while any(worker.student for worker in pool):
            busy = [worker for worker in pool if worker.student]
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=1)
            for index, worker in enumerate(pool):
                if not worker.student:
                    continue
                if worker.connection in ready and worker.connection.poll():
                    result = worker.connection.recv()
                elif not worker.process.is_alive() or time.monotonic() - worker.started > _deadline(settings):
                    status = "timed out" if worker.process.is_alive() else "kernel died"
                    worker.stop(kill=True)
                    result = Result(
                        worker.student, status, "the grading worker was stopped", max_score=facts["max_score"]
                    )
                    pool[index] = worker = _Worker(context, settings, facts, uids[index])
                else:
                    continue
                worker.student = None
                finish(result)
                if queue:
                    worker.send(queue.popleft())
    finally:
        for worker in pool:
            if worker.process.is_alive():
                worker.stop(kill=bool(worker.student))
    return sorted(results, key=lambda r: r.student)


def printable(text: str) -> str:
    """``text`` with control and format characters (escape sequences, carriage returns, bidirectional overrides)
    written as ``\\x1b``-style escapes, so a student id or file name cannot rewrite the lecturer's terminal or log."""
    return "".join(
        character if character.isprintable() or character == " " else character.encode("unicode_escape").decode()
        for character in text
    )


def summary_table(results: list[Result]) -> str:
    """A plain-text table: submissions needing attention first, then the rest, then counts per status."""
    rows = sorted(results, key=lambda r: (not r.needs_attention, r.student))
    header = ("student", "status", "score", "detail")
    table = [header] + [
        (printable(r.student), r.status, "" if r.score is None else f"{r.score:g}/{r.max_score:g}", printable(r.detail))
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in table
    ]
    counts = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    lines.append("")
    lines.append(", ".join(f"{status}: {number}" for status, number in sorted(counts.items())))
    return "\n".join(line.rstrip() for line in lines)


def progress_printer(stream=None):
    """A progress bar on a terminal; one line per submission otherwise (logs, CI)."""
    stream = stream or sys.stderr
    live = stream.isatty()

    def show(done: int, total: int, result: Result) -> None:
        if live:
            filled = int(30 * done / total)
            stream.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {printable(result.student)}: {result.status}"
                + " " * 10
                + ("\n" if done == total else "")
            )
        else:
            stream.write(f"[{done}/{total}] {printable(result.student)}: {result.status}\n")
        stream.flush()

    return show
