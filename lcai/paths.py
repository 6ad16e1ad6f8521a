"""Where the parts of the course live, relative to the repository root.

``LCAI_ROOT`` points the kit at another copy of the repository's content (modules, datasets, the course, the
book's files), as the tests do with a scratch copy; ``LCAI_COURSE`` at another nbgrader course only (a real class,
or a test's). The package itself is always the installed one (:data:`PACKAGE`).
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("LCAI_ROOT") or PACKAGE.parent).resolve()
DATASETS = ROOT / "datasets"
MODULES = ROOT / "modules"
COURSE = Path(os.environ.get("LCAI_COURSE") or ROOT / "assignments").resolve()
BUILD = ROOT / "_build"
