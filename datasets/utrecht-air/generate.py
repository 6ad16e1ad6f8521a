"""Generate the synthetic `utrecht-air` dataset: hourly readings of cheap air-quality sensors in Utrecht.

Three fixed sensor units stand next to an official reference station for fourteen months; eight mobile units ride
on shared bikes and city buses through the city's ten districts. Every row is one unit in one hour.

Reads nothing (no network, no input files). Writes `utrecht-air.csv` next to this script (or to --output) and its
checksum file `<csv>.sha256` ("<hex>  <file name>"). The generator is seeded, so every run writes the same bytes.
The levels and patterns are rounded stand-ins for published Utrecht and De Bilt figures (see DATASHEET.md).

    python datasets/utrecht-air/generate.py [--output PATH]
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from lcai.datasets import write_dataset

SEED = 77776505  # the seed `lcai new dataset utrecht-air` gives this name
START, END = "2024-01-01 00:00", "2025-02-28 23:00"  # CET (UTC+1) all year: every day has 24 hours
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "utrecht-air.csv"
MISSING_CODE = -999.0  # what the sensors' firmware writes for an hour it did not measure (pitfall 4)
FIRMWARE_UPDATE = pd.Timestamp("2024-10-15 12:00")  # the NO2 baseline of every unit jumps (pitfall 3)

# Annual means the reference series are scaled to: an urban background station (µg/m³).
NO2_MEAN, PM25_MEAN, O3_MEAN = 18.0, 8.5, 46.0

# The fixed units at the station: gain and offset of the particle counter, its hygroscopic growth (kappa), and the
# NO2 cell's gain, ozone and temperature cross-sensitivity and offset.
# fmt: off
FIXED_UNITS = {
    "U01": dict(pm_gain=1.08, pm_offset=0.6, kappa=0.10, no2_gain=0.97, ozone=0.38, temp=0.70, no2_offset=1.5),
    "U02": dict(pm_gain=0.95, pm_offset=-0.2, kappa=0.09, no2_gain=1.04, ozone=0.40, temp=0.60, no2_offset=-1.0),
    "U03": dict(pm_gain=1.03, pm_offset=0.3, kappa=0.11, no2_gain=0.99, ozone=0.37, temp=0.65, no2_offset=0.5),
}
MOBILE_UNITS = {"M01": "bike", "M02": "bike", "M03": "bike", "M04": "bike", "M05": "bike",
                "M06": "bus", "M07": "bus", "M08": "bus"}
# Utrecht's ten districts (wijken): how much more NO2 than the background their streets have (a stand-in for
# traffic density and ring roads), and when the bikes and buses measure there (the share of rows at humid early
# hours, and the months of the district's campaign). Leidsche Rijn and Vleuten-De Meern were covered by an early
# morning commuter campaign in winter; the city centre mostly on summer afternoons.
DISTRICTS = {
    "Binnenstad":        dict(no2=1.20, rows=1300, early=0.05, months=(4, 5, 6, 7, 8, 9)),
    "Oost":              dict(no2=1.00, rows=900, early=0.20, months=tuple(range(1, 13))),
    "Noordoost":         dict(no2=0.97, rows=800, early=0.20, months=tuple(range(1, 13))),
    "Noordwest":         dict(no2=1.10, rows=900, early=0.20, months=tuple(range(1, 13))),
    "Overvecht":         dict(no2=1.06, rows=900, early=0.25, months=tuple(range(1, 13))),
    "West":              dict(no2=1.08, rows=800, early=0.20, months=tuple(range(1, 13))),
    "Zuidwest":          dict(no2=1.12, rows=900, early=0.20, months=tuple(range(1, 13))),
    "Zuid":              dict(no2=0.95, rows=800, early=0.20, months=tuple(range(1, 13))),
    "Leidsche Rijn":     dict(no2=1.02, rows=1000, early=0.70, months=(11, 12, 1, 2)),
    "Vleuten-De Meern":  dict(no2=0.88, rows=700, early=0.70, months=(11, 12, 1, 2)),
}
STREET_TYPES = {"busy road": dict(no2=1.65, pm=1.3, share=0.35),
                "residential street": dict(no2=1.0, pm=0.3, share=0.5),
                "park": dict(no2=0.75, pm=0.0, share=0.15)}
STATION = dict(district="Noordoost", street_type="park")  # an urban background site in a park
# fmt: on


def ar1(rng: np.random.Generator, n: int, *, phi: float, sd: float) -> np.ndarray:
    """A stationary AR(1) series with lag-1 correlation ``phi`` and standard deviation ``sd``."""
    shocks = rng.normal(0, sd * np.sqrt(1 - phi**2), n)
    series = np.empty(n)
    series[0] = rng.normal(0, sd)
    for i in range(1, n):
        series[i] = phi * series[i - 1] + shocks[i]
    return series


def weather_and_reference(rng: np.random.Generator) -> pd.DataFrame:
    """Hourly weather and the reference station's NO2, PM2.5 and ozone, with their daily, weekly and yearly cycles."""
    time = pd.date_range(START, END, freq="h")
    n, hour, day = len(time), time.hour.to_numpy(), time.day_of_year.to_numpy()
    summer = np.cos(2 * np.pi * (day - 196) / 365.25)  # +1 in mid-July, -1 in mid-January
    weekend = time.day_of_week.to_numpy() >= 5
    holiday = (time.month == 8) | ((time.month == 7) & (time.day > 15)) | ((time.month == 12) & (time.day > 23))

    warm = ar1(rng, n, phi=0.985, sd=3.0)  # spells of warm or cold weather lasting days
    temperature = 10.4 + 7.3 * summer + (3.2 + 1.3 * summer) * np.cos(2 * np.pi * (hour - 15) / 24) + warm
    humidity = 82 - 7 * summer + 9 * np.cos(2 * np.pi * (hour - 4) / 24) - 1.2 * warm
    humidity = np.clip(humidity + ar1(rng, n, phi=0.95, sd=6.0), 28, 100)
    wind = np.exp(np.log(3.3) - 0.12 * summer + 0.18 * np.cos(2 * np.pi * (hour - 14) / 24))
    wind = np.clip(wind * np.exp(ar1(rng, n, phi=0.97, sd=0.45)), 0.2, 16)

    daytime = 0.55 * ((hour > 8) & (hour < 17))
    rush = 1.2 * np.exp(-((hour - 8) ** 2) / 2.9) + np.exp(-((hour - 17) ** 2) / 4.5) + daytime
    traffic = np.where(weekend, 0.25 + 0.75 * np.exp(-((hour - 14) ** 2) / 18), 0.2 + rush) * np.where(holiday, 0.85, 1)
    # Calm, cold nights and winter days trap what traffic and heating emit.
    trapped = (1 + 0.35 * -summer) * (1 + 0.3 * np.cos(2 * np.pi * (hour - 3) / 24)) / (0.4 + wind / 3)
    no2 = (5 + 9 * traffic * trapped) * np.exp(ar1(rng, n, phi=0.9, sd=0.25))
    no2 *= NO2_MEAN / no2.mean()
    heating = np.where((hour >= 18) & (hour <= 23), 1.0, 0.3) * np.clip(-summer, 0, None)
    spring = np.exp(-(((day - 95) / 25.0) ** 2))  # ammonium-nitrate episodes in March and April
    regional = np.exp(np.log(6.5) + 0.2 * -summer + 0.35 * spring + ar1(rng, n, phi=0.992, sd=0.55))
    pm25 = regional + 0.6 * traffic * trapped + 1.5 * heating + rng.gamma(2.0, 0.25, n)
    pm25 *= PM25_MEAN / pm25.mean()
    ozone = 40 + 18 * summer + 14 * (0.6 + 0.4 * summer) * np.cos(2 * np.pi * (hour - 15) / 24) + 0.6 * warm
    ozone = np.clip(ozone - 0.45 * (no2 - NO2_MEAN) + ar1(rng, n, phi=0.9, sd=7.0), 1, None)
    ozone *= O3_MEAN / ozone.mean()

    frame = pd.DataFrame(
        {"time": time, "temperature": temperature, "humidity": humidity, "wind_speed": wind, "ozone": ozone}
    )
    frame["no2_ref"], frame["pm25_ref"] = no2, pm25
    # The station is serviced now and then: a few blocks of hours without a reference value.
    for start in rng.choice(n - 12, size=9, replace=False):
        frame.loc[start : start + rng.integers(2, 12), ["no2_ref", "pm25_ref"]] = np.nan
    return frame


def growth(humidity: np.ndarray, kappa: float) -> np.ndarray:
    """How much wetter, larger particles inflate an optical count (kappa-Köhler): 1 in dry air, about 1.8 at 90 %."""
    water = np.minimum(humidity, 95) / 100
    return 1 + kappa * water**2 / (1 - water)


def sensor_readings(rng: np.random.Generator, truth: pd.DataFrame, unit: dict, *, months_since_start) -> pd.DataFrame:
    """What one cheap unit reports for the true concentrations and weather in ``truth``."""
    n = len(truth)
    pm = unit["pm_gain"] * truth["pm25"].to_numpy() * growth(truth["humidity"].to_numpy(), unit["kappa"])
    pm = pm + unit["pm_offset"] + rng.normal(0, 0.6, n) * (1 + 0.1 * truth["pm25"].to_numpy())
    warm = truth["temperature"].to_numpy() - 20
    ageing = 0.5 * months_since_start  # the NO2 cell's zero creeps upward as it ages
    firmware = np.where(truth["time"] >= FIRMWARE_UPDATE, 6.0, 0.0)
    no2 = (
        unit["no2_gain"] * truth["no2"].to_numpy()
        + unit["ozone"] * truth["ozone"].to_numpy()
        + unit["temp"] * warm
        + 0.04 * np.clip(warm, 0, None) ** 2
        + unit["no2_offset"]
        + ageing
        + firmware
        + rng.normal(0, 3.0, n)
    )
    return pd.DataFrame({"no2_raw": np.clip(no2, 0, None), "pm25_raw": np.clip(pm, 0, None)}, index=truth.index)


def _months(time: pd.Series) -> np.ndarray:
    return ((time - pd.Timestamp(START)).dt.total_seconds() / (30.44 * 86400)).to_numpy()


def _offline(rng: np.random.Generator, readings: pd.DataFrame, *, spells: int, longest: int) -> None:
    """Blocks of hours in which a unit was offline: the firmware writes MISSING_CODE, not an empty value."""
    for start in rng.choice(len(readings) - longest, size=spells, replace=False):
        stop = start + int(rng.integers(3, longest))
        readings.iloc[start:stop, readings.columns.get_indexer(["no2_raw", "pm25_raw"])] = MISSING_CODE


def fixed_units(rng: np.random.Generator, station: pd.DataFrame) -> pd.DataFrame:
    truth = station.rename(columns={"no2_ref": "no2", "pm25_ref": "pm25"})
    # A gap in the reference is not a gap in the air: the units keep measuring.
    truth[["no2", "pm25"]] = truth[["no2", "pm25"]].interpolate(limit_direction="both")
    tables = []
    for name, unit in FIXED_UNITS.items():
        readings = sensor_readings(rng, truth, unit, months_since_start=_months(station["time"]))
        _offline(rng, readings, spells=4, longest=96)
        tables.append(station.assign(unit=name, platform="fixed", site="station", **STATION).join(readings.round(1)))
    return pd.concat(tables, ignore_index=True)


def mobile_units(rng: np.random.Generator, station: pd.DataFrame) -> pd.DataFrame:
    """Hour-long rides through the districts, by bikes (daytime) and buses (daytime and evening)."""
    hours = station.assign(month=station["time"].dt.month, hour=station["time"].dt.hour)
    background = hours[["no2_ref", "pm25_ref"]].interpolate(limit_direction="both")
    rows = []
    for district, facts in DISTRICTS.items():
        in_season = hours["month"].isin(facts["months"]).to_numpy()
        early = in_season & hours["hour"].between(5, 8).to_numpy()
        later = in_season & hours["hour"].between(10, 21).to_numpy()
        n_early = int(round(facts["rows"] * facts["early"]))
        picked = np.concatenate(
            [
                rng.choice(np.flatnonzero(early), size=n_early, replace=False),
                rng.choice(np.flatnonzero(later), size=facts["rows"] - n_early, replace=False),
            ]
        )
        streets = rng.choice(list(STREET_TYPES), size=len(picked), p=[s["share"] for s in STREET_TYPES.values()])
        street_no2 = np.array([STREET_TYPES[s]["no2"] for s in streets])
        street_pm = np.array([STREET_TYPES[s]["pm"] for s in streets])
        no2 = background["no2_ref"].to_numpy()[picked] * facts["no2"] * street_no2 * rng.lognormal(0, 0.2, len(picked))
        pm25 = background["pm25_ref"].to_numpy()[picked] + street_pm * rng.lognormal(0, 0.4, len(picked))
        ride = station.iloc[picked].assign(district=district, street_type=streets, no2=no2, pm25=pm25)
        rows.append(ride.reset_index(drop=True))
    rides = pd.concat(rows, ignore_index=True).sort_values("time", kind="stable").reset_index(drop=True)
    units = np.array(list(MOBILE_UNITS))
    bus = rides["time"].dt.hour.to_numpy() >= 19  # evening rides are on buses only
    rides["unit"] = np.where(bus, rng.choice(units[5:], len(rides)), rng.choice(units, len(rides)))
    rides["platform"] = rides["unit"].map(MOBILE_UNITS)
    tables = []
    for _, ride in rides.groupby("unit", sort=True):
        unit = {
            "pm_gain": rng.normal(1.02, 0.05), "pm_offset": rng.normal(0.2, 0.3), "kappa": rng.uniform(0.09, 0.11),
            "no2_gain": rng.normal(1.0, 0.05), "ozone": rng.uniform(0.34, 0.42), "temp": rng.uniform(0.5, 0.75),
            "no2_offset": rng.normal(0.5, 1.5),
        }  # fmt: skip
        readings = sensor_readings(rng, ride, unit, months_since_start=_months(ride["time"]))
        tables.append(ride.join(readings.round(1)))
    mobile = pd.concat(tables).sort_values(["time", "unit"], kind="stable")
    mobile = mobile.drop_duplicates(["time", "unit"]).assign(site="mobile", no2_ref=np.nan, pm25_ref=np.nan)
    return mobile.drop(columns=["no2", "pm25"])


def generate(rng: np.random.Generator) -> pd.DataFrame:
    """The table: the station's units first, then the mobile rides, each in time order."""
    station = weather_and_reference(rng)
    table = pd.concat([fixed_units(rng, station), mobile_units(rng, station)], ignore_index=True)
    valid = table["pm25_raw"] != MISSING_CODE
    day = table["time"].dt.floor("D")
    # The start-up's dashboard exports the day's mean reading with every hour: it includes the hours still to come.
    table["pm25_raw_day_mean"] = table["pm25_raw"].where(valid).groupby([table["unit"], day]).transform("mean")
    table["time"] = table["time"].dt.strftime("%Y-%m-%d %H:%M")
    columns = ["time", "unit", "platform", "site", "district", "street_type", "temperature", "humidity",
               "wind_speed", "ozone", "no2_raw", "pm25_raw", "pm25_raw_day_mean", "no2_ref", "pm25_ref"]  # fmt: skip
    table = table[columns].round({"temperature": 1, "humidity": 0, "wind_speed": 1, "ozone": 0, "no2_ref": 1})
    table = table.round({"pm25_ref": 1, "pm25_raw_day_mean": 1})
    table["humidity"] = table["humidity"].astype(int)
    table["ozone"] = table["ozone"].astype(int)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output
    digest = write_dataset(generate(np.random.default_rng(SEED)), output)
    print(f"wrote {output} ({digest[:12]}...)")


if __name__ == "__main__":
    main()
