"""Read notebooks safely and keep committed lessons clean.

Lessons are committed without outputs, except the cells tagged ``nbval-check-output``: their stored
output is a lesson's key result, which the tests compare against a fresh run.
"""

import json
from pathlib import Path

import nbformat

from lcai.errors import KitError

CHECKED_OUTPUT_TAG = "nbval-check-output"


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a notebook, or raise KitError saying which file is not a valid notebook."""
    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise KitError(f"notebook {path} does not exist: check the path.") from None
    except (json.JSONDecodeError, nbformat.reader.NotJSONError, UnicodeDecodeError):
        raise KitError(f"{path} is not a valid notebook (not JSON): restore it from version control.") from None
    except Exception as error:  # nbformat raises several kinds for malformed structure
        raise KitError(f"{path} is not a valid notebook ({type(error).__name__}): restore it.") from None


def tags(cell) -> list[str]:
    """The cell's tags (an empty list when it has none)."""
    return list(cell.get("metadata", {}).get("tags", []))


def has_checked_output(cell) -> bool:
    """Whether the cell's stored output is a key result the tests compare against."""
    return cell.cell_type == "code" and CHECKED_OUTPUT_TAG in tags(cell)


def strip_outputs(notebook: nbformat.NotebookNode) -> bool:
    """Remove outputs and execution counts, keeping the outputs of key-result cells; True if anything changed.

    A key-result cell keeps its output with execution count 1: nbval refuses stored output on a cell that
    looks unrun, and a fixed count keeps the committed file the same after every run.
    """
    changed = False
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        keep = has_checked_output(cell) and bool(cell.outputs)
        if not keep and cell.outputs:
            cell.outputs = []
            changed = True
        count = 1 if keep else None
        if cell.execution_count != count:
            cell.execution_count = count
            changed = True
        for output in cell.outputs:
            if "execution_count" in output and output["execution_count"] != count:
                output["execution_count"] = count
                changed = True
    return changed


def strip_file(path: Path) -> bool:
    """Strip a notebook file in place (see :func:`strip_outputs`); True if the file changed."""
    notebook = read_notebook(path)
    changed = strip_outputs(notebook)
    if changed:
        nbformat.write(notebook, path)
    return changed
