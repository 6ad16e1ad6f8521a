"""Where the parts of the course live, relative to the repository root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
MODULES = ROOT / "modules"
COURSE = ROOT / "assignments"
BUILD = ROOT / "_build"
