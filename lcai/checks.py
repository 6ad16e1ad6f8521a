"""Comparisons for assignment tests that a submission cannot fool.

A plain ``assert result == expected`` trusts the student's object: a class whose ``__eq__`` returns True
passes without computing anything. These helpers first convert the student's value into a plain,
trusted type (a Python number, string or bool, a numpy array, a pandas object) and refuse anything else,
then compare with numpy's own routines.

Each helper also refuses to run when code before it replaced a builtin it relies on or installed an IPython
handler that hides exceptions. That guard runs inside the student's kernel, so determined code can still get
around it; ``lcai grade`` therefore also reads each submission outside the kernel (:mod:`lcai.integrity`).
"""

import builtins
import math
import numbers

import numpy as np
import pandas as pd


class CheckFailed(AssertionError):
    """An assignment check did not pass; the message tells the student what was expected."""


# What the comparisons trust, as it was when the tests' setup cell imported this module.
_BUILTINS_USED = (
    "abs all any bool float getattr int isinstance issubclass len list max min range repr round sorted str sum"
)
_TRUSTED_BUILTINS = {name: getattr(builtins, name) for name in [*_BUILTINS_USED.split(), "tuple", "type", "zip"]}


def _library_functions() -> dict:
    return {
        "numpy.allclose": np.allclose,
        "numpy.array_equal": np.array_equal,
        "numpy.asarray": np.asarray,
        "pandas.testing.assert_frame_equal": pd.testing.assert_frame_equal,
    }


_TRUSTED_FUNCTIONS = _library_functions()


def _require_intact_environment() -> None:
    """Raise CheckFailed when a trusted builtin or function was replaced or exceptions are being swallowed."""
    changed = [name for name, value in _TRUSTED_BUILTINS.items() if getattr(builtins, name, None) is not value]
    changed += [name for name, value in _TRUSTED_FUNCTIONS.items() if _library_functions()[name] is not value]
    shell = getattr(builtins, "get_ipython", lambda: None)()
    if shell is not None and getattr(shell, "custom_exceptions", ()):
        changed.append("IPython's exception handler (set_custom_exc)")
    if changed:
        raise CheckFailed(
            f"the test environment was changed ({', '.join(changed)}), so no test can be trusted: "
            "remove the code that changes it and run the notebook again."
        )


def _plain(value, what: str):
    """Return ``value`` as a trusted plain value, or raise CheckFailed naming what was wrong."""
    kind = type(value)
    if kind in (bool, int, float, str):
        return value
    if isinstance(value, np.generic) and kind.__module__ == "numpy":  # a subclass defined elsewhere is refused
        return value.item()
    if kind is np.ndarray:
        return np.array(value, copy=True)
    if kind in (pd.Series, pd.DataFrame, pd.Index):
        return value.copy()
    if kind in (list, tuple):
        return kind(_plain(item, what) for item in value)
    if kind is dict:
        return {_plain(k, what): _plain(v, what) for k, v in value.items()}
    raise CheckFailed(f"{what} should be a number, string, list, array or DataFrame, not {kind.__name__}.")


def assert_equal(actual, expected, what: str = "your answer") -> None:
    """Fail unless ``actual`` equals ``expected`` exactly (for numbers, strings, lists, arrays, frames)."""
    _require_intact_environment()
    actual = _plain(actual, what)
    if isinstance(expected, pd.DataFrame | pd.Series):
        if type(actual) is not type(expected):
            raise CheckFailed(f"{what} should be of type {type(expected).__name__}, not {type(actual).__name__}.")
        try:
            (pd.testing.assert_frame_equal if isinstance(expected, pd.DataFrame) else pd.testing.assert_series_equal)(
                actual, expected, check_dtype=False
            )
        except AssertionError as error:
            raise CheckFailed(f"{what} differs from the expected value: {error}") from None
        return
    if isinstance(expected, np.ndarray):
        actual_array = np.asarray(actual)
        if actual_array.shape != expected.shape or not np.array_equal(actual_array, expected):
            raise CheckFailed(f"{what} should be {expected!r}, not {actual_array!r}.")
        return
    if type(actual) is not type(expected) and not (
        isinstance(actual, numbers.Real) and isinstance(expected, numbers.Real)
    ):
        raise CheckFailed(f"{what} should be of type {type(expected).__name__}, not {type(actual).__name__}.")
    if actual != expected:
        raise CheckFailed(f"{what} should be {expected!r}, not {actual!r}.")


def as_number(value, what: str = "your answer") -> float:
    """``value`` as a finite float; fails for anything that is not a plain real number."""
    _require_intact_environment()
    plain = _plain(value, what)
    if isinstance(plain, bool) or not isinstance(plain, numbers.Real):
        raise CheckFailed(f"{what} should be a number, not {type(value).__name__}.")
    if not math.isfinite(plain):
        raise CheckFailed(f"{what} should be a finite number, not {plain}.")
    return float(plain)


def as_array(value, what: str = "your answer", length: int | None = None) -> np.ndarray:
    """``value`` (list, array or Series of numbers) as a float numpy array, optionally of a given length."""
    _require_intact_environment()
    plain = _plain(value, what)
    try:
        array = np.asarray(plain, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what} should contain numbers only.") from None
    if length is not None and array.shape != (length,):
        raise CheckFailed(f"{what} should have {length} values, not shape {array.shape}.")
    return array


def assert_close(actual, expected, rel: float = 1e-6, abs: float = 1e-9, what: str = "your answer") -> None:
    """Fail unless the number(s) ``actual`` are within ``rel``/``abs`` tolerance of ``expected``."""
    _require_intact_environment()
    if np.ndim(expected) == 0:
        actual_values, expected_values = as_number(actual, what), float(expected)
    else:
        expected_values = np.asarray(expected, dtype=float)
        actual_values = as_array(actual, what, length=len(expected_values))
    if not np.allclose(actual_values, expected_values, rtol=rel, atol=abs, equal_nan=True):
        raise CheckFailed(f"{what} should be close to {expected_values!r}, not {actual_values!r}.")


def assert_between(actual, low: float, high: float, what: str = "your answer") -> None:
    """Fail unless the number ``actual`` lies in the closed interval [low, high]."""
    _require_intact_environment()
    value = as_number(actual, what)
    if not low <= value <= high:
        raise CheckFailed(f"{what} should be between {low} and {high}, not {value:.4g}.")
