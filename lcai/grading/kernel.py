"""The kernel that runs student code during grading: ipykernel with a cap on how much one cell may print.

Without it, a cell printing in a loop fills the kernel's memory with output waiting to be sent, until the
memory limit breaks the kernel for every later cell. With it, the print that crosses the cap raises
OutputLimitExceeded in the student's code, the cell stops with that error, and later cells run normally.
The grader keeps its own cap too (:mod:`lcai.grading`), for code that removes this one.
"""

import sys

from ipykernel import iostream
from ipykernel.kernelapp import launch_new_instance

CHARACTERS_PER_CELL = 1_000_000


class OutputLimitExceeded(Exception):
    """A cell printed more than the grader keeps."""


_write = iostream.OutStream.write
_cell = {"id": None, "written": 0}


def _capped_write(stream, text):
    cell = stream.parent_header.get("msg_id")  # one execute request is one cell
    if cell != _cell["id"]:
        _cell.update(id=cell, written=0)
    before = _cell["written"]
    _cell["written"] += len(text) if isinstance(text, str) else 0
    if _cell["written"] <= CHARACTERS_PER_CELL:
        return _write(stream, text)
    if before <= CHARACTERS_PER_CELL:  # raise once, at the crossing; drop the rest silently
        raise OutputLimitExceeded(f"this cell printed more than {CHARACTERS_PER_CELL:,} characters; print less")
    return len(text)


iostream.OutStream.write = _capped_write


def _student_modules_importable() -> None:
    """Let the notebook import modules from its own folder, as in JupyterLab, after the installed packages'
    start-up: the kernel starts isolated (``python -I``), so IPython does not add the folder itself."""
    last_library = max((i for i, path in enumerate(sys.path) if path.endswith("-packages")), default=len(sys.path))
    sys.path.insert(last_library, "")


if __name__ == "__main__":
    _student_modules_importable()
    launch_new_instance()
