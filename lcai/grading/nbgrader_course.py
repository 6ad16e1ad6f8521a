"""Run real nbgrader on the course: generate student releases, autograde, read scores from the gradebook.

nbgrader reads ``nbgrader_config.py`` from the folder it starts in, so every call runs with the course
root as its working folder; the config pins the gradebook inside that root.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from lcai import cells
from lcai.authoring.course import assignment_names
from lcai.errors import KitError
from lcai.paths import COURSE

# What nbgrader writes into the course root; never part of the course's source.
GENERATED = ("release", "submitted", "autograded", "feedback", "grading", "gradebook.db")


def gradebook_url(database: Path) -> str:
    """The database URL nbgrader's Gradebook opens for the SQLite file ``database``."""
    return f"sqlite:///{database}"


def copy_course(destination: Path, course_root: Path = COURSE) -> Path:
    """Copy the course without its generated folders and gradebook, to grade in without touching the real one."""
    shutil.copytree(course_root, destination, ignore=shutil.ignore_patterns(*GENERATED))
    return destination


def submit(notebook: nbformat.NotebookNode, student: str, assignment: str, filename: str, course_root: Path) -> Path:
    """Place ``notebook`` as ``student``'s submission, where ``nbgrader autograde`` looks for it."""
    folder = course_root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / filename)
    return folder / filename


def answered_release(source: Path, release: Path, unanswered: int = 0) -> nbformat.NotebookNode:
    """The student release with the model answers of ``source`` typed in, as a student who knows them would.

    The last ``unanswered`` answer cells stay as released. Used for test and benchmark submissions.
    """
    markers = ("### BEGIN SOLUTION", "### END SOLUTION")
    answers = {
        cells.grade_id(cell): "\n".join(line for line in cell.source.splitlines() if line.strip() not in markers)
        for cell in nbformat.read(source, as_version=4).cells
        if cells.is_answer(cell)
    }
    notebook = nbformat.read(release, as_version=4)
    answer_cells = [cell for cell in notebook.cells if cells.is_answer(cell)]
    for cell in answer_cells[: len(answer_cells) - unanswered]:
        cell.source = answers[cells.grade_id(cell)]
    return notebook


def run_nbgrader(course_root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run ``nbgrader <arguments>`` in ``course_root``; raise KitError with nbgrader's own reason on failure."""
    if not (course_root / "nbgrader_config.py").is_file():
        raise KitError(f"{course_root} is not an nbgrader course (no nbgrader_config.py): pass the course root.")
    # -P: nbgrader starts in the course root; nothing there is to be imported as a module.
    command = [sys.executable, "-P", "-m", "nbgrader", *arguments, "--log-level=WARN"]
    # nbgrader starts `alembic` by name when it creates a gradebook: it must be on PATH even without an activated venv.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    result = subprocess.run(command, cwd=course_root, capture_output=True, text=True, env={**os.environ, "PATH": path})
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if "[ERROR]" in line or "Error" in line]
        reason = lines[-1].strip() if lines else (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise KitError(f"nbgrader {arguments[0]} failed: {reason}")
    return result


def require_assignment(*, assignment: str, course_root: Path = COURSE) -> None:
    """Raise KitError naming the course's assignments when ``assignment`` is not one of them."""
    if assignment not in assignment_names(course_root):
        known = ", ".join(assignment_names(course_root)) or "(none)"
        raise KitError(f"unknown assignment {assignment!r}: choose one of {known}.")


def release(*, assignment: str, course_root: Path = COURSE) -> Path:
    """Generate the student release of one assignment; returns ``release/<assignment>``."""
    require_assignment(assignment=assignment, course_root=course_root)
    run_nbgrader(course_root, "generate_assignment", assignment, "--force", "--create")
    return course_root / "release" / assignment


def release_all(*, course_root: Path = COURSE) -> list[Path]:
    """Generate the student release of every assignment in ``source/``."""
    return [release(assignment=name, course_root=course_root) for name in assignment_names(course_root)]


def autograde(assignment: str, course_root: Path = COURSE) -> None:
    """Autograde every submission of ``assignment`` in ``submitted/`` with plain nbgrader."""
    run_nbgrader(course_root, "autograde", assignment, "--force", "--create")


def autograded_scores(assignment: str, course_root: Path = COURSE) -> dict[str, tuple[float, float]]:
    """For each student with a graded submission: (autograded score, maximum autograded score)."""
    from nbgrader.api import Gradebook  # imported here: loading nbgrader's database layer is slow

    scores = {}
    with Gradebook(gradebook_url(course_root / "gradebook.db")) as gradebook:
        maximum = gradebook.find_assignment(assignment).max_code_score
        for submission in gradebook.assignment_submissions(assignment):
            scores[submission.student_id] = (submission.code_score, maximum)
    return scores
