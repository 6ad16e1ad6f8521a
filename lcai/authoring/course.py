"""Find the parts of the course on disk: modules, lesson notebooks and assignments.

Tests and commands discover what exists instead of listing it, so a new module or assignment is
covered as soon as its files are in place.
"""

from pathlib import Path

from lcai.paths import COURSE, MODULES


def lesson_notebooks(modules_root: Path = MODULES) -> list[Path]:
    """Every lesson notebook under ``modules/``, in module and lesson order."""
    return sorted(p for p in modules_root.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def assignment_names(course_root: Path = COURSE) -> list[str]:
    """Names of the assignments in the nbgrader course's ``source/`` folder."""
    source = course_root / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))) if source.is_dir() else []


def source_notebooks(assignment: str, course_root: Path = COURSE) -> list[Path]:
    """The source notebooks (with solutions and hidden tests) of one assignment."""
    return sorted((course_root / "source" / assignment).glob("*.ipynb"))
