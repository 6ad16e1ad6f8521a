"""Test-cell verdicts decided outside the student's kernel, from the records that :mod:`lcai.checks` hands out.

Steps, for one grading run of an assignment:
1. :func:`reference_records` runs the model solution (the source notebooks, with their hidden tests) once, in the
   same kernel the students get, and keeps the records of each test cell. It refuses an assignment whose test
   cells record nothing or whose model solution fails its own tests. The result is cached in
   ``grading/<assignment>.reference.json`` and recomputed when the source, the kit or the libraries change.
2. After nbgrader has executed a submission, :func:`judge_notebook` compares each test cell's records with the
   reference's, in order: a cell earns its points only when it raised no error and every one of its records
   passes. The records are then removed from the notebook; a failed cell gets an error output saying why.
3. Two nbgrader preprocessors put this into nbgrader's own autograde, so ``lcai grade``, ``nbgrader autograde``
   and the formgrader's autograde button score alike: :class:`JudgeTestCells` judges, :class:`SaveVerdicts`
   writes the verdicts to the gradebook where nbgrader's ``SaveAutoGrades`` would write its in-kernel scores.
   The course's ``nbgrader_config.py`` installs them with :func:`autograde_preprocessors`.

The kernel cannot change this outcome by changing how errors are shown, how tests compare or what the cell
prints: it would have to produce the records of a correct solution, which is the assignment itself.
"""

import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor, SaveAutoGrades
from traitlets import Unicode

from lcai import cells, checks
from lcai.errors import KitError
from lcai.grading import sandbox
from lcai.paths import PACKAGE

# Libraries whose version can change a model solution's results.
LIBRARIES = ("numpy", "pandas", "scikit-learn", "scipy", "ipykernel")


def cell_records(cell) -> list[dict]:
    """The records a cell's outputs hold, in the order the checks ran."""
    found = []
    for output in cell.get("outputs", []):
        record = output.get("data", {}).get(checks.RECORD_MIME) if output.get("output_type") == "display_data" else None
        if record is not None:
            found.append(record if isinstance(record, dict) else {"check": None, "what": None})
    return found


def _has_error(cell) -> bool:
    return any(output.get("output_type") == "error" for output in cell.get("outputs", []))


def _digest(source: Path) -> str:
    """What the reference depends on: the assignment's files, the kit's code, the libraries' versions."""
    digest = hashlib.sha256()
    files = [*sorted(p for p in source.rglob("*") if p.is_file()), *sorted(PACKAGE.rglob("*.py"))]
    for path in files:
        digest.update(str(path.name).encode() + b"\0" + path.read_bytes() + b"\0")
    versions = [sys.version] + [importlib.metadata.version(name) for name in LIBRARIES]
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Kernel:
    """How to start the kernel that runs notebooks: the grading sandbox, or plain Python (``--no-sandbox``)."""

    environment: dict = field(default_factory=dict)  # what makes Jupyter find the sandbox kernelspec
    uid: int | None = None
    use_sandbox: bool = True


@contextmanager
def _environment(values: dict):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _execute(notebook: nbformat.NotebookNode, folder: Path, kernel: Kernel, timeout: int) -> None:
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    settings = {"NBGRADER_EXECUTION": "autograde", **kernel.environment}
    if kernel.uid is not None:
        settings[sandbox.UID_ENV] = str(kernel.uid)
    with _environment(settings), tempfile.TemporaryDirectory(prefix="lcai-reference-", dir=folder.parent) as scratch:
        if kernel.use_sandbox:
            Path(scratch).chmod(0o755)
            sockets = sandbox.prepare_sockets(Path(scratch) / "ipc", kernel.uid)
            manager = KernelManager(kernel_name=sandbox.KERNEL_NAME, transport="ipc", ip=str(sockets))
        else:
            manager = KernelManager(kernel_name="python3")
        client = NotebookClient(
            notebook, km=manager, timeout=timeout, allow_errors=True, resources={"metadata": {"path": str(folder)}}
        )
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _run_reference(source: Path, names: list[str], kernel: Kernel, timeout: int) -> dict[str, dict[str, list]]:
    with tempfile.TemporaryDirectory(prefix="lcai-model-solution-") as scratch:
        folder = Path(scratch) / "assignment"
        shutil.copytree(source, folder, symlinks=False)
        for path in folder.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        Path(scratch).chmod(0o755)
        folder.chmod(0o755)
        found = {}
        for name in names:
            notebook = nbformat.read(source / f"{name}.ipynb", as_version=4)
            _execute(notebook, folder, kernel, timeout)
            found[name] = _checked_reference(notebook, source / f"{name}.ipynb")
    return found


def _checked_reference(notebook: nbformat.NotebookNode, path: Path) -> dict[str, list]:
    """{grade id: records} of the executed model solution; KitError when a test cell is not sound."""
    where = f"{path.parent.name}/{path.name}"
    records = {}
    for cell in notebook.cells:
        if not cells.is_test_cell(cell):
            continue
        grade_id = cells.grade_id(cell)
        if _has_error(cell):
            error = next(o for o in cell.outputs if o.get("output_type") == "error")
            raise KitError(
                f"{where}: the model solution fails its own test cell {grade_id!r} "
                f"({error.get('ename')}: {error.get('evalue', '')[:120]}): fix the solution or the test."
            )
        found = cell_records(cell)
        if not found:
            raise KitError(
                f"{where}: test cell {grade_id!r} records no check, so its points could only come from the "
                "student's kernel: compare with lcai.checks (assert_*, expect_*)."
            )
        for record in found:
            reason = checks.judge(record, record)
            if reason:
                raise KitError(f"{where}: the model solution fails its own check in {grade_id!r}: {reason[:160]}")
        records[grade_id] = found
    return records


def reference_path(course_root: Path, assignment: str) -> Path:
    return course_root / "grading" / f"{assignment}.reference.json"


def reference_records(
    *, course_root: Path, assignment: str, kernel: Kernel, timeout: int = 600
) -> dict[str, dict[str, list]]:
    """{notebook: {grade id: records}} of the model solution, from the cache when nothing it depends on changed."""
    source = course_root / "source" / assignment
    cache = reference_path(course_root, assignment)
    digest = _digest(source)
    if cache.is_file():
        try:
            saved = json.loads(cache.read_text(encoding="utf-8"))
            if saved.get("digest") == digest:
                return saved["notebooks"]
        except (json.JSONDecodeError, KeyError, TypeError):
            pass  # a damaged cache is simply made again
    names = sorted(path.stem for path in source.glob("*.ipynb"))
    found = _run_reference(source, names, kernel, timeout)
    cache.parent.mkdir(exist_ok=True)
    partial = cache.with_suffix(".partial")
    partial.write_text(json.dumps({"digest": digest, "notebooks": found}))
    partial.replace(cache)
    return found


@dataclass(frozen=True)
class CellVerdict:
    """The grader's decision on one test cell."""

    grade_id: str
    passed: bool
    reason: str = ""
    refutes_kernel: bool = False  # the kernel showed no error, yet an in-kernel check or the record count disagrees


def judge_cell(cell, reference: list[dict]) -> CellVerdict:
    """The verdict on one executed test cell, from its records and the reference's."""
    grade_id = cells.grade_id(cell)
    if _has_error(cell):
        return CellVerdict(grade_id, False, "the cell raised an error")
    found = cell_records(cell)
    if len(found) != len(reference):
        # Without an error every check of the cell runs and reports: a different count means interference.
        return CellVerdict(grade_id, False, f"{len(found)} of its {len(reference)} checks reported", True)
    for number, (student, expected) in enumerate(zip(found, reference, strict=True), start=1):
        reason = checks.judge(student, expected)
        if reason:
            # An honest kernel raises on a failing assert_*: a silent failure of one means interference.
            return CellVerdict(grade_id, False, f"check {number}: {reason}", checks.decided_in_kernel(expected))
    return CellVerdict(grade_id, True)


def judge_notebook(notebook: nbformat.NotebookNode, reference: dict[str, list]) -> list[CellVerdict]:
    """Judge every test cell of an executed submission; remove the records; mark failed cells with an error.

    The verdicts are also kept in the notebook's metadata (``lcai.grading.verdicts``) for ``lcai grade``'s statuses.
    """
    verdicts = []
    for cell in notebook.cells:
        if not cells.is_test_cell(cell):
            continue
        grade_id = cells.grade_id(cell)
        verdict = judge_cell(cell, reference.get(grade_id, []))
        verdicts.append(verdict)
        cell.outputs = [o for o in cell.get("outputs", []) if checks.RECORD_MIME not in o.get("data", {})]
        if not verdict.passed and not _has_error(cell):
            message = f"lcai grade: this test cell failed: {verdict.reason}"
            cell.outputs.append(
                nbformat.v4.new_output("error", ename="CheckFailed", evalue=message, traceback=[message])
            )
    notebook.metadata["lcai"] = {"verdicts": [asdict(verdict) for verdict in verdicts]}
    return verdicts


def saved_verdicts(notebook: nbformat.NotebookNode) -> list[CellVerdict]:
    """The verdicts :func:`judge_notebook` kept in an autograded notebook."""
    return [CellVerdict(**entry) for entry in notebook.metadata.get("lcai", {}).get("verdicts", [])]


@functools.lru_cache(maxsize=4)
def _read_reference(path: Path, modified: int) -> dict:
    """The reference file's records, read once per grading worker (``modified`` keys the cache)."""
    return json.loads(path.read_text(encoding="utf-8"))["notebooks"]


class JudgeTestCells(NbGraderPreprocessor):
    """nbgrader autograde step: judge the executed test cells against the model solution's records.

    The reference comes from ``reference_file`` (``lcai grade`` sets it) or else from the course's
    ``grading/<assignment>.reference.json``, made on first use with a plain kernel.
    """

    reference_file = Unicode("", help="the model solution's records (default: the course's grading/ folder)").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        assignment, name = resources["nbgrader"]["assignment"], resources["nbgrader"]["notebook"]
        if self.reference_file:
            path = Path(self.reference_file)
            reference = _read_reference(path, path.stat().st_mtime_ns)
        else:  # nbgrader runs in autograded/<student>/<assignment>/ of the course
            course_root = Path(resources["metadata"]["path"]).resolve().parents[2]
            reference = reference_records(
                course_root=course_root, assignment=assignment, kernel=Kernel(use_sandbox=False)
            )
        verdicts = judge_notebook(nb, reference.get(name, {}))
        resources["lcai_verdicts"] = {verdict.grade_id: verdict for verdict in verdicts}
        return nb, resources


class SaveVerdicts(SaveAutoGrades):
    """nbgrader's ``SaveAutoGrades``, with each test cell's score taken from :class:`JudgeTestCells`' verdict."""

    def _add_score(self, cell, resources):
        verdict = resources.get("lcai_verdicts", {}).get(cells.grade_id(cell))
        if verdict is None or not cells.is_test_cell(cell):
            return super()._add_score(cell, resources)
        grade = self.gradebook.find_grade(cells.grade_id(cell), self.notebook_id, self.assignment_id, self.student_id)
        grade.auto_score = float(cells.nbgrader(cell)["points"]) if verdict.passed else 0.0
        grade.needs_manual_grade = grade.manual_score is not None
        self.gradebook.db.commit()


def autograde_preprocessors(execute=None) -> list:
    """nbgrader's autograde steps with the verdicts in place of in-kernel scores and a sanitised notebook written
    (``execute`` replaces nbgrader's Execute)."""
    from nbgrader.converters import Autograde

    from lcai.grading.sanitize import SanitizeNotebook

    steps = []
    for step in Autograde.class_traits()["autograde_preprocessors"].default():
        if step.__name__ == "SaveAutoGrades":
            steps += [JudgeTestCells, SaveVerdicts]
        elif step.__name__ == "Execute" and execute is not None:
            steps.append(execute)
        else:
            steps.append(step)
    # Last: what nbgrader writes to autograded/ shows student output as text, for the formgrader and the feedback.
    return [*steps, SanitizeNotebook]
