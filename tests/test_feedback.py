"""Feedback from real nbgrader shows each cell's score and the visible tests, and never a hidden test.

A copy of the course gets the small fixture assignment of ``grading_corpus`` (not a module's, so a content change
never breaks this test); three submissions are autograded: the source itself ("correct"), the untouched release
("blank"), and the source with a ``square`` that passes the visible test but fails a hidden one ("hidden-fail").
Then every feedback page is searched for hidden-test code.
"""

import html
import re

import nbformat
import pytest
from grading_corpus import ASSIGNMENT, write_assignment

from lcai import cells
from lcai.authoring import course
from lcai.errors import KitError
from lcai.grading import feedback, nbgrader_course

NAME = ASSIGNMENT
# Right for square(3), the visible test; wrong for square(-4), a hidden one.
CORRECT, BUGGY = "return x * x", "return abs(x) * x"
HIDDEN_FAILURE_POINTS = 5


def _with_sign_bug(source):
    notebook = nbformat.read(source, as_version=4)
    answers = [c for c in notebook.cells if cells.nbgrader(c).get("grade_id") == "square"]
    assert len(answers) == 1 and CORRECT in answers[0].source
    answers[0].source = answers[0].source.replace(CORRECT, BUGGY)
    return notebook


@pytest.fixture(scope="module")
def fed_back(tmp_path_factory):
    """(course copy, {student: feedback text}, source notebooks) after release, autograde and feedback."""
    root = nbgrader_course.copy_course(tmp_path_factory.mktemp(NAME) / "course")
    write_assignment(root)
    with pytest.raises(KitError, match="nothing autograded yet"):
        feedback.generate_feedback(assignment=NAME, course_root=root)
    release = nbgrader_course.release(assignment=NAME, course_root=root)
    sources = course.source_notebooks(NAME, root)
    for source in sources:
        submissions = {
            "correct": nbformat.read(source, as_version=4),
            "blank": nbformat.read(release / source.name, as_version=4),
            "hidden-fail": _with_sign_bug(source),
        }
        for student, notebook in submissions.items():
            nbgrader_course.submit(notebook, student, NAME, source.name, root)
    nbgrader_course.autograde(NAME, root)
    written = feedback.generate_feedback(assignment=NAME, course_root=root)
    texts = {}
    for page in written:
        student = page.relative_to(root / "feedback").parts[0]
        texts[student] = texts.get(student, "") + html.unescape(page.read_text())
    return root, texts, sources


def _hidden_and_visible_lines(sources):
    """Stripped lines inside hidden-test regions (minus those also found elsewhere), and visible test lines."""
    hidden, public, visible_tests = set(), set(), set()
    for source in sources:
        for cell in nbformat.read(source, as_version=4).cells:
            kept, numbers = cells.split_hidden(cell.source)
            lines = cell.source.split("\n")
            hidden |= {lines[n - 1].strip() for n in numbers}
            public |= {line.strip() for line in kept.split("\n")}
            if cells.nbgrader(cell).get("grade") and cell.cell_type == "code":
                visible_tests |= {line.strip() for line in kept.split("\n") if len(line.strip()) > 20}
    return {line for line in hidden - public if len(line) > 3}, visible_tests


def plain_text(page):
    """The page's text with every tag removed (the HTML puts spans around code tokens)."""
    return re.sub(r"<[^>]+>", "", page)


def test_every_student_gets_feedback(fed_back):
    _, texts, _ = fed_back
    assert set(texts) == {"correct", "blank", "hidden-fail"}


def test_feedback_shows_no_hidden_test(fed_back):
    _, texts, sources = fed_back
    hidden, _ = _hidden_and_visible_lines(sources)
    assert hidden, "the assignment has no hidden tests to check"
    for student, text in texts.items():
        assert "BEGIN HIDDEN TESTS" not in text and "END HIDDEN TESTS" not in text, student
        plain = {line.strip() for line in plain_text(text).splitlines()}
        leaked = sorted(hidden & plain)
        assert leaked == [], f"{student}'s feedback shows hidden tests: {leaked[:3]}"
    # No test cell shows a traceback (the page's CSS names a "Generic.Traceback" style: look for a real one).
    # The blank release also fails in ordinary cells that call its stubs; those tracebacks show no test code.
    for student in ["correct", "hidden-fail"]:
        assert "most recent call last" not in texts[student], f"{student}'s feedback shows a traceback"


def test_feedback_shows_the_visible_tests(fed_back):
    _, texts, sources = fed_back
    _, visible = _hidden_and_visible_lines(sources)
    for student, text in texts.items():
        plain = {line.strip() for line in plain_text(text).splitlines()}
        missing = sorted(visible - plain)
        assert missing == [], f"{student}'s feedback lacks visible test lines: {missing[:3]}"


def test_hidden_failure_gets_the_hidden_test_message(fed_back):
    root, texts, _ = fed_back
    assert feedback.HIDDEN_TEST_FAILED in texts["hidden-fail"]
    assert feedback.HIDDEN_TEST_FAILED not in texts["correct"]
    score, maximum = nbgrader_course.autograded_scores(NAME, root)["hidden-fail"]
    assert score == maximum - HIDDEN_FAILURE_POINTS


def test_blank_release_gets_visible_test_messages(fed_back):
    _, texts, _ = fed_back
    assert "This test cell failed: a visible test failed: NotImplementedError" in texts["blank"]
    assert feedback.HIDDEN_TEST_FAILED not in texts["blank"]


def test_correct_submission_shows_full_score(fed_back):
    root, texts, _ = fed_back
    score, maximum = nbgrader_course.autograded_scores(NAME, root)["correct"]
    assert score == maximum > 0
    assert "This test cell failed" not in texts["correct"]
    # The feedback header shows the notebook's score; the written answer is not graded yet, so it counts 0.
    assert re.search(rf"Score:\s*{maximum:g}(\.0+)?\s*/", texts["correct"]), "the score is missing"
    cells = re.findall(r"Test cell \(Score: ([\d.]+) / ([\d.]+)\)", plain_text(texts["correct"]))
    assert cells and all(float(got) == float(top) > 0 for got, top in cells), cells


def test_unknown_assignment_is_a_one_line_error(fed_back):
    root, _, _ = fed_back
    with pytest.raises(KitError, match="unknown assignment 'no-such-thing'") as error:
        feedback.generate_feedback(assignment="no-such-thing", course_root=root)
    assert "\n" not in str(error.value)
