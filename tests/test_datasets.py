"""The dataset loader refuses unknown names and missing or altered files; generators reproduce their data."""

import re
import shutil
import subprocess
import sys

import pytest

from lcai import datasets
from lcai.datasets import DatasetError, load_dataset

DATASETS = datasets.available_datasets()
SYNTHETIC = [name for name in DATASETS if (datasets.datasets_root() / name / "generate.py").is_file()]


def test_there_is_at_least_one_dataset():
    assert DATASETS


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_loads_and_matches_its_checksum(name):
    frame = load_dataset(name)
    assert len(frame) > 0 and len(frame.columns) > 1


def _documented_columns(name: str) -> list[str]:
    """The column names of the datasheet's "Columns" table, in order."""
    text = (datasets.datasets_root() / name / "DATASHEET.md").read_text(encoding="utf-8")
    section = text.split("## Columns", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_has_the_columns_its_datasheet_documents(name):
    assert list(load_dataset(name).columns) == _documented_columns(name)


def test_unknown_name_names_the_available_datasets():
    with pytest.raises(DatasetError, match=f"unknown dataset 'no-such-data': choose one of .*{DATASETS[0]}"):
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
