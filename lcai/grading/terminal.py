"""What ``lcai grade`` prints: a progress bar or one line per submission, and the summary table."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lcai.grading.submission import Result


def printable(text: str) -> str:
    """``text`` with control and format characters (escape sequences, carriage returns, bidirectional overrides)
    written as ``\\x1b``-style escapes, so a student id or file name cannot rewrite the lecturer's terminal or log."""
    return "".join(
        character if character.isprintable() or character == " " else character.encode("unicode_escape").decode()
        for character in text
    )


def summary_table(results: list[Result]) -> str:
    """A plain-text table: submissions needing attention first, then the rest, then counts per status."""
    rows = sorted(results, key=lambda r: (not r.needs_attention, r.student))
    header = ("student", "status", "score", "detail")
    table = [header] + [
        (printable(r.student), r.status, "" if r.score is None else f"{r.score:g}/{r.max_score:g}", printable(r.detail))
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in table
    ]
    counts = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    lines.append("")
    lines.append(", ".join(f"{status}: {number}" for status, number in sorted(counts.items())))
    return "\n".join(line.rstrip() for line in lines)


def progress_printer(stream=None):
    """A progress bar on a terminal; one line per submission otherwise (logs, CI)."""
    stream = stream or sys.stderr
    live = stream.isatty()

    def show(done: int, total: int, result: Result) -> None:
        if live:
            filled = int(30 * done / total)
            stream.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {printable(result.student)}: {result.status}"
                + " " * 10
                + ("\n" if done == total else "")
            )
        else:
            stream.write(f"[{done}/{total}] {printable(result.student)}: {result.status}\n")
        stream.flush()

    return show
