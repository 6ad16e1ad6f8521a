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
from lcai.authoring import course
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
    shutil.copytree(source, root / "modules" / MODULE)
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if any(c["file"].startswith(f"modules/{source.name}/") for c in p["chapters"]))
    copied = yaml.safe_load(yaml.safe_dump(part).replace(f"modules/{source.name}/", f"modules/{MODULE}/"))
    copied["caption"] = "A second module"
    toc["parts"].insert(toc["parts"].index(part) + 1, copied)
    (root / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    # As the README's steps say: the catalogue links the new module.
    catalogue = root / "book" / "catalogue.md"
    catalogue.write_text(catalogue.read_text() + f"\n- [A second module](../modules/{MODULE}/index.md)\n")


def _scratch_repository(folder):
    root = folder / "repository"
    root.mkdir()
    for name in ["_toc.yml", "_config.yml", "book"]:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, root / name)
    shutil.copytree(ROOT / "modules", root / "modules", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(datasets.datasets_root(), root / "datasets")
    copy_course(root / "assignments")
    _copy_module(course.module_folders()[0], root)
    _copy_dataset(datasets.available_datasets()[0], root)
    write_assignment(root / "assignments")
    return root


def test_a_second_module_dataset_and_assignment_need_no_test_edit(tmp_path):
    root = _scratch_repository(tmp_path)
    existing = [*course.assignment_names(), *datasets.available_datasets(), *(f.name for f in course.module_folders())]
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
