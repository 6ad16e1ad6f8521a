"""A small nbgrader assignment and a corpus of adversarial submissions to it, each with its expected outcome.

The assignment has two autograded tasks of 5 points (one test cell each, with hidden checks) and one
hand-graded answer; its setup cell reads a data file in a sub-folder. Each corpus entry is (student id, how the
submission is made, expected status, expected autograded score or None when it is not graded). A submission is
a notebook, raw bytes, or a function that fills the submission folder itself (links, shipped modules).
"""

import json
import os
import socket
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ASSIGNMENT = "corpus"
NOTEBOOK = "corpus.ipynb"
MAX_SCORE = 10.0


def _cell(kind, source, grade_id, *, grade=False, solution=False, locked=False, points=None):
    cell = (new_code_cell if kind == "code" else new_markdown_cell)(textwrap.dedent(source).strip())
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def source_notebook() -> nbformat.NotebookNode:
    """The instructor's version, with solutions and hidden tests."""
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Corpus check\nTwo small functions and one reflection."),
            _cell(
                "code",
                """
            from lcai.checks import assert_close, assert_equal, expect_close, expect_equal

            with open("data/values.txt") as values_file:  # a data file in a sub-folder, as courses ship them
                VALUES = [float(line) for line in values_file if line.strip()]
            """,
                "setup",
                locked=True,
            ),
            _cell(
                "code",
                """
            def square(x):
                ### BEGIN SOLUTION
                return x * x
                ### END SOLUTION
            """,
                "square",
                solution=True,
            ),
            _cell(
                "code",
                """
            assert_equal(square(3), 9, what="square(3)")
            ### BEGIN HIDDEN TESTS
            expect_equal(square(-4), what="square of a negative number")
            ### END HIDDEN TESTS
            """,
                "square-tests",
                grade=True,
                locked=False,
                points=5,
            ),  # nbgrader restores a grade cell all the same
            _cell(
                "code",
                """
            def mean(values):
                ### BEGIN SOLUTION
                return sum(values) / len(values)
                ### END SOLUTION
            """,
                "mean",
                solution=True,
            ),
            _cell(
                "code",
                """
            assert_close(mean([1, 2, 3]), 2.0, what="mean([1, 2, 3])")
            ### BEGIN HIDDEN TESTS
            expect_close(mean([2.5]), what="mean of a single value")
            expect_close(mean(VALUES), what="mean of the data file's values")
            ### END HIDDEN TESTS
            """,
                "mean-tests",
                grade=True,
                locked=True,
                points=5,
            ),
            _cell(
                "markdown",
                "A model answer: squares grow faster than the values.",
                "reflection",
                grade=True,
                solution=True,
                points=5,
            ),
        ]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


DATA_FILE = ("data/values.txt", "1.5\n2.5\n4.0\n")


def write_assignment(course_root: Path) -> Path:
    """Write the assignment's source (notebook and data file) into ``course_root``; return its folder."""
    folder = course_root / "source" / ASSIGNMENT
    (folder / "data").mkdir(parents=True)
    nbformat.write(source_notebook(), folder / NOTEBOOK)
    (folder / DATA_FILE[0]).write_text(DATA_FILE[1])
    return folder


SQUARE = "def square(x):\n    return x * x"
MEAN = "def mean(values):\n    return sum(values) / len(values)"


def answered(release: nbformat.NotebookNode, square=SQUARE, mean=MEAN) -> nbformat.NotebookNode:
    """A copy of the student release with the two answer cells filled in."""
    notebook = nbformat.from_dict(json.loads(json.dumps(release)))
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "square":
            cell.source = square
        elif grade_id == "mean":
            cell.source = mean
        elif grade_id == "reflection":
            cell.source = "Squares grow fast."
    return notebook


def _edit(notebook, grade_id, change):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            change(cell)
    return notebook


class Listener:
    """A TCP server on the grader's loopback that counts connections: a sandboxed kernel must make none."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]

    def connections(self) -> int:
        count = 0
        while True:
            try:
                self.server.accept()[0].close()
            except TimeoutError:
                return count
            count += 1


def corpus(release: nbformat.NotebookNode, course_root, port: int) -> list[tuple]:
    """[(student, notebook or raw bytes, expected status, expected score)]."""
    gradebook, source = course_root / "gradebook.db", course_root / "source" / ASSIGNMENT / NOTEBOOK
    good = answered(release)
    wrong_square = "def square(x):\n    return x + x"

    def mark_hack(path):
        return f"open({str(path)!r}, 'w').write('hacked')"

    return [
        ("correct", good, "graded", 10.0),
        ("wrong", answered(release, square=wrong_square), "graded", 5.0),
        ("blank", release, "graded", 0.0),
        (
            "deleted-test",
            nbformat.from_dict(
                {
                    **good,
                    "cells": [
                        c for c in good.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "square-tests"
                    ],
                }
            ),
            "restored",
            10.0,
        ),
        (
            "edited-test",
            _edit(answered(release, square=wrong_square), "square-tests", lambda c: setattr(c, "source", "pass")),
            "restored",
            5.0,
        ),
        (
            "changed-points",
            _edit(answered(release), "mean-tests", lambda c: c.metadata.nbgrader.update(points=500)),
            "restored",
            10.0,
        ),
        (
            "fake-equality",
            answered(
                release,
                square=textwrap.dedent("""
            class Anything:
                def __eq__(self, other):
                    return True
            def square(x):
                return Anything()"""),
            ),
            "graded",
            5.0,
        ),
        (
            "swallowed-errors",
            answered(
                release,
                square=textwrap.dedent("""
            get_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)
            def square(x):
                return 0"""),
            ),
            "suspicious code",
            0.0,
        ),
        (
            "patched-builtin",
            answered(
                release,
                square=textwrap.dedent("""
            import builtins
            builtins.isinstance = lambda *args: True
            def square(x):
                return 0"""),
            ),
            "suspicious code",
            None,
        ),
        ("loop-top-level", answered(release, square="while True:\n    pass"), "timed out", 5.0),
        (
            "loop-in-function",
            answered(release, square="def square(x):\n    while True:\n        pass"),
            "timed out",
            5.0,
        ),
        ("kernel-exit", answered(release, square="import os\nos._exit(1)"), "kernel died", None),
        ("invalid-json", b'{"cells": [', "not a notebook", None),
        (
            "added-grade-cell",
            nbformat.from_dict(
                {**good, "cells": [*good.cells, _cell("code", "pass", "bonus", grade=True, locked=True, points=100)]}
            ),
            "tampered metadata",
            None,
        ),
        (
            "stripped-metadata",
            nbformat.from_dict({**good, "cells": [nbformat.from_dict({**c, "metadata": {}}) for c in good.cells]}),
            "tampered metadata",
            None,
        ),
        (
            "gradebook-writer",
            answered(
                release,
                square=textwrap.dedent(f"""
            import sqlite3
            try:
                db = sqlite3.connect({str(gradebook)!r})
                db.execute("UPDATE grade SET auto_score = 100")
                db.commit()
            except Exception as error:
                print("blocked:", error)
            try:
                {mark_hack("../../../gradebook.db")}
            except OSError as error:
                print("blocked:", error)
            {SQUARE.replace(chr(10), chr(10) + "            ")}"""),
            ),
            "graded",
            10.0,
        ),
        (
            "source-reader",
            answered(
                release,
                square=textwrap.dedent(f"""
            try:
                print(open({str(source)!r}).read())
            except OSError as error:
                print("blocked:", error)
            {SQUARE.replace(chr(10), chr(10) + "            ")}"""),
            ),
            "graded",
            10.0,
        ),
        (
            "outside-writer",
            answered(
                release,
                square=textwrap.dedent(f"""
            for path in [{str(course_root / "HACKED")!r}, "/tmp/../HACKED", "../../HACKED"]:
                try:
                    open(path, "w").write("hacked")
                except OSError as error:
                    print("blocked:", error)
            {SQUARE.replace(chr(10), chr(10) + "            ")}"""),
            ),
            "graded",
            10.0,
        ),
        (
            "network",
            answered(
                release,
                square=textwrap.dedent(f"""
            import socket
            try:
                socket.create_connection(("127.0.0.1", {port}), timeout=2)
            except OSError as error:
                print("blocked:", error)
            {SQUARE.replace(chr(10), chr(10) + "            ")}"""),
            ),
            "graded",
            10.0,
        ),
        (
            "memory-hog",
            answered(
                release,
                square=textwrap.dedent("""
            hog = bytearray(16 * 1024 ** 3)
            def square(x):
                return x * x"""),
            ),
            "graded",
            5.0,
        ),
        (
            "fork-bomb",
            answered(
                release,
                square=textwrap.dedent("""
            import os, time
            children = 0
            try:
                while True:  # every child holds a process slot until the kernel ends
                    if os.fork() == 0:
                        time.sleep(3600)
                    children += 1
            except OSError as error:
                print("stopped after", children, "children:", error)
            def square(x):
                return x * x"""),
            ),
            "graded",
            5.0,
        ),
        (
            "enormous-output",
            answered(
                release,
                square=textwrap.dedent("""
            while True:  # the grader cuts the output off and interrupts the cell
                print("x" * 100_000)
            def square(x):
                return x * x"""),
            ),
            "graded",
            5.0,
        ),
        (
            "output-cap-removed",
            answered(
                release,
                square=textwrap.dedent("""
            import lcai.grading.kernel as kernel
            kernel.iostream.OutStream.write = kernel._write  # the grader's own cap still holds
            while True:
                print("x" * 100_000)"""),
            ),
            "suspicious code",
            None,
        ),
    ]


# --- the second round: escapes, links, out-of-kernel verdicts, feedback leaks, disk, terminal, files ---------------

WRONG = "def square(x):\n    return 0\n\ndef mean(values):\n    return 0"
CONTROL_ID = "ctrl-\x1b[2J\x1b]0;owned\x07-\r-\u202e"
# What the disk filler tries to fill, and the JSON line it prints about it.
DISK_MARK = "lcai-disk:"
DISK_FILLER = textwrap.dedent(f'''
    import json, os, sys

    def fill(folder, limit=200 * 1024 * 1024):
        written, chunk = 0, b"x" * (1024 * 1024)
        try:
            for number in range(64):
                with open(os.path.join(folder, f"filler-{{number}}"), "wb", buffering=0) as output:
                    for _ in range(32):
                        output.write(chunk)
                        written += len(chunk)
                        if written >= limit:
                            return written
        except OSError:
            pass
        return written

    places = {{os.getcwd(), "/tmp", "/dev/shm", "/dev", "/", os.path.expanduser("~"), "/var/tmp",
               os.path.dirname(sys.argv[sys.argv.index("-f") + 1])}}
    print("{DISK_MARK}", json.dumps({{place: fill(place) for place in sorted(places) if os.path.isdir(place)}}))
    for place in places:
        for number in range(64):
            try:
                os.remove(os.path.join(place, f"filler-{{number}}"))
            except OSError:
                pass
''').strip()


def _shim(name: str, marker_folder: Path) -> str:
    """A module named like one the grader or kernel imports: marks an escape, then hands over to the real one."""
    return textwrap.dedent(f"""
        import os, sys
        try:  # only a process outside the sandbox can see this folder
            open({str(marker_folder / name)!r}, "w").close()
        except OSError:
            pass
        here = os.path.dirname(os.path.abspath(__file__))
        del sys.modules[__name__]
        saved = list(sys.path)
        sys.path[:] = [path for path in sys.path if os.path.abspath(path or ".") != here]
        try:
            import importlib
            sys.modules[__name__] = importlib.import_module(__name__)
        finally:
            sys.path[:] = saved
    """)


def _placing(notebook, files: dict | None = None, links: dict | None = None, hard_links: dict | None = None):
    """A function that writes ``notebook`` (unless None) plus extra files, symbolic links and hard links."""

    def place(folder: Path) -> None:
        if notebook is not None:
            nbformat.write(notebook, folder / NOTEBOOK)
        for name, text in (files or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        for name, target in (links or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).symlink_to(target)
        for name, target in (hard_links or {}).items():
            os.link(target, folder / name)

    return place


def corpus_round_two(release: nbformat.NotebookNode, course_root: Path, module_names: list[str]) -> list[tuple]:
    """Attacks of the second review, by class; ``module_names`` are the modules a grading run imports."""
    source_folder = course_root / "source" / ASSIGNMENT
    source = source_folder / NOTEBOOK
    escaped = course_root / "ESCAPED"
    good = answered(release)
    wrong = answered(release, square=WRONG, mean="")
    shims = {f"{name}.py": _shim(name, escaped) for name in [*module_names, "sitecustomize", "usercustomize"]}

    def faked(code: str) -> nbformat.NotebookNode:
        """Wrong answers (both functions return 0) behind a way of faking the tests from inside the kernel."""
        return answered(release, square=textwrap.dedent(code).strip() + "\n\n" + WRONG, mean="")

    return [
        # 1. Nothing a submission ships runs outside the sandbox, whatever its name.
        ("shadow-modules", _placing(good, files=shims), "graded", 10.0),
        # 2. Links and hard links are never followed into autograded/ or feedback/.
        ("linked-folder", _placing(good, links={"solutions": source_folder}), "unsafe files", 10.0),
        (
            "linked-file",
            _placing(good, links={"secret.txt": course_root / "gradebook.db", "answers.txt": source}),
            "unsafe files",
            10.0,
        ),
        (
            "linked-in-subfolder",
            _placing(good, links={"data/values.txt": source, "deep/er/link": source_folder}),
            "unsafe files",
            10.0,
        ),
        ("hard-link", _placing(good, hard_links={"copy.ipynb": source}), "unsafe files", 10.0),
        ("linked-notebook", _placing(None, links={NOTEBOOK: source}), "no notebook", None),
        # 4. Seven families of in-kernel fakes: the grader's verdict gives wrong answers no points.
        (
            "fake-display",
            faked("""
            shell = get_ipython()
            publish = shell.display_pub.publish
            def forged(data, *args, **kwargs):  # pass every check off as its expected value
                record = data.get("application/vnd.lcai.check+json")
                if record and "expected" in record["params"]:
                    record["value"] = record["params"]["expected"]
                return publish(data, *args, **kwargs)
            shell.display_pub.publish = forged
            shell.showtraceback = lambda *args, **kwargs: None"""),
            "suspicious code",
            0.0,
        ),
        (
            "fake-import-alias",
            faked("""
            from lcai import checks as the_tests
            vars(the_tests)["_fail_on"] = lambda message: None"""),
            "suspicious code",
            0.0,
        ),
        (
            "fake-globals",
            faked("""
            assert_equal = assert_close = expect_equal = expect_close = lambda *args, **kwargs: None"""),
            "suspicious code",
            0.0,
        ),
        (
            "fake-built-attribute",
            faked("""
            import operator, sys
            operator.setitem(sys.modules["lcai." + "che" + "cks"].__dict__, "_" + "fail_on", print)"""),
            "suspicious code",
            0.0,
        ),
        (
            "fake-ctypes",
            faked("""
            import ctypes, sys
            ctypes.pythonapi.PyDict_SetItemString.argtypes = [ctypes.py_object, ctypes.c_char_p, ctypes.py_object]
            ctypes.pythonapi.PyDict_SetItemString(sys.modules["lcai.checks"].__dict__, b"_fail_on", print)"""),
            "suspicious code",
            0.0,
        ),
        (
            "fake-helper-module",
            _placing(
                faked("import helpers"),
                files={"helpers.py": "import lcai.checks\nlcai.checks._fail_on = lambda message: None\n"},
            ),
            "suspicious code",
            0.0,
        ),
        (
            "fake-shadowing",
            _placing(
                wrong,
                files={
                    "lcai/__init__.py": "",
                    "lcai/checks.py": "def assert_equal(*a, **k): pass\n",
                    "numpy.py": "raise SystemExit('shadowed')\n",
                    "IPython.py": "raise SystemExit('shadowed')\n",
                },
            ),
            "graded",
            0.0,
        ),
        (
            "fake-partial-credit",
            answered(release, square="def square(x):\n    get_ipython().displayhook(5.0)\n    return x + x"),
            "graded",
            5.0,
        ),
        # 5. Student code that prints the test cells it ran before, hidden parts included.
        ("hidden-printer", answered(release, mean=MEAN + "\n\nprint('\\n'.join(In))"), "graded", 10.0),
        # 6. A disk filler: every place the kernel can write is size-capped.
        ("disk-filler", answered(release, mean=MEAN + "\n\n" + DISK_FILLER), "graded", 10.0),
        # 7. Control characters in a student id.
        (CONTROL_ID, good, "graded", 10.0),
        # 8. Files the notebook writes while it runs.
        (
            "writes-files",
            answered(release, mean=MEAN + "\n\nopen('results.txt', 'w').write('written while graded')"),
            "graded",
            10.0,
        ),
    ]
