"""Each lesson executes once per test run: nbval runs it, and the book build reuses that execution.

- While nbval runs a lesson, the outputs of each cell are kept. When its last cell has run, the executed lesson
  is written to the run's shared folder (:func:`executed_folder`, the same for every xdist worker), or a note
  that it failed.
- Lessons come first in the run, ``tests/test_book.py`` last. The builds of ``tests/test_book.py`` and
  ``tests/test_scaffold.py`` wait for every lesson's file (another worker may still be running one), then build
  the book from the executed lessons without executing them again. A lesson that failed, or that this run does
  not include, is executed by the book build as usual.
"""

import copy
import os
import time
from pathlib import Path

import nbformat
import pytest

from lcai.paths import MODULES

# The test workers share the cores: a kernel whose OpenMP pool also takes every core oversubscribes them, and the
# pool's waiting threads made a boosting cell of about 10 s take 98 s on 2 cores. Kernels inherit this setting.
os.environ.setdefault("OMP_NUM_THREADS", "1")

# Test files that take a minute or more, longest first (measured with --durations): scheduling only.
SLOWEST_FIRST = [
    "test_scaffold.py",
    "test_grading.py",
    "test_growth.py",
    "test_assignments.py",
    "test_injection_browser.py",
]
FAILED_SUFFIX = ".failed"
_RUNS = pytest.StashKey[dict]()


def executed_folder(config) -> Path:
    """One folder per test run, shared by all xdist workers, for the lessons nbval executed."""
    base = config._tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "executed-lessons"
    folder.mkdir(exist_ok=True)
    return folder


def executed_path(config, lesson: Path) -> Path:
    return executed_folder(config) / lesson.resolve().relative_to(MODULES.resolve())


def wait_for_executed(session, lessons: list[Path], timeout: float) -> dict[Path, nbformat.NotebookNode] | None:
    """{lesson: executed notebook} once nbval has executed every lesson in this run; None when one is not part of
    the run, failed, or did not finish within ``timeout`` seconds."""
    collected = {Path(str(item.fspath)).resolve() for item in session.items if _is_lesson_cell(item)}
    if not {lesson.resolve() for lesson in lessons} <= collected:
        return None
    config, deadline = session.config, time.monotonic() + timeout
    while True:
        paths = {lesson: executed_path(config, lesson) for lesson in lessons}
        if any(path.with_name(path.name + FAILED_SUFFIX).exists() for path in paths.values()):
            return None
        if all(path.is_file() for path in paths.values()):
            return {lesson: nbformat.read(path, as_version=4) for lesson, path in paths.items()}
        if time.monotonic() > deadline:
            return None
        time.sleep(1)


def _is_lesson_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell" and Path(str(item.fspath)).resolve().is_relative_to(MODULES.resolve())


def pytest_configure(config):
    config.stash[_RUNS] = {}


def pytest_collection_modifyitems(config, items):
    """Lessons first, then the slowest files, the rest, and the book's build last, in the order xdist hands out.

    The book's tests wait for every lesson: run after the lessons, they find them done instead of holding a worker
    idle. Starting the longest files early keeps both workers busy to the end (longest job first).
    ``--no-loadscope-reorder`` (pyproject.toml) keeps xdist from reordering files by their number of tests.
    """

    def rank(item) -> tuple[int, int]:
        path = Path(str(item.fspath)).resolve()
        if _is_lesson_cell(item):
            return 0, 0
        if path.name in SLOWEST_FIRST:
            return 1, SLOWEST_FIRST.index(path.name)
        return (3, 0) if path.name == "test_book.py" else (2, 0)

    items.sort(key=rank)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if _is_lesson_cell(item) and (call.when == "call" or report.failed or report.skipped):
        _keep(item, passed=report.passed and call.when == "call")
    return report


def _keep(item, passed: bool) -> None:
    """Remember one executed cell; write the lesson (or that it failed) once its last code cell has run."""
    lesson = Path(str(item.fspath)).resolve()
    runs = item.config.stash[_RUNS].setdefault(lesson, {})
    runs[item.name] = (list(getattr(item, "test_outputs", None) or []), passed)
    code_cells = [cell for cell in item.parent.nb.cells if cell.cell_type == "code"]
    if len(runs) < len(code_cells):
        return
    target = executed_path(item.config, lesson)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not all(ok for _, ok in runs.values()):
        target.with_name(target.name + FAILED_SUFFIX).touch()
        return
    executed = copy.deepcopy(item.parent.nb)
    cells = [cell for cell in executed.cells if cell.cell_type == "code"]
    for number, (cell, (outputs, _)) in enumerate(zip(cells, runs.values(), strict=True), start=1):
        cell.outputs = [nbformat.from_dict(dict(output)) for output in outputs]
        cell.execution_count = number
    partial = target.with_name(target.name + ".partial")
    nbformat.write(executed, partial)
    partial.replace(target)  # other workers see a whole file or none
