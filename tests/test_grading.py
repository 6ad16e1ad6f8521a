"""`lcai grade` against a corpus of adversarial submissions, graded in one parallel, sandboxed run.

Each submission has an expected status and score; afterwards the gradebook holds exactly one submission per
student with the expected scores, nothing escaped the sandbox, and a second run changes nothing.
"""

import sqlite3

import nbformat
import pytest
from grading_corpus import ASSIGNMENT, MAX_SCORE, NOTEBOOK, Listener, corpus, source_notebook

from lcai import grading, grading_kernel, nbgrader_course
from lcai.errors import KitError


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = nbgrader_course.copy_course(tmp_path_factory.mktemp("grading") / "course")
    (root / "source" / ASSIGNMENT).mkdir()
    nbformat.write(source_notebook(), root / "source" / ASSIGNMENT / NOTEBOOK)
    release = nbformat.read(nbgrader_course.release(ASSIGNMENT, root) / NOTEBOOK, as_version=4)
    listener = Listener()
    cases = corpus(release, root, listener.port)
    for student, submission, _, _ in cases:
        if isinstance(submission, bytes):
            folder = root / "submitted" / student / ASSIGNMENT
            folder.mkdir(parents=True)
            (folder / NOTEBOOK).write_bytes(submission)
        else:
            nbgrader_course.submit(submission, student, ASSIGNMENT, NOTEBOOK, root)
    results = grading.grade(root, ASSIGNMENT, workers=2, timeout=10)
    return root, cases, {r.student: r for r in results}, listener.connections()


def _gradebook_scores(root):
    scores = nbgrader_course.autograded_scores(ASSIGNMENT, root)
    return {student: score for student, (score, _) in scores.items()}


def test_every_submission_gets_its_expected_status(graded):
    _, cases, results, _ = graded
    observed = {student: results[student].status for student, *_ in cases}
    assert observed == {student: status for student, _, status, _ in cases}


def test_graded_submissions_score_as_expected_in_the_gradebook(graded):
    root, cases, results, _ = graded
    expected = {student: score for student, _, _, score in cases if score is not None}
    in_gradebook = _gradebook_scores(root)
    assert {student: in_gradebook[student] for student in expected} == expected
    assert {student: results[student].score for student in expected} == expected
    assert all(results[student].max_score == MAX_SCORE for student in expected)


def test_submissions_not_graded_have_no_automatic_score(graded):
    root, cases, _, _ = graded
    not_graded = [student for student, _, status, _ in cases if grading.STATUSES[status][0] and status not in
                  {"timed out", "suspicious code"}]
    assert not_graded
    with sqlite3.connect(root / "gradebook.db") as db:
        for student in not_graded:
            rows = db.execute(
                "SELECT grade.auto_score, grade.needs_manual_grade FROM grade "
                "JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id "
                "JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id "
                "WHERE submitted_assignment.student_id = ?", (student,)).fetchall()
            assert rows and all(score is None and needs for score, needs in rows), student


def test_the_gradebook_holds_one_submission_per_student(graded):
    root, cases, _, _ = graded
    with sqlite3.connect(root / "gradebook.db") as db:
        students = [row[0] for row in db.execute("SELECT student_id FROM submitted_assignment")]
    assert sorted(students) == sorted(student for student, *_ in cases)


def test_nothing_escaped_the_sandbox(graded):
    root, _, results, connections = graded
    assert connections == 0
    assert not list(root.rglob("HACKED"))
    assert "hacked" not in (root / "gradebook.db").read_bytes().decode("latin-1")
    leaked = (root / "autograded" / "source-reader" / ASSIGNMENT / NOTEBOOK).read_text()
    assert "BEGIN SOLUTION" not in leaked and "blocked:" in leaked


def test_statuses_are_saved_for_export(graded):
    root, cases, _, _ = graded
    saved = grading.read_statuses(root, ASSIGNMENT)
    assert {student: entry["status"] for student, entry in saved.items()} == {s: st for s, _, st, _ in cases}
    assert saved["kernel-exit"]["needs_attention"] and not saved["correct"]["needs_attention"]


def test_enormous_output_is_cut_off(graded):
    root, _, results, _ = graded
    autograded = root / "autograded" / "enormous-output" / ASSIGNMENT / NOTEBOOK
    assert autograded.stat().st_size < 3 * grading_kernel.CHARACTERS_PER_CELL
    assert "cut off" in results["enormous-output"].detail


def test_grading_again_changes_no_grade_and_adds_no_rows(graded):
    root, cases, results, _ = graded
    before = _gradebook_scores(root)
    again = grading.grade(root, ASSIGNMENT, students=["correct", "wrong", "kernel-exit"], workers=2, timeout=10)
    assert [(r.student, r.status, r.score) for r in again] == [
        (s, results[s].status, results[s].score) for s in ("correct", "kernel-exit", "wrong")]
    assert _gradebook_scores(root) == before


def test_unknown_student_and_missing_gradebook_are_one_line_errors(graded, tmp_path):
    root = graded[0]
    with pytest.raises(KitError, match="no submission of 'corpus' for nobody"):
        grading.grade(root, ASSIGNMENT, students=["nobody"])
    with pytest.raises(KitError, match="no gradebook"):
        grading.grade(tmp_path, ASSIGNMENT)
