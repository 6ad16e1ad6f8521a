"""The parts of the course still to write: every ``TODO(lcai): ...`` the scaffold left (``lcai check`` lists them).

A placeholder is the marker followed by what to write there. Searched: the modules' folders (pages, metadata,
lessons, quizzes), the assignments' sources and the datasets' folders. One line per placeholder: the file, where
in it (a line, or a notebook cell), and what to write.
"""

import re
from pathlib import Path

from lcai.authoring.notebooks import read_notebook
from lcai.errors import KitError

MARKER = "TODO(lcai):"
PATTERN = re.compile(r"TODO\(lcai\):\s*([^\n\"|]*)")
SEARCHED_SUFFIXES = {".md", ".yml", ".yaml", ".py", ".ipynb"}


def _in_text(text: str) -> list[tuple[int, str]]:
    return [
        (number, match.group(1).strip())
        for number, line in enumerate(text.splitlines(), 1)
        for match in PATTERN.finditer(line)
    ]


def placeholders_in(path: Path, *, where: str | None = None) -> list[str]:
    """One line per placeholder in one file."""
    where = where or str(path)
    if path.suffix == ".ipynb":
        try:
            notebook = read_notebook(path)
        except KitError as error:
            return [str(error)]
        found = []
        for number, cell in enumerate(notebook.cells, start=1):
            texts = [cell.source, str(cell.metadata.get("mystnb", {}))]
            found += [f"{where}: cell {number}: write {what!r}" for text in texts for _, what in _in_text(text)]
        return found
    text = path.read_text(encoding="utf-8", errors="replace")
    return [f"{where}:{line}: write {what!r}" for line, what in _in_text(text)]


def open_placeholders(root: Path, course_root: Path) -> list[str]:
    """Every placeholder still open in the course's content."""
    folders = [root / "modules", course_root / "source", root / "datasets"]
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in SEARCHED_SUFFIXES and ".ipynb_checkpoints" not in path.parts:
                shown = path.relative_to(root) if path.is_relative_to(root) else path
                found += placeholders_in(path, where=str(shown))
    return found
