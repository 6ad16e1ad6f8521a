"""Load the course's datasets by name, after checking that the file is the one its datasheet describes.

A dataset lives in ``datasets/<name>/``: ``<name>.csv`` (the data), ``DATASHEET.md`` (what it is),
``<name>.csv.sha256`` (its checksum) and, for synthetic data, ``generate.py`` (the seeded generator that
writes the CSV byte for byte).
"""

import hashlib
import os
from pathlib import Path

import pandas as pd

from lcai.errors import KitError
from lcai.paths import DATASETS


class DatasetError(KitError):
    """A dataset is unknown, missing or altered; the message says what to do."""


def datasets_root() -> Path:
    """The folder holding the datasets: ``$LCAI_DATASETS`` if set, else the repository's ``datasets/``."""
    return Path(os.environ.get("LCAI_DATASETS", DATASETS))


def available_datasets(root: Path | None = None) -> list[str]:
    """Names of the datasets in ``root`` (default: :func:`datasets_root`)."""
    root = root or datasets_root()
    return sorted(p.name for p in root.iterdir() if (p / "DATASHEET.md").is_file()) if root.is_dir() else []


def dataset_file(name: str, root: Path | None = None) -> Path:
    """Path of the data file of dataset ``name``."""
    return (root or datasets_root()) / name / f"{name}.csv"


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_dataset(table: pd.DataFrame, output: Path, **csv_options) -> str:
    """Write a generator's table byte for byte reproducibly, then its checksum file; return the hex digest.

    The checksum file holds ``"<hex>  <file name>"``, the line :func:`expected_checksum` reads. ``csv_options`` go
    to :meth:`pandas.DataFrame.to_csv` (for example ``float_format="%.1f"``).
    """
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(output, index=False, lineterminator="\n", encoding="utf-8", **csv_options)
    digest = sha256_of(output)
    output.with_name(output.name + ".sha256").write_text(f"{digest}  {output.name}\n", encoding="utf-8")
    return digest


def expected_checksum(name: str, root: Path | None = None) -> str:
    """The checksum recorded next to the data file."""
    checksum_file = dataset_file(name, root).with_suffix(".csv.sha256")
    if not checksum_file.is_file():
        raise DatasetError(f"{checksum_file} is missing: restore it with `git checkout -- {checksum_file.name}`.")
    return checksum_file.read_text().split()[0]


def verify_known(name: str, root: Path | None = None) -> None:
    """Raise DatasetError naming the available datasets when ``name`` is not one of them."""
    known = available_datasets(root)
    if name not in known:
        raise DatasetError(f"unknown dataset {name!r}: choose one of {', '.join(known) or '(none found)'}.")


def verify_dataset(name: str, root: Path | None = None) -> Path:
    """Check that dataset ``name`` exists and matches its checksum; return the data file's path."""
    verify_known(name, root)
    path = dataset_file(name, root)
    if not path.is_file():
        raise DatasetError(
            f"data file {path} is missing: restore it with `git checkout -- {path}` "
            f"or regenerate it with `lcai dataset regenerate {name}`."
        )
    if sha256_of(path) != expected_checksum(name, root):
        raise DatasetError(
            f"data file {path} has been altered (checksum mismatch): restore it with "
            f"`git checkout -- {path}` or `lcai dataset regenerate {name}`."
        )
    return path


def load_dataset(name: str, root: Path | None = None) -> pd.DataFrame:
    """Load dataset ``name`` as a DataFrame after verifying its checksum.

    Raises DatasetError with a one-line message when the name is unknown or the file is missing or altered.
    """
    return pd.read_csv(verify_dataset(name, root))
