"""The authoring kit's checks can fail: module metadata, generated pages, outcome coverage, quizzes, exercises.

Each test breaks one thing in a scratch copy (or a small file of its own) and expects the one-line problem that
`lcai check` would print; the real course passing these checks is in test_course_structure.py.
"""

import os
import shutil
import subprocess
import sys

import nbformat
import pytest
import yaml

from lcai import cells, exercises
from lcai.authoring import catalogue, coverage, lint, modules, placeholders, quizzes
from lcai.grading.nbgrader_course import copy_course
from lcai.paths import ROOT

WITH_ASSIGNMENT = next(m for m in modules.load_modules() if m.assignments)


@pytest.fixture
def module_copy(tmp_path):
    """A scratch repository with the modules, the book's generated pages and the course: (root, course root)."""
    root = tmp_path / "repository"
    shutil.copytree(ROOT / "modules", root / "modules", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "book", root / "book")
    for name in ["_toc.yml", "README.md"]:
        shutil.copyfile(ROOT / name, root / name)
    return root, copy_course(root / "assignments")


def _edit_metadata(folder, **changes):
    path = folder / "module.yml"
    facts = yaml.safe_load(path.read_text())
    facts.update(changes)
    path.write_text(yaml.safe_dump(facts, sort_keys=False, allow_unicode=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: [unclosed", "is not valid YAML at line 1"),
        ("- a list", "must be a mapping of fields"),
        ("id: x\n", "top level: 'title' is a required property."),
    ],
)
def test_broken_metadata_gives_one_line_per_problem(tmp_path, text, expected):
    path = tmp_path / "module.yml"
    path.write_text(text)
    problems = modules.metadata_problems(path, where="modules/x/module.yml")
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith("modules/x/module.yml: ") and "\n" not in problem for problem in problems)


def test_metadata_names_the_field_that_is_wrong(module_copy):
    root, _ = module_copy
    folder = root / "modules" / WITH_ASSIGNMENT.id
    facts = yaml.safe_load((folder / "module.yml").read_text())
    facts["level"]["eqf"] = 11
    facts["outcomes"][0]["id"] = "outcome one"
    facts["colour"] = "blue"
    (folder / "module.yml").write_text(yaml.safe_dump(facts, sort_keys=False, allow_unicode=True))
    problems = "\n".join(modules.metadata_problems(folder / "module.yml"))
    assert "level.eqf: 11 is greater than the maximum of 8" in problems
    assert "outcomes[0].id: 'outcome one' does not match" in problems
    assert "'colour' was unexpected" in problems


def test_lessons_in_metadata_must_match_the_notebooks(module_copy):
    root, course_root = module_copy
    folder = root / "modules" / WITH_ASSIGNMENT.id
    facts = yaml.safe_load((folder / "module.yml").read_text())
    first, second = facts["lessons"][0], facts["lessons"][1]
    first["minutes"] += 5
    second["title"] = "Another title"
    facts["lessons"][2]["outcomes"] = ["LO9"]
    dropped = facts["lessons"].pop()
    (folder / "module.yml").write_text(yaml.safe_dump(facts, sort_keys=False, allow_unicode=True))
    problems = "\n".join(lint.module_problems(folder, root=root, course_root=course_root))
    assert f"say 'Estimated time: about {first['minutes']} minutes.'" in problems
    assert "'Another title' here" in problems
    assert "names unknown outcome(s) LO9" in problems
    assert f"lesson {dropped['file']} is in the folder but not in lessons" in problems


def test_a_planned_module_is_only_its_metadata(module_copy):
    root, course_root = module_copy
    planned = next(m for m in modules.load_modules(root / "modules") if not m.published)
    (planned.folder / "index.md").write_text("# Too early\n")
    problems = lint.module_problems(planned.folder, root=root, course_root=course_root)
    assert problems == [f"modules/{planned.id}: a planned module is only its module.yml: set status to draft when it "
                        f"gets pages (`lcai new module {planned.id}` does)."]  # fmt: skip


def test_generated_pages_follow_the_metadata(module_copy):
    root, course_root = module_copy
    assert catalogue.stale_regions(root=root, course_root=course_root) == []
    _edit_metadata(root / "modules" / WITH_ASSIGNMENT.id, title="A renamed module")
    stale = catalogue.stale_regions(root=root, course_root=course_root)
    assert {line.split(":")[0] for line in stale} == {"_toc.yml", "book/catalogue.md", "README.md"}
    assert all(line.endswith("run `lcai catalogue`.") for line in stale)
    changed = catalogue.regenerate(root=root, course_root=course_root)
    assert {path.relative_to(root).as_posix() for path in changed} == {"_toc.yml", "book/catalogue.md", "README.md"}
    assert catalogue.stale_regions(root=root, course_root=course_root) == []
    assert "A renamed module" in (root / "README.md").read_text()
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    assert "A renamed module" in [part["caption"] for part in toc["parts"]]


def test_a_page_without_its_markers_is_reported(module_copy):
    root, course_root = module_copy
    readme = root / "README.md"
    readme.write_text(readme.read_text().replace("<!-- END GENERATED module-table -->", ""))
    assert catalogue.stale_regions(root=root, course_root=course_root) == [
        "README.md: has no region module-table: add the lines '<!-- BEGIN GENERATED module-table (edit module.yml, "
        "then run lcai catalogue) -->' and '<!-- END GENERATED module-table -->'."
    ]


def _graded_cell(notebook, hand_graded=False):
    return next(c for c in notebook.cells if cells.nbgrader(c).get("grade") and cells.is_hand_graded(c) == hand_graded)


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        (None, "names no outcomes: add metadata"),
        (["LO1", "LO42"], "names unknown outcome(s) LO42"),
        ({"LO1": 1}, "gives its outcomes 1 points, but the cell is worth"),
    ],
)
def test_coverage_rejects_bad_outcome_metadata(module_copy, outcomes, expected):
    root, course_root = module_copy
    (path,) = (course_root / "source" / WITH_ASSIGNMENT.assignments[0].name).glob("*.ipynb")
    notebook = nbformat.read(path, as_version=4)
    cell = _graded_cell(notebook)
    if outcomes is None:
        cell.metadata.pop("lcai")
    else:
        cell.metadata["lcai"] = {"outcomes": outcomes}
    nbformat.write(notebook, path)
    problems = coverage.coverage_problems(modules.load_module(root / "modules" / WITH_ASSIGNMENT.id), course_root)
    assert len(problems) == 1 and expected in problems[0], problems


def test_coverage_reports_an_outcome_without_points(module_copy):
    root, course_root = module_copy
    module = modules.load_module(root / "modules" / WITH_ASSIGNMENT.id)
    (path,) = (course_root / "source" / module.assignments[0].name).glob("*.ipynb")
    notebook = nbformat.read(path, as_version=4)
    last = module.outcome_ids[-1]
    for cell in notebook.cells:
        named = coverage.outcomes_of(cell)
        if isinstance(named, list) and last in named:
            cell.metadata["lcai"]["outcomes"] = [o for o in named if o != last] or [module.outcome_ids[0]]
        elif isinstance(named, dict) and last in named:
            points = named.pop(last)
            named[module.outcome_ids[0]] = named.get(module.outcome_ids[0], 0) + points
    nbformat.write(notebook, path)
    problems = coverage.coverage_problems(module, course_root)
    assert problems == [f"modules/{module.id}: outcome {last} earns no points in any assignment: name it on a graded "
                        "cell."]  # fmt: skip


def test_coverage_table_adds_up_to_the_assignment_points():
    module = WITH_ASSIGNMENT
    for assignment in module.assignments:
        rows = coverage.outcome_points(module, assignment.name)
        graded = coverage.graded_cells(assignment.name)
        assert [row.outcome_id for row in rows] == module.outcome_ids
        assert sum(row.total for row in rows) == pytest.approx(sum(cell.points for cell in graded))
        assert sum(row.hand_graded for row in rows) == pytest.approx(sum(c.points for c in graded if c.hand_graded))
        table = coverage.coverage_table(module, assignment.name)
        assert f"**{sum(cell.points for cell in graded):g}**" in table.splitlines()[-1]


def test_lcai_coverage_prints_every_outcome():
    result = subprocess.run(
        [sys.executable, "-m", "lcai.cli", "coverage", WITH_ASSIGNMENT.id], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    for outcome in WITH_ASSIGNMENT.outcome_ids:
        assert f"| {outcome}: " in result.stdout


QUESTION = {
    "question": "Which?",
    "type": "multiple_choice",
    "answers": [
        {"answer": "this", "correct": True, "feedback": "Correct: because."},
        {"answer": "that", "correct": False, "feedback": "Not quite: because."},
    ],
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda q: q[:2], "has 2 questions: a self-check quiz has 3-5"),
        (lambda q: [*q[:2], {**QUESTION, "type": "essay"}], "question 3: type must be one of"),
        (lambda q: [*q[:2], {**QUESTION, "answers": [{**a, "correct": True} for a in QUESTION["answers"]]}],
         "question 3, answer 2: feedback must start with 'Correct' exactly when"),
        (lambda q: [*q[:2], {**QUESTION, "answers": [{"answer": "x", "correct": True}] * 2}],
         "question 3, answer 1: needs feedback that says why"),
        (lambda q: [*q[:2], {"question": "How many?", "type": "numeric",
                             "answers": [{"type": "value", "value": 3, "correct": True, "feedback": "Correct: 3."}]}],
         "question 3: add a 'type: default' answer"),
    ],
)  # fmt: skip
def test_quiz_problems_are_reported(tmp_path, change, expected):
    path = tmp_path / "quiz.yml"
    path.write_text(yaml.safe_dump(change([QUESTION, QUESTION, QUESTION])))
    assert any(expected in problem for problem in quizzes.quiz_problems(path)), quizzes.quiz_problems(path)


def test_a_sound_quiz_has_no_problems(tmp_path):
    path = tmp_path / "quiz.yml"
    path.write_text(yaml.safe_dump([QUESTION] * 3))
    assert quizzes.quiz_problems(path) == []


def test_exercise_checks_say_not_yet_for_empty_and_wrong_answers():
    assert not exercises.check_close(None, 0.5, name="share") and not exercises.check_close(0.4, 0.5, name="share")
    assert exercises.check_close(0.5, 0.5, name="share")
    assert repr(exercises.check_close(..., 1, name="x")).startswith("Not yet: x is still empty")
    assert not exercises.check_between("a", 0, 1, name="x") and exercises.check_between(0.5, 0, 1, name="x")
    verdict = exercises.check_that([1], lambda answer: answer[3], name="items")
    assert not verdict and "IndexError" in repr(verdict)
    both = exercises.check_all(exercises.check_equal(1, 1, name="a"), exercises.check_equal(2, 3, name="b"))
    assert not both and repr(both).splitlines() == ["Correct: a is right.", "Not yet: b is 2, which is not the "
                                                    "expected answer."]  # fmt: skip


def test_the_anatomy_check_rejects_a_solution_before_its_check():
    answer = nbformat.v4.new_code_cell("share = None")
    solution = nbformat.v4.new_code_cell("# Solution\nshare = 0.5\ncheck_share()")
    solution.metadata.update(tags=["hide-input"], jupyter={"source_hidden": True})
    check = nbformat.v4.new_code_cell("def check_share():\n    return exercises.check_close(share, 0.5, name='s')\n\n"
                                      "check_share()")  # fmt: skip
    assert lint.exercise_problems([answer, check, solution]) == []
    problems = lint.exercise_problems([answer, solution, check])
    assert problems and "needs a check cell before it" in problems[0]
    solution.metadata["jupyter"] = {}
    assert "is not folded in JupyterLab" in lint.exercise_problems([answer, check, solution])[0]


def test_placeholders_are_listed_with_file_and_what_to_write(tmp_path):
    page = tmp_path / "modules" / "m" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Title\n\nTODO(lcai): the hook.\n\n| a | TODO(lcai): a unit | TODO(lcai): a meaning |\n")
    found = placeholders.open_placeholders(tmp_path, tmp_path / "course")
    assert found == [
        "modules/m/index.md:3: write 'the hook.'",
        "modules/m/index.md:5: write 'a unit'",
        "modules/m/index.md:5: write 'a meaning'",
    ]


def test_a_failed_scaffold_leaves_nothing_behind(module_copy):
    """A lesson that cannot run (here: an altered data file) undoes the whole `lcai new module`."""
    root, _ = module_copy
    shutil.copytree(ROOT / "datasets", root / "datasets")
    shutil.copyfile(ROOT / "_config.yml", root / "_config.yml")
    broken = root / "datasets" / "broken-data"
    shutil.copytree(root / "datasets" / WITH_ASSIGNMENT.datasets[0], broken)
    for path in broken.iterdir():
        path.rename(broken / path.name.replace(WITH_ASSIGNMENT.datasets[0], "broken-data"))
    (broken / "broken-data.csv").write_text("a,b\n1,2\n")  # no longer matches its checksum
    before = {name: (root / name).read_text() for name in ["_toc.yml", "README.md", "book/catalogue.md"]}
    result = subprocess.run(
        [sys.executable, "-m", "lcai.cli", "new", "module", "doomed", "--title", "Doomed",
         "--community", "X University", "--dataset", "broken-data"],
        env={**os.environ, "LCAI_ROOT": str(root)}, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1 and "the new lesson does not run" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (root / "modules" / "doomed").exists()
    assert not (root / "assignments" / "source" / "doomed-case-assignment").exists()
    assert {name: (root / name).read_text() for name in before} == before
    assert sorted(p.name for p in broken.iterdir()) == sorted(["broken-data.csv", "broken-data.csv.sha256",
                                                               "DATASHEET.md", "generate.py"])  # fmt: skip
