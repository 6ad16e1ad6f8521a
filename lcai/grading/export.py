"""Export grades from the nbgrader gradebook as a CSV file that a learning management system imports.

Reads ``<course root>/gradebook.db`` (students, assignments, each submission's total score and whether a
hand-graded answer still waits for a grader). Writes two UTF-8 CSV files, rows ordered by student id:

- ``output``: the grades in the import format of the chosen LMS;
- ``output`` with the suffix ``.attention.csv`` (``grades.csv`` -> ``grades.attention.csv``): every grade left
  empty, with columns ``student``, ``assignment``, ``reason``.

A grade is left EMPTY, never 0, when the student has no submission ("no submission"), when ``lcai grade`` marked
the submission as needing attention (saved in ``grading/<assignment>.json``, e.g. "kernel died: ..."), or when a
hand-graded answer has not been graded yet ("hand-graded answer not graded yet"). An empty cell leaves the LMS grade
untouched; a 0 in the file is a real zero.

Import formats, as each vendor documents them for teachers (do one test import before relying on a new LMS):

- ``brightspace``: ``OrgDefinedId``, one ``<assignment> Points Grade`` column per assignment, and
  ``End-of-Line Indicator`` with the value ``#``. The student id is the OrgDefinedId. A column whose grade item
  does not exist yet makes Brightspace offer to create it.
- ``canvas``: ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per
  assignment named after the assignment; the second row is the optional ``Points Possible`` row. ``Student``
  is "Last, First" from the gradebook (the student id when it holds no name), ``SIS User ID`` is the student
  id, ``ID``/``SIS Login ID``/``Section`` are empty. Canvas matches an assignment column by name (a Canvas
  export writes ``<name> (<Canvas assignment id>)``; the number is Canvas's id, not points) and creates an
  assignment for a name it does not know.
- ``moodle``: ``username`` (the student id), then one column per assignment; the columns are mapped to grade
  items in Moodle's "Import: CSV file" screen, which skips empty cells.
"""

import csv
from pathlib import Path

from lcai.errors import KitError
from lcai.grading.statuses import STATUSES, read_statuses

LMS_CHOICES = ("brightspace", "canvas", "moodle")
NO_SUBMISSION = "no submission"
NOT_HAND_GRADED = "hand-graded answer not graded yet"


def _points(score: float) -> str:
    """A score as the LMS expects it: ``7``, ``7.5``, ``0`` (at most two decimals, no trailing zeros)."""
    return f"{score:.2f}".rstrip("0").rstrip(".")


def _attention(course_root: Path, assignment: str) -> dict[str, str]:
    """{student: reason} for the submissions that ``lcai grade`` left for a person to look at."""
    return {
        student: f"{entry['status']}: {entry['detail'] or STATUSES[entry['status']].meaning}"
        for student, entry in read_statuses(course_root, assignment).items()
        if entry.get("needs_attention")
    }


def _read_gradebook(course_root: Path, assignments: list[str] | None):
    """(assignment names, {assignment: max score}, [(student, {assignment: score text}, [(assignment, reason)])])."""
    database = course_root / "gradebook.db"
    if not database.is_file():
        raise KitError(f"no gradebook at {database}: run grading first (nbgrader autograde).")
    from nbgrader.api import Gradebook, MissingEntry  # imported here: loading nbgrader's database layer is slow

    from lcai.grading.nbgrader_course import gradebook_url

    with Gradebook(gradebook_url(database)) as gradebook:
        known = [assignment.name for assignment in gradebook.assignments]
        names = list(dict.fromkeys(assignments)) if assignments else known
        if not names:
            raise KitError(f"the gradebook {database} has no assignments yet: run grading first (nbgrader autograde).")
        for name in names:
            if name not in known:
                raise KitError(f"unknown assignment {name!r}: choose one of {', '.join(known) or '(none)'}.")
        maxima = {name: gradebook.find_assignment(name).max_score for name in names}
        attention = {name: _attention(course_root, name) for name in names}
        rows = []
        for student in sorted(gradebook.students, key=lambda s: s.id):
            grades, pending = {}, []
            for name in names:
                try:
                    submission = gradebook.find_submission(name, student.id)
                except MissingEntry:
                    submission = None
                if student.id in attention[name]:
                    reason = attention[name][student.id]
                elif submission is None:
                    reason = NO_SUBMISSION
                elif submission.needs_manual_grade:
                    reason = NOT_HAND_GRADED
                else:
                    reason = None
                grades[name] = "" if reason else _points(submission.score)
                if reason:
                    pending.append((name, reason))
            rows.append((student, grades, pending))
    return names, maxima, rows


def _canvas_name(student) -> str:
    names = [part for part in (student.last_name, student.first_name) if part]
    return ", ".join(names) or student.id


def _table(lms: str, names: list[str], maxima: dict[str, float], rows: list) -> list[list[str]]:
    """Header and rows of the import file of ``lms``."""
    if lms == "brightspace":
        header = ["OrgDefinedId", *(f"{name} Points Grade" for name in names), "End-of-Line Indicator"]
        return [header, *([s.id, *(g[name] for name in names), "#"] for s, g, _ in rows)]
    if lms == "canvas":
        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *names]
        possible = ["Points Possible", "", "", "", "", *(_points(maxima[name]) for name in names)]
        students = ([_canvas_name(s), "", s.id, "", "", *(g[name] for name in names)] for s, g, _ in rows)
        return [header, possible, *students]
    return [["username", *names], *([s.id, *(g[name] for name in names)] for s, g, _ in rows)]


def _write(path: Path, table: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)


def attention_path(output: Path) -> Path:
    """Where the list of empty grades goes: ``grades.csv`` -> ``grades.attention.csv``."""
    return output.with_name(f"{output.stem if output.suffix else output.name}.attention.csv")


def export_grades(
    *,
    course_root: Path,
    lms: str,
    output: Path,
    assignments: list[str] | None = None,
) -> Path:
    """Write the grades of ``assignments`` (default: all in the gradebook) for ``lms``; return ``output``.

    Also writes :func:`attention_path` listing each empty grade with its reason (only the header when none).
    """
    if lms not in LMS_CHOICES:
        raise KitError(f"unknown LMS {lms!r}: choose one of {', '.join(LMS_CHOICES)}.")
    course_root, output = Path(course_root), Path(output)
    names, maxima, rows = _read_gradebook(course_root, assignments)
    output.parent.mkdir(parents=True, exist_ok=True)
    _write(output, _table(lms, names, maxima, rows))
    pending = [[student.id, name, reason] for student, _, items in rows for name, reason in items]
    _write(attention_path(output), [["student", "assignment", "reason"], *pending])
    return output
