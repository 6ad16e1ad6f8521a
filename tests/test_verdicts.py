"""Verdicts outside the kernel: values survive the trip as records, the grader judges with the reference's
comparison, a model solution that fails its own tests or records nothing is refused, and `lcai check` finds
test cells whose verdict would depend on the kernel."""

import json

import nbformat
import numpy as np
import pandas as pd
import pytest
from grading_corpus import ASSIGNMENT, NOTEBOOK, write_assignment

from lcai import checks
from lcai.authoring import lint
from lcai.errors import KitError
from lcai.grading import verdicts

VALUES = [
    0,
    -(2**70),
    2.5,
    float("nan"),
    float("-inf"),
    "text",
    None,
    True,
    [1, 2.0, "three", None],
    (1, (2, 3)),
    {"a": [1, 2], 3: "b"},
    np.arange(6.0).reshape(2, 3),
    np.array(["heat pump", "survey on site"]),
    np.array([1, None, "x"], dtype=object),
    pd.Series([1.5, np.nan], index=[40, 7], name="coverage"),
    pd.Index(["new", "old"], name="group"),
    pd.RangeIndex(3),
    pd.DataFrame({"year": [1931, 2020], "tenure": ["social rent", None], "rented": [True, False]}, index=[17, 3]),
]


def _trip(value):
    """The value as the grader reads it back from a record."""
    return checks.decode(json.loads(json.dumps(checks.encode(checks._plain(value, "value")))))


@pytest.mark.parametrize("value", VALUES, ids=[type(v).__name__ for v in VALUES])
def test_a_value_survives_the_trip_out_of_the_kernel(value):
    assert checks.problem("equal", _trip(value), checks._plain(value, "value"), {}, "value") is None


def test_a_changed_value_does_not_survive_as_equal():
    frame = VALUES[-1]
    changed = frame.assign(year=[1931, 2021])
    assert checks.problem("equal", _trip(changed), frame, {}, "frame") is not None
    assert checks.problem("equal", _trip([1, 2]), [1, 2.5], {}, "list") is not None
    assert checks.problem("close", _trip([1.0, np.nan]), [1.0, np.nan], {"rel": 1e-6, "abs": 0}, "x") is None
    assert checks.problem("close", _trip([1.0, 2.0]), [1.0, 2.1], {"rel": 1e-6, "abs": 0}, "x") is not None


def _record(check, value, **params):
    return {"check": check, "what": "it", "value": checks.encode(value), "params": params}


def test_the_grader_judges_with_the_references_comparison():
    expected_square = _record("equal", 16)
    assert checks.judge(_record("equal", 16), expected_square) is None
    assert "should be 16" in checks.judge(_record("equal", 0), expected_square)
    # An assert_* check compares with the test's expected value, taken from the reference's record.
    visible = _record("close", 2.0, expected=checks.encode(2.0), rel=1e-6, abs=1e-9)
    assert checks.judge(_record("close", 2.0 + 1e-7, rel=1.0, abs=1.0), visible) is None
    assert (
        checks.judge(_record("close", 2.1, rel=1.0, abs=1.0), visible) is not None
    )  # the student's tolerance is ignored
    between = _record("between", 5.0, low=0.0, high=9.5)
    assert checks.judge(_record("between", 9.6, low=0.0, high=100.0), between) is not None
    score = _record(
        "score",
        [1.0, 2.0],
        truth=checks.encode(np.array([1.0, 2.0])),
        metric="mean_absolute_error",
        at_most=0.5,
        at_least=None,
    )
    faked_truth = _record(
        "score",
        [9.0, 9.0],
        truth=checks.encode(np.array([9.0, 9.0])),
        metric="mean_absolute_error",
        at_most=0.5,
        at_least=None,
    )
    assert checks.judge(faked_truth, score) is not None  # the grader uses the reference's true values
    assert "found" in checks.judge({**_record("equal", 16), "what": "other"}, expected_square)
    assert "cannot be read" in checks.judge({**_record("equal", 16), "value": {"t": "bogus"}}, expected_square)
    assert checks.judge("not a record", expected_square) is not None


def test_a_test_cell_earns_points_only_with_every_record_right():
    reference = [_record("equal", 9), _record("equal", 16)]
    cell = nbformat.v4.new_code_cell("tests", metadata={"nbgrader": {"grade": True, "grade_id": "t", "points": 5}})

    def outputs(*records, error=False):
        found = [nbformat.v4.new_output("display_data", data={checks.RECORD_MIME: r}) for r in records]
        return found + ([nbformat.v4.new_output("error", ename="E", evalue="", traceback=[])] if error else [])

    cell.outputs = outputs(*reference)
    assert verdicts.judge_cell(cell, reference).passed
    cell.outputs = outputs(reference[0], _record("equal", 0))
    assert not verdicts.judge_cell(cell, reference).passed
    cell.outputs = outputs(reference[0])
    assert verdicts.judge_cell(cell, reference).refutes_kernel  # a check went missing without an error
    cell.outputs = outputs(*reference, error=True)
    assert not verdicts.judge_cell(cell, reference).passed


@pytest.fixture
def course(tmp_path):
    write_assignment(tmp_path)
    return tmp_path


def _edit_test_cell(course, grade_id, source):
    path = course / "source" / ASSIGNMENT / NOTEBOOK
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    nbformat.write(notebook, path)


def test_the_reference_is_the_model_solutions_records(course):
    found = verdicts.reference_records(
        course_root=course, assignment=ASSIGNMENT, kernel=verdicts.Kernel(use_sandbox=False)
    )
    cells = found[NOTEBOOK.removesuffix(".ipynb")]
    assert [r["what"] for r in cells["square-tests"]] == ["square(3)", "square of a negative number"]
    assert checks.decode(cells["square-tests"][1]["value"]) == 16
    assert checks.decode(cells["mean-tests"][2]["value"]) == pytest.approx(8.0 / 3)
    assert verdicts.reference_path(course, ASSIGNMENT).is_file()


@pytest.mark.parametrize(
    ("source", "message"),
    [("assert_equal(square(3), 10)", "fails its own test cell"), ("square(3)", "records no check")],
)
def test_an_unsound_model_solution_is_refused(course, source, message):
    _edit_test_cell(course, "square-tests", source)
    with pytest.raises(KitError, match=message):
        verdicts.reference_records(course_root=course, assignment=ASSIGNMENT, kernel=verdicts.Kernel(use_sandbox=False))


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("x = square(3)", "records no check"),
        ("checks.assert_equal(square(3), 9)\nassert square(0) == 0", "bare assert"),
        (
            "checks.assert_equal(square(3), 9)\n### BEGIN HIDDEN TESTS\nchecks.assert_equal(square(4), 16)\n"
            "### END HIDDEN TESTS",
            "use checks.expect_equal",
        ),
    ],
)
def test_check_finds_test_cells_the_kernel_could_decide(source, problem):
    cell = nbformat.v4.new_code_cell(source)
    assert any(problem in text for text in lint.test_cell_problems(cell))


def test_check_accepts_a_sound_test_cell():
    source = "checks.assert_equal(square(3), 9)\n### BEGIN HIDDEN TESTS\nchecks.expect_equal(square(4), what='x')\n"
    assert lint.test_cell_problems(nbformat.v4.new_code_cell(source + "### END HIDDEN TESTS")) == []
