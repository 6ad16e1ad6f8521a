"""Rates per group with their number of cases and an uncertainty interval: what every group figure reports.

A rate without its denominator misleads, and a difference between two small groups is often noise. The course's
rule: every figure or table about a group gives its n and a 95% interval. :func:`wilson_interval` is the interval
for a share (it stays inside 0-1 and behaves for small n, unlike the normal approximation), :func:`group_rates`
applies it to each group of a table. For a mean of autocorrelated measurements (hourly readings),
:func:`group_means` gives each group's mean with a block-bootstrap interval that resamples whole days.
"""

import numpy as np
import pandas as pd

Z_95 = 1.959963984540054  # the standard normal quantile for a two-sided 95% interval


def wilson_interval(successes, n, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval for ``successes`` out of ``n`` (numbers or arrays); n = 0 gives (nan, nan)."""
    successes, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = successes / n
        denominator = 1 + z**2 / n
        centre = (share + z**2 / (2 * n)) / denominator
        half_width = z * np.sqrt(share * (1 - share) / n + z**2 / (4 * n**2)) / denominator
    return centre - half_width, centre + half_width


def group_rates(outcome: pd.Series, groups: pd.Series) -> pd.DataFrame:
    """Per group: n, the rate of ``outcome`` (True/False per case), and its 95% Wilson interval (low, high).

    ``groups`` may be categorical: its order is kept, and empty categories are left out.
    """
    table = pd.DataFrame(
        {"outcome": outcome.astype(bool).reset_index(drop=True), "group": groups.reset_index(drop=True)}
    )
    summary = table.groupby("group", observed=True, sort=True)["outcome"].agg(n="size", events="sum")
    summary["rate"] = summary["events"] / summary["n"]
    summary["low"], summary["high"] = wilson_interval(summary["events"], summary["n"])
    summary.index.name = groups.name
    return summary[["n", "rate", "low", "high"]]


def block_bootstrap_means(values, blocks, *, n_boot: int = 2000, seed: int = 0) -> tuple[float, float, float]:
    """The mean of ``values`` and its 95% interval from resampling whole blocks (for example days) with replacement.

    Hourly measurements are autocorrelated: an hour says little that the hour before did not. Resampling single
    hours would treat them as independent and give intervals that are far too narrow; resampling days keeps each
    day's hours together. Missing values are left out.
    """
    table = pd.DataFrame({"value": np.asarray(values, dtype=float), "block": np.asarray(blocks)}).dropna()
    if table.empty:
        return np.nan, np.nan, np.nan
    per_block = table.groupby("block")["value"].agg(["sum", "count"])
    sums, counts = per_block["sum"].to_numpy(), per_block["count"].to_numpy()
    draws = np.random.default_rng(seed).integers(0, len(sums), size=(n_boot, len(sums)))
    means = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return sums.sum() / counts.sum(), low, high


def group_means(values: pd.Series, groups: pd.Series, blocks: pd.Series, *, seed: int = 0) -> pd.DataFrame:
    """Per group: n (values), blocks (for example days), the mean and its 95% block-bootstrap interval (low, high).

    ``groups`` may be categorical: its order is kept, and empty categories are left out.
    """
    table = pd.DataFrame(
        {
            "value": values.reset_index(drop=True).astype(float),
            "group": groups.reset_index(drop=True),  # as group_rates: a categorical keeps its order
            "block": blocks.reset_index(drop=True),
        }
    ).dropna(subset=["value"])
    rows = {}
    for group, part in table.groupby("group", observed=True, sort=True):
        mean, low, high = block_bootstrap_means(part["value"], part["block"], seed=seed)
        rows[group] = {"n": len(part), "blocks": part["block"].nunique(), "mean": mean, "low": low, "high": high}
    summary = pd.DataFrame.from_dict(rows, orient="index").astype({"n": int, "blocks": int})
    summary.index.name = groups.name
    return summary
