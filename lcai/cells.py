"""nbgrader's cell roles and hidden-test regions, read in one place for grading and for authoring.

nbgrader keeps a cell's role in ``metadata.nbgrader``: a *test cell* is graded code that is not an answer
(its points come from its tests), an *answer cell* is a solution cell the student fills in, a *hand-graded
answer* is graded and a solution (nbgrader's "manually graded answer"), a *locked* cell is restored when a
student changes it. Hidden tests sit between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``.
"""

BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"


def nbgrader(cell) -> dict:
    """The cell's nbgrader metadata; {} for a cell nbgrader does not know."""
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_id(cell) -> str | None:
    return nbgrader(cell).get("grade_id")


def is_test_cell(cell) -> bool:
    """Graded code that is not an answer: its points come from its tests."""
    meta = nbgrader(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_answer(cell) -> bool:
    """A cell the student writes in (autograded or hand-graded)."""
    return bool(nbgrader(cell).get("solution"))


def is_hand_graded(cell) -> bool:
    """An answer a person grades."""
    meta = nbgrader(cell)
    return bool(meta.get("grade")) and bool(meta.get("solution"))


def is_locked(cell) -> bool:
    return bool(nbgrader(cell).get("locked"))


def split_hidden(source: str, begin: str = BEGIN_HIDDEN, end: str = END_HIDDEN) -> tuple[str, set[int]]:
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
