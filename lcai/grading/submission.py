"""Grade one submission in a scratch course of its own with nbgrader's own autograde; give it one status."""

import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from lcai import cells
from lcai.grading import integrity, sandbox, sanitize, verdicts
from lcai.grading.execution import TRUNCATION_NOTE, WRITTEN_LIST, limited_execute_class
from lcai.grading.files import copy_regular_files
from lcai.grading.gradebook import locked_cell, read_scores
from lcai.grading.nbgrader_course import gradebook_url
from lcai.grading.statuses import STATUSES

SCRATCH_STUDENT = "student"


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
        return STATUSES[self.status].needs_attention


@dataclass
class Settings:
    """What every worker needs; picklable so it reaches forked workers unchanged."""

    course_root: Path
    assignment: str
    run_folder: Path
    timeout: int | None
    use_sandbox: bool
    environment: dict = field(default_factory=dict)


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


def _changes(notebooks: dict[str, nbformat.NotebookNode], facts: dict) -> tuple[list[str], list[str]]:
    """(locked cells the student changed or deleted, tampering constructs in the student's code)."""
    changed, suspicious = [], []
    for name, notebook in notebooks.items():
        locked = facts["locked"][name]
        present = {cells.grade_id(cell): locked_cell(cell) for cell in notebook.cells}
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
    overrides.Autograde.autograde_preprocessors = verdicts.autograde_preprocessors(execute=limited_execute_class())
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
    scores = read_scores(course / "gradebook.db", settings.assignment, SCRATCH_STUDENT)
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
