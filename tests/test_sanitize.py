"""``lcai.grading.sanitize``: each kind of student markup is neutralised, what the student wrote stays readable as text.

Fast: notebooks are built in memory (no kernel), and the check that nothing can run renders them with
nbconvert's lab and classic templates and looks for script, event handlers and script URLs in the page.
"""

import base64
import copy
import json

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from lcai import paths
from lcai.grading import sanitize

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
JPEG = base64.b64encode(b"\xff\xd8\xff\xe0 not really a jpeg").decode()
SCRIPT = "<script>alert('PWNED')</script>"
IMG = "<img src=x onerror=\"alert('PWNED')\">"
NBGRADER = {
    "grade": True,
    "grade_id": "reflection",
    "locked": False,
    "points": 5,
    "schema_version": 3,
    "solution": True,
    "task": False,
    "checksum": "abc",
}


def display(data, metadata=None, kind="display_data"):
    output = new_output(kind, data=data, metadata=metadata or {})
    if kind == "execute_result":
        output.execution_count = 1
    return output


def notebook_with(*cells, **metadata):
    notebook = new_notebook(cells=list(cells), metadata=metadata)
    return notebook


def code_with(*outputs):
    return new_code_cell("x = 1", outputs=list(outputs), execution_count=1)


def sanitised(notebook):
    """The notebook after sanitising, and the number of changes; a second run must change nothing."""
    changes = sanitize.sanitize_notebook(notebook)
    again = copy.deepcopy(notebook)
    assert sanitize.sanitize_notebook(again) == 0 and again == notebook, "sanitising is not idempotent"
    return notebook, changes


def active_content(page: str) -> list[str]:
    """What in an HTML page could run student code: scripts, handlers, script URLs, frames, embedded documents."""
    page = BeautifulSoup(page, "html.parser")
    soup = page.select_one(".jp-Notebook, #notebook-container") or page  # the cells, not the template's own head
    found = [f"<script> {s.string[:60]!r}" for s in soup.find_all("script") if s.string and "PWNED" in s.string]
    found += [f"<{t.name}>" for t in soup.find_all(["iframe", "object", "embed", "svg", "style", "details", "form"])]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or name.lower() in ("srcdoc", "formaction"):
                found.append(f"<{tag.name} {name}>")
            if name in ("href", "src", "data", "action") and value.strip().lower().startswith(
                ("javascript:", "vbscript:", "data:text", "data:image/svg")
            ):
                found.append(f"<{tag.name} {name}={value[:40]!r}>")
        if tag.get("class") and "mermaid" in tag.get("class"):
            found.append(f"<{tag.name} class=mermaid>")
    return found


def render(notebook, template):
    return HTMLExporter(template_name=template).from_notebook_node(copy.deepcopy(notebook))[0]


def payload_notebook():
    """One notebook with every payload class, as a graded submission could hold them."""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">{SCRIPT}</svg>'
    code = code_with(
        display({"text/html": IMG + SCRIPT, "text/plain": "<IPython.core.display.HTML object>"}),
        display({"text/html": IMG}, {"text/html": {"isolated": True}}),
        display({"application/javascript": "alert('PWNED')", "text/plain": "<IPython.core.display.Javascript object>"}),
        display({"image/svg+xml": svg}),
        display({"text/markdown": IMG}),
        display({"text/latex": IMG}),
        display(
            {"application/vnd.jupyter.widget-view+json": {"model_id": "m", "version_major": 2, "version_minor": 0}}
        ),
        display({"image/png": "AAAA"}, {"image/png": {"width": "1 onerror=alert(1)"}}),
        display({"text/html": IMG, "text/plain": "<IPython.core.display.HTML object>"}, kind="execute_result"),
        new_output("stream", name="stdout", text=SCRIPT),
        new_output("error", ename="ValueError", evalue=IMG, traceback=[f"\x1b[31m{IMG}\x1b[0m"]),
    )
    return notebook_with(
        code,
        new_markdown_cell(
            f'Answer {IMG}\n\n{SCRIPT}\n\n<iframe srcdoc="{SCRIPT}"></iframe>', metadata={"nbgrader": dict(NBGRADER)}
        ),
        new_markdown_cell("[click](javascript:alert('PWNED')) and [v](vbscript:msgbox) and [d](data:text/html,x)"),
        new_markdown_cell("```mermaid\n</pre><img src=x onerror=alert(1)>\n```"),
        new_markdown_cell(
            "![a](attachment:a.svg)", attachments={"a.svg": {"image/svg+xml": base64.b64encode(svg.encode()).decode()}}
        ),
        new_raw_cell(IMG + SCRIPT, metadata={"raw_mimetype": "text/html"}),
        new_raw_cell(IMG),
        new_markdown_cell("tagged", metadata={"tags": ['"><img src=x onerror=alert(1)>', "ok-tag"]}),
        title=f"</title>{IMG}",
        widgets={"application/vnd.jupyter.widget-state+json": {"state": {}}},
    )


# --- the whole notebook, as nbconvert renders it ---------------------------------------------------------------


@pytest.mark.parametrize("template", ["lab", "classic"])
def test_nbconvert_renders_the_payloads_live_before_and_nothing_after(template):
    notebook = payload_notebook()
    before = active_content(render(notebook, template))
    assert len(before) >= 8, before  # the check sees the payloads: it would fail without sanitising
    sanitised(notebook)
    page = render(notebook, template)
    assert active_content(page) == []
    text = BeautifulSoup(page, "html.parser").get_text()
    assert "[lcai: HTML output shown as text]" in text and IMG in text and SCRIPT in text


def test_nbgrader_metadata_and_cell_ids_are_unchanged():
    notebook = payload_notebook()
    before = [(cell.id, json.dumps(cell.metadata.get("nbgrader"))) for cell in notebook.cells]
    _, changes = sanitised(notebook)
    assert changes > 10
    assert [(cell.id, json.dumps(cell.metadata.get("nbgrader"))) for cell in notebook.cells] == before
    assert [cell.cell_type for cell in notebook.cells] == [cell.cell_type for cell in payload_notebook().cells]
    nbformat.validate(notebook)


# --- outputs -----------------------------------------------------------------------------------------------------


def test_html_output_becomes_its_source_as_text():
    notebook, changes = sanitised(
        notebook_with(code_with(display({"text/html": IMG, "text/plain": "<IPython.core.display.HTML object>"})))
    )
    (output,) = notebook.cells[0].outputs
    assert changes == 1
    assert dict(output.data) == {"text/plain": f"[lcai: HTML output shown as text]\n{IMG}"}


def test_a_real_text_representation_is_kept_instead():
    table = "   a\n0  1"
    notebook, _ = sanitised(notebook_with(code_with(display({"text/html": "<table>…</table>", "text/plain": table}))))
    assert dict(notebook.cells[0].outputs[0].data) == {"text/plain": table}


@pytest.mark.parametrize(
    ("mimetype", "value", "kind"),
    [
        ("application/javascript", "alert('PWNED')", "JavaScript"),
        ("image/svg+xml", f"<svg onload=alert(1)>{SCRIPT}</svg>", "SVG"),
        ("text/markdown", IMG, "Markdown"),
        ("text/latex", IMG, "LaTeX"),
        ("application/x-anything", IMG, "application/x-anything"),
    ],
)
def test_every_other_output_type_is_removed_and_shown_as_text(mimetype, value, kind):
    notebook, _ = sanitised(notebook_with(code_with(display({mimetype: value}))))
    assert dict(notebook.cells[0].outputs[0].data) == {"text/plain": f"[lcai: {kind} output shown as text]\n{value}"}


def test_a_widget_view_is_shown_as_its_json():
    view = {"model_id": "m", "version_major": 2, "version_minor": 0}
    notebook, _ = sanitised(notebook_with(code_with(display({"application/vnd.jupyter.widget-view+json": view}))))
    text = notebook.cells[0].outputs[0].data["text/plain"]
    assert text.startswith("[lcai: application/vnd.jupyter.widget-view+json output shown as text]\n")
    assert json.loads(text.split("\n", 1)[1]) == view


def test_png_and_jpeg_stay_with_safe_metadata_only():
    metadata = {
        "image/png": {"width": "1 onerror=alert(1)", "height": 20, "alt": "a plot", "unconfined": True},
        "image/jpeg": {"width": 40, "needs_background": "<b>"},
        "isolated": True,
        "filenames": {"image/png": "javascript:alert(1)"},
    }
    notebook, changes = sanitised(notebook_with(code_with(display({"image/png": PNG, "image/jpeg": JPEG}, metadata))))
    output = notebook.cells[0].outputs[0]
    assert dict(output.data) == {"image/png": PNG, "image/jpeg": JPEG}
    assert output.metadata == {
        "image/png": {"height": 20, "alt": "a plot", "unconfined": True},
        "image/jpeg": {"width": 40},
    }
    assert changes == 1


def test_an_image_that_is_not_base64_is_removed():
    bad = 'AAAA" onerror="alert(1)'
    notebook, _ = sanitised(notebook_with(code_with(display({"image/png": bad}))))
    assert notebook.cells[0].outputs[0].data == {"text/plain": f"[lcai: image/png output shown as text]\n{bad}"}


def test_a_safe_output_is_left_alone():
    notebook = notebook_with(
        code_with(display({"image/png": PNG, "text/plain": "<Figure>"}, {"image/png": {"width": 3}}))
    )
    assert sanitize.sanitize_notebook(notebook) == 0


def test_streams_and_errors_are_kept_and_nbconvert_escapes_them():
    stream = new_output("stream", name="stdout", text=f"\x1b[31m{SCRIPT}\x1b[0m")
    error = new_output("error", ename="E", evalue=IMG, traceback=[f"\x1b[31m{IMG}\x1b[0m"])
    notebook = notebook_with(code_with(stream, error))
    assert sanitize.sanitize_notebook(notebook) == 0
    for template in ("lab", "classic"):
        page = render(notebook, template)
        assert active_content(page) == [] and "&lt;script&gt;alert" in page and "&lt;img src=x" in page


def test_execution_counts_must_be_integers():
    notebook = notebook_with(code_with(display({"text/plain": "1"}, kind="execute_result")))
    notebook.cells[0].execution_count = IMG  # the templates write it into the page unescaped
    notebook.cells[0].outputs[0].execution_count = IMG
    notebook, changes = sanitised(notebook)
    assert (
        changes == 2
        and notebook.cells[0].execution_count is None
        and notebook.cells[0].outputs[0].execution_count is None
    )


# --- Markdown ----------------------------------------------------------------------------------------------------


def test_nbconvert_keeps_script_urls_in_links():
    """What nbconvert's renderer (mistune, allow_harmful_protocols=True) does: every scheme is kept as written."""
    for source, href in [
        ("[x](javascript:alert(1))", "javascript:alert(1)"),
        ("[x](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)"),
        ("[x](javascript&#58;alert(1))", "javascript:alert(1)"),
        ("[x](vbscript:msgbox)", "vbscript:msgbox"),
        ("[x][r]\n\n[r]: javascript:alert(1)", "javascript:alert(1)"),
        ("<javascript:alert(1)>", "javascript:alert(1)"),
    ]:
        link = BeautifulSoup(markdown2html_mistune(source), "html.parser").find("a")
        assert link["href"] == href, source
        assert not sanitize.markdown_is_safe(source)


def test_raw_html_in_markdown_shows_as_text_and_the_rest_stays_markdown():
    source = f"**Bold** answer with {IMG} and\n\n{SCRIPT}\n\n<details open ontoggle=alert(1)>x</details>"
    notebook, changes = sanitised(notebook_with(new_markdown_cell(source, metadata={"nbgrader": dict(NBGRADER)})))
    cell = notebook.cells[0]
    assert changes == 1 and cell.metadata.nbgrader == NBGRADER
    page = markdown2html_mistune(cell.source)
    assert "<strong>Bold</strong>" in page and active_content(page) == []
    assert IMG in BeautifulSoup(page, "html.parser").get_text()
    assert sanitize.MARKDOWN_ESCAPED_NOTE in cell.source


def test_code_and_math_keep_their_less_than_signs():
    source = (
        "Use `a <b> c` and $x < y$ and $$\\frac{a}{b} < 1$$\n\n```python\nif a < b:\n    print('<b>')\n```\n\n"
        "and <b>raw</b>"
    )
    notebook, _ = sanitised(notebook_with(new_markdown_cell(source)))
    escaped = notebook.cells[0].source
    assert "`a <b> c`" in escaped and "$x < y$" in escaped and "print('<b>')" in escaped
    assert "&lt;b>raw&lt;/b>" in escaped


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](  JAVASCRIPT:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html,<script>alert(1)</script>)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "![img](javascript:alert(1))",
        "![a](attachment:missing.png)",
        "[my chart](chart.html)",
        "[my chart](/formgrader/submissions/1234/chart.HTML?x=1)",
        "[my chart](chart%2Ehtml)",
        "[my drawing](drawing.svg#top)",
        "[my data](data.xml)",
    ],
)
def test_markdown_with_a_script_url_is_shown_as_its_source(source):
    notebook, changes = sanitised(notebook_with(new_markdown_cell(source)))
    cell = notebook.cells[0].source
    assert changes == 1 and sanitize.markdown_is_safe(cell)
    page = markdown2html_mistune(cell)
    assert active_content(page) == [] and "<a " not in page
    assert source in BeautifulSoup(page, "html.parser").get_text()


@pytest.mark.parametrize(
    "source",
    [
        "```mermaid\n</pre><img src=x onerror=alert(1)>\n```",
        "```mermaid\ngraph TD\n```\n\n- item\n\n  ```mermaid\n  </pre><img src=x onerror=alert(1)>\n  ```",
        "> quote\n>\n> ~~~ mermaid\n> </pre><img src=x onerror=alert(1)>\n> ~~~",
    ],
)
def test_mermaid_blocks_become_plain_text(source):
    """nbconvert writes a mermaid block's code into the page unescaped."""
    assert "onerror" in str(BeautifulSoup(markdown2html_mistune(source), "html.parser").find("img"))
    notebook, _ = sanitised(notebook_with(new_markdown_cell(source)))
    page = markdown2html_mistune(notebook.cells[0].source)
    assert (
        active_content(page) == [] and "</pre><img src=x onerror=alert(1)>" in BeautifulSoup(page, "html.parser").text
    )


def test_plain_markdown_is_left_alone():
    source = (
        "# Heading\n\nSome *text*, a [link](https://example.org), ![a plot](attachment:plot.png), `code`, $x^2$, "
        "[back up](#Heading), [mail](mailto:a@example.org), [lesson 1](../01-lesson.ipynb), [data](data/a.csv).\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        "- [x] done\n- item\n\n"
        "> quote\n\n```python\nx = 1\n```\n\nterm\n: definition"
    )
    cell = new_markdown_cell(source, attachments={"plot.png": {"image/png": PNG}})
    assert sanitize.sanitize_notebook(notebook_with(cell)) == 0


def test_attachments_keep_png_and_jpeg_only():
    svg = base64.b64encode(b"<svg onload=alert(1)></svg>").decode()
    attachments = {"a.png": {"image/png": PNG, "image/svg+xml": svg}, "b.svg": {"image/svg+xml": svg}}
    cell = new_markdown_cell("![a](attachment:a.png)", attachments={**attachments, "c.jpg": {"image/jpeg": JPEG}})
    notebook, changes = sanitised(notebook_with(cell))
    assert changes == 2
    assert notebook.cells[0].attachments == {"a.png": {"image/png": PNG}, "c.jpg": {"image/jpeg": JPEG}}
    assert notebook.cells[0].source == "![a](attachment:a.png)"


# --- raw cells and metadata ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("mimetype", [None, "text/html", "text/markdown", "text/latex"])
def test_raw_cells_show_as_text(mimetype):
    cell = new_raw_cell(f"{IMG}\n{SCRIPT}", metadata={"raw_mimetype": mimetype} if mimetype else {})
    notebook, changes = sanitised(notebook_with(cell))
    assert changes == 1 and notebook.cells[0].metadata.raw_mimetype == "text/html"
    for template in ("lab", "classic"):
        page = render(notebook, template)
        assert active_content(page) == []
        text = BeautifulSoup(page, "html.parser").get_text()
        assert f"[lcai: raw cell ({mimetype or 'no mimetype'}) shown as text]\n{IMG}\n{SCRIPT}" in text


def test_metadata_the_templates_render_carries_no_markup():
    cell = new_markdown_cell("x", metadata={"tags": ['"><img src=x onerror=alert(1)>', "keep-me"], "alt": IMG})
    notebook = notebook_with(cell, title=IMG, widgets={"application/vnd.jupyter.widget-state+json": {}}, authors=[])
    notebook, changes = sanitised(notebook)
    assert changes == 4
    assert notebook.metadata == {"authors": []}
    assert notebook.cells[0].metadata == {"tags": ["keep-me"]}


def test_a_plain_title_stays():
    notebook = notebook_with(new_markdown_cell("x"), title='Week 3: Ann\'s "energy" notebook')
    assert sanitize.sanitize_notebook(notebook) == 0


# --- folders -------------------------------------------------------------------------------------------------------


def test_sanitize_folder_rewrites_every_notebook_below_it(tmp_path):
    unsafe = notebook_with(code_with(display({"text/html": IMG})))
    for student in ("ann", "bob"):
        (tmp_path / student / "week1").mkdir(parents=True)
        nbformat.write(unsafe, tmp_path / student / "week1" / "week1.ipynb")
    nbformat.write(notebook_with(new_markdown_cell("fine")), tmp_path / "ann" / "week1" / "safe.ipynb")
    (tmp_path / "ann" / "week1" / "broken.ipynb").write_text("{not json")
    safe_before = (tmp_path / "ann" / "week1" / "safe.ipynb").read_text()
    assert sanitize.sanitize_folder(tmp_path) == 2
    for student in ("ann", "bob"):
        written = nbformat.read(tmp_path / student / "week1" / "week1.ipynb", as_version=4)
        assert "text/html" not in written.cells[0].outputs[0].data
    assert (tmp_path / "ann" / "week1" / "safe.ipynb").read_text() == safe_before
    assert (tmp_path / "ann" / "week1" / "broken.ipynb").read_text() == "{not json"
    assert sanitize.sanitize_folder(tmp_path) == 0


def test_the_course_notebooks_need_no_change():
    """The instructor's own Markdown is plain Markdown: a lecturer sees it as before."""
    sources = sorted((paths.COURSE / "source").glob("*/*.ipynb")) + sorted(paths.MODULES.glob("**/*.ipynb"))
    assert sources
    for path in sources:
        assert sanitize.sanitize_notebook(nbformat.read(path, as_version=4)) == 0, path


def test_pages_in_lists_the_files_a_browser_would_run(tmp_path):
    for name in ("chart.html", "sub/drawing.SVG", "data.xml", "notes.md", "plot.png", "answers.ipynb", "data.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert sanitize.pages_in(tmp_path) == [tmp_path / "chart.html", tmp_path / "data.xml", tmp_path / "sub/drawing.SVG"]
