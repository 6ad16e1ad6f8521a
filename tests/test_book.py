"""The book builds strictly, offers every lesson for download with alt text on figures; a failing lesson fails."""

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from conftest import wait_for_executed
from lcai import quiz
from lcai.authoring import book, course, modules, quizzes
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


# --- the published catalogue --------------------------------------------------------------------------------------

SCHEMA_ORG_CONTEXT = Path(__file__).resolve().parent / "data" / "schema-org-context.jsonld"


def _offline_loader(url, options=None):
    """Serves schema.org's context from a local copy (its @vocab and the IRI-valued terms the catalogue uses)."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the catalogue made the JSON-LD processor fetch {url}")
    document = json.loads(SCHEMA_ORG_CONTEXT.read_text())
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}


def test_the_catalogue_is_valid_jsonld_listing_every_module(built_book):
    from pyld import jsonld

    document = json.loads((built_book / "catalogue.json").read_text())
    expanded = jsonld.expand(
        document, {"documentLoader": _offline_loader, "base": (built_book / "catalogue.json").as_uri()}
    )
    schema = "http://schema.org/"
    items = [element[f"{schema}item"][0] for element in expanded[0][f"{schema}itemListElement"]]
    compact = [element["item"] for element in document["itemListElement"]]
    assert [item[f"{schema}identifier"][0]["@value"] for item in items] == [m.id for m in modules.load_modules()]
    for item, written in zip(items, compact, strict=True):
        assert {f"{schema}Course", f"{schema}LearningResource"} <= set(item["@type"])
        # Expansion drops a term it does not know: every property written must still be there, as a schema.org IRI.
        assert sorted(key.removeprefix(schema) for key in item if not key.startswith("@")) == sorted(
            key for key in written if not key.startswith("@")
        )
        for required in ["educationalLevel", "timeRequired", "teaches", "provider", "license", "inLanguage"]:
            assert f"{schema}{required}" in item, required


def test_the_catalogue_csv_has_one_row_per_module(built_book):
    with open(built_book / "catalogue.csv", newline="", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    assert [row["id"] for row in rows] == [module.id for module in modules.load_modules()]
    assert all(row["outcomes"].startswith("LO1: ") for row in rows)


# --- exercises and quizzes in the lessons -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed_lessons(request, built_book):
    """Each lesson as this run executed it (nbval), or executed here when the run did not include them all."""
    executed = wait_for_executed(request.session, course.lesson_notebooks(), timeout=LESSONS_TIMEOUT)
    if executed is not None:
        return executed
    from nbclient import NotebookClient

    executed = {}
    for path in course.lesson_notebooks():
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
        executed[path] = notebook
    return executed


def _text(cell) -> str:
    return "".join(
        output.get("text", "") + output.get("data", {}).get("text/plain", "") for output in cell.get("outputs", [])
    )


@pytest.mark.parametrize("notebook", course.lesson_notebooks(), ids=lambda p: p.name)
def test_each_exercise_check_says_not_yet_then_the_solution_passes_it(executed_lessons, notebook):
    """Run top to bottom, a check sees the empty answer first ("Not yet"); the solution ends with it passing."""
    code = [cell for cell in executed_lessons[notebook].cells if cell.cell_type == "code"]
    solutions = [number for number, cell in enumerate(code) if "hide-input" in cell.metadata.get("tags", [])]
    assert solutions
    for number in solutions:
        check, solution = _text(code[number - 1]), _text(code[number])
        assert check.startswith("Not yet: ") and "Correct: " not in check, check
        assert "Correct: " in solution and "Not yet" not in solution, solution


def _quiz_pages(html_root):
    return [
        (path, _page(html_root, path), quiz.read_quiz(quizzes.quiz_path(path))) for path in course.lesson_notebooks()
    ]


def test_each_lesson_quiz_works_offline_in_the_built_book(built_book):
    """In Chromium, with every request off the page's own files refused: right and wrong answers get their feedback."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    refused = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def only_files(request_route):
            if request_route.request.url.startswith("file:"):
                request_route.continue_()
            else:
                refused.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", only_files)
        for _, html, questions in _quiz_pages(built_book):
            page.goto(html.as_uri())
            page.wait_for_selector("[id^=quizWrap]")
            shown = page.locator("[id^=quizWrap]")
            assert shown.count() == len(questions), html.name
            for number, question in enumerate(questions):
                box = shown.nth(number)
                if question["type"] == "multiple_choice":
                    for answer in question["answers"]:
                        exactly = re.compile(rf"^\s*{re.escape(str(answer['answer']))}\s*$")
                        box.locator(".MCButton").filter(has_text=exactly).click()
                        assert box.locator(".Feedback").inner_text().strip() == answer["feedback"].strip()
                else:
                    right = next(a for a in question["answers"] if a.get("correct"))
                    # A range answer is typed as its midpoint: jupyterquiz accepts from the low end up to the high end.
                    value = right["value"] if right["type"] == "value" else sum(right["range"]) / 2
                    default = next(a for a in question["answers"] if a["type"] == "default")
                    for typed, expected in [(value, right["feedback"]), (-12345, default["feedback"])]:
                        box.locator("input").fill(str(typed))
                        box.locator("input").press("Enter")
                        assert box.locator(".Feedback").inner_text().strip() == expected.strip()
        browser.close()
    assert refused == []
