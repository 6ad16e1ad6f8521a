"""Student HTML and script never run in the lecturer's browser: the formgrader and the feedback, in real Chromium.

A copy of the course gets a small assignment; one student per payload family submits a notebook whose answer
cells produce HTML, JavaScript, SVG and other rich outputs, whose hand-graded Markdown answer holds raw HTML and
``javascript:`` links, and which has raw cells and markup in metadata. Every payload reports that it ran through
``console.log('PWNED:<name>')`` and a request to a loopback listener. ``lcai grade`` grades them (its last
nbgrader step sanitises the autograded notebooks); one control student who holds every payload is executed again
without the grader: that student shows the payloads do run without sanitising, so the test can fail.
Then the feedback pages (file://) and the formgrader's page of each submission (on ``jupyter lab``) are opened in
Debian's Chromium through playwright; links with a script URL are clicked.

Needs /usr/bin/chromium (``make test`` installs Debian's ``chromium``).
"""

import base64
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import nbformat
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from lcai.grading import feedback, nbgrader_course, pool, sanitize

ASSIGNMENT = "injection"
NOTEBOOK = "injection.ipynb"
SQUARE = "def square(x):\n    return x * x"
CONTROL = "control-unsanitised"
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
# Time after the load event for failing images, iframes and timers to fire.
SETTLE_MS = 600
WATCHDOG_SECONDS = 480  # the whole module takes about 80 s on an idle 2-core machine


class Listener:
    """A loopback HTTP server that records the paths of the requests it gets (the payloads' beacons)."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                hits.append(self.path)
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def _nbgrader(cell, grade_id, *, grade=False, solution=False, locked=False, points=None):
    metadata = {"grade": grade, "grade_id": grade_id, "locked": locked, "solution": solution, "task": False}
    cell.metadata["nbgrader"] = {**metadata, "schema_version": 3, **({"points": points} if points else {})}
    return cell


def source_notebook() -> nbformat.NotebookNode:
    """The instructor's version: one autograded answer with its test cell, one hand-graded Markdown answer."""
    solution = "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION"
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Injection check\nOne function and one reflection."),
            _nbgrader(new_code_cell(solution), "square", solution=True),
            _nbgrader(
                new_code_cell("from lcai.checks import assert_equal\n\nassert_equal(square(3), 9)"),
                "square-tests",
                grade=True,
                locked=True,
                points=5,
            ),
            _nbgrader(new_markdown_cell("YOUR ANSWER HERE"), "reflection", grade=True, solution=True, points=5),
        ]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def answered(release: nbformat.NotebookNode, square: str, reflection: str) -> nbformat.NotebookNode:
    """A copy of the student release with both answers filled in."""
    notebook = nbformat.from_dict(json.loads(json.dumps(release)))
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in ("square", "reflection"):
            cell.source = square if grade_id == "square" else reflection
    return notebook


def payloads(beacon: str) -> dict[str, dict]:
    """Per family: the answer cell's code, the hand-graded answer's Markdown, extra cells, notebook metadata."""

    def js(name):  # a statement that reports that it ran; single quotes only, to fit in a double-quoted attribute
        return f"console.log('PWNED:{name}');fetch('{beacon}/pwned/{name}')"

    def bare(name):  # the same without spaces or quotes, for an unquoted attribute
        return f"console.log(`PWNED:{name}`);fetch(`{beacon}/pwned/{name}`)"

    html_output = (
        f"<script>{js('html-script')}</script>"
        f'<img src="x" onerror="{js("html-img")}">'
        f'<svg onload="{js("html-svg")}"></svg>'
        f'<iframe srcdoc="<script>{js("html-iframe")}</script>"></iframe>'
        f'<details open ontoggle="{js("html-details")}"><summary>s</summary></details>'
        f"<style>body {{ background: url({beacon}/pwned/html-style) }}</style>"
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" onload="{js("svg-onload")}">'
        f'<script>{js("svg-script")}</script><circle r="5"/></svg>'
    )
    isolated = f'<img src=x onerror="{js("html-isolated")}">'
    widget_view = {"model_id": "m", "version_major": 2, "version_minor": 0}
    width = {"image/png": {"width": f"1 onerror={bare('png-width')}"}}
    code = {
        "html-output": f"""
            from IPython.display import HTML, display
            display(HTML({html_output!r}))
            display(HTML({isolated!r}), metadata={{"isolated": True}})
            """,
        "javascript-output": f"""
            from IPython.display import Javascript, display
            display(Javascript({js("js-output")!r}))
            display({{"application/javascript": {js("js-raw")!r}, "text/plain": "js"}}, raw=True)
            """,
        "rich-output": f"""
            from IPython.display import SVG, Latex, Markdown, display
            display(SVG({svg!r}))
            display(Markdown({f'<img src="x" onerror="{js("markdown-output")}">'!r}))
            display(Latex({f'<img src="x" onerror="{js("latex-output")}"> $x$'!r}))
            display({{"application/vnd.jupyter.widget-view+json": {widget_view!r},
                     "text/html": {f'<img src="x" onerror="{js("widget-html")}">'!r}}}, raw=True)
            display({{"application/x-unknown": {f'<img src="x" onerror="{js("unknown-mime")}">'!r}}}, raw=True)
            """,
        "image-metadata": f"""
            from IPython.display import display
            display({{"image/png": "AAAA"}}, raw=True, metadata={width!r})
            display({{"image/png": {PNG!r}}}, raw=True, metadata={{"image/png": {{"width": 30}}}})
            """,
        "text-output": f"""
            print({f'<script>{js("stdout")}</script><img src=x onerror="{js("stdout-img")}">'!r})
            print({chr(27) + f'[31m<img src=x onerror="{js("stdout-ansi")}">' + chr(27) + "[0m"!r})
            {SQUARE.replace(chr(10), chr(10) + "            ")}
            raise ValueError({f'<img src=x onerror="{js("error-img")}">'!r})
            """,
    }
    markdown = {
        "markdown-html": "\n\n".join(
            [
                "My answer, with markup:",
                f'<img src="x" onerror="{js("md-img")}">',
                f"<script>{js('md-script')}</script>",
                f'<svg onload="{js("md-svg")}"></svg> and <details open ontoggle="{js("md-details")}">x</details>',
                f'<iframe srcdoc="<script>{js("md-iframe")}</script>"></iframe>',
                f"<style>body {{ background: url({beacon}/pwned/md-style) }}</style>",
                f'```mermaid\n</pre><img src="x" onerror="{js("md-mermaid")}">\n```',
            ]
        ),
        "markdown-links": "\n\n".join(
            [
                f"[plain link](javascript:{js('link-js')})",
                f"[entity link](javascript&#58;{js('link-entity')})",
                f"[reference link][r]\n\n[r]: JaVaScRiPt:{js('link-reference')}",
                f"<javascript:{js('link-autolink')}>",
                f"[data link](data:text/html,<script>{js('link-data')}</script>)",
                f"![image](javascript:{js('image-js')})",
            ]
        ),
        "linked-file": "My chart is in [a page of its own](chart.html).",
    }
    # Files handed in beside the notebook: autograde copies them, the formgrader serves them on its origin.
    files = {"linked-file": {"chart.html": f"<html><body><script>{js('linked-file')}</script></body></html>"}}
    svg_attachment = base64.b64encode(svg.encode()).decode()
    cells = {
        "cells-and-metadata": [
            new_raw_cell(f'<img src="x" onerror="{js("raw-html")}">', metadata={"raw_mimetype": "text/html"}),
            new_raw_cell(f'<script>{js("raw-none")}</script><img src=x onerror="{js("raw-none-img")}">'),
            new_raw_cell(f'<img src="x" onerror="{js("raw-markdown")}">', metadata={"raw_mimetype": "text/markdown"}),
            new_markdown_cell(
                "![drawing](attachment:drawing.svg)", attachments={"drawing.svg": {"image/svg+xml": svg_attachment}}
            ),
            new_markdown_cell("tagged", metadata={"tags": [f'"><img src=x onerror="{js("cell-tag")}">']}),
        ],
    }
    metadata = {
        "cells-and-metadata": {
            "title": f'</title><img src=x onerror="{js("title")}">',
            "widgets": {
                "application/vnd.jupyter.widget-state+json": {
                    "version_major": 2,
                    "version_minor": 0,
                    "state": {
                        "w": {
                            "model_name": "HTMLModel",
                            "model_module": "@jupyter-widgets/controls",
                            "model_module_version": "2.0.0",
                            "state": {"value": f'<img src=x onerror="{js("widget-state")}">'},
                        }
                    },
                }
            },
        }
    }
    families = {}
    for name in [*code, *markdown, *cells, *files]:
        families[name] = {
            "code": code.get(name, ""),
            "markdown": markdown.get(name),
            "cells": cells.get(name, []),
            "metadata": metadata.get(name, {}),
            "files": files.get(name, {}),
        }
    return families


def submission(release: nbformat.NotebookNode, families: list[dict]) -> nbformat.NotebookNode:
    """The release answered, with the payloads of ``families`` in the answer cells, extra cells and metadata."""
    code = "\n".join(textwrap.dedent(family["code"]).strip() for family in families if family["code"])
    square = code if "def square" in code else f"{code}\n{SQUARE}".strip()
    markdown = "\n\n".join(family["markdown"] for family in families if family["markdown"])
    notebook = answered(release, square, markdown or "Squares grow fast.")
    for family in families:
        notebook.cells.extend(nbformat.from_dict(json.loads(json.dumps(cell))) for cell in family["cells"])
        notebook.metadata.update(family["metadata"])
    return notebook


@dataclass
class Findings:
    """What one page showed of the payloads: markers seen, dialogs, and links whose URL runs script."""

    markers: set = field(default_factory=set)
    dialogs: list = field(default_factory=list)
    script_links: list = field(default_factory=list)
    page_links: list = field(default_factory=list)
    text: str = ""


@pytest.fixture(scope="module", autouse=True)
def watchdog():
    """Fail instead of hanging when a page, the server or the browser stops answering (the finalisers still run)."""

    def expire(signum, frame):
        raise TimeoutError(f"the browser test took more than {WATCHDOG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(WATCHDOG_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """(root, listener, {student: family names}, timings) after release, submit, autograde, sanitise, feedback."""
    started = time.monotonic()
    timings = {}
    listener = Listener()
    root = nbgrader_course.copy_course(tmp_path_factory.mktemp("injection") / "course")
    (root / "source" / ASSIGNMENT).mkdir()
    nbformat.write(source_notebook(), root / "source" / ASSIGNMENT / NOTEBOOK)
    release = nbformat.read(nbgrader_course.release(assignment=ASSIGNMENT, course_root=root) / NOTEBOOK, as_version=4)
    timings["release"] = time.monotonic() - started
    families = payloads(listener.url)
    students = {name: [name] for name in families}
    students[CONTROL] = list(families)
    for student, names in students.items():
        path = nbgrader_course.submit(
            submission(release, [families[n] for n in names]), student, ASSIGNMENT, NOTEBOOK, root
        )
        for name in names:
            for filename, content in families[name]["files"].items():
                (path.parent / filename).write_text(content)
    mark = time.monotonic()
    # lcai grade sanitises as nbgrader's last autograde step (the course's nbgrader_config.py does the same).
    pool.grade_assignment(course_root=root, assignment=ASSIGNMENT, workers=2, timeout=30)
    timings["grade"] = time.monotonic() - mark
    assert all(sanitize.sanitize_folder(root / "autograded" / s) == 0 for s in students), "sanitising twice changed"
    # The control: the same submission executed without the grader, as an unsafe grader would leave it.
    control = nbformat.read(root / "submitted" / CONTROL / ASSIGNMENT / NOTEBOOK, as_version=4)
    control_folder = root / "autograded" / CONTROL / ASSIGNMENT
    for name in students[CONTROL]:
        for filename, content in families[name]["files"].items():
            (control_folder / filename).write_text(content)  # as plain nbgrader leaves handed-in files
    NotebookClient(
        control, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(control_folder)}}
    ).execute()
    nbformat.write(control, control_folder / NOTEBOOK)
    mark = time.monotonic()
    feedback.generate_feedback(assignment=ASSIGNMENT, course_root=root)
    timings["feedback"] = time.monotonic() - mark
    return root, listener, students, timings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(course, tmp_path_factory):
    """The base URL and token of ``jupyter lab`` (with nbgrader's formgrader) serving the course copy."""
    root = course[0]
    scratch = tmp_path_factory.mktemp("jupyter")
    port, token = _free_port(), secrets.token_hex(16)
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]),
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        "JUPYTER_CONFIG_DIR": str(scratch / "config"),
        "JUPYTER_DATA_DIR": str(scratch / "data"),
        "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
    }
    command = [
        str(bin_dir / "jupyter"),
        "lab",
        "--allow-root",
        "--no-browser",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--ServerApp.open_browser=False",
    ]
    log = (scratch / "server.log").open("w")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"jupyter lab did not start: {(scratch / 'server.log').read_text()[-2000:]}")
            time.sleep(0.3)
        yield base, token
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Chromium context with a fresh profile; requests go only to loopback and file:// addresses."""
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        context.requests = []
        context.set_default_timeout(30_000)

        def route(request_route):
            url = request_route.request.url
            context.requests.append(url)
            if re.match(r"(https?://127\.0\.0\.1[:/]|file:|data:|blob:|about:)", url):
                request_route.continue_()
            else:  # CDN scripts (MathJax, require.js) and anything else off this machine
                request_route.abort()

        context.route("**/*", route)
        try:
            yield context
        finally:
            context.close()


def visit(context, url: str, listener: Listener) -> Findings:
    """Open ``url``, let it settle, click every link whose URL runs script; report what the payloads did."""
    found = Findings()
    before, hits_before = len(context.requests), len(listener.hits)
    page = context.new_page()
    page.on("console", lambda message: found.markers.update(re.findall(r"^PWNED:([\w-]+)$", message.text)))
    page.on("dialog", lambda dialog: (found.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load", timeout=30_000)
        page.wait_for_timeout(SETTLE_MS)
        found.script_links = page.evaluate(
            """() => [...document.querySelectorAll('a[href], area[href], iframe[src], object[data], embed[src]')]
                .map(e => e.href || e.src || e.data || '')
                .filter(h => /^\\s*(javascript|vbscript|data):/i.test(h))"""
        )
        page.evaluate(
            """() => { for (const a of document.querySelectorAll('a[href]'))
                if (/^\\s*javascript:/i.test(a.href)) { try { a.click(); } catch (e) {} } }"""
        )
        page.wait_for_timeout(200)
        found.text = page.inner_text("body")
        # Links in the notebook to another page of the same site, such as a file handed in with the submission.
        found.page_links = page.evaluate(
            """() => [...document.querySelectorAll('#notebook-container a[href]')]
                .filter(a => /^(https?|file):$/.test(a.protocol) && a.origin === location.origin
                             && a.pathname !== location.pathname)
                .map(a => a.href)"""
        )
    finally:
        page.close()
    for link in found.page_links:
        linked = context.new_page()
        linked.on("console", lambda message: found.markers.update(re.findall(r"^PWNED:([\w-]+)$", message.text)))
        try:
            linked.goto(link, wait_until="load", timeout=30_000)
            linked.wait_for_timeout(200)
        except PlaywrightError:  # the feedback folder has no copy of the student's other files
            pass
        finally:
            linked.close()
    requests = context.requests[before:] + listener.hits[hits_before:]
    # Only requests that reached a loopback server count: a URL such as src="javascript:..." is reported too.
    found.markers |= {m.group(1) for url in requests if (m := re.match(r"http://127\.0\.0\.1:\d+/pwned/([\w-]+)", url))}
    return found


def _feedback_pages(root: Path, student: str) -> list[Path]:
    return sorted((root / "feedback" / student / ASSIGNMENT).glob("*.html"))


def _submission_ids(root: Path, students) -> dict[str, str]:
    from nbgrader.api import Gradebook

    with Gradebook(nbgrader_course.gradebook_url(root / "gradebook.db")) as gradebook:
        return {s: gradebook.find_submission_notebook(Path(NOTEBOOK).stem, ASSIGNMENT, s).id for s in students}


@pytest.fixture(scope="module")
def formgrader(course, server, browser):
    """{student: Findings} of the formgrader's page of each submission, logged in with the server's token."""
    root, listener, students, _ = course
    base, token = server
    # A request with the token sets the login cookie in the context. Not through a page: closing a half-loaded
    # JupyterLab page once hung for the whole watchdog on a loaded CI machine.
    login = browser.request.get(f"{base}/api/status?token={token}", timeout=30_000)
    assert login.ok, f"the server refused the token: {login.status}"
    assert any(cookie["name"].startswith("username-") for cookie in browser.cookies()), browser.cookies()
    ids = _submission_ids(root, students)
    return {student: visit(browser, f"{base}/formgrader/submissions/{ids[student]}/", listener) for student in students}


@pytest.fixture(scope="module")
def feedback_pages(course, browser):
    """{student: Findings} of each student's feedback pages opened as files."""
    root, listener, students, _ = course
    found = {}
    for student in students:
        pages = _feedback_pages(root, student)
        assert pages, f"no feedback for {student}"
        for page in pages:
            found[student] = visit(browser, page.as_uri(), listener)
    return found


def _sanitised(students):
    return [student for student in students if student != CONTROL]


def test_no_student_payload_runs_in_the_feedback(course, feedback_pages):
    _, _, students, _ = course
    ran = {s: (f.markers, f.dialogs, f.script_links, f.page_links) for s, f in feedback_pages.items()}
    assert {s: ran[s] for s in _sanitised(students)} == {s: (set(), [], [], []) for s in _sanitised(students)}


def test_no_student_payload_runs_in_the_formgrader(course, formgrader):
    _, _, students, _ = course
    ran = {s: (f.markers, f.dialogs, f.script_links, f.page_links) for s, f in formgrader.items()}
    assert {s: ran[s] for s in _sanitised(students)} == {s: (set(), [], [], []) for s in _sanitised(students)}


def test_the_formgrader_page_rendered_the_submission(course, formgrader):
    _, _, students, _ = course
    for student in students:
        assert "Student's answer" in formgrader[student].text, student
        assert "def square" in formgrader[student].text, student


def test_the_lecturer_can_read_the_payloads_as_text(formgrader):
    """Sanitised outputs and answers still show what the student wrote."""
    expected = {
        "html-output": ["[lcai: HTML output shown as text]", "onerror=\"console.log('PWNED:html-img')"],
        "javascript-output": ["[lcai: JavaScript output shown as text]", "console.log('PWNED:js-output')"],
        "rich-output": ["[lcai: SVG output shown as text]", "PWNED:markdown-output", "PWNED:unknown-mime"],
        "text-output": ["PWNED:stdout-img", "PWNED:error-img"],
        "markdown-html": ["My answer, with markup:", '<img src="x" onerror="console.log(\'PWNED:md-img\')'],
        "markdown-links": ["[plain link](javascript:console.log('PWNED:link-js')"],
        "cells-and-metadata": ["[lcai: raw cell (text/html) shown as text]", "PWNED:raw-none-img", "tagged"],
        "linked-file": ["My chart is in [a page of its own](chart.html)."],
    }
    for student, fragments in expected.items():
        for fragment in fragments:
            assert fragment in formgrader[student].text, (student, fragment)


def test_without_sanitising_payloads_run_in_the_formgrader(formgrader):
    """The control: the same payloads, unsanitised, do run on the formgrader's origin (so the test can fail)."""
    control = formgrader[CONTROL]
    print(f"\nran unsanitised in the formgrader: {sorted(control.markers)}; dialogs: {control.dialogs}")
    print(f"script links unsanitised in the formgrader: {len(control.script_links)}")
    assert {"html-script", "html-img", "js-output", "md-img", "md-mermaid", "link-js", "linked-file"} <= control.markers
    assert control.script_links


def test_without_sanitising_payloads_run_in_the_feedback(feedback_pages, course):
    control = feedback_pages[CONTROL]
    print(f"\nran unsanitised in the feedback: {sorted(control.markers)}; timings: {course[3]}")
    assert {"html-img", "md-img"} <= control.markers
