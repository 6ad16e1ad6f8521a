"""`lcai new module` writes a module that `lcai check` rejects until every placeholder is filled, and then passes.

In a scratch copy of the repository (``LCAI_ROOT``), two modules are scaffolded as a lecturer would: a planned
module from its catalogue entry, and a brand-new one. `lcai check` must list exactly one line per placeholder.
The placeholders are then filled programmatically (the marker removed, the text describing what to write kept),
and `lcai check`, the strict book build and the discovery-based tests (course structure, assignment round trip
and leak checks) must pass for both.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import wait_for_executed
from lcai.authoring import book, course, modules
from lcai.authoring.placeholders import MARKER
from lcai.grading.nbgrader_course import copy_course
from lcai.paths import ROOT

PLANNED = next(m for m in modules.load_modules() if not m.published)
NEW = "scaffolded-module"
LESSONS_TIMEOUT = 900


def _lcai(root, *arguments):
    environment = {**os.environ, "LCAI_ROOT": str(root)}
    environment.pop("LCAI_COURSE", None)
    return subprocess.run(
        [sys.executable, "-m", "lcai.cli", *arguments], env=environment, cwd=root, capture_output=True, text=True
    )


def _written_files(root, module_id):
    module = modules.load_module(root / "modules" / module_id)
    folders = [module.folder, *(root / "datasets" / name for name in module.datasets)]
    folders += [root / "assignments" / "source" / assignment.name for assignment in module.assignments]
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    root = tmp_path_factory.mktemp("scaffold") / "repository"
    root.mkdir()
    for name in ["_toc.yml", "_config.yml", "README.md"]:
        shutil.copyfile(ROOT / name, root / name)
    for name in ["book", "modules", "datasets"]:
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    copy_course(root / "assignments")
    planned = _lcai(root, "new", "module", PLANNED.id)
    new = _lcai(
        root, "new", "module", NEW, "--title", "A scaffolded module", "--community", "Example University",
        "--dataset", "scaffolded-data", "--assignment", "scaffolded-routing",
    )  # fmt: skip
    assert planned.returncode == 0 and new.returncode == 0, planned.stderr + new.stderr
    return root, planned.stdout + new.stdout


def test_the_scaffold_writes_every_part_of_a_module(scaffolded):
    root, printed = scaffolded
    for module_id in [PLANNED.id, NEW]:
        module = modules.load_module(root / "modules" / module_id)
        assert module.status == "draft" and len(module.lessons) == 3 and module.assignments and module.datasets
        assert module_id == PLANNED.id or (module.datasets, module.assignments[0].name) == (
            ("scaffolded-data",),
            "scaffolded-routing",
        )
        for lesson in module.lessons:
            assert (module.folder / lesson.file).is_file() and (module.folder / "quizzes" / f"{lesson.file[:-6]}.yml")
        assert f"created: modules/{module_id}/index.md" in printed
    toc = (root / "_toc.yml").read_text()
    assert f"modules/{NEW}/01-" in toc and f"modules/{PLANNED.id}/01-" in toc


def test_a_planned_module_keeps_its_catalogue_entry(scaffolded):
    root, _ = scaffolded
    module = modules.load_module(root / "modules" / PLANNED.id)
    assert (module.title, module.outcomes, module.case) == (PLANNED.title, PLANNED.outcomes, PLANNED.case)


def test_check_lists_each_placeholder_on_one_line(scaffolded):
    root, _ = scaffolded
    result = _lcai(root, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    markers = sum(
        path.read_text(encoding="utf-8").count(MARKER) for m in [PLANNED.id, NEW] for path in _written_files(root, m)
    )
    listed = result.stdout.strip().splitlines()
    assert markers > 0 and len(listed) == markers, "\n".join(listed[:10])
    line_pattern = re.compile(r"^(modules|datasets|assignments)/[^:]+:(\d+| cell \d+): write (['\"]).+\3$")
    assert [line for line in listed if not line_pattern.match(line)] == []


def test_the_scaffold_never_overwrites(scaffolded):
    root, _ = scaffolded
    before = {path: path.read_bytes() for path in _written_files(root, NEW)}
    again = _lcai(root, "new", "module", NEW, "--title", "Other", "--community", "Other")
    assert again.returncode == 1 and again.stderr.startswith(f"lcai: error: module '{NEW}' exists")
    dataset = _lcai(root, "new", "dataset", "scaffolded-data")
    assert dataset.returncode == 0 and "created" not in dataset.stdout and dataset.stdout.count("kept: ") == 3
    assert {path: path.read_bytes() for path in _written_files(root, NEW)} == before


@pytest.fixture(scope="module")
def filled(scaffolded):
    """The scaffolded modules with every placeholder filled in, and the generated pages brought up to date."""
    root, _ = scaffolded
    for module_id in [PLANNED.id, NEW]:
        for path in _written_files(root, module_id):
            if path.suffix in {".md", ".yml", ".py", ".ipynb"}:
                path.write_text(path.read_text(encoding="utf-8").replace(f"{MARKER} ", ""), encoding="utf-8")
    catalogue = _lcai(root, "catalogue")
    assert catalogue.returncode == 0, catalogue.stderr
    return root


def test_a_filled_module_passes_check(filled):
    result = _lcai(filled, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_filled_module_builds_in_the_strict_book(filled, request, tmp_path):
    lessons = course.lesson_notebooks()
    executed = wait_for_executed(request.session, lessons, timeout=LESSONS_TIMEOUT) or {}
    staged = {filled / path.relative_to(ROOT): notebook for path, notebook in executed.items()}
    environment = os.environ.copy()
    os.environ["LCAI_ROOT"] = str(filled)  # the new lessons load their datasets from the scratch copy
    try:
        index = book.build_book(source=filled, output=tmp_path, executed=staged)
    finally:
        os.environ.clear()
        os.environ.update(environment)
    html = index.parent
    catalogue = yaml.safe_load((html / "catalogue.json").read_text())  # JSON is YAML
    listed = [entry["item"]["identifier"] for entry in catalogue["itemListElement"]]
    assert NEW in listed and PLANNED.id in listed
    for module_id in [PLANNED.id, NEW]:
        for lesson in modules.load_module(filled / "modules" / module_id).lessons:
            page = (html / "modules" / module_id / lesson.file).with_suffix(".html").read_text()
            assert "Not yet: n_rows is still empty" in page and "Correct: n_rows is right." in page
            assert "jupyterquiz" in page or "questions" in page


def test_a_filled_module_passes_the_discovery_based_tests(filled):
    """The course-structure tests and the assignment round trip (full, zero, in between; no leaks) for both."""
    environment = {**os.environ, "LCAI_ROOT": str(filled)}
    environment.pop("LCAI_COURSE", None)
    selected = " or ".join([PLANNED.id, NEW, "scaffolded-routing", "scaffolded-data"])
    tests = [str(ROOT / "tests" / name) for name in ["test_course_structure.py", "test_assignments.py"]]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-v", "-p", "no:randomly", "-k", selected, *tests],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    passed = [line for line in result.stdout.splitlines() if " PASSED" in line]
    for name in [f"{PLANNED.id}-case-assignment", "scaffolded-routing", f"[{PLANNED.id}]", f"[{NEW}]"]:
        assert any(name in line for line in passed), f"no test covered {name}:\n" + "\n".join(passed)
    assert sum("test_correct_submission_scores_full" in line for line in passed) == 2
