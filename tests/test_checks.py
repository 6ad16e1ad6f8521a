"""The comparison helpers of assignment tests cannot be fooled by objects that fake equality."""

import numpy as np
import pandas as pd
import pytest

from lcai import checks
from lcai.checks import CheckFailed


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __float__(self):
        return 1.0


class SneakyFloat(float):
    def __eq__(self, other):
        return True


class SneakySeries(pd.Series):
    def equals(self, other):
        return True


@pytest.mark.parametrize("fake", [AlwaysEqual(), [AlwaysEqual()], {"a": AlwaysEqual()}, SneakyFloat(2.0)])
def test_objects_faking_equality_fail(fake):
    with pytest.raises(CheckFailed):
        checks.assert_equal(fake, 1.0)


def test_faked_float_is_not_close():
    with pytest.raises(CheckFailed):
        checks.assert_close(AlwaysEqual(), 1.0)


def test_series_subclass_is_refused():
    with pytest.raises(CheckFailed, match="not SneakySeries"):
        checks.assert_equal(SneakySeries([1, 2]), pd.Series([9, 9]))


def test_real_values_pass():
    checks.assert_equal(np.int64(3), 3)
    checks.assert_equal("heat pump", "heat pump")
    checks.assert_equal(np.array(["a", "b"], dtype=object), np.array(["a", "b"], dtype=object))
    checks.assert_equal(pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1.0, 2.0]}))
    checks.assert_close(np.float32(0.5), 0.5)
    checks.assert_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-12]))
    checks.assert_between(0.8, 0.0, 1.0)


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (lambda: checks.assert_equal(2, 3), "should be 3, not 2"),
        (lambda: checks.assert_equal("2", 2), "should be of type int, not str"),
        (lambda: checks.assert_close(1.1, 1.0, rel=0.01), "should be close to"),
        (lambda: checks.assert_close([1.0], [1.0, 2.0]), "should have 2 values"),
        (lambda: checks.assert_close(True, 1.0), "should be a number, not bool"),
        (lambda: checks.assert_close(float("nan"), 1.0), "finite"),
        (lambda: checks.assert_between(1.5, 0.0, 1.0), "between 0.0 and 1.0"),
        (lambda: checks.assert_equal(pd.Series([1, 2]), pd.Series([1, 3])), "differs"),
    ],
)
def test_wrong_values_fail_with_a_clear_message(check, message):
    with pytest.raises(CheckFailed, match=message):
        check()


@pytest.mark.parametrize(("target", "name"), [(__import__("builtins"), "round"), (np, "allclose")])
def test_a_replaced_builtin_or_library_function_fails_every_check(monkeypatch, target, name):
    monkeypatch.setattr(target, name, lambda *args, **kwargs: True)
    with pytest.raises(CheckFailed, match=f"test environment was changed.*{name}"):
        checks.assert_close(1.0, 2.0)


def test_an_exception_swallowing_ipython_handler_fails_every_check(monkeypatch):
    class Shell:
        custom_exceptions = (Exception,)

    monkeypatch.setattr(__import__("builtins"), "get_ipython", lambda: Shell(), raising=False)
    with pytest.raises(CheckFailed, match="set_custom_exc"):
        checks.assert_equal(9, 9)


def test_the_macro_f1_of_assert_score_matches_scikit_learn():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(5)
    truth = rng.choice(["a", "b", "c", "d"], size=200, p=[0.6, 0.2, 0.15, 0.05])
    predicted = np.where(rng.random(200) < 0.7, truth, rng.choice(["a", "b", "c", "e"], size=200))
    assert checks.METRICS["macro_f1"](truth, predicted) == pytest.approx(
        f1_score(truth, predicted, average="macro", zero_division=0)
    )
    checks.assert_score(predicted, truth, metric="macro_f1", at_least=0.3, what="the routing")
    with pytest.raises(checks.CheckFailed, match="the macro f1 is"):
        checks.assert_score(predicted, truth, metric="macro_f1", at_least=0.99, what="the routing")


def test_the_mean_reciprocal_rank_of_assert_score_counts_not_found_as_zero():
    first_right = np.array([1, 2, 0, 4])  # positions of the first right result; 0 = not found
    assert checks.METRICS["mean_reciprocal_rank"](np.zeros(4), first_right) == pytest.approx((1 + 0.5 + 0 + 0.25) / 4)
    checks.assert_score(first_right, np.zeros(4), metric="mean_reciprocal_rank", at_least=0.4, what="the search")
    with pytest.raises(checks.CheckFailed, match="the mean reciprocal rank is 0.4375"):
        checks.assert_score(first_right, np.zeros(4), metric="mean_reciprocal_rank", at_least=0.5, what="the search")
