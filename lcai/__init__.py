"""lcai: the courseware kit of the Learning Communities for Applied AI.

Notebooks import from here instead of carrying helpers of their own:
``load_dataset`` for data, ``lcai.plotting`` for figure style, ``lcai.checks`` for assignment tests.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lcai")
except PackageNotFoundError:  # run from a checkout that was not installed
    __version__ = "0+unknown"

__all__ = ["DatasetError", "__version__", "load_dataset"]


def __getattr__(name: str):
    """``load_dataset`` and ``DatasetError`` load pandas on first use, not when the command line starts."""
    if name in {"load_dataset", "DatasetError"}:
        from lcai import datasets

        return getattr(datasets, name)
    raise AttributeError(f"module 'lcai' has no attribute {name!r}")
