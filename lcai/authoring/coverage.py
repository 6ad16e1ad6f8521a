"""Which assignment points assess which learning outcome: what ``lcai coverage`` prints and the overview page shows.

Every graded cell of an assignment (a test cell or a hand-graded answer) names the outcomes it assesses in its
metadata, next to nbgrader's: ``"lcai": {"outcomes": ["LO1", "LO2"]}`` splits the cell's points equally, and
``"lcai": {"outcomes": {"LO3": 4, "LO5": 6}}`` gives each outcome its share (the shares add up to the cell's
points). :func:`coverage_problems` lists what keeps the table honest: a graded cell without outcomes or with an
unknown one, shares that do not add up, an outcome without points.
"""

from dataclasses import dataclass
from pathlib import Path

from lcai import cells
from lcai.authoring import course
from lcai.authoring.modules import Module
from lcai.authoring.notebooks import read_notebook
from lcai.errors import KitError
from lcai.paths import COURSE

METADATA_KEY = "lcai"


@dataclass(frozen=True)
class GradedCell:
    notebook: str
    grade_id: str
    points: float
    hand_graded: bool
    outcomes: object  # as written: a list of ids, a mapping id -> points, or anything else (reported)


@dataclass(frozen=True)
class OutcomePoints:
    outcome_id: str
    autograded: float
    hand_graded: float

    @property
    def total(self) -> float:
        return self.autograded + self.hand_graded


def outcomes_of(cell) -> object:
    """The outcomes a cell names in its metadata, as written (None when it names none)."""
    return cell.metadata.get(METADATA_KEY, {}).get("outcomes")


def graded_cells(assignment: str, course_root: Path = COURSE) -> list[GradedCell]:
    """Every graded cell of the assignment's source notebooks, with its points and the outcomes it names."""
    found = []
    for path in course.source_notebooks(assignment, course_root):
        for cell in read_notebook(path).cells:
            meta = cells.nbgrader(cell)
            if not meta.get("grade"):
                continue
            found.append(
                GradedCell(
                    notebook=path.name,
                    grade_id=str(meta.get("grade_id")),
                    points=float(meta.get("points") or 0),
                    hand_graded=cells.is_hand_graded(cell),
                    outcomes=outcomes_of(cell),
                )
            )
    return found


def _shares(cell: GradedCell) -> dict[str, float]:
    """Points per outcome of one cell; raises ValueError with the reason when the metadata is unusable."""
    named = cell.outcomes
    if isinstance(named, list) and named and all(isinstance(o, str) for o in named):
        return {outcome: cell.points / len(named) for outcome in named}
    if isinstance(named, dict) and named and all(isinstance(v, int | float) and v >= 0 for v in named.values()):
        if abs(sum(named.values()) - cell.points) > 1e-9:
            raise ValueError(
                f"gives its outcomes {sum(named.values()):g} points, but the cell is worth {cell.points:g}"
            )
        return {str(outcome): float(points) for outcome, points in named.items()}
    raise ValueError(
        'names no outcomes: add metadata "lcai": {"outcomes": ["LO1"]} (or {"LO1": points, ...}) to the cell'
    )


def outcome_points(module: Module, assignment: str, course_root: Path = COURSE) -> list[OutcomePoints]:
    """Autograded and hand-graded points per outcome of ``module`` in ``assignment``.

    Cells whose outcome metadata is unusable are left out; :func:`coverage_problems` reports them.
    """
    totals = {outcome: [0.0, 0.0] for outcome in module.outcome_ids}
    for cell in graded_cells(assignment, course_root):
        try:
            shares = _shares(cell)
        except ValueError:
            continue
        for outcome, points in shares.items():
            if outcome in totals:
                totals[outcome][1 if cell.hand_graded else 0] += points
    return [OutcomePoints(outcome, auto, hand) for outcome, (auto, hand) in totals.items()]


def coverage_problems(module: Module, course_root: Path = COURSE) -> list[str]:
    """What is wrong with the module's outcome coverage, one line each; empty when every outcome earns points."""
    problems = []
    for assignment in module.assignments:
        where = f"assignments/source/{assignment.name}"
        if assignment.name not in course.assignment_names(course_root):
            problems.append(f"modules/{module.id}/module.yml: assignment {assignment.name!r} is not in {where}.")
            continue
        for cell in graded_cells(assignment.name, course_root):
            try:
                unknown = sorted(set(_shares(cell)) - set(module.outcome_ids))
            except ValueError as reason:
                problems.append(f"{where}/{cell.notebook}: graded cell {cell.grade_id!r} {reason}.")
                continue
            if unknown:
                problems.append(
                    f"{where}/{cell.notebook}: graded cell {cell.grade_id!r} names unknown outcome(s) "
                    f"{', '.join(unknown)}: use the ids of modules/{module.id}/module.yml "
                    f"({', '.join(module.outcome_ids)})."
                )
    if module.assignments and not problems:
        earned = {
            o.outcome_id for a in module.assignments for o in outcome_points(module, a.name, course_root) if o.total
        }
        for outcome in module.outcome_ids:
            if outcome not in earned:
                problems.append(
                    f"modules/{module.id}: outcome {outcome} earns no points in any assignment: "
                    "name it on a graded cell."
                )
    return problems


def _number(points: float) -> str:
    return f"{points:g}" if points == round(points, 1) else f"{points:.1f}"


def coverage_table(module: Module, assignment: str, course_root: Path = COURSE) -> str:
    """A Markdown table: per outcome, the points graded automatically, by hand, in all, and the share of the total."""
    rows = outcome_points(module, assignment, course_root)
    total = sum(row.total for row in rows)
    if not total:
        raise KitError(f"assignment {assignment!r} has no points: give its graded cells points and outcomes.")
    texts = {outcome.id: outcome.text for outcome in module.outcomes}
    lines = [
        "| outcome | autograded | graded by hand | points | share |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row.outcome_id}: {_first_words(texts[row.outcome_id])} | {_number(row.autograded)} | "
            f"{_number(row.hand_graded)} | {_number(row.total)} | {row.total / total:.0%} |"
        )
    auto = sum(row.autograded for row in rows)
    lines.append(f"| **total** | **{_number(auto)}** | **{_number(total - auto)}** | **{_number(total)}** | **100%** |")
    return "\n".join(lines)


def _first_words(text: str, words: int = 8) -> str:
    """The start of an outcome, for a table cell: its words up to ``words``, without Markdown emphasis."""
    plain = text.replace("**", "").split()
    return " ".join(plain[:words]) + (" …" if len(plain) > words else "")


def coverage_report(module: Module, course_root: Path = COURSE) -> str:
    """What ``lcai coverage MODULE`` prints: one table per assignment."""
    if not module.assignments:
        return f"{module.id}: no assignment yet (status {module.status})."
    parts = []
    for assignment in module.assignments:
        parts.append(f"{module.id}: {assignment.name}\n\n{coverage_table(module, assignment.name, course_root)}")
    return "\n\n".join(parts)
