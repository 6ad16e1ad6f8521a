"""Student feedback that shows the score per cell and the visible tests, never a hidden test.

Reads the autograded notebooks in ``autograded/<student>/<assignment>/`` and the scores in the gradebook, and
writes ``feedback/<student>/<assignment>/<notebook>.html`` with real ``nbgrader generate_feedback``. Its
preprocessors are nbgrader's own plus ``HideHiddenTests`` below, which removes the hidden-test regions from
every cell's source, replaces the outputs of a failing test cell with a short message, and removes every line
of a hidden test from every output (student code can print the source of the cells that run after it), so
neither the hidden code nor a traceback through it reaches the student. The feedback folder holds the HTML
pages only: none of the files in the autograded folder (the assignment's or the submission's) is copied.
"""

import re
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from lcai import cells
from lcai.errors import KitError
from lcai.grading.nbgrader_course import require_assignment, run_nbgrader
from lcai.paths import COURSE

REDACTED = "[lcai: a line of a hidden test was removed here]"
HIDDEN_TEST_FAILED = (
    "This test cell failed one of the hidden tests. "
    "Check your function on other inputs: boundaries, other types, other tables."
)
VISIBLE_TEST_FAILED = "This test cell failed: a visible test failed: {ename}: {evalue}"
# nbgrader's own feedback steps, with ours after GetGrades (which puts the score per cell in the metadata).
PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "lcai.grading.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The frame of the cell itself, as IPython writes it: "Cell In[12], line 7" (older: "<cell line: 7>").
_CELL_LINE = re.compile(r"Cell In\s*\[\d*\],\s*line (\d+)|<cell line: (\d+)>")


def failing_line(traceback: list[str]) -> int | None:
    """The line of the test cell at which the error was raised, from the outermost frame of the traceback."""
    for match in _CELL_LINE.finditer(_ANSI.sub("", "\n".join(traceback))):
        return int(match.group(1) or match.group(2))
    return None


def student_message(cell) -> str | None:
    """The message that replaces a failing code cell's outputs, or None when the cell ran without an error."""
    errors = [output for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    if not errors:
        return None
    _, hidden = cells.split_hidden(cell.source)
    line = failing_line(errors[0].get("traceback", []))
    if hidden and (line is None or line in hidden):
        return HIDDEN_TEST_FAILED
    message = VISIBLE_TEST_FAILED.format(ename=errors[0].get("ename", "Error"), evalue=errors[0].get("evalue", ""))
    return message.rstrip(": ")


def hidden_lines(notebook_cells, begin: str = cells.BEGIN_HIDDEN, end: str = cells.END_HIDDEN) -> set[str]:
    """The stripped lines of the hidden regions of ``cells`` that no visible part of the lecturer's cells shows.

    Only the lecturer's cells (locked, or graded and not an answer) count as visible: a student cannot make a
    hidden line printable by writing it into an answer.
    """
    hidden, public = set(), set()
    for cell in notebook_cells:
        kept, numbers = cells.split_hidden(cell.source, begin, end)
        lines = cell.source.split("\n")
        hidden |= {lines[number - 1].strip() for number in numbers}
        if cells.is_locked(cell) or cells.is_test_cell(cell):
            public |= {line.strip() for line in kept.split("\n")}
    return {line for line in hidden - public if len(line) > 3}


def redact(text: str, secret_lines: set[str]) -> str:
    """``text`` with every line that contains one of ``secret_lines`` replaced by :data:`REDACTED`."""
    if not secret_lines or not any(secret in text for secret in secret_lines):
        return text
    return "\n".join(REDACTED if any(secret in line for secret in secret_lines) else line for line in text.split("\n"))


def _redact_outputs(outputs, secret_lines: set[str]) -> None:
    for output in outputs:
        if "text" in output:
            output["text"] = redact(output["text"], secret_lines)
        for mime, value in output.get("data", {}).items():
            if isinstance(value, str):
                output["data"][mime] = redact(value, secret_lines)
        if "evalue" in output:
            output["evalue"] = redact(output["evalue"], secret_lines)
            output["traceback"] = [redact(line, secret_lines) for line in output.get("traceback", [])]


class HideHiddenTests(NbGraderPreprocessor):
    """Preprocessor for ``nbgrader generate_feedback``: hidden tests out of sources and outputs.

    Enabled by default like nbgrader's own (a plain nbconvert preprocessor is not); ``--HideHiddenTests.enabled``.
    """

    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_test_delimeter = Unicode("END HIDDEN TESTS").tag(config=True)

    def preprocess(self, nb, resources):
        self._secret_lines = hidden_lines(nb.cells, self.begin_test_delimeter, self.end_test_delimeter)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        _redact_outputs(cell.get("outputs", []), self._secret_lines)
        source, hidden = cells.split_hidden(cell.source, self.begin_test_delimeter, self.end_test_delimeter)
        grade = cells.nbgrader(cell).get("grade", False)
        if grade or hidden:
            message = student_message(cell)
            if message is not None:
                cell.outputs = [new_output("stream", name="stderr", text=message + "\n")]
            elif hidden:
                # A passing cell with hidden tests: what they print is theirs, not the student's.
                cell.outputs = []
        cell.source = source
        return cell, resources


def generate_feedback(*, assignment: str, course_root: Path = COURSE) -> list[Path]:
    """Write the feedback HTML of every autograded submission of ``assignment``; returns the files written."""
    require_assignment(assignment=assignment, course_root=course_root)
    students = sorted(p.parent.name for p in (course_root / "autograded").glob(f"*/{assignment}") if p.is_dir())
    if not students:
        raise KitError(f"nothing autograded yet for {assignment!r}: run `nbgrader autograde` first.")
    options = [f"--GenerateFeedback.preprocessors={name}" for name in PREPROCESSORS]
    # nbgrader copies every other file of the autograded folder into the feedback: none of them is feedback.
    options.append("--CourseDirectory.ignore=*")
    run_nbgrader(course_root, "generate_feedback", assignment, "--force", *options)
    feedback = course_root / "feedback"
    return sorted(html for student in students for html in (feedback / student / assignment).glob("*.html"))
