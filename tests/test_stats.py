"""Rates per group with n and a 95% interval (lcai.stats), checked against values computed by hand."""

import numpy as np
import pandas as pd
import pytest

from lcai import stats


def test_wilson_interval_matches_the_formula():
    # 8 of 10: centre (0.8 + z²/20) / (1 + z²/10), half width z·sqrt(0.016 + z²/400) / (1 + z²/10).
    z = stats.Z_95
    centre = (0.8 + z**2 / 20) / (1 + z**2 / 10)
    half = z * np.sqrt(0.8 * 0.2 / 10 + z**2 / 400) / (1 + z**2 / 10)
    low, high = stats.wilson_interval(8, 10)
    assert (float(low), float(high)) == pytest.approx((centre - half, centre + half))
    assert (float(low), float(high)) == pytest.approx((0.4902, 0.9433), abs=1e-4)


def test_wilson_interval_stays_inside_zero_and_one():
    low, high = stats.wilson_interval([0, 5], [5, 5])
    assert low[0] == pytest.approx(0) and 0 < high[0] < 1 and 0 < low[1] < 1 and high[1] == pytest.approx(1)


def test_group_rates_give_n_rate_and_interval_per_group():
    outcome = pd.Series([True, False, True, True, False, False])
    groups = pd.Series(pd.Categorical(["b", "b", "a", "a", "a", "c"], categories=["c", "b", "a", "d"]), name="g")
    table = stats.group_rates(outcome, groups)
    assert list(table.index) == ["c", "b", "a"] and table.index.name == "g"
    assert table["n"].tolist() == [1, 2, 3]
    assert table["rate"].tolist() == pytest.approx([0, 0.5, 2 / 3])
    assert ((table["low"] <= table["rate"]) & (table["rate"] <= table["high"])).all()


def test_group_means_counts_and_averages_exactly_per_group():
    values = pd.Series([1.0, 3.0, 5.0, np.nan, 10.0])
    groups = pd.Series(pd.Categorical(["b", "b", "b", "b", "a"], categories=["b", "a", "c"]), name="g")
    blocks = pd.Series([1, 1, 2, 2, 3])
    table = stats.group_means(values, groups, blocks)
    assert table.index.tolist() == ["b", "a"] and table.index.name == "g"
    assert table.loc["b", "n"] == 3 and table.loc["b", "blocks"] == 2 and table.loc["b", "mean"] == 3.0
    assert table.loc["b", "low"] <= 3.0 <= table.loc["b", "high"]
    assert table.loc["a", "low"] == table.loc["a", "high"] == 10.0  # one block: nothing to resample


def test_resampling_whole_days_widens_the_interval_of_autocorrelated_hours():
    rng = np.random.default_rng(3)
    days = np.repeat(np.arange(60), 24)
    hourly = np.repeat(rng.normal(0, 1, 60), 24) + rng.normal(0, 0.1, len(days))  # a day's hours move together
    _, day_low, day_high = stats.block_bootstrap_means(hourly, days)
    _, hour_low, hour_high = stats.block_bootstrap_means(hourly, np.arange(len(days)))
    assert (day_high - day_low) > 3 * (hour_high - hour_low)
