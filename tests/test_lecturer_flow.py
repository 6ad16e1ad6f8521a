"""The lecturer's documented commands, end to end on a scratch copy of the course: release, grade, feedback, export.

`LCAI_COURSE` points the command line at the copy, which holds the small fixture assignment of
``grading_corpus`` (not a module's, so a content change never breaks this test). One student submits the model
answers, one a notebook whose kernel exits: grading exits with 3 (attention needed), feedback is written for the
graded student, and the export leaves both grades empty with the reason (a hand-graded answer to grade; a kernel
that died).
"""

import csv
import os
import subprocess
import sys

import nbformat
import pytest
from grading_corpus import ASSIGNMENT, MAX_SCORE, write_assignment

from lcai.authoring import course
from lcai.grading import nbgrader_course

NAME = ASSIGNMENT


@pytest.fixture(scope="module")
def flow(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("flow")
    root = nbgrader_course.copy_course(scratch / "course")
    write_assignment(root)
    env = {**os.environ, "LCAI_COURSE": str(root)}

    def lcai(*arguments):
        return subprocess.run([sys.executable, "-m", "lcai.cli", *arguments], env=env, capture_output=True, text=True)

    steps = {"release": lcai("release", NAME)}
    for source in course.source_notebooks(NAME, root):
        release = root / "release" / NAME / source.name
        nbgrader_course.submit(nbgrader_course.answered_release(source, release), "ada", NAME, source.name, root)
        crashing = nbformat.read(release, as_version=4)
        first_answer = next(c for c in crashing.cells if c.metadata.get("nbgrader", {}).get("solution"))
        first_answer.source = "import os\nos._exit(3)"
        nbgrader_course.submit(crashing, "bob", NAME, source.name, root)
    steps["grade"] = lcai("grade", NAME, "--workers", "2")
    steps["feedback"] = lcai("feedback", NAME)
    steps["export"] = lcai("export", "--lms", "moodle", "--output", str(scratch / "grades.csv"))
    with (scratch / "grades.attention.csv").open(encoding="utf-8") as handle:
        attention = {row["student"]: row["reason"] for row in csv.DictReader(handle)}
    return root, steps, attention


def test_release_and_feedback_succeed(flow):
    root, steps, _ = flow
    assert steps["release"].returncode == 0, steps["release"].stderr
    assert steps["feedback"].returncode == 0, steps["feedback"].stderr
    assert list((root / "feedback" / "ada" / NAME).glob("*.html"))
    assert not (root / "feedback" / "bob").exists()


def test_grade_prints_a_table_and_exits_3_when_a_submission_needs_attention(flow):
    _, steps, _ = flow
    result = steps["grade"]
    assert result.returncode == 3, result.stderr
    lines = [line.split() for line in result.stdout.splitlines() if line.startswith(("ada", "bob"))]
    rows = {words[0]: words[1:3] for words in lines}
    assert rows["ada"] == ["graded", f"{MAX_SCORE:g}/{MAX_SCORE:g}"]
    assert rows["bob"][:2] == ["kernel", "died"]
    assert "[2/2]" in result.stderr and "need attention" in result.stderr


def test_export_leaves_both_grades_empty_with_the_reason(flow):
    _, steps, attention = flow
    assert steps["export"].returncode == 0, steps["export"].stderr
    assert attention["ada"] == "hand-graded answer not graded yet"
    assert attention["bob"].startswith("kernel died:")
