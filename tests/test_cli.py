"""Bad input to the command line ends in one clear line on stderr and a non-zero exit, never a traceback."""

import argparse
import subprocess
import sys

import pytest

from lcai import datasets
from lcai.authoring import course, modules
from lcai.cli import command_parser
from lcai.paths import ROOT

DATASETS = datasets.available_datasets()
ASSIGNMENTS = course.assignment_names()
PUBLISHED = [module.id for module in modules.load_modules() if module.published]


def lcai(*arguments, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "lcai.cli", *arguments], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def corrupt_notebook(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [ this is not json')
    return path


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["dataset", "verify", "no-such-data"], f"unknown dataset 'no-such-data': choose one of {', '.join(DATASETS)}"),
        (["dataset", "regenerate", "no-such-data"], "unknown dataset 'no-such-data'"),
        (["release", "no-such-assignment"], "unknown assignment 'no-such-assignment': choose one of"),
        (["strip", "missing.ipynb"], "notebook missing.ipynb does not exist"),
        (["feedback", "no-such-assignment"], "unknown assignment 'no-such-assignment': choose one of"),
        (["grade", "no-such-assignment"], "unknown assignment 'no-such-assignment': choose one of"),
        (["reviewed", ASSIGNMENTS[0], "nobody"], "nobody not graded for"),
        (["coverage", "no-such-module"], "unknown module 'no-such-module': choose one of"),
        (["new", "lesson", "no-such-module", "A title"], "unknown module 'no-such-module': choose one of"),
        (["new", "module", "Bad_Name", "--title", "T", "--community", "C"], "'Bad_Name' is not a valid name"),
        (["new", "module", PUBLISHED[0]], f"module {PUBLISHED[0]!r} exists"),
        (["new", "module", "brand-new-module"], "a new module needs --title and --community"),
        (["new", "dataset", "Bad Name"], "'Bad Name' is not a valid name"),
    ],
)
def test_bad_input_gives_one_line_error(arguments, message):
    result = lcai(*arguments)
    assert result.returncode == 1
    assert result.stderr.strip() == f"lcai: error: {result.stderr.strip().removeprefix('lcai: error: ')}"
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_corrupt_notebook_is_reported_and_left_untouched(corrupt_notebook):
    before = corrupt_notebook.read_bytes()
    result = lcai("strip", str(corrupt_notebook))
    assert result.returncode == 1
    assert "is not a valid notebook" in result.stderr and "Traceback" not in result.stderr
    assert corrupt_notebook.read_bytes() == before


def test_unknown_verb_is_a_usage_error():
    result = lcai("grade-everything")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def _verbs():
    return next(action for action in command_parser()._actions if isinstance(action, argparse._SubParsersAction))


def test_every_verb_has_help_with_an_example():
    verbs = list(_verbs().choices)
    assert len(verbs) >= 10
    for verb in verbs:
        result = lcai(verb, "--help")
        assert result.returncode == 0 and "example: lcai" in result.stdout, verb


def test_version_is_printed():
    result = lcai("--version")
    assert result.returncode == 0 and result.stdout.startswith("lcai ") and result.stdout.split()[1][0].isdigit()


def test_dataset_verify_succeeds_on_the_committed_data():
    result = lcai("dataset", "verify")
    assert result.returncode == 0
    assert all(f"{name}: ok" in result.stdout for name in DATASETS) and DATASETS


def test_strip_keeps_key_results_and_removes_other_outputs(tmp_path):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    kept = nbformat.v4.new_code_cell("print(42)", execution_count=1, metadata={"tags": ["nbval-check-output"]})
    kept.outputs = [nbformat.v4.new_output("stream", text="42\n")]
    dropped = nbformat.v4.new_code_cell("print(1)", execution_count=2)
    dropped.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    notebook.cells = [kept, dropped]
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    assert lcai("strip", str(path)).returncode == 0
    stripped = nbformat.read(path, as_version=4)
    assert stripped.cells[0].outputs[0].text == "42\n" and stripped.cells[0].execution_count == 1
    assert stripped.cells[1].outputs == [] and stripped.cells[1].execution_count is None
