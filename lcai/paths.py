"""Where the parts of the course live, relative to the repository root."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
MODULES = ROOT / "modules"
# The nbgrader course root; LCAI_COURSE points the command line at another copy (a real class, or a test's).
COURSE = Path(os.environ.get("LCAI_COURSE") or ROOT / "assignments").resolve()
BUILD = ROOT / "_build"
