"""Rates per group with their number of cases and an uncertainty interval: what every group figure reports.

A rate without its denominator misleads, and a difference between two small groups is often noise. The course's
rule: every figure or table about a group gives its n and a 95% interval. :func:`wilson_interval` is the interval
for a share (it stays inside 0-1 and behaves for small n, unlike the normal approximation), :func:`group_rates`
applies it to each group of a table.
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
