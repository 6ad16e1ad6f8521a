"""A module's facts as data: ``modules/<id>/module.yml``, checked against ``module.schema.json``.

The file is the one source for what the book, the catalogue, ``catalogue.json`` and the README say about a module
(title, community, level, study load, outcomes, lessons, assignment). :func:`load_module` reads it into a frozen
:class:`Module`; :func:`metadata_problems` lists what is wrong with it, one line each.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from lcai.errors import KitError
from lcai.paths import MODULES, PACKAGE

METADATA_FILE = "module.yml"
SCHEMA_FILE = PACKAGE / "authoring" / "module.schema.json"
# The Dutch credit: one EC is 28 hours of study (Wet op het hoger onderwijs, art. 7.4).
HOURS_PER_EC = 28


@dataclass(frozen=True)
class Outcome:
    id: str
    text: str


@dataclass(frozen=True)
class Lesson:
    file: str
    title: str
    minutes: int
    outcomes: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class Assignment:
    name: str
    hours: float


@dataclass(frozen=True)
class Module:
    """One module's validated facts; ``folder`` is where its pages live."""

    folder: Path
    id: str
    title: str
    order: int
    question: str
    community: dict
    status: str
    level: dict
    study_load_hours: float
    language: str
    prerequisites: tuple[str, ...]
    lead_technique: str
    responsible_ai_theme: str
    case: dict
    outcomes: tuple[Outcome, ...]
    lessons: tuple[Lesson, ...]
    assignments: tuple[Assignment, ...]
    datasets: tuple[str, ...]
    licence: str

    @property
    def ects(self) -> float:
        return round(self.study_load_hours / HOURS_PER_EC, 1)

    @property
    def outcome_ids(self) -> list[str]:
        return [outcome.id for outcome in self.outcomes]

    @property
    def published(self) -> bool:
        """Whether the module has pages in the book (a planned module is only a catalogue entry)."""
        return self.status != "planned"


@cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def _read(path: Path) -> tuple[dict | None, str | None]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, "missing: create it (`lcai new module` writes one)."
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        return None, f"is not valid YAML{line}: fix the syntax."
    if not isinstance(data, dict):
        return None, "must be a mapping of fields (id, title, ...)."
    return data, None


def metadata_problems(path: Path, *, where: str | None = None) -> list[str]:
    """Every schema violation of one ``module.yml``, one line each: file, field, what is wrong."""
    where = where or str(path)
    data, problem = _read(path)
    if problem:
        return [f"{where}: {problem}"]
    return schema_problems(data, where=where)


def schema_problems(data: dict, *, where: str) -> list[str]:
    """Every schema violation of a module's facts as read from YAML, one line each."""
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        problems.append(f"{where}: {field or 'top level'}: {error.message}.")
    return problems


def _module(folder: Path, data: dict) -> Module:
    return Module(
        folder=folder,
        id=data["id"],
        title=data["title"],
        order=data["order"],
        question=data.get("question", ""),
        community=data["community"],
        status=data["status"],
        level=data["level"],
        study_load_hours=data["study_load_hours"],
        language=data["language"],
        prerequisites=tuple(data["prerequisites"]),
        lead_technique=data["lead_technique"],
        responsible_ai_theme=data["responsible_ai_theme"],
        case=data["case"],
        outcomes=tuple(Outcome(**outcome) for outcome in data["outcomes"]),
        lessons=tuple(Lesson(**{**lesson, "outcomes": tuple(lesson["outcomes"])}) for lesson in data["lessons"]),
        assignments=tuple(Assignment(**assignment) for assignment in data["assignments"]),
        datasets=tuple(data["datasets"]),
        licence=data["licence"],
    )


def load_module(folder: Path) -> Module:
    """The module in ``folder``; raises KitError naming the first problem of its ``module.yml``."""
    path = folder / METADATA_FILE
    problems = metadata_problems(path)
    if problems:
        more = f" (and {len(problems) - 1} more: run `lcai check`)" if len(problems) > 1 else ""
        raise KitError(problems[0] + more)
    data, _ = _read(path)
    return _module(folder, data)


def module_folders(modules_root: Path = MODULES) -> list[Path]:
    """Each ``modules/<id>/`` folder with a ``module.yml``, in name order."""
    return sorted(p.parent for p in modules_root.glob(f"*/{METADATA_FILE}"))


def load_modules(modules_root: Path = MODULES) -> list[Module]:
    """Every module under ``modules_root``, in book order (``order``, then id).

    Raises KitError on the first invalid one."""
    return sorted((load_module(folder) for folder in module_folders(modules_root)), key=lambda m: (m.order, m.id))


def find_module(module_id: str, modules_root: Path = MODULES) -> Module:
    """The module with this id; a KitError lists the known ones otherwise."""
    folder = modules_root / module_id
    if not (folder / METADATA_FILE).is_file():
        known = ", ".join(p.name for p in module_folders(modules_root)) or "(none)"
        raise KitError(f"unknown module {module_id!r}: choose one of {known}.")
    return load_module(folder)


def module_of_assignment(assignment: str, modules_root: Path = MODULES) -> Module | None:
    """The module that lists ``assignment``, or None."""
    for module in load_modules(modules_root):
        if assignment in [a.name for a in module.assignments]:
            return module
    return None
