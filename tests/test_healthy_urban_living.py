"""The case code of the healthy-urban-living module: time features, folds and calibrations behave as taught."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import mean_absolute_error

from lcai import load_dataset
from lcai.cases import healthy_urban_living as case


@pytest.fixture(scope="module")
def station():
    readings = case.clean_readings(load_dataset(case.DATASET))
    return readings[readings["site"] == "station"]


def _hours(unit: str, values, start="2024-03-01 00:00") -> pd.DataFrame:
    time = pd.date_range(start, periods=len(values), freq="h")
    return pd.DataFrame({"time": time, "unit": unit, "pm25_raw": np.asarray(values, dtype=float)})


def test_clean_readings_turns_the_missing_code_into_nan():
    table = _hours("U01", [5.0, case.MISSING_CODE, 7.0]).assign(time=lambda t: t["time"].dt.strftime("%Y-%m-%d %H:%M"))
    clean = case.clean_readings(table)
    assert clean["pm25_raw"].isna().tolist() == [False, True, False]
    assert clean["day"].iloc[0] == pd.Timestamp("2024-03-01")


def test_time_features_never_use_a_later_hour():
    series = _hours("U01", np.arange(48.0))
    changed = series.copy()
    changed.loc[30:, "pm25_raw"] += 100
    before = case.add_time_features(series, pollutant="pm25")
    after = case.add_time_features(changed, pollutant="pm25")
    columns = [c for c in before.columns if "_lag" in c or c.endswith(("_mean3", "_mean24"))]
    pd.testing.assert_frame_equal(before.loc[:29, columns], after.loc[:29, columns])
    assert before.loc[10, "pm25_raw_lag1"] == 9.0 and before.loc[10, "pm25_raw_mean3"] == 9.0


def test_a_missing_hour_is_a_gap_not_a_shift_and_units_stay_apart():
    first = _hours("U01", [1.0, 2.0, 3.0, 4.0]).drop(index=1)  # 01:00 is missing
    second = _hours("U02", [10.0, 20.0, 30.0, 40.0])
    mixed = pd.concat([first, second]).sort_values("time", kind="stable")
    features = case.add_time_features(mixed, pollutant="pm25")
    u01 = features[features["unit"] == "U01"].set_index("time")["pm25_raw_lag1"]
    assert np.isnan(u01[pd.Timestamp("2024-03-01 02:00")]) and u01[pd.Timestamp("2024-03-01 03:00")] == 3.0
    u02 = features[features["unit"] == "U02"].set_index("time")["pm25_raw_lag1"]
    assert u02[pd.Timestamp("2024-03-01 01:00")] == 10.0


def test_time_folds_validate_later_with_a_gap_and_keep_an_hours_units_together():
    times = pd.Series(np.repeat(pd.date_range("2024-01-01", periods=500, freq="h"), 2))
    folds = list(case.time_folds(times, n_splits=4, gap_hours=24))
    assert len(folds) == 4
    for train, validation in folds:
        assert times.iloc[validation].min() - times.iloc[train].max() == pd.Timedelta(hours=25)
        assert set(times.iloc[train]).isdisjoint(times.iloc[validation])
        assert len(train) % 2 == 0 and len(validation) % 2 == 0


def test_the_physics_calibration_beats_the_straight_line_on_the_test_winter(station):
    rows = case.calibration_rows(station, pollutant="pm25")
    development = case.between(rows[rows["unit"].isin(case.FIT_UNITS)], case.DEVELOPMENT)
    held_out = case.between(rows[rows["unit"] == case.HELD_OUT_UNIT], case.TEST)
    errors = {}
    for kind in ["linear", "physics"]:
        model = case.make_calibrator(pollutant="pm25", kind=kind).fit(development, development["pm25_ref"])
        errors[kind] = mean_absolute_error(held_out["pm25_ref"], model.predict(held_out))
    raw = mean_absolute_error(held_out["pm25_ref"], held_out["pm25_raw"])
    assert errors["physics"] <= case.TARGET_MAE["pm25"] < raw
    assert errors["physics"] < 0.6 * errors["linear"], errors


def test_the_nitrogen_dioxide_calibration_needs_recalibrating_after_the_firmware_update(station):
    rows = case.calibration_rows(station, pollutant="no2")
    fitted = rows[rows["unit"].isin(case.FIT_UNITS)]
    held_out = case.between(rows[rows["unit"] == case.HELD_OUT_UNIT], case.TEST)
    errors = {}
    for name, period in [("old", case.DEVELOPMENT), ("recalibrated", case.RECALIBRATION)]:
        part = case.between(fitted, period)
        model = case.make_calibrator(pollutant="no2", kind=case.CHOSEN["no2"]).fit(part, part["no2_ref"])
        errors[name] = case.residuals(model, held_out, pollutant="no2").abs().mean()
    assert errors["recalibrated"] <= case.TARGET_MAE["no2"] < errors["old"], errors


def test_groups_are_defined_once_and_in_order():
    bands = case.humidity_band(pd.Series([50, 70, 85, 90, 100]))
    assert bands.astype(str).tolist() == ["below 70%", "70-80%", "80-90%", "90% and above", "90% and above"]
    blocks = case.hour_block(pd.Series(pd.to_datetime(["2024-01-01 05:00", "2024-01-01 06:00", "2024-01-01 23:00"])))
    assert blocks.astype(str).tolist() == ["night (0-5 h)", "morning rush (6-9 h)", "evening (20-23 h)"]
    assert set(case.DISTRICT_POSITIONS) == set(case.DISTRICTS)
