"""The case code that lessons 3 and 4 share: the advice rule and the heat-loss model."""

import numpy as np

from lcai import load_dataset
from lcai.cases.energy_transition import FEATURES, LEAKY_COLUMNS, TARGET, advice_from_heat_loss, make_heat_loss_model


def test_advice_rule_uses_inclusive_upper_bounds():
    advice = advice_from_heat_loss([12.0, 50.0, 50.1, 80.0, 80.1, 150.0])
    assert list(advice) == ["heat pump", "heat pump", "hybrid heat pump", "hybrid heat pump", "insulate first",
                            "insulate first"]  # fmt: skip


def test_features_exclude_the_target_and_the_leak():
    assert TARGET not in FEATURES and not set(LEAKY_COLUMNS) & set(FEATURES)


def test_model_learns_heat_loss_and_handles_missing_gas_use():
    homes = load_dataset("dutch-dwellings")
    train, new = homes.iloc[:3000], homes.iloc[3000:].copy()
    model = make_heat_loss_model(max_iter=100).fit(train[FEATURES], train[TARGET])
    new["gas_m3"] = np.nan
    predictions = model.predict(new[FEATURES])
    assert np.isfinite(predictions).all()
    baseline_error = np.abs(new[TARGET] - train[TARGET].median()).mean()
    assert np.abs(new[TARGET] - predictions).mean() < 0.7 * baseline_error
