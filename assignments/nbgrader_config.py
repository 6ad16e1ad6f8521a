"""nbgrader configuration of the course. Run nbgrader from this folder (it reads this file from the current folder)."""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

COURSE_ROOT = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "lcai-applied-ai"
c.CourseDirectory.root = str(COURSE_ROOT)
# The gradebook lives inside the course root, whichever folder nbgrader is started from.
c.CourseDirectory.db_url = f"sqlite:///{COURSE_ROOT / 'gradebook.db'}"
# Files a student release never needs.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A lesson cell may train a model: give each cell up to two minutes before it counts as hanging.
c.ExecutePreprocessor.timeout = 120
c.Execute.timeout = 120
# A student who deletes a test cell gets it back, so its points cannot disappear with it.
c.OverwriteCells.add_missing_cells = True
# Students see their score per cell and the visible tests, never the hidden ones.
c.ClearHiddenTests.enforce_metadata = True
# Test cells earn their points from the grader's comparison of what they recorded with the model solution's records
# (lcai.grading.verdicts), not from what the student's kernel reports: the same for `lcai grade`, `nbgrader autograde`
# and the formgrader's autograde button.
from lcai.grading.verdicts import autograde_preprocessors  # noqa: E402

c.Autograde.autograde_preprocessors = autograde_preprocessors()
