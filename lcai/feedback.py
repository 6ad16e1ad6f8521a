"""Student feedback that shows the score per cell and the visible tests, never a hidden test.

Reads the autograded notebooks in ``autograded/<student>/<assignment>/`` and the scores in the gradebook, and
writes ``feedback/<student>/<assignment>/<notebook>.html`` with real ``nbgrader generate_feedback``. Its
preprocessors are nbgrader's own plus ``HideHiddenTests`` below, which removes the hidden-test regions from
every cell's source and replaces the outputs of a failing test cell with a short message, so neither the
hidden code nor a traceback through it reaches the student.
"""

import re
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from lcai.errors import KitError
from lcai.nbgrader_course import require_assignment, run_nbgrader
from lcai.paths import COURSE

HIDDEN_TEST_FAILED = (
    "This test cell failed one of the hidden tests. "
    "Check your function on other inputs: boundaries, other types, other tables."
)
VISIBLE_TEST_FAILED = "This test cell failed: a visible test failed: {ename}: {evalue}"
# nbgrader's own feedback steps, with ours after GetGrades (which puts the score per cell in the metadata).
PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "lcai.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The frame of the cell itself, as IPython writes it: "Cell In[12], line 7" (older: "<cell line: 7>").
_CELL_LINE = re.compile(r"Cell In\s*\[\d*\],\s*line (\d+)|<cell line: (\d+)>")


def split_hidden(source: str, begin: str = "BEGIN HIDDEN TESTS", end: str = "END HIDDEN TESTS") -> tuple[str, set]:
    """The source without its hidden regions (markers included), and the 1-based numbers of the removed lines."""
    kept, hidden, inside = [], set(), False
    for number, line in enumerate(source.split("\n"), start=1):
        if begin in line:
            inside = True
        if inside:
            hidden.add(number)
        else:
            kept.append(line)
        if end in line:
            inside = False
    return "\n".join(kept), hidden


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
    _, hidden = split_hidden(cell.source)
    line = failing_line(errors[0].get("traceback", []))
    if hidden and (line is None or line in hidden):
        return HIDDEN_TEST_FAILED
    message = VISIBLE_TEST_FAILED.format(ename=errors[0].get("ename", "Error"), evalue=errors[0].get("evalue", ""))
    return message.rstrip(": ")


class HideHiddenTests(NbGraderPreprocessor):
    """Preprocessor for ``nbgrader generate_feedback``: hidden tests out of sources and outputs.

    Enabled by default like nbgrader's own (a plain nbconvert preprocessor is not); ``--HideHiddenTests.enabled``.
    """

    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_test_delimeter = Unicode("END HIDDEN TESTS").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        source, hidden = split_hidden(cell.source, self.begin_test_delimeter, self.end_test_delimeter)
        grade = cell.metadata.get("nbgrader", {}).get("grade", False)
        if grade or hidden:
            message = student_message(cell)
            if message is not None:
                cell.outputs = [new_output("stream", name="stderr", text=message + "\n")]
            elif hidden:
                # A passing cell with hidden tests: what they print is theirs, not the student's.
                cell.outputs = []
        cell.source = source
        return cell, resources


def generate_feedback(assignment: str, course_root: Path = COURSE) -> list[Path]:
    """Write the feedback HTML of every autograded submission of ``assignment``; returns the files written."""
    require_assignment(assignment, course_root)
    students = sorted(p.parent.name for p in (course_root / "autograded").glob(f"*/{assignment}") if p.is_dir())
    if not students:
        raise KitError(f"nothing autograded yet for {assignment!r}: run `nbgrader autograde` first.")
    options = [f"--GenerateFeedback.preprocessors={name}" for name in PREPROCESSORS]
    run_nbgrader(course_root, "generate_feedback", assignment, "--force", *options)
    feedback = course_root / "feedback"
    return sorted(html for student in students for html in (feedback / student / assignment).glob("*.html"))
