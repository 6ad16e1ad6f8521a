"""Check that the course follows its design: what ``lcai check`` reports and the tests assert.

Each function returns a list of problems, one line each, naming the file and what to fix; an empty list
means sound. Conventions checked here come from the course design (lesson anatomy, datasheet sections,
nbgrader cell roles).
"""

import ast
import re
from pathlib import Path

import yaml

from lcai import cells, datasets
from lcai.authoring import course
from lcai.authoring.notebooks import CHECKED_OUTPUT_TAG, has_checked_output, read_notebook, tags
from lcai.errors import KitError
from lcai.paths import COURSE, MODULES, ROOT

LESSON_SECTIONS = ["Learning objectives", "Try it", "What this means for", "Summary"]
MODULE_SECTIONS = [
    "The case",
    "Learning outcomes",
    "Level",
    "Study load",
    "Prerequisites",
    "Lessons",
    "assignment",
    "Reading path",
]
DATASHEET_SECTIONS = [
    "Motivation",
    "Source and licence",
    "How it was made",
    "Columns",
    "Known biases",
    "Intended use",
    "Checksum",
]
MIN_ALT_TEXT = 20


def toc_entries(root: Path = ROOT) -> set[str]:
    """Every ``file`` entry of ``_toc.yml`` (without suffix), the root page included."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    entries = {toc["root"]}

    def collect(node):
        if isinstance(node, dict):
            if "file" in node:
                entries.add(node["file"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(toc)
    return {str(Path(entry).with_suffix("")) for entry in entries}


def _toc_name(path: Path, root: Path) -> str:
    return str(path.relative_to(root).with_suffix(""))


def _headings(markdown_sources: list[str]) -> list[str]:
    return [line for source in markdown_sources for line in source.splitlines() if re.match(r"#{1,6} ", line)]


def lesson_problems(path: Path, root: Path = ROOT) -> list[str]:
    """Problems of one lesson notebook: anatomy, stripped outputs, key results, alt text, table of contents."""
    try:
        notebook = read_notebook(path)
    except KitError as error:
        return [str(error)]
    where = path.relative_to(root)
    problems = []
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    headings = _headings(markdown)
    titles = [h for h in headings if h.startswith("# ")]
    if len(titles) != 1:
        problems.append(f"{where}: needs exactly one '# ' title heading, found {len(titles)}.")
    for section in LESSON_SECTIONS:
        if not any(section.lower() in h.lower() for h in headings):
            problems.append(f"{where}: missing a section heading containing {section!r}.")
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if not any(has_checked_output(cell) and cell.outputs for cell in code_cells):
        problems.append(
            f"{where}: no key result: tag a cell that prints one {CHECKED_OUTPUT_TAG!r} and keep its output."
        )
    if not any("hide-input" in tags(cell) for cell in code_cells):
        problems.append(f"{where}: no exercise solution: tag the solution cell of a 'Try it' exercise 'hide-input'.")
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        expected_count = 1 if has_checked_output(cell) and cell.outputs else None
        if cell.execution_count != expected_count or (cell.outputs and not has_checked_output(cell)):
            problems.append(f"{where}: cell {number} has outputs: run `lcai strip {where}` before committing.")
        if "plt.show()" in cell.source:
            alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
            if len(alt) < MIN_ALT_TEXT:
                problems.append(f"{where}: figure in cell {number} needs alt text in metadata mystnb.image.alt.")
    if _toc_name(path, root) not in toc_entries(root):
        problems.append(f"{where}: not in _toc.yml: add it under its module.")
    return problems


def module_problems(folder: Path, root: Path = ROOT) -> list[str]:
    """Problems of one module folder: overview sections, lessons, table of contents, catalogue entry."""
    where = folder.relative_to(root)
    overview = (folder / "index.md").read_text()
    problems = [
        f"{where}/index.md: missing a section heading containing {section!r}."
        for section in MODULE_SECTIONS
        if not any(section.lower() in h.lower() for h in _headings([overview]))
    ]
    lessons = course.lesson_notebooks(folder.parent)
    if len([p for p in lessons if p.parent == folder]) < 3:
        problems.append(f"{where}: a module needs at least three lesson notebooks.")
    if _toc_name(folder / "index.md", root) not in toc_entries(root):
        problems.append(f"{where}/index.md: not in _toc.yml: add the module as a part.")
    catalogue = root / "book" / "catalogue.md"
    if f"modules/{folder.name}/index.md" not in catalogue.read_text():
        problems.append(f"{where}: not linked from book/catalogue.md: add the module to the catalogue.")
    return problems


def dataset_problems(name: str, root: Path | None = None) -> list[str]:
    """Problems of one dataset: datasheet sections, data file and checksum."""
    folder = (root or datasets.datasets_root()) / name
    sheet = (folder / "DATASHEET.md").read_text()
    problems = [
        f"datasets/{name}/DATASHEET.md: missing a section heading containing {section!r}."
        for section in DATASHEET_SECTIONS
        if not any(section.lower() in h.lower() for h in _headings([sheet]))
    ]
    try:
        datasets.verify_dataset(name, root)
    except KitError as error:
        problems.append(str(error))
    return problems


# Checks that compare in the kernel with an expected value the test cell carries.
COMPARING_CHECKS = {"assert_equal", "assert_close"}


def test_cell_problems(cell) -> list[str]:
    """What keeps a test cell's verdict from being decided outside the student's kernel (see lcai.grading.verdicts)."""
    try:
        tree = ast.parse(cell.source)
    except SyntaxError as error:
        return [f"does not parse ({error.msg}, line {error.lineno})."]
    problems = []
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = [node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "") for node in calls]
    if not any(name.startswith(("assert_", "expect_")) for name in names):
        problems.append("records no check: compare with lcai.checks (assert_*, expect_*), or it earns no points.")
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            problems.append(f"line {node.lineno}: a bare assert is invisible to the grader: use checks.assert_true.")
    _, hidden = cells.split_hidden(cell.source)
    for node, name in zip(calls, names, strict=True):
        if name in COMPARING_CHECKS and node.lineno in hidden:
            problems.append(
                f"line {node.lineno}: a hidden {name} puts its expected value in the student's kernel: "
                f"use checks.expect_{name.removeprefix('assert_')} (the model solution's value is expected)."
            )
    return problems


def assignment_problems(name: str, course_root: Path = COURSE) -> list[str]:
    """Problems of one nbgrader assignment: unique grade ids, hand-graded answer, tests that use lcai.checks."""
    problems, hand_graded = [], 0
    for path in course.source_notebooks(name, course_root):
        where = path.relative_to(course_root)
        try:
            notebook = read_notebook(path)
        except KitError as error:
            problems.append(str(error))
            continue
        grade_ids = []
        for cell in notebook.cells:
            meta = cells.nbgrader(cell)
            if not meta:
                continue
            grade_ids.append(meta.get("grade_id"))
            if meta.get("grade") and meta.get("solution") and cell.cell_type == "markdown":
                hand_graded += 1
            if meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
                problems += [f"{where}: test cell {meta.get('grade_id')!r} {text}" for text in test_cell_problems(cell)]
            if meta.get("solution") and cell.cell_type == "code" and "### BEGIN SOLUTION" not in cell.source:
                problems.append(f"{where}: answer cell {meta.get('grade_id')!r} has no ### BEGIN SOLUTION region.")
        duplicates = sorted({gid for gid in grade_ids if grade_ids.count(gid) > 1})
        if duplicates:
            problems.append(f"{where}: grade_id used twice: {', '.join(map(str, duplicates))}.")
    if not hand_graded:
        problems.append(f"source/{name}: needs at least one hand-graded written answer (markdown, grade + solution).")
    return problems


def course_problems() -> list[str]:
    """Every problem in the course: lessons, modules, datasets and assignments."""
    problems = []
    for path in course.lesson_notebooks(MODULES):
        problems += lesson_problems(path)
    for folder in course.module_folders(MODULES):
        problems += module_problems(folder)
    for name in datasets.available_datasets():
        problems += dataset_problems(name)
    for name in course.assignment_names(COURSE):
        problems += assignment_problems(name)
    return problems
