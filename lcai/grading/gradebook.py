"""What ``lcai grade`` reads from nbgrader's gradebook, and the one place it writes grades into it."""

from __future__ import annotations

import shutil
import sqlite3
import warnings
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from lcai import cells
from lcai.errors import KitError
from lcai.grading.files import copy_regular_files
from lcai.grading.nbgrader_course import gradebook_url

if TYPE_CHECKING:
    from lcai.grading.submission import Result


def submissions(course_root: Path, assignment: str) -> list[str]:
    """Students with a folder ``submitted/<student>/<assignment>``, sorted."""
    folder = course_root / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir() and not p.name.startswith("."))


def assignment_facts(database: Path, course_root: Path, assignment: str) -> dict:
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
        notebook_cells = nbformat.read(path, as_version=4).cells
        locked[name] = {
            cells.grade_id(cell): locked_cell(cell) for cell in notebook_cells if cells.grade_id(cell) in restored[name]
        }
    return {"notebooks": names, "locked": locked, "max_score": maximum}


def read_scores(database: Path, assignment: str, student: str) -> dict:
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


def snapshot(database: Path, copy: Path) -> None:
    """A consistent copy of the gradebook, even while formgrader writes to it."""
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)


def locked_cell(cell) -> tuple[str, dict]:
    """What must not change in a locked cell: its source and its nbgrader flags (checksums aside)."""
    nbgrader = cells.nbgrader(cell)
    flags = {key: value for key, value in nbgrader.items() if key not in {"checksum", "cell_type", "locked"}}
    return cell.source, flags
