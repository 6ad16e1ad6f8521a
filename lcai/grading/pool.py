"""Grade every submission of an assignment: real nbgrader autograde, in parallel, each kernel sandboxed.

How one run works:
- The gradebook is copied once (SQLite backup). Each worker process grades one submission at a time with
  nbgrader's own ``Autograde`` (sanitising, restoring locked cells, executing, scoring) in a scratch course of
  its own: a copy of the submission, a copy of the gradebook, the assignment's source. Workers never open the
  real gradebook, so they cannot lock it.
- The kernel that runs the student's code is started through :mod:`lcai.grading.sandbox`: it sees none of the scratch
  course, the course or the network.
- The main process is the only writer of the real gradebook: it copies each result in (the fields nbgrader's
  autograde writes: submission time, automatic scores and comments, late penalty), one transaction per
  submission, then moves the autograded notebook into ``autograded/``. Running again replaces the same rows.
- Each submission gets one status (:data:`lcai.grading.statuses.STATUSES`), saved in ``grading/<assignment>.json`` for
  ``lcai export``.
"""

import multiprocessing
import os
import tempfile
import time
import traceback
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path

from lcai.errors import KitError
from lcai.grading import sandbox, verdicts
from lcai.grading.gradebook import assignment_facts, merge, snapshot, submissions
from lcai.grading.statuses import save_statuses
from lcai.grading.submission import Result, Settings, grade_submission

REFERENCE_TIMEOUT = 600  # seconds per cell for the model solution: its records are what every submission needs


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


def grade_assignment(
    *,
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
    workers = max(1, min(workers or len(os.sched_getaffinity(0)), len(chosen)))
    with (
        sandbox.reserved_uids(workers if root_grader and use_sandbox else 0) as reserved,
        tempfile.TemporaryDirectory(prefix="lcai-grade-") as folder,
    ):
        uids = reserved or [None] * workers
        if use_sandbox:
            sandbox.probe(limits, uids[0])
        run_folder = Path(folder)
        run_folder.chmod(0o755)  # the sandbox user passes through it to its sockets
        (run_folder / "students").mkdir(mode=0o755)
        snapshot(database, run_folder / "gradebook.db")
        facts = assignment_facts(run_folder / "gradebook.db", course_root, assignment)
        environment = sandbox.write_kernelspec(run_folder / "jupyter", limits) if use_sandbox else {}
        kernel = verdicts.Kernel(environment, uids[0], use_sandbox)
        # Once per run, before any submission: the model solution's records decide every test cell.
        verdicts.reference_records(
            course_root=course_root, assignment=assignment, kernel=kernel, timeout=max(timeout or 0, REFERENCE_TIMEOUT)
        )
        settings = Settings(course_root, assignment, run_folder, timeout, use_sandbox, environment)
        return _run(settings, facts, deque(chosen), uids, progress)


def _deadline(settings: Settings) -> float:
    """Seconds after which a worker stuck on one submission is killed."""
    return max(300, 10 * (settings.timeout or 120))


def _run(settings, facts, queue, uids: list[int | None], progress) -> list[Result]:
    """Grade ``queue`` with one worker per entry of ``uids`` (its kernels' user id; None: the grader's own)."""
    context = multiprocessing.get_context("fork")
    total, results = len(queue), []
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
