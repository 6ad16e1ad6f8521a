"""The status of each graded submission, kept in ``grading/<assignment>.json`` for ``lcai export`` and people.

Light on purpose: the command line and the export read statuses without loading nbgrader.
"""

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from lcai.errors import KitError


@dataclass(frozen=True)
class Status:
    """One outcome of grading a submission."""

    name: str
    needs_attention: bool  # a person must look before the grade is exported
    meaning: str


STATUSES = {
    status.name: status
    for status in [
        Status("graded", False, "graded by nbgrader"),
        Status("restored", False, "graded after restoring locked cells the student had changed or deleted"),
        Status(
            "timed out",
            True,
            "a cell ran out of time: its tests score 0; check the code or grade with a longer --timeout",
        ),
        Status("kernel died", True, "the kernel stopped (exit, crash or a limit): not graded"),
        Status("not a notebook", True, "the submitted file is not a readable notebook: not graded"),
        Status("no notebook", True, "the expected notebook is missing from the submission: not graded"),
        Status("tampered metadata", True, "nbgrader metadata was changed in a way that cannot be repaired: not graded"),
        Status(
            "unsafe files", True, "the submission holds links or special files: graded without them; check the score"
        ),
        Status("suspicious code", True, "the code changes how tests report results: review the score by hand"),
        Status("error", True, "grading failed: see the detail"),
    ]
}


def status_path(course_root: Path, assignment: str) -> Path:
    return course_root / "grading" / f"{assignment}.json"


def read_statuses(course_root: Path, assignment: str) -> dict[str, dict]:
    """{student: {"status", "detail", "score", "max_score", "graded_at"}} of the last grading runs."""
    path = status_path(course_root, assignment)
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise KitError(f"{path} is corrupt ({error}): delete it and grade {assignment} again.") from None


def save_statuses(course_root: Path, assignment: str, results: list) -> None:
    """Record the outcome of grading each of ``results`` (``lcai.grading.Result``), keeping other students'."""
    statuses = read_statuses(course_root, assignment)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for result in results:
        entry = {key: value for key, value in asdict(result).items() if key not in {"student", "scores", "seconds"}}
        statuses[result.student] = {**entry, "needs_attention": result.needs_attention, "graded_at": now}
    _write_statuses(course_root, assignment, statuses)


def _write_statuses(course_root: Path, assignment: str, statuses: dict) -> None:
    path = status_path(course_root, assignment)
    path.parent.mkdir(exist_ok=True)
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(dict(sorted(statuses.items())), indent=1), encoding="utf-8")
    partial.replace(path)  # a crash mid-write never leaves a half file


def mark_reviewed(*, course_root: Path, assignment: str, students: list[str]) -> None:
    """Record that a person reviewed these submissions' scores: export then writes their grades again."""
    statuses = read_statuses(course_root, assignment)
    unknown = sorted(set(students) - set(statuses))
    if unknown:
        raise KitError(f"{', '.join(unknown)} not graded for {assignment!r}: run `lcai grade {assignment}` first.")
    for student in students:
        statuses[student].update(needs_attention=False, reviewed=True)
    _write_statuses(course_root, assignment, statuses)
