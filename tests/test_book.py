"""The book builds strictly, offers every lesson for download with alt text on figures; a failing lesson fails."""

import re
from html.parser import HTMLParser

import nbformat
import pytest

from conftest import wait_for_executed
from lcai.authoring import book, course
from lcai.errors import KitError
from lcai.paths import ROOT

# Lessons still running on other workers when the book's turn comes must finish within this time.
LESSONS_TIMEOUT = 900


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.alts.append(attributes.get("alt") or "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


@pytest.fixture(scope="module")
def built_book(request, tmp_path_factory):
    """The book, built from the lessons this test run's nbval executed (see conftest.py), when it ran them all."""
    output = tmp_path_factory.mktemp("book")
    executed = wait_for_executed(request.session, course.lesson_notebooks(), timeout=LESSONS_TIMEOUT)
    index = book.build_book(source=ROOT, output=output, executed=executed)
    return index.parent


def _page(html_root, notebook):
    return html_root / notebook.relative_to(ROOT).with_suffix(".html")


def test_book_builds_strictly_with_every_lesson(built_book):
    assert (built_book / "index.html").is_file()
    for notebook in course.lesson_notebooks():
        assert _page(built_book, notebook).is_file(), f"no page for {notebook.name}"


@pytest.mark.parametrize("notebook", course.lesson_notebooks(), ids=lambda p: p.name)
def test_lesson_page_offers_the_notebook_and_describes_its_figures(built_book, notebook):
    page = _Images()
    page.feed(_page(built_book, notebook).read_text())
    assert any(link.endswith(notebook.name) for link in page.links), "no download link for the notebook"
    assert page.alts, "a lesson should have at least one figure"
    for alt in page.alts:
        assert len(alt) >= 20 and not re.search(r"\.(png|svg|jpg)$", alt), f"poor alt text: {alt!r}"


def test_a_lesson_that_fails_to_execute_fails_the_build(tmp_path):
    (tmp_path / "_config.yml").write_text("title: broken\nexecute:\n  execute_notebooks: force\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: lesson\n")
    (tmp_path / "intro.md").write_text("# Intro\n\nA book with one broken lesson.\n")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Lesson"), nbformat.v4.new_code_cell("1 / 0")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "lesson.ipynb")
    with pytest.raises(KitError, match="lesson.*failed to execute") as raised:
        book.build_book(source=tmp_path)
    assert "\n" not in str(raised.value)


def test_the_book_reuses_this_runs_execution_of_the_lessons(built_book, request):
    """Each lesson runs once per test run: when nbval ran them all, the book executes none of them again."""
    output = built_book.parent.parent
    collected = {str(item.fspath) for item in request.session.items if type(item).__name__ == "IPyNbCell"}
    if {str(path) for path in course.lesson_notebooks()} <= collected:
        assert (output / "_staged").is_dir()
        assert "Executing" not in (output / "_build" / "book-build.log").read_text()
    else:
        assert not (output / "_staged").exists()
