"""Build the Jupyter Book strictly, and fail loudly when a lesson does not execute.

Jupyter Book 1 exits 0 even when a notebook fails to execute, so after the build this module reads the
execution reports itself. Reads: ``_config.yml``, ``_toc.yml`` and the pages. Writes: ``<output>/_build/html``
and the full log in ``<output>/_build/book-build.log``.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

from lcai.errors import KitError
from lcai.paths import ROOT

# What the book is built from (see _toc.yml and _config.yml).
BOOK_SOURCES = ("_config.yml", "_toc.yml", "book", "modules")
_COLOUR_CODES = re.compile(r"\x1b\[[0-9;]*m")
_PROBLEM = re.compile(r"(WARNING|ERROR|CRITICAL):|Executing notebook failed|Exception occurred")


def jupyter_book_command() -> str:
    """The jupyter-book executable of the running Python environment."""
    return str(Path(sys.executable).parent / "jupyter-book")


def _staged_with(executed: dict[Path, nbformat.NotebookNode], source: Path, folder: Path) -> Path:
    """A copy of the book's sources in ``folder`` whose ``executed`` lessons keep their outputs and are not run again.

    Lessons not in ``executed`` (a new one, say) are executed by the build as usual.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name in BOOK_SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, folder / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif (source / name).is_file():
            shutil.copyfile(source / name, folder / name)
    staged = []
    for path, notebook in executed.items():
        relative = Path(path).resolve().relative_to(source.resolve())
        nbformat.write(notebook, folder / relative)
        staged.append(str(relative))
    config = yaml.safe_load((folder / "_config.yml").read_text(encoding="utf-8"))
    execute = config.setdefault("execute", {})
    execute["exclude_patterns"] = [*execute.get("exclude_patterns", []), *staged]
    (folder / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return folder


def build_book(
    *, source: Path = ROOT, output: Path | None = None, executed: dict[Path, nbformat.NotebookNode] | None = None
) -> Path:
    """Build the book from ``source`` into ``output`` (default: ``source``) with warnings as errors.

    ``executed`` (lesson path -> executed notebook) are lessons already run in this process, as the test run's
    nbval run leaves them: the book is then built from a staged copy with those outputs, executing only the others.
    Returns the path of the built ``index.html``; raises KitError with a one-line reason otherwise.
    """
    output = output or source
    if executed:
        source = _staged_with(executed, source, output / "_staged")
    log_path = output / "_build" / "book-build.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [jupyter_book_command(), "build", str(source), "--path-output", str(output), "-W", "-n", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True)
    log = _COLOUR_CODES.sub("", result.stdout + result.stderr)
    log_path.write_text(log)

    html = output / "_build" / "html"
    failed = sorted((html / "reports").glob("**/*.err.log")) if (html / "reports").is_dir() else []
    if failed:
        notebook = failed[0].name.removesuffix(".err.log")
        raise KitError(
            f"lesson {notebook} failed to execute ({len(failed)} notebook(s) in all): "
            f"see {failed[0]} and fix the failing cell."
        )
    problems = [line.strip() for line in log.splitlines() if _PROBLEM.search(line)]
    if result.returncode != 0 or problems:
        first = problems[0] if problems else f"jupyter-book exited with code {result.returncode}"
        raise KitError(f"the book build failed ({len(problems)} problem(s)); first: {first} — full log: {log_path}")
    index = html / "index.html"
    if not index.is_file():
        raise KitError(f"the book build made no {index}: see {log_path}.")
    return index
