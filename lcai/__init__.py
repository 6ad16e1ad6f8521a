"""lcai: the courseware kit of the Learning Communities for Applied AI.

Notebooks import from here instead of carrying helpers of their own:
``load_dataset`` for data, ``lcai.plotting`` for figure style, ``lcai.checks`` for assignment tests.
"""

from lcai.datasets import DatasetError, load_dataset

__all__ = ["DatasetError", "load_dataset"]
