"""`lcai grade` against a corpus of adversarial submissions, graded in one parallel, sandboxed run.

Each submission has an expected status and score; afterwards the gradebook holds exactly one submission per
student with the expected scores, nothing escaped the sandbox, no file a student or lecturer opens holds a
solution, a hidden test or a secret, and a second run changes nothing.
"""

import io
import json
import re
import sqlite3
import subprocess
import sys

import nbformat
import pytest
from grading_corpus import (
    ASSIGNMENT,
    CONTROL_ID,
    DISK_MARK,
    MAX_SCORE,
    NOTEBOOK,
    Listener,
    corpus,
    corpus_round_two,
    write_assignment,
)

from lcai.errors import KitError
from lcai.grading import feedback, nbgrader_course, pool, sandbox, statuses, terminal
from lcai.grading import kernel as grading_kernel

# Every module a grading run imports outside the sandbox, and the kernel at start-up: a submission ships all.
STARTUP_IMPORTS = (
    "import sys, lcai.cli, lcai.grading.pool, lcai.grading.sandbox, lcai.grading.kernel, lcai.grading.feedback, "
    "nbgrader.apps, nbgrader.preprocessors, nbclient, jupyter_client, ipykernel.kernelapp, nbconvert; "
    "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
)


def _module_names() -> list[str]:
    names = subprocess.run([sys.executable, "-c", STARTUP_IMPORTS], capture_output=True, text=True, check=True)
    return [name for name in names.stdout.split() if name.isidentifier() and name not in sys.builtin_module_names]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = nbgrader_course.copy_course(tmp_path_factory.mktemp("grading") / "course")
    write_assignment(root)
    release = nbformat.read(nbgrader_course.release(assignment=ASSIGNMENT, course_root=root) / NOTEBOOK, as_version=4)
    listener = Listener()
    cases = corpus(release, root, listener.port) + corpus_round_two(release, root, _module_names())
    for student, submission, _, _ in cases:
        folder = root / "submitted" / student / ASSIGNMENT
        if isinstance(submission, bytes):
            folder.mkdir(parents=True)
            (folder / NOTEBOOK).write_bytes(submission)
        elif callable(submission):
            folder.mkdir(parents=True)
            submission(folder)
        else:
            nbgrader_course.submit(submission, student, ASSIGNMENT, NOTEBOOK, root)
    lines = io.StringIO()
    results = pool.grade_assignment(
        course_root=root, assignment=ASSIGNMENT, workers=2, timeout=10, progress=terminal.progress_printer(lines)
    )
    feedback.generate_feedback(assignment=ASSIGNMENT, course_root=root)
    return root, cases, {r.student: r for r in results}, listener.connections(), lines.getvalue()


def _gradebook_scores(root):
    scores = nbgrader_course.autograded_scores(ASSIGNMENT, root)
    return {student: score for student, (score, _) in scores.items()}


def test_every_submission_gets_its_expected_status(graded):
    _, cases, results, *_ = graded
    observed = {student: results[student].status for student, *_ in cases}
    assert observed == {student: status for student, _, status, _ in cases}


def test_graded_submissions_score_as_expected_in_the_gradebook(graded):
    root, cases, results, *_ = graded
    expected = {student: score for student, _, _, score in cases if score is not None}
    in_gradebook = _gradebook_scores(root)
    assert {student: in_gradebook[student] for student in expected} == expected
    assert {student: results[student].score for student in expected} == expected
    assert all(results[student].max_score == MAX_SCORE for student in expected)


def test_submissions_not_graded_have_no_automatic_score(graded):
    root, cases, *_ = graded
    not_graded = [
        student
        for student, _, status, _ in cases
        if statuses.STATUSES[status].needs_attention and status not in {"timed out", "suspicious code", "unsafe files"}
    ]
    assert not_graded
    with sqlite3.connect(root / "gradebook.db") as db:
        for student in not_graded:
            rows = db.execute(
                "SELECT grade.auto_score, grade.needs_manual_grade FROM grade "
                "JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id "
                "JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id "
                "WHERE submitted_assignment.student_id = ?",
                (student,),
            ).fetchall()
            assert rows and all(score is None and needs for score, needs in rows), student


def test_the_gradebook_holds_one_submission_per_student(graded):
    root, cases, *_ = graded
    with sqlite3.connect(root / "gradebook.db") as db:
        students = [row[0] for row in db.execute("SELECT student_id FROM submitted_assignment")]
    assert sorted(students) == sorted(student for student, *_ in cases)


def test_nothing_escaped_the_sandbox(graded):
    root, _, results, connections, _ = graded
    assert connections == 0
    assert not list(root.rglob("HACKED"))
    assert "hacked" not in (root / "gradebook.db").read_bytes().decode("latin-1")
    leaked = (root / "autograded" / "source-reader" / ASSIGNMENT / NOTEBOOK).read_text()
    assert "BEGIN SOLUTION" not in leaked and "blocked:" in leaked


def test_statuses_are_saved_for_export(graded):
    root, cases, *_ = graded
    saved = statuses.read_statuses(root, ASSIGNMENT)
    assert {student: entry["status"] for student, entry in saved.items()} == {s: st for s, _, st, _ in cases}
    assert saved["kernel-exit"]["needs_attention"] and not saved["correct"]["needs_attention"]


def test_enormous_output_is_cut_off(graded):
    root, _, results, *_ = graded
    autograded = root / "autograded" / "enormous-output" / ASSIGNMENT / NOTEBOOK
    assert autograded.stat().st_size < 3 * grading_kernel.CHARACTERS_PER_CELL
    assert "cut off" in results["enormous-output"].detail


def test_grading_again_changes_no_grade_and_adds_no_rows(graded):
    root, cases, results, *_ = graded
    before = _gradebook_scores(root)
    again = pool.grade_assignment(
        course_root=root, assignment=ASSIGNMENT, students=["correct", "wrong", "kernel-exit"], workers=2, timeout=10
    )
    assert [(r.student, r.status, r.score) for r in again] == [
        (s, results[s].status, results[s].score) for s in ("correct", "kernel-exit", "wrong")
    ]
    assert _gradebook_scores(root) == before


def test_unknown_student_and_missing_gradebook_are_one_line_errors(graded, tmp_path):
    root = graded[0]
    with pytest.raises(KitError, match="no submission of 'corpus' for nobody"):
        pool.grade_assignment(course_root=root, assignment=ASSIGNMENT, students=["nobody"])
    with pytest.raises(KitError, match="no gradebook"):
        pool.grade_assignment(course_root=tmp_path, assignment=ASSIGNMENT)


def _hidden_lines(root):
    source = nbformat.read(root / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    return feedback.hidden_lines(source.cells)


def test_no_shipped_module_ran_outside_the_sandbox(graded):
    root, *_ = graded
    shipped = list((root / "submitted" / "shadow-modules" / ASSIGNMENT).glob("*.py"))
    assert len(shipped) > 100, "the submission should ship a module for every name imported at start-up"
    assert not (root / "ESCAPED").exists() or not list((root / "ESCAPED").iterdir())
    assert not list(root.glob("ESCAPED*"))


@pytest.mark.parametrize("student", ["linked-folder", "linked-file", "linked-in-subfolder", "hard-link"])
def test_links_reach_neither_autograded_nor_feedback(graded, student):
    root, _, results, *_ = graded
    source_text = (root / "source" / ASSIGNMENT / NOTEBOOK).read_text()
    assert "not copied" in results[student].detail
    for folder in [root / "autograded" / student / ASSIGNMENT, root / "feedback" / student / ASSIGNMENT]:
        files = [path for path in folder.rglob("*") if not path.is_dir()]
        assert files, folder
        for path in files:
            assert not path.is_symlink() and path.stat().st_nlink == 1, path
            text = path.read_text(errors="replace")
            assert "BEGIN SOLUTION" not in text and "SQLite format" not in text, path
            assert text != source_text, path
    assert [path.suffix for path in (root / "feedback" / student / ASSIGNMENT).iterdir()] == [".html"]


def test_feedback_holds_the_feedback_pages_only(graded):
    root, cases, *_ = graded
    for folder in (root / "feedback").glob(f"*/{ASSIGNMENT}"):
        assert {path.name for path in folder.rglob("*")} <= {"corpus.html"}, folder


def test_fakes_from_inside_the_kernel_earn_nothing(graded):
    root, _, results, *_ = graded
    fakes = [student for student in results if student.startswith("fake-") and student != "fake-equality"]
    assert len(fakes) == 8
    scores = {student: score for student, (score, _) in nbgrader_course.autograded_scores(ASSIGNMENT, root).items()}
    for student in fakes:
        honest = 5.0 if student == "fake-partial-credit" else 0.0  # its mean() is right
        assert scores[student] == results[student].score == honest, student
    refuted = [s for s in fakes if "the grader refutes" in results[s].detail]
    assert {"fake-import-alias", "fake-globals", "fake-ctypes", "fake-helper-module"} <= set(refuted)


def test_no_feedback_page_shows_a_hidden_test_line(graded):
    root, *_ = graded
    hidden = _hidden_lines(root)
    assert hidden
    printed = (root / "autograded" / "hidden-printer" / ASSIGNMENT / NOTEBOOK).read_text()
    assert any(line in printed for line in hidden), "the printer should have printed the hidden tests"
    for page in (root / "feedback").rglob("*.html"):
        text = page.read_text()
        assert not [line for line in hidden if line in text], page


def test_every_place_the_kernel_can_write_is_capped(graded):
    root, *_ = graded
    notebook = nbformat.read(root / "autograded" / "disk-filler" / ASSIGNMENT / NOTEBOOK, as_version=4)
    text = "".join(o.get("text", "") for cell in notebook.cells for o in cell.get("outputs", []))
    written = json.loads(text.split(DISK_MARK, 1)[1].splitlines()[0])
    cap = sandbox.Limits().scratch_mib * 1024 * 1024
    assert written and all(size <= cap for size in written.values()), json.dumps(written)
    sockets = [place for place in written if "ipc" in place]
    assert sockets and all(written[place] == 0 for place in sockets), written


def test_control_characters_are_printed_escaped(graded):
    _, _, results, _, lines = graded
    table = terminal.summary_table(list(results.values()))
    for text in [table, lines]:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", text), repr(text[:200])
        assert "ctrl-\\x1b[2J" in text
    assert results[CONTROL_ID].status == "graded"


def test_a_test_cell_that_shows_a_result_then_fails_earns_nothing(graded):
    root, *_ = graded
    notebook = nbformat.read(root / "autograded" / "fake-partial-credit" / ASSIGNMENT / NOTEBOOK, as_version=4)
    square_tests = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "square-tests")
    assert [o["output_type"] for o in square_tests.outputs][:1] == ["execute_result"]
    assert any(o["output_type"] == "error" for o in square_tests.outputs)


def test_files_the_notebook_writes_are_kept_for_the_lecturer(graded):
    root, _, results, *_ = graded
    written = root / "autograded" / "writes-files" / ASSIGNMENT / "results.txt"
    assert written.read_text() == "written while graded"
    assert "results.txt" in results["writes-files"].detail
    assert not (root / "feedback" / "writes-files" / ASSIGNMENT / "results.txt").exists()
