"""Generate the synthetic `dutch-dwellings` dataset: 4,000 fictional heat-loss surveys of homes in Twente.

Reads nothing (no network, no input files). Writes `dutch-dwellings.csv` (default: next to this script, or the
path given with --output) and its checksum file `<csv>.sha256` ("<hex>  <file name>"). The random generator is
seeded, so every run writes the same bytes. The numbers below are rough stand-ins for published Dutch statistics
(see DATASHEET.md); they are approximate on purpose.

    python datasets/dutch-dwellings/generate.py [--output PATH]
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from lcai.datasets import write_dataset

SEED = 20240917
N_HOMES = 4_000
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "dutch-dwellings.csv"

TOWNS = {"Enschede": 0.26, "Hengelo": 0.14, "Almelo": 0.12, "Deventer": 0.17, "Oldenzaal": 0.05, "rural Twente": 0.26}
TYPES = ["apartment", "terraced", "corner", "semi-detached", "detached"]
# Twente has more single-family homes than the Dutch average; villages even more (overall ~25/30/15/14/16 %).
TYPE_SHARES = {"town": [0.31, 0.335, 0.16, 0.112, 0.083], "rural": [0.08, 0.20, 0.12, 0.22, 0.38]}
# Construction periods of the housing stock (overall ~18/20/30/22/10 %); villages have older homes.
PERIODS = [(1900, 1944), (1945, 1969), (1970, 1989), (1990, 2009), (2010, 2023)]
PERIOD_SHARES = {"town": [0.152, 0.207, 0.307, 0.231, 0.103], "rural": [0.26, 0.18, 0.28, 0.19, 0.09]}
# Typical usable floor area (m2) by type, and tenure shares (owner, social rent, private rent) by type:
# apartments are mostly rented, detached homes almost always owner-occupied (overall ~60/28/12 %).
FLOOR_AREA = {"apartment": 75, "terraced": 115, "corner": 120, "semi-detached": 140, "detached": 165}
TENURES = ["owner-occupied", "social rent", "private rent"]
# fmt: off
TENURE_SHARES = {"apartment": [0.30, 0.48, 0.22], "terraced": [0.58, 0.32, 0.10], "corner": [0.62, 0.28, 0.10],
                 "semi-detached": [0.85, 0.08, 0.07], "detached": [0.94, 0.01, 0.05]}
# fmt: on

# Heat loss (W/m2 at -10 C outside) of each part of the envelope, by state. They add up so that a terraced home in
# its as-built state lands near the period's typical value: ~115 (pre-1945), ~100, ~75, ~50, ~30 (2012+).
WALL = {"none": 28, "partial": 16, "full": 8}
ROOF = {"none": 22, "partial": 12, "full": 6}
FLOOR = {"none": 10, "partial": 6, "full": 3}
GLAZING = {"single": 20, "double": 12, "hr++": 6, "triple": 3}
VENTILATION = {"natural": 15, "mechanical exhaust": 10, "balanced heat recovery": 3}
# What the form cannot see: air leaks, thermal bridges, quality of the insulation of that era. Building-code steps.
CODE_STEPS = [1945, 1975, 1992, 2012, 2021]
HIDDEN_LOSS = [22, 14, 10, 5, 1, 0]
# Survey-to-survey spread the features cannot explain: old homes have an unknown renovation history.
NOISE_SD = [15, 12, 9, 6, 4, 4]
# Exposed envelope per m2 floor: detached homes lose most, apartments (neighbours on most sides) least.
EXPOSURE = {"apartment": 0.85, "terraced": 1.0, "corner": 1.12, "semi-detached": 1.2, "detached": 1.35}

# As built, by code period (before 1945, 1945-74, 1975-91, 1992-2011, 2012-20, 2021+): shares none/partial/full.
# Nothing before the first insulation rules of 1975; insulated as standard from the 1992 Bouwbesluit on.
AS_BUILT = {
    "wall": [[1, 0, 0], [1, 0, 0], [0.1, 0.75, 0.15], [0, 0.1, 0.9], [0, 0, 1], [0, 0, 1]],
    "roof": [[1, 0, 0], [1, 0, 0], [0.1, 0.7, 0.2], [0, 0.1, 0.9], [0, 0, 1], [0, 0, 1]],
    "floor": [[1, 0, 0], [1, 0, 0], [0.4, 0.5, 0.1], [0, 0.2, 0.8], [0, 0.1, 0.9], [0, 0, 1]],
}
# Shares natural/mechanical exhaust/balanced heat recovery by code period (including later upgrades).
VENTILATION_SHARES = [[0.85, 0.13, 0.02]] * 2 + [[0.55, 0.42, 0.03], [0, 0.8, 0.2]] + [[0, 0.3, 0.7]] * 2


def code_step(year):
    """Index of the building-code period (0 = before 1945 ... 5 = 2021 and later) of each construction year."""
    return np.searchsorted(CODE_STEPS, year, side="right")


def pick(rng, options, probabilities):
    """One random choice per row, from row-specific probabilities (an n x k array)."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(len(probabilities))[:, None] * cumulative[:, -1:]
    return np.asarray(options)[(draws >= cumulative).sum(axis=1)]


def building(rng, n):
    """Town, dwelling type, construction year, floor area, tenure and household size."""
    town = rng.choice(list(TOWNS), size=n, p=list(TOWNS.values()))
    setting = np.where(town == "rural Twente", "rural", "town")
    dwelling_type = pick(rng, TYPES, np.array([TYPE_SHARES[s] for s in setting]))
    period = pick(rng, range(len(PERIODS)), np.array([PERIOD_SHARES[s] for s in setting]))
    start, end = np.array(PERIODS)[period].T
    # Homes built after the 2018 ban on gas connections rarely ask whether they are ready for a heat pump.
    recent = rng.random(n) < 0.08
    start, end = np.where((end == 2023) & recent, 2019, start), np.where((end == 2023) & ~recent, 2018, end)
    homes = pd.DataFrame(
        {"town": town, "dwelling_type": dwelling_type, "construction_year": rng.integers(start, end + 1)}
    )
    typical_area = homes["dwelling_type"].map(FLOOR_AREA).to_numpy()
    homes["floor_area_m2"] = np.clip(np.round(typical_area * rng.lognormal(0, 0.22, n)), 25, 450).astype(int)
    homes["tenure"] = pick(rng, TENURES, np.array([TENURE_SHARES[t] for t in dwelling_type]))
    # Apartments house smaller households (CBS: ~2.1 persons per household on average).
    small, family = [0.45, 0.33, 0.12, 0.07, 0.02, 0.01], [0.18, 0.36, 0.17, 0.19, 0.07, 0.03]
    homes["occupants"] = pick(rng, range(1, 7), np.where((dwelling_type == "apartment")[:, None], small, family))
    return homes


def insulation(rng, homes):
    """True state of walls, roof and floor: as built (by building code) plus retrofits, which owners do most."""
    step = code_step(homes["construction_year"].to_numpy())
    n = len(homes)
    # Homes built before 1992 that were renovated since (WoON: most owners did): owners invest most, private
    # landlords least. A renovation usually does walls, roof and floor together.
    renovation_rate = homes["tenure"].map({"owner-occupied": 0.65, "social rent": 0.55, "private rent": 0.3})
    renovated = (rng.random(n) < renovation_rate.to_numpy()) & (step <= 2)
    states = {}
    for element, ease in [("wall", 0.9), ("roof", 0.9), ("floor", 0.6)]:  # floors are harder to reach
        state = pick(rng, ["none", "partial", "full"], np.array(AS_BUILT[element])[step])
        # Elements with nothing get done more often than elements that already have some (less to gain).
        chance = np.where(renovated, ease * np.where(state == "none", 1.0, 0.5), 0.05 * (step <= 2))
        upgraded = (rng.random(n) < chance) & (state != "full")
        better = np.where((state == "partial") | (rng.random(n) < 0.55), "full", "partial")
        state = np.where(upgraded, better, state).astype(object)
        states[element] = state
    return states


def windows_and_air(rng, homes):
    """Glazing and ventilation: what the building code required when built, plus replacements since."""
    year = homes["construction_year"].to_numpy()
    n = len(homes)
    # Homes built before 1975 had single glazing; almost all have replaced it since, except some old, privately
    # rented homes. Double glazing of 1975-1999 has often been replaced by HR++.
    keeps_single = rng.random(n) < np.where(homes["tenure"] == "private rent", 0.22, 0.06)
    replacement = pick(rng, ["double", "hr++", "triple"], np.tile([0.55, 0.42, 0.03], (n, 1)))
    pre_1975 = np.where(keeps_single, "single", replacement)
    from_1975 = np.where(rng.random(n) < 0.35, "hr++", "double")
    glazing = np.select([year < 1975, year < 2000, year < 2021], [pre_1975, from_1975, "hr++"], "triple")
    ventilation = pick(rng, list(VENTILATION), np.array(VENTILATION_SHARES)[code_step(year)])
    return glazing.astype(object), ventilation.astype(object)


def heat_loss(rng, homes):
    """TARGET: envelope losses scaled by exposure and size, plus ventilation, plus heteroscedastic survey noise."""
    step = code_step(homes["construction_year"].to_numpy())
    envelope = (
        np.array(HIDDEN_LOSS)[step]
        + homes["wall_true"].map(WALL)
        + homes["roof_true"].map(ROOF)
        + homes["floor_true"].map(FLOOR)
        + homes["glazing"].map(GLAZING)
    ).to_numpy()
    exposure = homes["dwelling_type"].map(EXPOSURE).to_numpy()
    # Within a type, a bigger home has less envelope per m2 of floor (compactness).
    size = (homes["floor_area_m2"] / homes["dwelling_type"].map(FLOOR_AREA)).to_numpy() ** -0.2
    loss = envelope * exposure * size + homes["ventilation"].map(VENTILATION).to_numpy()
    # Draughts from worn frames and seals in older homes, worst where the landlord maintains least.
    draught = homes["tenure"].map({"owner-occupied": 1.0, "social rent": 5.0, "private rent": 8.0}).to_numpy()
    loss = loss + rng.exponential(draught) * (step <= 2)
    loss = loss + rng.normal(0, np.array(NOISE_SD)[step])
    return np.round(np.clip(loss, 15, 200), 1)


def heating(rng, homes):
    """Heating system: old boilers in old and rented homes; (hybrid) heat pumps where the home is well insulated."""
    n, loss = len(homes), homes["heat_loss_w_m2"].to_numpy()
    year = homes["construction_year"].to_numpy()
    rented = (homes["tenure"] != "owner-occupied").to_numpy()
    old_boiler = rng.random(n) < 0.05 + 0.07 * rented + 0.05 * (year < 1975)
    hybrid = rng.random(n) < np.where(loss < 80, 0.06, 0.015) * np.where(rented, 0.4, 1.0)
    all_electric = ((year >= 2019) & (rng.random(n) < 0.85)) | ((loss < 60) & (rng.random(n) < 0.008))
    system = np.where(old_boiler, "old boiler", "condensing boiler").astype(object)
    system[hybrid] = "hybrid heat pump"
    system[all_electric] = "heat pump"
    return system


def energy_use(rng, homes):
    """Annual gas (m3) and electricity (kWh) from the bill; tenants' bills are mostly not in the survey file."""
    n, system = len(homes), homes["heating_system"].to_numpy()
    design_watts = homes["heat_loss_w_m2"].to_numpy() * homes["floor_area_m2"].to_numpy()
    # ~0.11 m3 gas per W of design heat loss puts terraced homes near 1,100 m3/yr and apartments near 700.
    space_gas = 0.11 * design_watts
    hot_water_gas = 70 * homes["occupants"].to_numpy() + 40  # showers, plus ~40 m3 for cooking
    behaviour = rng.lognormal(0, 0.3, n)  # thermostat settings, rooms heated, time at home: identical homes differ
    gas = (space_gas + hot_water_gas) * behaviour
    gas = np.where(system == "hybrid heat pump", 0.4 * gas, gas)  # the heat pump covers most of the season
    gas = np.where(system == "heat pump", np.where(rng.random(n) < 0.6, 0, rng.uniform(0, 30, n)), gas)
    # A heat pump delivers ~3.5 kWh of heat per kWh; 1 m3 of gas gives ~8.8 kWh of heat in a boiler.
    heat_pump_share = pd.Series(system).map({"heat pump": 1.0, "hybrid heat pump": 0.6}).fillna(0).to_numpy()
    heat_pump_kwh = heat_pump_share * (space_gas + hot_water_gas) * behaviour * 8.8 / 3.5
    appliances = (1_500 + 700 * homes["occupants"].to_numpy()) * rng.lognormal(0, 0.15, n)
    electricity = appliances + heat_pump_kwh
    # Missing: ~80% of rented homes (contract in the tenant's name), ~5% of owners; electricity mostly the same rows.
    rented = (homes["tenure"] != "owner-occupied").to_numpy()
    gas_missing = rng.random(n) < np.where(rented, 0.8, 0.05)
    electricity_missing = np.where(rng.random(n) < 0.95, gas_missing, rng.random(n) < 0.3)
    return (np.where(gas_missing, np.nan, np.round(gas)), np.where(electricity_missing, np.nan, np.round(electricity)))


def paperwork(rng, homes):
    """Energy label (registered before the survey), the form's 'unknown' answers, and the quote (after the survey)."""
    n, loss = len(homes), homes["heat_loss_w_m2"].to_numpy()
    # Label classes use primary fossil energy (kWh/m2/yr; NTA 8800 class limits 160/190/250/290/335/380): here
    # ~30 for hot water plus ~3.2 x heat loss, imprecise (~20%), and far lower with a heat pump.
    fossil = (30 + 3.2 * loss) * rng.lognormal(0, 0.2, n)
    fossil = fossil * homes["heating_system"].map({"heat pump": 0.45, "hybrid heat pump": 0.75}).fillna(1).to_numpy()
    label = np.array(list("ABCDEFG"), dtype=object)[np.searchsorted([160, 190, 250, 290, 335, 380], fossil)]
    year = homes["construction_year"].to_numpy()
    # New homes get a label at delivery; old and privately rented homes are the ones never registered.
    unregistered = homes["tenure"].map({"owner-occupied": 0.05, "social rent": 0.08, "private rent": 0.2}).to_numpy()
    unregistered = unregistered + 0.06 * (year < 1945) - 0.03 * (year >= 2010)
    label[rng.random(n) < unregistered] = np.nan
    # Tenants often do not know what insulation the landlord put in.
    unknown_rate = homes["tenure"].map({"owner-occupied": 0.05, "social rent": 0.55, "private rent": 0.65}).to_numpy()
    does_not_know = rng.random(n) < unknown_rate  # the same person fills in all three questions
    reported = {}
    for element in ["wall", "roof", "floor"]:
        unsure = does_not_know | (rng.random(n) < 0.03)
        reported[f"{element}_insulation"] = np.where(unsure, "unknown", homes[f"{element}_true"])
    # The quote sizes the heat pump from the MEASURED heat loss (+10% margin), rounded to 0.5 kW: it leaks the target.
    quote = loss * homes["floor_area_m2"].to_numpy() / 1000 * 1.1 + rng.normal(0, 0.1, n)
    return label, reported, np.round(quote * 2) / 2


COLUMNS = (
    "home_id town dwelling_type construction_year floor_area_m2 tenure energy_label wall_insulation roof_insulation "
    "floor_insulation glazing ventilation heating_system occupants gas_m3 electricity_kwh quoted_capacity_kw "
    "heat_loss_w_m2"
).split()


def generate(seed: int = SEED, n: int = N_HOMES) -> pd.DataFrame:
    """Return the dataset as a DataFrame (columns as in DATASHEET.md); the same seed gives the same rows."""
    rng = np.random.default_rng(seed)
    homes = building(rng, n)
    for element, state in insulation(rng, homes).items():
        homes[f"{element}_true"] = state
    homes["glazing"], homes["ventilation"] = windows_and_air(rng, homes)
    homes["heat_loss_w_m2"] = heat_loss(rng, homes)
    homes["heating_system"] = heating(rng, homes)
    homes["gas_m3"], homes["electricity_kwh"] = energy_use(rng, homes)
    homes["energy_label"], reported, homes["quoted_capacity_kw"] = paperwork(rng, homes)
    for column, values in reported.items():
        homes[column] = values
    homes["home_id"] = [f"H{i:05d}" for i in range(1, n + 1)]
    homes = homes.iloc[rng.permutation(n)].reset_index(drop=True)  # ids in random order in the file
    return homes[COLUMNS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="CSV file to write")
    args = parser.parse_args()
    digest = write_dataset(generate(), args.output, float_format="%.1f")
    print(f"wrote {args.output} ({N_HOMES} rows), sha256 {digest}")


if __name__ == "__main__":
    main()
