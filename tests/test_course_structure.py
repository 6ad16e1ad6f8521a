"""Every module, lesson, dataset and assignment follows the course design (the checks of `lcai check`)."""

import pytest

from lcai import datasets
from lcai.authoring import course, lint, modules


def _ids(paths):
    return [f"{p.parent.name}/{p.name}" for p in paths]


LESSONS = course.lesson_notebooks()
MODULES = modules.module_folders()


def test_the_course_has_content():
    assert LESSONS and MODULES and course.assignment_names() and datasets.available_datasets()


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_follows_the_design(path):
    assert lint.lesson_problems(path) == []


@pytest.mark.parametrize("folder", MODULES, ids=[f.name for f in MODULES])
def test_module_follows_the_design(folder):
    assert lint.module_problems(folder) == []


@pytest.mark.parametrize("name", datasets.available_datasets())
def test_dataset_has_a_complete_datasheet(name):
    assert lint.dataset_problems(name) == []


@pytest.mark.parametrize("name", course.assignment_names())
def test_assignment_follows_the_design(name):
    assert lint.assignment_problems(name) == []


def test_lint_reports_an_unstripped_lesson(tmp_path):
    # The checks themselves must be able to fail: a lesson with stray outputs and no alt text is reported.
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\n## Learning objectives\n\n## Summary"),
        nbformat.v4.new_code_cell("plt.show()", execution_count=3),
    ]
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    problems = "\n".join(lint.lesson_problems(path, root=tmp_path))
    for expected in ["'Try it'", "no key result", "has outputs", "alt text", "not in _toc.yml"]:
        assert expected in problems
