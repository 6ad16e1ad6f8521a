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
from lcai.authoring import catalogue, course, coverage, placeholders, quizzes
from lcai.authoring.modules import METADATA_FILE, Module, load_module, metadata_problems, module_folders
from lcai.authoring.notebooks import CHECKED_OUTPUT_TAG, has_checked_output, read_notebook, tags
from lcai.errors import KitError
from lcai.paths import COURSE, MODULES, ROOT

LESSON_SECTIONS = ["Learning objectives", "Try it", "What this means for", "Summary", "Self-check quiz"]
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


def _last_call(cell) -> str | None:
    """The name of the function a cell's last statement calls (``check_x()`` or ``exercises.check_x(...)``)."""
    try:
        body = ast.parse(cell.source).body
    except SyntaxError:
        return None
    if not body or not isinstance(body[-1], ast.Expr) or not isinstance(body[-1].value, ast.Call):
        return None
    function = body[-1].value.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)


def exercise_problems(code_cells: list) -> list[str]:
    """The "Try it" anatomy: answer cell, check cell, then the solution, folded and ending with the same check.

    The check comes before the solution so that running every cell checks the student's own answer first.
    """
    problems = []
    solutions = [number for number, cell in enumerate(code_cells) if "hide-input" in tags(cell)]
    if not solutions:
        return ["no exercise: a 'Try it' exercise is an answer cell, a check cell and a solution tagged 'hide-input'."]
    for number in solutions:
        solution = code_cells[number]
        first_line = solution.source.strip().splitlines()[0] if solution.source.strip() else ""
        label = f"exercise solution {first_line!r}"
        if not solution.metadata.get("jupyter", {}).get("source_hidden"):
            problems.append(f"{label} is not folded in JupyterLab: set metadata jupyter.source_hidden to true.")
        check = code_cells[number - 1] if number >= 2 else None
        check_name = _last_call(check) if check is not None else None
        if not check_name or not check_name.startswith("check") or "hide-input" in tags(check):
            problems.append(f"{label} needs a check cell before it that ends by calling a check_... function.")
            continue
        if "hide-input" in tags(code_cells[number - 2]):
            problems.append(f"{label} needs the student's answer cell before its check cell.")
        if _last_call(solution) != check_name:
            problems.append(f"{label} must end with the same check as its check cell: {check_name}(...).")
    return problems


def quiz_cell_problems(path: Path, code_cells: list, root: Path) -> list[str]:
    """The lesson ends with its self-check quiz: the last code cell shows ``quizzes/<lesson>.yml``."""
    expected = f"quizzes/{path.stem}.yml"
    where = path.relative_to(root)
    if not code_cells or _last_call(code_cells[-1]) != "show_quiz" or expected not in code_cells[-1].source:
        return [f"{where}: the last code cell must show the self-check quiz: show_quiz({expected!r})."]
    return quizzes.quiz_problems(quizzes.quiz_path(path), where=str(quizzes.quiz_path(path).relative_to(root)))


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
    problems += [f"{where}: {problem}" for problem in exercise_problems(code_cells)]
    problems += quiz_cell_problems(path, code_cells, root)
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


def _lesson_facts_problems(module: Module, root: Path) -> list[str]:
    """The lessons module.yml lists against the notebooks in the folder: files, titles, minutes, outcomes."""
    where = f"modules/{module.id}/module.yml"
    problems = []
    listed = [lesson.file for lesson in module.lessons]
    on_disk = sorted(p.name for p in module.folder.glob("*.ipynb"))
    for name in sorted(set(on_disk) - set(listed)):
        problems.append(f"{where}: lesson {name} is in the folder but not in lessons: add it (file, title, minutes).")
    for lesson in module.lessons:
        path = module.folder / lesson.file
        if not path.is_file():
            problems.append(
                f"{where}: lesson {lesson.file} does not exist: create it (`lcai new lesson`) or remove it."
            )
            continue
        try:
            notebook = read_notebook(path)
        except KitError as error:
            problems.append(str(error))
            continue
        markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
        titles = [h.removeprefix("# ").strip() for h in _headings(markdown) if h.startswith("# ")]
        if titles and titles[0] != lesson.title:
            problems.append(
                f"{where}: lesson {lesson.file} is titled {titles[0]!r} in the notebook, {lesson.title!r} here."
            )
        stated = re.search(r"Estimated time: about (\d+) minutes", "\n".join(markdown))
        if not stated or int(stated.group(1)) != lesson.minutes:
            problems.append(
                f"modules/{module.id}/{lesson.file}: say 'Estimated time: about {lesson.minutes} minutes.' "
                f"(the minutes of module.yml)."
            )
        unknown = sorted(set(lesson.outcomes) - set(module.outcome_ids))
        if unknown:
            problems.append(f"{where}: lesson {lesson.file} names unknown outcome(s) {', '.join(unknown)}.")
    untaught = [o for o in module.outcome_ids if not any(o in lesson.outcomes for lesson in module.lessons)]
    if module.lessons and untaught:
        problems.append(f"{where}: no lesson teaches {', '.join(untaught)}: name it in a lesson's outcomes.")
    return problems


def module_problems(folder: Path, root: Path = ROOT, course_root: Path = COURSE) -> list[str]:
    """Problems of one module: its module.yml, overview sections, lessons, assignment, datasets and coverage."""
    where = folder.relative_to(root)
    problems = metadata_problems(folder / METADATA_FILE, where=f"{where}/{METADATA_FILE}")
    if problems:
        return problems
    module = load_module(folder)
    if module.id != folder.name:
        return [f"{where}/{METADATA_FILE}: id {module.id!r} differs from the folder name {folder.name!r}."]
    if not module.published:
        extra = sorted(p.name for p in folder.iterdir() if p.name != METADATA_FILE and not p.name.startswith("."))
        if extra or module.lessons or module.assignments:
            problems.append(
                f"{where}: a planned module is only its module.yml: set status to draft when it gets pages "
                f"(`lcai new module {module.id}` does)."
            )
        return problems
    overview = folder / "index.md"
    if not overview.is_file():
        return [f"{where}/index.md: missing: every module needs an overview page (`lcai new module` writes one)."]
    problems += [
        f"{where}/index.md: missing a section heading containing {section!r}."
        for section in MODULE_SECTIONS
        if not any(section.lower() in h.lower() for h in _headings([overview.read_text(encoding="utf-8")]))
    ]
    if module.status == "available" and (len(module.lessons) < 3 or not module.assignments):
        problems.append(f"{where}: an available module needs at least three lessons and an assignment.")
    problems += _lesson_facts_problems(module, root)
    for name in module.datasets:
        if name not in datasets.available_datasets():
            problems.append(f"{where}/{METADATA_FILE}: dataset {name!r} is not in datasets/.")
    problems += coverage.coverage_problems(module, course_root)
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


def _assignment_owner_problems() -> list[str]:
    """Each assignment belongs to exactly one module, so its points count for that module's outcomes."""
    owners: dict[str, list[str]] = {}
    for folder in module_folders(MODULES):
        if not metadata_problems(folder / METADATA_FILE):
            for assignment in load_module(folder).assignments:
                owners.setdefault(assignment.name, []).append(folder.name)
    problems = []
    for name in course.assignment_names(COURSE):
        modules = owners.get(name, [])
        if len(modules) != 1:
            which = ", ".join(modules) if modules else "no module"
            problems.append(f"source/{name}: listed by {which}: list it under assignments in one module's module.yml.")
    return problems


def course_problems() -> list[str]:
    """Every problem in the course: lessons, modules, datasets and assignments."""
    problems = []
    for path in course.lesson_notebooks(MODULES):
        problems += lesson_problems(path)
    for folder in module_folders(MODULES):
        problems += module_problems(folder)
    problems += catalogue.stale_regions(root=ROOT, course_root=COURSE)
    problems += placeholders.open_placeholders(ROOT, COURSE)
    problems += _assignment_owner_problems()
    for name in datasets.available_datasets():
        problems += dataset_problems(name)
    for name in course.assignment_names(COURSE):
        problems += assignment_problems(name)
    return problems
