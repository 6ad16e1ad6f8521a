"""The tests that cover every module, lesson, dataset and assignment find them by themselves.

A scratch copy of the repository gets a second module, a second dataset and a second assignment, each named
differently from the first (the assignment sorts before the existing one). The test files that discover content
then run unchanged against that copy (``LCAI_ROOT`` points the kit at it) and must pass, covering the new parts.
What they already cover in the real repository is deselected here, so the new parts are all that runs twice.
"""

import os
import re
import shutil
import subprocess
import sys

import yaml
from grading_corpus import ASSIGNMENT, write_assignment

from lcai import datasets
from lcai.authoring import course, modules
from lcai.grading.nbgrader_course import copy_course
from lcai.paths import ROOT

GROWING_TESTS = ["test_datasets.py", "test_course_structure.py", "test_cli.py", "test_assignments.py"]
MODULE, DATASET = "second-module", "second-dataset"


def _copy_dataset(source_name: str, root) -> None:
    source, target = datasets.datasets_root() / source_name, root / "datasets" / DATASET
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.is_file():
            shutil.copyfile(path, target / path.name.replace(source_name, DATASET))
    checksum = target / f"{DATASET}.csv.sha256"
    checksum.write_text(checksum.read_text().replace(source_name, DATASET))
    for name in ["DATASHEET.md", "generate.py"]:
        (target / name).write_text((target / name).read_text().replace(source_name, DATASET))


def _copy_module(source, root) -> None:
    """A second module as a lecturer adds one: its folder with its own module.yml, then `lcai catalogue`."""
    target = root / "modules" / MODULE
    shutil.copytree(source, target)
    facts = yaml.safe_load((target / "module.yml").read_text())
    # A draft without an assignment: the first module's assignment stays that module's only.
    facts.update(id=MODULE, title="A second module", order=facts["order"] + 1, status="draft", assignments=[])
    (target / "module.yml").write_text(yaml.safe_dump(facts, sort_keys=False, allow_unicode=True))
    overview = target / "index.md"
    overview.write_text(overview.read_text().replace(f"{source.name}-", f"{MODULE}-"))
    environment = {**os.environ, "LCAI_ROOT": str(root)}
    subprocess.run([sys.executable, "-m", "lcai.cli", "catalogue"], env=environment, check=True, capture_output=True)


def _scratch_repository(folder):
    root = folder / "repository"
    root.mkdir()
    for name in ["_toc.yml", "_config.yml", "book", "README.md"]:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, root / name)
    shutil.copytree(ROOT / "modules", root / "modules", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(datasets.datasets_root(), root / "datasets")
    copy_course(root / "assignments")
    _copy_module(next(m.folder for m in modules.load_modules() if m.assignments), root)
    _copy_dataset(datasets.available_datasets()[0], root)
    write_assignment(root / "assignments")
    return root


def test_a_second_module_dataset_and_assignment_need_no_test_edit(tmp_path):
    root = _scratch_repository(tmp_path)
    existing = [*course.assignment_names(), *datasets.available_datasets(), *(f.name for f in modules.module_folders())]
    assert ASSIGNMENT not in existing and sorted([ASSIGNMENT, *course.assignment_names()])[0] == ASSIGNMENT
    environment = {key: value for key, value in os.environ.items() if key not in {"LCAI_COURSE", "LCAI_DATASETS"}}
    environment["LCAI_ROOT"] = str(root)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-v", "-p", "no:randomly", "-k",
         " and ".join(f"not {name}" for name in existing), *(str(ROOT / "tests" / name) for name in GROWING_TESTS)],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    passed = [line for line in result.stdout.splitlines() if " PASSED" in line]
    for name in [MODULE, DATASET, ASSIGNMENT]:
        assert any(name in line for line in passed), f"no test covered {name}:\n" + "\n".join(passed)
    counted = re.search(r"(\d+) passed", result.stdout)
    assert counted and int(counted.group(1)) == len(passed)
