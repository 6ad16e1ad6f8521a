"""The dataset loader refuses unknown names and missing or altered files; generators reproduce their data."""

import shutil
import subprocess
import sys

import pytest

from lcai import datasets
from lcai.datasets import DatasetError, load_dataset

DATASETS = datasets.available_datasets()
SYNTHETIC = [name for name in DATASETS if (datasets.datasets_root() / name / "generate.py").is_file()]


def test_there_is_at_least_one_dataset():
    assert "dutch-dwellings" in DATASETS


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_loads_and_matches_its_checksum(name):
    frame = load_dataset(name)
    assert len(frame) > 0 and len(frame.columns) > 1


def test_dutch_dwellings_has_the_documented_columns():
    homes = load_dataset("dutch-dwellings")
    assert list(homes.columns) == [
        "home_id", "town", "dwelling_type", "construction_year", "floor_area_m2", "tenure", "energy_label",
        "wall_insulation", "roof_insulation", "floor_insulation", "glazing", "ventilation", "heating_system",
        "occupants", "gas_m3", "electricity_kwh", "quoted_capacity_kw", "heat_loss_w_m2",
    ]  # fmt: skip
    assert len(homes) == 4000
    assert homes["home_id"].is_unique


def test_unknown_name_names_the_available_datasets():
    with pytest.raises(DatasetError, match="unknown dataset 'no-such-data': choose one of .*dutch-dwellings"):
        load_dataset("no-such-data")


@pytest.fixture
def dataset_copy(tmp_path):
    shutil.copytree(datasets.datasets_root() / "dutch-dwellings", tmp_path / "dutch-dwellings")
    return tmp_path


def test_missing_file_says_how_to_restore_it(dataset_copy):
    (dataset_copy / "dutch-dwellings" / "dutch-dwellings.csv").unlink()
    with pytest.raises(DatasetError, match="is missing: restore it") as raised:
        load_dataset("dutch-dwellings", root=dataset_copy)
    assert "\n" not in str(raised.value)


def test_altered_file_is_refused(dataset_copy):
    data_file = dataset_copy / "dutch-dwellings" / "dutch-dwellings.csv"
    data_file.write_bytes(data_file.read_bytes().replace(b"terraced", b"detached", 1))
    with pytest.raises(DatasetError, match="has been altered"):
        load_dataset("dutch-dwellings", root=dataset_copy)


def test_missing_checksum_is_reported(dataset_copy):
    (dataset_copy / "dutch-dwellings" / "dutch-dwellings.csv.sha256").unlink()
    with pytest.raises(DatasetError, match="sha256 is missing"):
        load_dataset("dutch-dwellings", root=dataset_copy)


@pytest.mark.parametrize("name", SYNTHETIC)
def test_generator_reproduces_the_committed_file_byte_for_byte(name, tmp_path):
    output = tmp_path / f"{name}.csv"
    generator = datasets.datasets_root() / name / "generate.py"
    subprocess.run([sys.executable, str(generator), "--output", str(output)], check=True, capture_output=True)
    assert datasets.sha256_of(output) == datasets.expected_checksum(name)
