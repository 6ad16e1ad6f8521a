"""Checks for assignment tests, with a verdict that does not depend on the honesty of the student's kernel.

A test cell calls these helpers on the student's results for the test's inputs. Each helper does two things:

- **In the kernel**, for the student's own feedback (JupyterLab, ``Validate``): ``assert_*`` compares at once and
  raises :class:`CheckFailed` with a message that says what was expected.
- **While grading** (nbgrader sets ``NBGRADER_EXECUTION=autograde``): every helper also hands the student's
  value out of the kernel as plain data, a *record* in the cell's output (MIME type :data:`RECORD_MIME`).
  ``lcai grade`` runs the model solution once in the same sandbox, collects its records (the *reference*),
  and decides each test cell's points outside the kernel, in the grader, by comparing the student's records
  with the reference's, with the comparison and tolerances of the reference's record (:func:`judge`).

Hidden tests use ``expect_equal`` and ``expect_close``: they carry no expected value, so the expected values of
hidden tests never enter the student's kernel; the model solution's values are the expected ones. Code that
fakes the records must therefore produce the right answers, which is the assignment. ``assert_score`` hands
out predictions and the true values, and the grader computes the metric itself.

The in-kernel comparison refuses values that fake equality (a class whose ``__eq__`` always says yes,
subclasses of numpy or pandas types) and a changed test environment; those guards only make the student's own
feedback honest: the grade never relies on them.
"""

import builtins
import math
import numbers
import os

import numpy as np
import pandas as pd

RECORD_MIME = "application/vnd.lcai.check+json"
RECORD_VERSION = 1


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


# --- values as plain data -------------------------------------------------------------------------------------


def _plain(value, what: str):
    """Return ``value`` as a trusted plain value, or raise CheckFailed naming what was wrong."""
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if isinstance(value, np.generic) and kind.__module__ == "numpy":  # a subclass defined elsewhere is refused
        return value.item()
    if kind is np.ndarray:
        return np.array(value, copy=True)
    if kind in (pd.Series, pd.DataFrame) or _pandas_index(value):
        return value.copy()
    if kind in (list, tuple):
        return kind(_plain(item, what) for item in value)
    if kind is dict:
        return {_plain(k, what): _plain(v, what) for k, v in value.items()}
    raise CheckFailed(f"{what} should be a number, string, list, array or DataFrame, not {kind.__name__}.")


def _pandas_index(value) -> bool:
    """An Index of pandas' own (RangeIndex, MultiIndex aside), not a subclass defined elsewhere."""
    return isinstance(value, pd.Index) and (type(value).__module__ + ".").startswith("pandas.") and value.nlevels == 1


def _scalar(value) -> dict:
    """One element of an array, Series or DataFrame as tagged JSON."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is pd.NA:
        return {"t": "na"}
    if isinstance(value, pd.Timestamp):
        return {"t": "time", "v": value.isoformat()}
    return encode(value)


def encode(value) -> dict:
    """A plain value (see ``_plain``) as tagged JSON that survives the trip out of the kernel exactly."""
    kind = type(value)
    if value is None:
        return {"t": "none"}
    if kind is bool:
        return {"t": "bool", "v": value}
    if kind is int:
        return {"t": "int", "v": str(value)}
    if kind is float:
        return {"t": "float", "v": repr(value)}  # repr keeps every digit, and nan and inf
    if kind is str:
        return {"t": "str", "v": value}
    if kind in (list, tuple):
        return {"t": kind.__name__, "v": [encode(item) for item in value]}
    if kind is dict:
        return {"t": "dict", "v": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is np.ndarray:
        if value.dtype.kind not in "biufUO":
            raise CheckFailed(f"arrays of {value.dtype} cannot be checked: convert them to numbers or strings.")
        dtype = "object" if value.dtype.kind == "O" else value.dtype.str
        return {"t": "ndarray", "dtype": dtype, "shape": list(value.shape), "v": [_scalar(x) for x in value.ravel()]}
    if _pandas_index(value):
        return {"t": "index", "dtype": str(value.dtype), "name": _scalar(value.name), "v": [_scalar(x) for x in value]}
    if kind is pd.Series:
        return {
            "t": "series",
            "dtype": str(value.dtype),
            "name": _scalar(value.name),
            "index": encode(value.index),
            "v": [_scalar(x) for x in value],
        }
    if kind is pd.DataFrame:
        return {
            "t": "frame",
            "columns": encode(value.columns),
            "index": encode(value.index),
            "dtypes": [str(dtype) for dtype in value.dtypes],
            "v": [[_scalar(x) for x in value.iloc[:, number]] for number in range(value.shape[1])],
        }
    raise CheckFailed(f"a {kind.__name__} cannot be checked.")


def _typed(values: list, dtype: str):
    """``values`` as a pandas column of ``dtype``; pandas' own choice when that dtype does not take them."""
    try:
        return pd.array(values, dtype=dtype)
    except (TypeError, ValueError):
        return pd.array(values)


def decode(data: dict):
    """The value ``encode`` wrote; raises ValueError for anything ``encode`` cannot have written."""
    if not isinstance(data, dict) or "t" not in data:
        raise ValueError("not a recorded value")
    tag, raw = data["t"], data.get("v")
    simple = {
        "none": lambda: None,
        "na": lambda: pd.NA,
        "bool": lambda: bool(raw),
        "int": lambda: int(raw),
        "float": lambda: float(raw),
        "str": lambda: str(raw),
        "time": lambda: pd.Timestamp(raw),
        "list": lambda: [decode(item) for item in raw],
        "tuple": lambda: tuple(decode(item) for item in raw),
        "dict": lambda: {decode(k): decode(v) for k, v in raw},
    }
    if tag in simple:
        return simple[tag]()
    if tag == "ndarray":
        items = [decode(item) for item in raw]
        return np.array(items, dtype=object if data["dtype"] == "object" else data["dtype"]).reshape(data["shape"])
    if tag == "index":
        return pd.Index(_typed([decode(item) for item in raw], data["dtype"]), name=decode(data["name"]))
    if tag == "series":
        values = _typed([decode(item) for item in raw], data["dtype"])
        return pd.Series(values, index=decode(data["index"]), name=decode(data["name"]))
    if tag == "frame":
        columns = [_typed([decode(x) for x in col], kind) for col, kind in zip(raw, data["dtypes"], strict=True)]
        frame = pd.DataFrame(dict(enumerate(columns)), index=decode(data["index"]))
        frame.columns = decode(data["columns"])
        return frame
    raise ValueError(f"unknown recorded type {tag!r}")


# --- comparisons: the same code decides in the kernel and in the grader -------------------------------------------


def _same(actual, expected) -> bool:
    """Exact equality of plain values, with nan equal to nan."""
    if isinstance(actual, float) and isinstance(expected, float) and math.isnan(actual) and math.isnan(expected):
        return True
    if type(actual) in (list, tuple) and type(actual) is type(expected):
        return len(actual) == len(expected) and all(_same(a, e) for a, e in zip(actual, expected, strict=True))
    if type(actual) is dict and type(expected) is dict:
        return actual.keys() == expected.keys() and all(_same(actual[k], expected[k]) for k in actual)
    return bool(actual == expected)


def _equal_problem(actual, expected, what: str) -> str | None:
    if isinstance(expected, pd.DataFrame | pd.Series | pd.Index):
        kinds = (pd.DataFrame, pd.Series, pd.Index)
        if [isinstance(actual, kind) for kind in kinds] != [isinstance(expected, kind) for kind in kinds]:
            return f"{what} should be of type {type(expected).__name__}, not {type(actual).__name__}."
        try:
            if isinstance(expected, pd.DataFrame):
                pd.testing.assert_frame_equal(
                    actual, expected, check_dtype=False, check_index_type=False, check_column_type=False
                )
            elif isinstance(expected, pd.Series):
                pd.testing.assert_series_equal(actual, expected, check_dtype=False, check_index_type=False)
            else:
                pd.testing.assert_index_equal(actual, expected, exact=False)
        except AssertionError as error:
            return f"{what} differs from the expected value: {error}"
        return None
    if isinstance(expected, np.ndarray):
        actual_array = np.asarray(actual)
        if actual_array.shape != expected.shape or not np.array_equal(actual_array, expected):
            return f"{what} should be {expected!r}, not {actual_array!r}."
        return None
    if type(actual) is not type(expected) and not (
        isinstance(actual, numbers.Real) and isinstance(expected, numbers.Real)
    ):
        return f"{what} should be of type {type(expected).__name__}, not {type(actual).__name__}."
    if not _same(actual, expected):
        return f"{what} should be {expected!r}, not {actual!r}."
    return None


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise CheckFailed(f"{what} should be a number, not {type(value).__name__}.")
    if not math.isfinite(value):
        raise CheckFailed(f"{what} should be a finite number, not {value}.")
    return float(value)


def _numbers(value, what: str, length: int | None = None) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what} should contain numbers only.") from None
    if length is not None and array.shape != (length,):
        raise CheckFailed(f"{what} should have {length} values, not shape {array.shape}.")
    return array


def _close_problem(actual, expected, rel: float, abs: float, what: str) -> str | None:
    if np.ndim(expected) == 0:
        actual_values, expected_values = _number(actual, what), float(expected)
    else:
        expected_values = np.asarray(expected, dtype=float)
        actual_values = _numbers(actual, what, length=len(expected_values))
    if not np.allclose(actual_values, expected_values, rtol=rel, atol=abs, equal_nan=True):
        return f"{what} should be close to {expected_values!r}, not {actual_values!r}."
    return None


def _between_problem(actual, low: float, high: float, what: str) -> str | None:
    value = _number(actual, what)
    if not low <= value <= high:
        return f"{what} should be between {low} and {high}, not {value:.4g}."
    return None


# Metrics that assert_score computes; the grader computes them again from the recorded values.
def _macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    """F1 per class over the classes in either array, averaged with equal weight (as scikit-learn's f1_macro)."""
    scores = []
    for label in np.union1d(truth, predicted):
        true_positives = np.sum((predicted == label) & (truth == label))
        wrong = np.sum((predicted == label) != (truth == label))  # false positives plus false negatives
        scores.append(2 * true_positives / (2 * true_positives + wrong) if true_positives + wrong else 0.0)
    return float(np.mean(scores))


METRICS = {
    "mean_absolute_error": lambda truth, predicted: float(np.mean(np.abs(truth - predicted))),
    "root_mean_squared_error": lambda truth, predicted: float(np.sqrt(np.mean((truth - predicted) ** 2))),
    "accuracy": lambda truth, predicted: float(np.mean(truth == predicted)),
    "macro_f1": _macro_f1,
    # The predictions are, per question, the position of the first right result (1 = first; 0 = not found).
    "mean_reciprocal_rank": lambda truth, predicted: float(
        np.mean(np.where(predicted > 0, 1 / np.maximum(predicted, 1), 0.0))
    ),
}
# Metrics of class labels (any values compared for equality); the others need numbers.
CLASS_METRICS = {"accuracy", "macro_f1"}


def _score_problem(truth, predicted, metric: str, at_most, at_least, what: str) -> str | None:
    truth_values = np.asarray(truth)
    predicted_values = np.asarray(predicted)
    if predicted_values.shape != truth_values.shape:
        return f"{what}: there should be {truth_values.shape[0]} predictions, not shape {predicted_values.shape}."
    if metric not in CLASS_METRICS:
        truth_values, predicted_values = _numbers(truth, what), _numbers(predicted, what)
        if not np.isfinite(predicted_values).all():
            return f"{what}: every prediction should be a finite number."
    score = METRICS[metric](truth_values, predicted_values)
    if at_most is not None and not score <= at_most:
        return f"{what}: the {metric.replace('_', ' ')} is {score:.4g}, at most {at_most} is needed."
    if at_least is not None and not score >= at_least:
        return f"{what}: the {metric.replace('_', ' ')} is {score:.4g}, at least {at_least} is needed."
    return None


def problem(check: str, actual, expected, params: dict, what: str) -> str | None:
    """Why ``actual`` fails the check of kind ``check`` (None when it passes). ``expected`` is the reference's value.

    Used in the kernel with the test's own expected value, and by the grader with the model solution's.
    """
    if check == "equal":
        return _equal_problem(actual, expected, what)
    if check == "close":
        return _close_problem(actual, expected, params["rel"], params["abs"], what)
    if check == "between":
        return _between_problem(actual, params["low"], params["high"], what)
    if check == "true":
        return None if actual is True else f"{what}: this should hold, and it does not."
    if check == "score":
        truth = params["truth"]
        return _score_problem(truth, actual, params["metric"], params.get("at_most"), params.get("at_least"), what)
    raise ValueError(f"unknown check {check!r}")


# --- records: the student's values, out of the kernel ---------------------------------------------------------------


def _grading() -> bool:
    return os.environ.get("NBGRADER_EXECUTION") == "autograde"


def _record(check: str, what: str, data: dict, **params) -> None:
    """Hand ``data`` (a value as :func:`encode` wrote it) out of the kernel as a record, only while nbgrader
    autogrades."""
    if not _grading():
        return
    from IPython.display import display

    record = {"version": RECORD_VERSION, "check": check, "what": what, "value": data, "params": params}
    display({RECORD_MIME: record}, raw=True)


def _fail_on(message: str | None) -> None:
    if message is not None:
        raise CheckFailed(message)


# --- what test cells call ---------------------------------------------------------------------------------------


def assert_equal(actual, expected, what: str = "your answer") -> None:
    """Fail unless ``actual`` equals ``expected`` exactly (for numbers, strings, lists, arrays, frames)."""
    _require_intact_environment()
    actual_data, expected_data = encode(_plain(actual, what)), encode(_plain(expected, what))
    _record("equal", what, actual_data, expected=expected_data)
    # Both sides make the same trip as in the grader, so the kernel and the grader judge alike.
    _fail_on(problem("equal", decode(actual_data), decode(expected_data), {}, what))


def assert_close(actual, expected, rel: float = 1e-6, abs: float = 1e-9, what: str = "your answer") -> None:
    """Fail unless the number(s) ``actual`` are within ``rel``/``abs`` tolerance of ``expected``."""
    _require_intact_environment()
    actual, expected = _plain(actual, what), _plain(expected, what)
    _record("close", what, encode(actual), expected=encode(expected), rel=rel, abs=abs)
    _fail_on(problem("close", actual, expected, {"rel": rel, "abs": abs}, what))


def assert_between(actual, low: float, high: float, what: str = "your answer") -> None:
    """Fail unless the number ``actual`` lies in the closed interval [low, high]."""
    _require_intact_environment()
    actual = _plain(actual, what)
    _record("between", what, encode(actual), low=float(low), high=float(high))
    _fail_on(problem("between", actual, None, {"low": float(low), "high": float(high)}, what))


def assert_true(condition, what: str) -> None:
    """Fail unless ``condition`` is True; ``what`` says what should hold ("advise returns a numpy array")."""
    _require_intact_environment()
    if type(condition) not in (bool, np.bool_):
        raise CheckFailed(f"{what}: the test needs True or False here, not {type(condition).__name__}.")
    value = bool(condition)
    _record("true", what, encode(value))
    _fail_on(problem("true", value, True, {}, what))


def assert_score(
    predictions, truth, *, metric: str, at_most: float | None = None, at_least: float | None = None, what: str
) -> None:
    """Fail unless ``metric`` of ``predictions`` against ``truth`` is at most ``at_most`` / at least ``at_least``.

    The grader computes the metric itself, from the student's predictions and the reference's true values.
    """
    _require_intact_environment()
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}: choose one of {', '.join(METRICS)}")
    predicted = _plain(predictions, what)
    if isinstance(predicted, pd.Series | pd.Index):
        predicted = predicted.to_numpy()
    truth_values = np.asarray(_plain(truth, "the true values"))
    params = {"metric": metric, "at_most": at_most, "at_least": at_least}
    _record("score", what, encode(predicted), truth=encode(truth_values), **params)
    _fail_on(problem("score", predicted, None, {**params, "truth": truth_values}, what))


def expect_equal(actual, what: str) -> None:
    """A hidden check: ``actual`` must equal the model solution's value (the grader compares; nothing here)."""
    _record("equal", what, encode(_plain(actual, what)))


def expect_close(actual, what: str, rel: float = 1e-6, abs: float = 1e-9) -> None:
    """A hidden check: ``actual`` must be close to the model solution's value (the grader compares)."""
    _record("close", what, encode(_plain(actual, what)), rel=rel, abs=abs)


def decided_in_kernel(record: dict) -> bool:
    """Whether the check behind ``record`` also compared in the kernel (an ``assert_*``, not an ``expect_*``)."""
    return "expected" in record["params"] or record["check"] in {"between", "true", "score"}


def judge(student: dict, reference: dict) -> str | None:
    """Why the student's record fails against the reference's record (None when it passes). Runs in the grader.

    The comparison, its tolerances and the expected value all come from the reference: an ``assert_*`` check
    compares with the expected value the test gave, an ``expect_*`` check with the model solution's value.
    """
    if not isinstance(student, dict) or student.get("check") != reference["check"]:
        return f"expected the check {reference['what']!r} here, found another"
    if student.get("what") != reference["what"]:
        return f"expected the check {reference['what']!r} here, found {str(student.get('what'))[:80]!r}"
    params = dict(reference["params"])
    try:
        expected = decode(params.pop("expected")) if "expected" in params else decode(reference["value"])
        if "truth" in params:
            params["truth"] = decode(params["truth"])
        actual = decode(student.get("value"))
    except (ValueError, TypeError, KeyError, RecursionError) as error:
        return f"{reference['what']}: the recorded value cannot be read ({str(error)[:80]})"
    try:
        return problem(reference["check"], actual, expected, params, reference["what"])
    except (CheckFailed, ValueError, TypeError) as error:
        return str(error)[:300]


# --- conversions test cells use -------------------------------------------------------------------------------------


def as_number(value, what: str = "your answer") -> float:
    """``value`` as a finite float; fails for anything that is not a plain real number."""
    _require_intact_environment()
    return _number(_plain(value, what), what)


def as_array(value, what: str = "your answer", length: int | None = None) -> np.ndarray:
    """``value`` (list, array or Series of numbers) as a float numpy array, optionally of a given length."""
    _require_intact_environment()
    return _numbers(_plain(value, what), what, length)
