"""Checks for a lesson's "Try it" exercises: a verdict in words that a student can act on, never an exception.

A lesson's exercise is three cells: the student's answer, a check, and the solution folded away. The check runs
first on whatever the answer cell holds, so a student who runs every cell sees "Not yet" for an empty answer and
the book shows the same; the solution cell ends with the same check, which then says "Correct". A check returns a
:class:`Verdict` that shows as its message and is true when the answer is right.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

EMPTY_ANSWERS = (None, Ellipsis)


@dataclass(frozen=True)
class Verdict:
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.message


def _correct(name: str) -> Verdict:
    return Verdict(True, f"Correct: {name} is right.")


def _not_yet(name: str, reason: str, hint: str) -> Verdict:
    return Verdict(False, f"Not yet: {name} {reason}" + (f" Hint: {hint}" if hint else ""))


def _empty(answer) -> bool:
    return any(answer is empty for empty in EMPTY_ANSWERS)


def check_close(answer, expected, *, name: str, tolerance: float = 1e-6, hint: str = "") -> Verdict:
    """Whether a number (or an array of numbers) is within ``tolerance`` of ``expected``."""
    if _empty(answer):
        return _not_yet(name, "is still empty: replace the placeholder with your calculation.", hint)
    try:
        answer_array = np.asarray(answer, dtype=float)
        expected_array = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return _not_yet(name, f"should be a number, not {type(answer).__name__}.", hint)
    if answer_array.shape != expected_array.shape:
        return _not_yet(name, f"has shape {answer_array.shape}, expected {expected_array.shape}.", hint)
    if np.allclose(answer_array, expected_array, rtol=0, atol=tolerance, equal_nan=True):
        return _correct(name)
    shown = f"{float(answer_array):.4g}" if answer_array.ndim == 0 else "these numbers"
    return _not_yet(name, f"is {shown}, which is not the expected value (tolerance {tolerance:g}).", hint)


def check_equal(answer, expected, *, name: str, hint: str = "") -> Verdict:
    """Whether a value, Series or DataFrame equals ``expected`` (tables by values, index and columns)."""
    if _empty(answer):
        return _not_yet(name, "is still empty: replace the placeholder with your answer.", hint)
    if isinstance(expected, pd.DataFrame | pd.Series):
        if type(answer) is not type(expected):
            return _not_yet(name, f"should be a {type(expected).__name__}, not {type(answer).__name__}.", hint)
        try:
            (pd.testing.assert_frame_equal if isinstance(expected, pd.DataFrame) else pd.testing.assert_series_equal)(
                answer, expected, check_dtype=False, check_names=False
            )
        except AssertionError as difference:
            first_line = str(difference).strip().splitlines()[0]
            return _not_yet(name, f"differs from the expected table ({first_line}).", hint)
        return _correct(name)
    if answer == expected:
        return _correct(name)
    return _not_yet(name, f"is {answer!r}, which is not the expected answer.", hint)


def check_between(answer, low, high, *, name: str, hint: str = "") -> Verdict:
    """Whether a number lies strictly between ``low`` and ``high``."""
    if _empty(answer):
        return _not_yet(name, "is still empty: replace the placeholder with your calculation.", hint)
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return _not_yet(name, f"should be a number, not {type(answer).__name__}.", hint)
    if low < value < high:
        return _correct(name)
    return _not_yet(name, f"is {value:.4g}, outside the expected range ({low:.4g} to {high:.4g}).", hint)


def check_that(answer, test, *, name: str, hint: str = "") -> Verdict:
    """Whether ``test(answer)`` holds, for answers a single comparison cannot judge (a table, a function, ...).

    An answer that makes ``test`` fail with an error is "not yet", with the error's message.
    """
    if _empty(answer):
        return _not_yet(name, "is still empty: replace the placeholder with your answer.", hint)
    try:
        holds = bool(test(answer))
    except Exception as error:  # noqa: BLE001 - a student's answer can fail in any way; say how, do not crash
        return _not_yet(name, f"cannot be checked yet ({type(error).__name__}: {error}).", hint)
    return _correct(name) if holds else _not_yet(name, "does not do what the exercise asks yet.", hint)


def check_all(*verdicts: Verdict) -> Verdict:
    """One verdict for an exercise with several answers: correct when each is, with every message."""
    return Verdict(all(verdicts), "\n".join(v.message for v in verdicts))
