"""A small nbgrader assignment and a corpus of adversarial submissions to it, each with its expected outcome.

The assignment has two autograded tasks of 5 points (one test cell each, with a hidden test) and one
hand-graded answer. Each corpus entry is (student id, how the submission is made, expected status, expected
autograded score or None when it is not graded).
"""

import json
import socket
import textwrap

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ASSIGNMENT = "corpus"
NOTEBOOK = "corpus.ipynb"
MAX_SCORE = 10.0


def _cell(kind, source, grade_id, *, grade=False, solution=False, locked=False, points=None):
    cell = (new_code_cell if kind == "code" else new_markdown_cell)(textwrap.dedent(source).strip())
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def source_notebook() -> nbformat.NotebookNode:
    """The instructor's version, with solutions and hidden tests."""
    notebook = new_notebook(cells=[
        new_markdown_cell("# Corpus check\nTwo small functions and one reflection."),
        _cell("code", "from lcai.checks import assert_close, assert_equal", "setup", locked=True),
        _cell("code", """
            def square(x):
                ### BEGIN SOLUTION
                return x * x
                ### END SOLUTION
            """, "square", solution=True),
        _cell("code", """
            assert_equal(square(3), 9)
            ### BEGIN HIDDEN TESTS
            assert_equal(square(-4), 16)
            ### END HIDDEN TESTS
            """, "square-tests", grade=True, locked=True, points=5),
        _cell("code", """
            def mean(values):
                ### BEGIN SOLUTION
                return sum(values) / len(values)
                ### END SOLUTION
            """, "mean", solution=True),
        _cell("code", """
            assert_close(mean([1, 2, 3]), 2.0)
            ### BEGIN HIDDEN TESTS
            assert_close(mean([2.5]), 2.5)
            ### END HIDDEN TESTS
            """, "mean-tests", grade=True, locked=True, points=5),
        _cell("markdown", "YOUR ANSWER HERE", "reflection", grade=True, solution=True, points=5),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


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
        ("deleted-test", nbformat.from_dict({**good, "cells": [c for c in good.cells
                                                               if c.metadata.get("nbgrader", {}).get("grade_id")
                                                               != "square-tests"]}), "restored", 10.0),
        ("edited-test", _edit(answered(release, square=wrong_square), "square-tests",
                              lambda c: setattr(c, "source", "pass")), "restored", 5.0),
        ("changed-points", _edit(answered(release), "mean-tests",
                                 lambda c: c.metadata.nbgrader.update(points=500)), "restored", 10.0),
        ("fake-equality", answered(release, square=textwrap.dedent("""
            class Anything:
                def __eq__(self, other):
                    return True
            def square(x):
                return Anything()""")), "graded", 5.0),
        ("swallowed-errors", answered(release, square=textwrap.dedent("""
            get_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)
            def square(x):
                return 0""")), "suspicious code", 0.0),
        ("patched-builtin", answered(release, square=textwrap.dedent("""
            import builtins
            builtins.isinstance = lambda *args: True
            def square(x):
                return 0""")), "suspicious code", None),
        ("loop-top-level", answered(release, square="while True:\n    pass"), "timed out", 5.0),
        ("loop-in-function", answered(release, square="def square(x):\n    while True:\n        pass"),
         "timed out", 5.0),
        ("kernel-exit", answered(release, square="import os\nos._exit(1)"), "kernel died", None),
        ("invalid-json", b'{"cells": [', "not a notebook", None),
        ("added-grade-cell", nbformat.from_dict({**good, "cells": [*good.cells, _cell(
            "code", "pass", "bonus", grade=True, locked=True, points=100)]}), "tampered metadata", None),
        ("stripped-metadata", nbformat.from_dict({**good, "cells": [
            nbformat.from_dict({**c, "metadata": {}}) for c in good.cells]}), "tampered metadata", None),
        ("gradebook-writer", answered(release, square=textwrap.dedent(f"""
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
            {SQUARE.replace(chr(10), chr(10) + "            ")}""")), "graded", 10.0),
        ("source-reader", answered(release, square=textwrap.dedent(f"""
            try:
                print(open({str(source)!r}).read())
            except OSError as error:
                print("blocked:", error)
            {SQUARE.replace(chr(10), chr(10) + "            ")}""")), "graded", 10.0),
        ("outside-writer", answered(release, square=textwrap.dedent(f"""
            for path in [{str(course_root / "HACKED")!r}, "/tmp/../HACKED", "../../HACKED"]:
                try:
                    open(path, "w").write("hacked")
                except OSError as error:
                    print("blocked:", error)
            {SQUARE.replace(chr(10), chr(10) + "            ")}""")), "graded", 10.0),
        ("network", answered(release, square=textwrap.dedent(f"""
            import socket
            try:
                socket.create_connection(("127.0.0.1", {port}), timeout=2)
            except OSError as error:
                print("blocked:", error)
            {SQUARE.replace(chr(10), chr(10) + "            ")}""")), "graded", 10.0),
        ("memory-hog", answered(release, square=textwrap.dedent("""
            hog = bytearray(16 * 1024 ** 3)
            def square(x):
                return x * x""")), "graded", 5.0),
        ("fork-bomb", answered(release, square=textwrap.dedent("""
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
                return x * x""")), "graded", 5.0),
        ("enormous-output", answered(release, square=textwrap.dedent("""
            while True:  # the grader cuts the output off and interrupts the cell
                print("x" * 100_000)
            def square(x):
                return x * x""")), "graded", 5.0),
        ("output-cap-removed", answered(release, square=textwrap.dedent("""
            import lcai.grading_kernel as kernel
            kernel.iostream.OutStream.write = kernel._write  # the grader's own cap still holds
            while True:
                print("x" * 100_000)""")), "suspicious code", None),
    ]
