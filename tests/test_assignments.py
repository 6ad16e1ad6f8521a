"""Every assignment goes round trip through real nbgrader, and its student release leaks nothing.

For each assignment in ``assignments/source/`` a copy of the course is made; nbgrader generates the release,
then autogrades three submissions: the source notebooks themselves (full marks), the untouched release
(zero), and the source with its last answer cell taken from the release (in between).
"""

import re

import nbformat
import pytest

from lcai import cells
from lcai.authoring import course
from lcai.grading import nbgrader_course

ASSIGNMENTS = course.assignment_names()


def _last_answer_taken_from_release(source, release):
    """The source notebook with its last autograded answer cell replaced by the release's stub."""
    wrong = nbformat.read(source, as_version=4)
    stubs = {cells.nbgrader(c).get("grade_id"): c.source for c in nbformat.read(release, as_version=4).cells}
    answers = [c for c in wrong.cells if c.cell_type == "code" and cells.nbgrader(c).get("solution")]
    answers[-1].source = stubs[cells.nbgrader(answers[-1])["grade_id"]]
    return wrong


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Per assignment: (course copy, {student: (score, max)}), graded once and shared by the tests."""
    results = {}

    def grade(name):
        if name not in results:
            root = nbgrader_course.copy_course(tmp_path_factory.mktemp(name) / "course")
            release = nbgrader_course.release(assignment=name, course_root=root)
            for source in course.source_notebooks(name, root):
                submissions = {
                    "correct": nbformat.read(source, as_version=4),
                    "blank": nbformat.read(release / source.name, as_version=4),
                    "partly-wrong": _last_answer_taken_from_release(source, release / source.name),
                }
                for student, notebook in submissions.items():
                    nbgrader_course.submit(notebook, student, name, source.name, root)
            nbgrader_course.autograde(name, root)
            results[name] = (root, nbgrader_course.autograded_scores(name, root))
        return results[name]

    return grade


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_correct_submission_scores_full_autograded_points(name, graded):
    score, maximum = graded(name)[1]["correct"]
    assert maximum > 0 and score == maximum


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_blank_release_scores_zero(name, graded):
    score, _ = graded(name)[1]["blank"]
    assert score == 0


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_partly_wrong_submission_scores_in_between(name, graded):
    score, maximum = graded(name)[1]["partly-wrong"]
    assert 0 < score < maximum


def _region_lines(text, begin, end):
    """Lines strictly inside ``begin``/``end`` marker regions, stripped, and the lines outside them."""
    inside, outside, depth = set(), set(), 0
    for line in text.splitlines():
        stripped = line.strip()
        if begin in stripped:
            depth += 1
        elif end in stripped:
            depth -= 1
        elif stripped:
            (inside if depth else outside).add(stripped)
    return inside, outside


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_release_leaks_no_solution_and_no_hidden_test(name, graded):
    root, _ = graded(name)
    for source in course.source_notebooks(name, root):
        source_nb = nbformat.read(source, as_version=4)
        release_nb = nbformat.read(root / "release" / name / source.name, as_version=4)
        release_text = "\n".join(cell.source for cell in release_nb.cells)
        assert not re.search(r"BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS", release_text)
        source_text = "\n".join(cell.source for cell in source_nb.cells)
        for begin, end in [("### BEGIN SOLUTION", "### END SOLUTION"), ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")]:
            secret, public = _region_lines(source_text, begin, end)
            # A line that also appears outside every region (e.g. `return result`) gives nothing away.
            leaked = [line for line in secret - public if len(line) > 3 and line in release_text.splitlines()]
            assert leaked == [], f"{source.name}: release contains {leaked[:3]}"
        written = [c.source for c in source_nb.cells if c.cell_type == "markdown" and cells.nbgrader(c).get("solution")]
        assert written, "the assignment needs a hand-graded written answer"
        for answer in written:
            assert answer.strip() not in release_text
        for cell in release_nb.cells:
            assert cell.cell_type != "code" or not cell.outputs, "a release cell carries outputs"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_release_contains_every_source_file(name, graded):
    root, _ = graded(name)
    source_files = {p.name for p in (root / "source" / name).iterdir() if p.name != ".ipynb_checkpoints"}
    assert source_files <= {p.name for p in (root / "release" / name).iterdir()}
