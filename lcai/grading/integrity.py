"""Find student code that tampers with how tests report their result.

A test cell passes in nbgrader when its output has no error. Code that runs before the tests can change that
from inside the kernel (an IPython exception hook that swallows failures, a replaced builtin or library function,
code rewriting later cells), and no check inside the kernel can be trusted once that code has run. This scan
reads the submitted notebook itself, outside the kernel, and names each such construct; the grader then marks
the submission for a person to review instead of trusting its score.
"""

import ast

import nbformat

from lcai import cells

# Attributes through which code changes error reporting, tracing or later cells' source.
HOOK_ATTRIBUTES = {
    "set_custom_exc",
    "custom_exceptions",
    "excepthook",
    "__excepthook__",
    "settrace",
    "setprofile",
    "showtraceback",
    "_showtraceback",
    "showsyntaxerror",
    "input_transformers_cleanup",
    "input_transformers_post",
    "ast_transformers",
    "events",
    "run_cell",
    "run_cell_async",
    "user_global_ns",
    "_getframe",
    "get_referrers",
    "f_globals",
    "f_locals",
    "f_back",
    "__code__",
    "__globals__",
}
# Calls that run code the scan cannot read.
DYNAMIC_CALLS = {"exec", "eval", "compile", "__import__", "import_module", "setattr", "delattr"}
MODULES_OF_CONCERN = {"builtins", "ctypes", "gc", "inspect", "IPython", "ipykernel"}
# Settings that notebooks change on purpose (``plt.rcParams[...] = ...``, ``pd.options.display... = ...``).
SETTINGS = {"rcParams", "options"}


def _python_source(cell_source: str) -> str:
    """Cell source with IPython syntax (``%magic``, ``!shell``) turned into the Python it runs."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(cell_source)
    except Exception:  # noqa: BLE001 - IPython's own transformer failed: scan the raw text instead
        return cell_source


def _root_name(node: ast.AST) -> str | None:
    """``np`` for ``np.linalg.norm`` or ``np.x[0]``; None when the chain passes through a settings object."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute) and node.attr in SETTINGS:
            return None
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def problems_in_code(source: str) -> list[str]:
    """Tampering constructs in one cell's code, each as a short phrase; [] when it is clean or does not parse."""
    try:
        tree = ast.parse(_python_source(source))
    except SyntaxError:
        return []  # a cell that does not parse cannot run, so it cannot tamper with anything
    imported, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                imported.add((alias.asname or alias.name).split(".")[0])
                module = (node.module if isinstance(node, ast.ImportFrom) else alias.name) or ""
                if module.split(".")[0] in MODULES_OF_CONCERN:
                    found.append(f"imports {module}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in HOOK_ATTRIBUTES:
            found.append(f"uses .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in {"__builtins__", "globals", "locals", "vars"}:
            found.append(f"uses {node.id}")
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in DYNAMIC_CALLS:
                found.append(f"calls {name}()")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                root = _root_name(target)
                if isinstance(target, (ast.Attribute, ast.Subscript)) and root in imported | {"sys"}:
                    found.append(f"replaces something inside module {root}")
    return list(dict.fromkeys(found))


def notebook_problems(notebook: nbformat.NotebookNode, locked_sources: dict[str, str]) -> list[str]:
    """Tampering constructs in the cells a student wrote or changed, as ``"cell N: phrase"``.

    ``locked_sources`` maps the grade id of each locked cell to its source in the gradebook: those cells are
    restored before grading, so only changed or unlocked code cells are read.
    """
    problems = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        grade_id = cells.grade_id(cell)
        if grade_id in locked_sources and cell.source == locked_sources[grade_id]:
            continue
        problems += [f"cell {number}: {phrase}" for phrase in problems_in_code(cell.source)]
    return problems
