"""``lcai new``: a new module, lesson or dataset, complete in structure, with every part still to write marked.

Every placeholder is the text ``TODO(lcai):`` followed by what to write there; :mod:`lcai.authoring.placeholders`
lists each one still open, and ``lcai check`` fails until none is left. The scaffold never overwrites a file: a
file that exists is kept and reported. What it writes runs as it is (the lessons execute, the assignment goes
round trip through nbgrader), so an author replaces working examples instead of starting from nothing.

Steps of ``new module``: the dataset skeleton (a seeded generator, run once, with its checksum), ``module.yml``
(or the planned module's entry, completed), the overview page, the lessons with their quizzes (each executed once
so that its key-result cell keeps an output), the nbgrader assignment, and the generated pages.
"""

import json
import re
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from string import Template

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lcai.authoring import catalogue, notebooks
from lcai.authoring.modules import METADATA_FILE, find_module, load_modules, schema_problems
from lcai.errors import KitError
from lcai.paths import COURSE, DATASETS, PACKAGE, ROOT

TEMPLATES = PACKAGE / "authoring" / "templates"
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DEFAULT_LESSONS = ("The case and its data", "The lead technique", "Responsible use in practice")
LESSON_MINUTES = 30
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


@dataclass(frozen=True)
class Written:
    """What one scaffold step did to one file."""

    path: Path
    action: str  # "created", "kept", "completed"

    def line(self, root: Path) -> str:
        where = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        return f"{self.action}: {where}"


def _require_name(name: str, what: str) -> None:
    if not NAME.match(name):
        raise KitError(
            f"{what} {name!r} is not a valid name: use lower-case words joined by '-', like 'public-safety'."
        )


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    if not words:
        raise KitError(f"lesson title {title!r} has no letters or digits: give it a title of a few words.")
    return "-".join(words[:6])


def _fill(template: str, **values) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(**values)


def _write_text(path: Path, text: str) -> Written:
    if path.exists():
        return Written(path, "kept")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Written(path, "created")


# --- datasets -----------------------------------------------------------------------------------------------------


def new_dataset(*, name: str, datasets_root: Path = DATASETS) -> list[Written]:
    """A dataset skeleton: datasheet, seeded generator, and the data file with its checksum (generated once)."""
    _require_name(name, "dataset")
    folder = datasets_root / name
    seed = zlib.crc32(name.encode()) % 90_000_000 + 10_000_000  # a different, fixed seed per dataset
    written = [
        _write_text(folder / "DATASHEET.md", _fill("DATASHEET.md", name=name)),
        _write_text(folder / "generate.py", _fill("generate.py.tmpl", name=name, seed=seed)),
    ]
    data = folder / f"{name}.csv"
    if data.exists():
        written.append(Written(data, "kept"))
    else:
        result = subprocess.run([sys.executable, str(folder / "generate.py")], capture_output=True, text=True)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise KitError(f"{folder / 'generate.py'} failed: {last}")
        written += [Written(data, "created"), Written(data.with_name(data.name + ".sha256"), "created")]
    return written


# --- lessons ------------------------------------------------------------------------------------------------------


def _lesson_notebook(*, title: str, dataset: str) -> nbformat.NotebookNode:
    """A lesson with the lesson anatomy whose example code runs on any dataset, so the author starts from it."""
    figure = new_code_cell(
        """# The column with the fewest distinct values (at least two) as the example's groups.
group_column = min((c for c in table.columns if table[c].nunique() > 1), key=lambda c: table[c].nunique())
counts = table[group_column].astype(str).value_counts().sort_index()
share = counts / len(table)
low, high = stats.wilson_interval(counts, len(table))  # a 95% interval for each share
fig, ax = plt.subplots()
ax.barh(counts.index, share, xerr=[share - low, high - share], capsize=3, color=COLOURS["sky_blue"])
for position, (value, n) in enumerate(zip(share, counts, strict=True)):
    ax.annotate(f"n = {n}", (value, position), xytext=(8, 0), textcoords="offset points", va="center")
ax.set_title("TODO(lcai): a title that states what the figure shows")
ax.set_xlabel("share of rows (95% interval)")
ax.set_ylabel(group_column)
plt.show()"""
    )
    figure.metadata["mystnb"] = {"image": {"alt": "TODO(lcai): one sentence on what the figure shows, for a reader "
                                                  "who cannot see it."}}  # fmt: skip
    key_result = new_code_cell('print(f"{len(table):,} rows, {table.shape[1]} columns")')
    key_result.metadata["tags"] = [notebooks.CHECKED_OUTPUT_TAG]
    solution = new_code_cell("# Solution\nn_rows = len(table)\ncheck_n_rows()")
    solution.metadata["tags"] = ["hide-input"]
    solution.metadata["jupyter"] = {"source_hidden": True}
    cells = [
        new_markdown_cell(
            f"# {title}\n\nTODO(lcai): one paragraph from the case: why this lesson matters to the company.\n\n"
            "## Learning objectives\n\nAfter this lesson you can:\n\n"
            "- TODO(lcai): an objective with an observable verb;\n- TODO(lcai): another objective.\n\n"
            f"Estimated time: about {LESSON_MINUTES} minutes."
        ),
        new_markdown_cell("TODO(lcai): why the next cell is there, in one sentence."),
        new_code_cell(
            "import matplotlib.pyplot as plt\n\nfrom lcai import exercises, load_dataset, stats\n"
            "from lcai.plotting import COLOURS, use_course_style\nfrom lcai.quiz import show_quiz\n\nuse_course_style()"
        ),
        new_markdown_cell("## A first look at the data\n\nTODO(lcai): what the data is and what to look for."),
        new_code_cell(f'table = load_dataset("{dataset}")\ntable.head()'),
        new_markdown_cell("TODO(lcai): the lesson's key number and why it matters; the test checks this output."),
        key_result,
        new_markdown_cell("TODO(lcai): what the figure shows, with the n of each group and its uncertainty."),
        figure,
        new_markdown_cell(
            "## Try it: TODO(lcai): the exercise's title\n\n"
            "TODO(lcai): the brief. The example asks for the number of rows of the table; store it in `n_rows`."
        ),
        new_code_cell("# Replace None with your answer.\nn_rows = None"),
        new_markdown_cell("Run this cell to check your answer. It says *Not yet* until the answer is right."),
        new_code_cell(
            "def check_n_rows():\n"
            '    return exercises.check_equal(n_rows, table.shape[0], name="n_rows", hint="len() of a table")\n\n\n'
            "check_n_rows()"
        ),
        new_markdown_cell(
            "A possible solution is folded away below; open it after you have tried the exercise yourself. "
            "It ends with the same check."
        ),
        solution,
        new_markdown_cell("## What this means for the case\n\nTODO(lcai): what the result means for the company."),
        new_markdown_cell("## Summary\n\n- TODO(lcai): the points to remember, a few bullets."),
        new_markdown_cell(
            "## Self-check quiz\n\nChoose an answer or type a number and press Enter; each answer tells you why it "
            "is right or not. Nothing is recorded."
        ),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})


def _add_quiz_cell(notebook: nbformat.NotebookNode, stem: str) -> None:
    notebook.cells.append(new_code_cell(f'show_quiz("quizzes/{stem}.yml")'))


def _execute_key_results(path: Path) -> None:
    """Run the new lesson once, keeping only its key-result outputs (as a committed lesson holds them)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    try:
        client = NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}})
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up warnings are not the author's concern
    except CellExecutionError as error:
        raise KitError(f"{path}: the new lesson does not run ({str(error).strip().splitlines()[-1]}).") from None
    notebooks.strip_outputs(notebook)
    nbformat.write(notebook, path)


def _split(outcome_ids: list[str], parts: int) -> list[list[str]]:
    """The outcomes in ``parts`` consecutive groups, none empty (the first outcome fills in for missing ones)."""
    size, extra = divmod(len(outcome_ids), parts)
    groups, start = [], 0
    for number in range(parts):
        end = start + size + (1 if number < extra else 0)
        groups.append(outcome_ids[start:end] or outcome_ids[:1])
        start = end
    return groups


def _lesson_entry(number: int, title: str, outcomes: list[str]) -> dict:
    return {
        "file": f"{number:02d}-{_slug(title)}.ipynb",
        "title": title,
        "minutes": LESSON_MINUTES,
        "outcomes": outcomes,
        "summary": "TODO(lcai): what the lesson teaches, in one line.",
    }


def _write_lesson(folder: Path, entry: dict, dataset: str, number: int) -> list[Written]:
    path = folder / entry["file"]
    quiz = folder / "quizzes" / f"{path.stem}.yml"
    written = [_write_text(quiz, _fill("quiz.yml", number=number))]
    if path.exists():
        return [*written, Written(path, "kept")]
    notebook = _lesson_notebook(title=entry["title"], dataset=dataset)
    _add_quiz_cell(notebook, path.stem)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    _execute_key_results(path)
    return [*written, Written(path, "created")]


def _lesson_yaml(entry: dict) -> str:
    return (
        f"  - file: {entry['file']}\n    title: {entry['title']}\n    minutes: {entry['minutes']}\n"
        f'    outcomes: [{", ".join(entry["outcomes"])}]\n    summary: "{entry["summary"]}"\n'
    )


def _append_lesson(metadata: Path, entry: dict) -> None:
    text = metadata.read_text(encoding="utf-8")
    if "lessons: []\n" in text:
        text = text.replace("lessons: []\n", "lessons:\n" + _lesson_yaml(entry))
    else:
        block = re.search(r"^lessons:\n(?:  .*\n)*", text, flags=re.MULTILINE)
        if not block:
            raise KitError(f"{metadata}: has no block 'lessons:' to add the lesson to: add it by hand.")
        text = text[: block.end()] + _lesson_yaml(entry) + text[block.end() :]
    metadata.write_text(text, encoding="utf-8")


def new_lesson(*, module_id: str, title: str, root: Path = ROOT, course_root: Path = COURSE) -> list[Written]:
    """A lesson with the lesson anatomy and its quiz, added after the module's last lesson in module.yml."""
    module = find_module(module_id, root / "modules")
    if not module.published:
        raise KitError(f"module {module_id!r} is planned: run `lcai new module {module_id}` first.")
    if not module.datasets:
        raise KitError(f"module {module_id!r} lists no dataset: add one to datasets in its module.yml first.")
    number = len(module.lessons) + 1
    entry = _lesson_entry(number, title, module.outcome_ids[:1])
    if (module.folder / entry["file"]).exists() or any(lesson.title == title for lesson in module.lessons):
        raise KitError(f"module {module_id!r} already has a lesson {entry['file']}: choose another title.")
    written = _write_lesson(module.folder, entry, module.datasets[0], number)
    _append_lesson(module.folder / METADATA_FILE, entry)
    written.append(Written(module.folder / METADATA_FILE, "completed"))
    return written + [Written(path, "completed") for path in catalogue.regenerate(root=root, course_root=course_root)]


# --- the assignment -----------------------------------------------------------------------------------------------


def _nbgrader(cell, grade_id: str, *, grade=False, solution=False, locked=True, points=None, outcomes=None):
    meta = {"schema_version": 3, "grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    if outcomes:
        cell.metadata["lcai"] = {"outcomes": outcomes}
    return cell


def _assignment_notebook(*, title: str, dataset: str, outcomes: list[list[str]]) -> nbformat.NotebookNode:
    """Two autograded tasks and a hand-graded answer; ``outcomes`` are the outcome ids each of the three assesses."""
    cells = [
        _nbgrader(
            new_markdown_cell(
                f"# {title}: assignment\n\nTODO(lcai): the brief: what the company asks, what you build, how long "
                "it takes (about 3 hours) and the points: 20 graded automatically, 10 by the lecturer. The company "
                "and its data are fictional stand-ins."
            ),
            "brief",
        ),
        _nbgrader(
            new_code_cell(f'import pandas as pd\n\nfrom lcai import load_dataset\n\ntable = load_dataset("{dataset}")'),
            "setup",
        ),
        _nbgrader(
            new_markdown_cell(
                "## Task 1: TODO(lcai): the task's title (10 points)\n\nTODO(lcai): the brief of the first task. "
                "The example: write `group_means(table)`, which returns the mean `target` per `group` as a Series."
            ),
            "task1-brief",
        ),
        _nbgrader(
            new_code_cell(
                "def group_means(table):\n    ### BEGIN SOLUTION\n"
                '    return table.groupby("group")["target"].mean()\n    ### END SOLUTION'
            ),
            "task1-answer",
            solution=True,
            locked=False,
        ),
        _nbgrader(
            new_code_cell(
                "from lcai import checks\n\nmeans = group_means(table)\n"
                'checks.assert_true(isinstance(means, pd.Series), what="group_means should return a pandas Series.")\n'
                'checks.assert_close(means["A"], table.loc[table["group"] == "A", "target"].mean(), '
                'what="the mean of group A")\n'
                "### BEGIN HIDDEN TESTS\n"
                'other = pd.DataFrame({"group": ["x", "x", "y"], "target": [1.0, 3.0, 5.0]})\n'
                'checks.expect_close(group_means(other)["x"], what="the mean of group x in another table")\n'
                "### END HIDDEN TESTS"
            ),
            "task1-tests",
            grade=True,
            points=10,
            outcomes=outcomes[0],
        ),
        _nbgrader(
            new_markdown_cell(
                "## Task 2: TODO(lcai): the task's title (10 points)\n\nTODO(lcai): the brief of the second task. "
                "The example: write `share_above(table, threshold)`, the share of rows whose `target` is above "
                "`threshold`."
            ),
            "task2-brief",
        ),
        _nbgrader(
            new_code_cell(
                "def share_above(table, threshold):\n    ### BEGIN SOLUTION\n"
                '    return float((table["target"] > threshold).mean())\n    ### END SOLUTION'
            ),
            "task2-answer",
            solution=True,
            locked=False,
        ),
        _nbgrader(
            new_code_cell(
                "from lcai import checks\n\n"
                'checks.assert_close(share_above(table, table["target"].median()), 0.5, abs=0.01, '
                'what="the share above the median")\n'
                "### BEGIN HIDDEN TESTS\n"
                'checks.expect_close(share_above(pd.DataFrame({"target": [1.0, 2.0, 3.0, 4.0]}), 2.0), '
                'what="the share above a threshold that one row equals")\n'
                "### END HIDDEN TESTS"
            ),
            "task2-tests",
            grade=True,
            points=10,
            outcomes=outcomes[1],
        ),
        _nbgrader(
            new_markdown_cell(
                "## Task 3: TODO(lcai): the written answer on the responsible-AI theme (10 points)\n\n"
                "TODO(lcai): the question, the evidence from the tasks above to use, and the word limit. The "
                "lecturer grades it with the rubric on the module's overview page."
            ),
            "task3-brief",
        ),
        _nbgrader(
            new_markdown_cell("TODO(lcai): a model answer for the lecturer; students see only an empty answer cell."),
            "task3-answer",
            grade=True,
            solution=True,
            locked=False,
            points=10,
            outcomes=outcomes[2],
        ),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})


def new_assignment(
    *, name: str, title: str, dataset: str, outcomes: list[list[str]], course_root: Path = COURSE
) -> list[Written]:
    """An nbgrader source notebook: two autograded tasks with visible and hidden tests, one hand-graded answer."""
    _require_name(name, "assignment")
    path = course_root / "source" / name / f"{name}.ipynb"
    if path.exists():
        return [Written(path, "kept")]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(_assignment_notebook(title=title, dataset=dataset, outcomes=outcomes), path)
    return [Written(path, "created")]


# --- the module ---------------------------------------------------------------------------------------------------


def _complete_planned(path: Path, *, lessons: list[dict], assignment: str, dataset: str) -> Written:
    """A planned module's entry becomes a draft: its facts stay, its lessons, assignment and dataset are added."""
    text = path.read_text(encoding="utf-8")
    additions = {
        "status: planned\n": "status: draft\n",
        "lessons: []\n": "lessons:\n" + "".join(_lesson_yaml(entry) for entry in lessons),
        "assignments: []\n": f"assignments:\n  - name: {assignment}\n    hours: 3\n",
        "datasets: []\n": f"datasets: [{dataset}]\n",
    }
    for old, new in additions.items():
        if old not in text:
            raise KitError(f"{path}: expected the line {old.strip()!r} of a planned module: complete it by hand.")
        text = text.replace(old, new)
    text = text.replace(
        "prerequisites: []\n", 'prerequisites:\n  - "TODO(lcai): what a student must already be able to do."\n'
    )
    path.write_text(text, encoding="utf-8")
    return Written(path, "completed")


class _UndoOnFailure:
    """Leaves the repository as it was when a scaffold step fails: new files removed, changed files restored."""

    def __init__(self, folders: list[Path], changed: list[Path]):
        self.folders = folders
        self.before = {path: path.read_bytes() for path in changed if path.is_file()}
        self.existing = {path for folder in folders if folder.exists() for path in folder.rglob("*")}
        self.existing |= {folder for folder in folders if folder.exists()}

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> bool:
        if kind is None:
            return False
        for folder in self.folders:
            found = sorted(folder.rglob("*"), reverse=True) + [folder] if folder.exists() else []
            for path in found:
                if path not in self.existing:
                    path.rmdir() if path.is_dir() else path.unlink()
        for path, content in self.before.items():
            path.write_bytes(content)
        return False


def _require_valid_metadata(text: str, path: Path) -> None:
    """Refuse, before writing anything, a module.yml that would not pass its schema (a title that breaks it)."""
    problems = schema_problems(yaml.safe_load(text), where=str(path))
    if problems:
        raise KitError(problems[0])


def new_module(
    *,
    module_id: str,
    title: str | None,
    institution: str | None,
    city: str | None = None,
    lesson_titles: tuple[str, ...] = DEFAULT_LESSONS,
    dataset: str | None = None,
    assignment: str | None = None,
    root: Path = ROOT,
    course_root: Path = COURSE,
) -> list[Written]:
    """Scaffold module ``module_id``: dataset, module.yml, overview, lessons and quizzes, assignment, book pages.

    ``dataset`` and ``assignment`` name them (default: ``<id>-data``, ``<id>-case-assignment``); a dataset that
    exists is kept and used.
    """
    _require_name(module_id, "module")
    modules_root, folder = root / "modules", root / "modules" / module_id
    metadata = folder / METADATA_FILE
    planned = metadata.is_file() and find_module(module_id, modules_root).status == "planned"
    if metadata.is_file() and not planned:
        raise KitError(f"module {module_id!r} exists ({metadata}): add a lesson with `lcai new lesson` instead.")
    if not planned and not (title and institution):
        raise KitError("a new module needs --title and --community (the institution of its learning community).")
    dataset, assignment = dataset or f"{module_id}-data", assignment or f"{module_id}-case-assignment"
    _require_name(dataset, "dataset")
    _require_name(assignment, "assignment")
    outcome_ids = find_module(module_id, modules_root).outcome_ids if planned else ["LO1", "LO2", "LO3"]
    # To start with, the lessons teach the outcomes in order, and the assignment's three graded cells assess them
    # in order (the last, usually the responsible-AI outcome, by the hand-graded answer); the author adjusts both.
    lesson_outcomes = _split(outcome_ids, len(lesson_titles))
    lessons = [
        _lesson_entry(number, lesson, lesson_outcomes[number - 1])
        for number, lesson in enumerate(lesson_titles, start=1)
    ]
    if not planned:
        order = max((m.order for m in load_modules(modules_root)), default=0) + 1
        facts = _fill(
            "module.yml",
            id=module_id,
            title=json.dumps(title, ensure_ascii=False),  # a JSON string is a YAML string, whatever it holds
            order=order,
            institution=json.dumps(institution, ensure_ascii=False),
            city=json.dumps(city or "TODO(lcai): the city of the learning community", ensure_ascii=False),
            lessons="".join(_lesson_yaml(entry) for entry in lessons).rstrip("\n"),
            assignment=assignment,
            dataset=dataset,
        )
        _require_valid_metadata(facts, metadata)
    folders = [folder, root / "datasets" / dataset, course_root / "source" / assignment]
    generated = [root / "_toc.yml", root / "README.md", root / "book" / "catalogue.md", metadata]
    with _UndoOnFailure(folders, generated):
        written = new_dataset(name=dataset, datasets_root=root / "datasets")
        if planned:
            written.append(_complete_planned(metadata, lessons=lessons, assignment=assignment, dataset=dataset))
        else:
            written.append(_write_text(metadata, facts))
        module = find_module(module_id, modules_root)
        written.append(
            _write_text(
                folder / "index.md",
                _fill(
                    "index.md",
                    id=module_id,
                    title=module.title,
                    dataset=dataset,
                    assignment=assignment,
                    notebook=f"{assignment}.ipynb",
                ),
            )
        )
        for number, entry in enumerate(lessons, start=1):
            written += _write_lesson(folder, entry, dataset, number)
        written += new_assignment(
            name=assignment,
            title=module.title,
            dataset=dataset,
            outcomes=_split(outcome_ids, 3),
            course_root=course_root,
        )
        written += [Written(path, "completed") for path in catalogue.regenerate(root=root, course_root=course_root)]
    return written
