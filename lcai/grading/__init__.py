"""The lecturer's grading: ``lcai grade``, feedback and grade export, on nbgrader.

- :mod:`~lcai.grading.pool`: one grading run of an assignment: the model solution's records, the worker pool.
- :mod:`~lcai.grading.submission`: grading one submission in a scratch course with nbgrader's own autograde.
- :mod:`~lcai.grading.execution`: nbgrader's Execute step with an output cap, a sealed socket folder and the
  files a notebook writes kept.
- :mod:`~lcai.grading.gradebook`: what the grader reads from and writes to nbgrader's gradebook.
- :mod:`~lcai.grading.files`: copying only the regular files that really are inside a submission.
- :mod:`~lcai.grading.statuses`: one status per submission, for people and for the export.
- :mod:`~lcai.grading.terminal`: progress lines and the summary table, with student ids escaped.
- :mod:`~lcai.grading.sandbox` and :mod:`~lcai.grading.kernel`: the kernel's bubblewrap sandbox and the kernel.
- :mod:`~lcai.grading.verdicts`: test-cell verdicts outside the kernel; :mod:`~lcai.grading.integrity`: code
  that tampers with tests, read outside the kernel; :mod:`~lcai.grading.sanitize`: no student markup in pages.
- :mod:`~lcai.grading.feedback`, :mod:`~lcai.grading.export`, :mod:`~lcai.grading.nbgrader_course`.

Nothing is imported here: the sandboxed kernel starts from this package and must stay light.
"""
