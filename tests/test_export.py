"""Grade export for Brightspace, Canvas and Moodle, read from a gradebook made by real nbgrader.

One scratch copy of the course, with the small fixture assignment of ``grading_corpus`` (not a module's, so a
content change never breaks these tests), is graded once: "ada" submits every answer (all autograded points, the
hand-graded answer still waiting for a grader), "bob" submits the untouched release (a real 0), and "cem" is
enrolled without a submission.
"""

import csv
import shutil

import nbformat
import pytest
from grading_corpus import ASSIGNMENT, NOTEBOOK, answered, write_assignment

from lcai.errors import KitError
from lcai.grading import nbgrader_course, statuses, submission
from lcai.grading.export import attention_path, export_grades

NAME = ASSIGNMENT
HEADERS = {
    "brightspace": ["OrgDefinedId", f"{NAME} Points Grade", "End-of-Line Indicator"],
    "canvas": ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", NAME],
    "moodle": ["username", NAME],
}
LMS = list(HEADERS)


def _gradebook(root):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{root / 'gradebook.db'}")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """(course copy, ada's autograded score, maximum score), graded once for the whole file."""
    root = nbgrader_course.copy_course(tmp_path_factory.mktemp("export") / "course")
    write_assignment(root)
    release = nbformat.read(nbgrader_course.release(assignment=NAME, course_root=root) / NOTEBOOK, as_version=4)
    for student, notebook in {"ada": answered(release), "bob": release}.items():
        nbgrader_course.submit(notebook, student, NAME, NOTEBOOK, root)
    nbgrader_course.autograde(NAME, root)
    with _gradebook(root) as gradebook:
        gradebook.add_student("cem")
        gradebook.update_or_create_student("ada", first_name="Ada", last_name="Lovelace")
        submission = gradebook.find_submission(NAME, "ada")
        assert submission.needs_manual_grade, "ada's written answer should wait for a grader"
        return root, submission.code_score, gradebook.find_assignment(NAME).max_score


def _export(root, lms, tmp_path, **kwargs):
    output = export_grades(course_root=root, lms=lms, output=tmp_path / "grades.csv", **kwargs)
    with output.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    with attention_path(output).open(encoding="utf-8", newline="") as handle:
        attention = list(csv.reader(handle))
    assert attention[0] == ["student", "assignment", "reason"]
    return table, {(student, assignment): reason for student, assignment, reason in attention[1:]}


def _grades(lms, table):
    """{student id: grade cell} from an export table."""
    if lms == "brightspace":
        assert all(row[-1] == "#" for row in table[1:])
        return {row[0]: row[1] for row in table[1:]}
    if lms == "canvas":
        return {row[2]: row[5] for row in table[2:]}
    return {row[0]: row[1] for row in table[1:]}


@pytest.mark.parametrize("lms", LMS)
def test_header_and_rows_in_student_order(lms, graded, tmp_path):
    table, _ = _export(graded[0], lms, tmp_path)
    assert table[0] == HEADERS[lms]
    assert list(_grades(lms, table)) == ["ada", "bob", "cem"]


@pytest.mark.parametrize("lms", LMS)
def test_pending_hand_grade_and_missing_submission_are_empty_and_listed(lms, graded, tmp_path):
    table, attention = _export(graded[0], lms, tmp_path)
    grades = _grades(lms, table)
    assert grades["ada"] == "" and grades["cem"] == ""
    assert attention == {("ada", NAME): "hand-graded answer not graded yet", ("cem", NAME): "no submission"}


@pytest.mark.parametrize("lms", LMS)
def test_blank_submission_is_a_real_zero(lms, graded, tmp_path):
    table, _ = _export(graded[0], lms, tmp_path)
    assert _grades(lms, table)["bob"] == "0"


@pytest.mark.parametrize("lms", LMS)
def test_a_submission_needing_attention_is_empty_with_its_reason(lms, graded, tmp_path):
    copy = tmp_path / "course"
    copy.mkdir()
    shutil.copy(graded[0] / "gradebook.db", copy / "gradebook.db")
    statuses.save_statuses(copy, NAME, [submission.Result("bob", "kernel died", "the kernel stopped")])
    table, attention = _export(copy, lms, tmp_path)
    assert _grades(lms, table)["bob"] == ""
    assert attention[("bob", NAME)] == "kernel died: the kernel stopped"
    statuses.mark_reviewed(course_root=copy, assignment=NAME, students=["bob"])
    table, attention = _export(copy, lms, tmp_path)
    assert _grades(lms, table)["bob"] == "0" and ("bob", NAME) not in attention


def test_canvas_points_possible_row_and_names(graded, tmp_path):
    root, _, maximum = graded
    table, _ = _export(root, "canvas", tmp_path)
    assert table[1] == ["Points Possible", "", "", "", "", f"{maximum:g}"]
    assert [row[0] for row in table[2:]] == ["Lovelace, Ada", "bob", "cem"]


def test_graded_hand_answer_gives_the_total(graded, tmp_path):
    root, code_score, maximum = graded
    copy = tmp_path / "course"
    copy.mkdir()
    shutil.copy(root / "gradebook.db", copy / "gradebook.db")
    given = 0.0
    with _gradebook(copy) as gradebook:
        for notebook in gradebook.find_submission(NAME, "ada").notebooks:
            for grade in notebook.grades:
                if grade.needs_manual_grade:
                    grade.manual_score = grade.max_score / 2  # what the formgrader stores when a lecturer grades
                    grade.needs_manual_grade = False
                    given += grade.manual_score
        gradebook.db.commit()
    table, attention = _export(copy, "moodle", tmp_path)
    assert given > 0
    assert float(_grades("moodle", table)["ada"]) == code_score + given <= maximum
    assert ("ada", NAME) not in attention


def test_export_is_deterministic(graded, tmp_path):
    first = export_grades(course_root=graded[0], lms="brightspace", output=tmp_path / "a.csv").read_bytes()
    assert export_grades(course_root=graded[0], lms="brightspace", output=tmp_path / "b.csv").read_bytes() == first
    assert first.decode("utf-8").startswith("OrgDefinedId,")


def test_unknown_lms_names_the_choices(graded, tmp_path):
    with pytest.raises(KitError, match="brightspace, canvas, moodle"):
        export_grades(course_root=graded[0], lms="blackboard", output=tmp_path / "grades.csv")


def test_unknown_assignment(graded, tmp_path):
    with pytest.raises(KitError, match=f"unknown assignment 'nope'.*{NAME}"):
        export_grades(course_root=graded[0], lms="moodle", output=tmp_path / "grades.csv", assignments=["nope"])


def test_no_gradebook_says_run_grading_first(tmp_path):
    with pytest.raises(KitError, match="run grading first") as error:
        export_grades(course_root=tmp_path, lms="canvas", output=tmp_path / "grades.csv")
    assert "\n" not in str(error.value)
    assert not (tmp_path / "gradebook.db").exists() and not (tmp_path / "grades.csv").exists()
