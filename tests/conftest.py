"""Shared test set-up: keep each lesson notebook on one worker when tests run in parallel."""

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # nbval runs a notebook's cells in one kernel, in order: they must stay together on one xdist worker.
    for item in items:
        if type(item).__name__ == "IPyNbCell":
            item.add_marker(pytest.mark.xdist_group(name=item.path.name))
