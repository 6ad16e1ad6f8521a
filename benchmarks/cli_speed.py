"""Time how fast the command line answers: ``lcai --help``, ``lcai --version`` and ``lcai VERB --help``.

    .venv/bin/python benchmarks/cli_speed.py [--runs 5]

Starts each command as a new process, as a lecturer's shell does, several times, and prints the median and the
slowest wall-clock time of each. The target is under 0.5 s for every one; the script exits 1 when a command
misses it. It reads nothing of the course and writes nothing.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.5
LCAI = Path(sys.executable).parent / "lcai"


def verbs() -> list[str]:
    """Every verb of the command line, from its own parser."""
    from lcai.cli import command_parser

    subcommands = next(action for action in command_parser()._actions if isinstance(action, argparse._SubParsersAction))
    return list(subcommands.choices)


def timed(command: list[str], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    commands = [["--help"], ["--version"], *([verb, "--help"] for verb in verbs())]
    slow = []
    for command in commands:
        seconds = timed([str(LCAI), *command], args.runs)
        print(f"lcai {' '.join(command):<20} median {statistics.median(seconds):.3f} s, slowest {max(seconds):.3f} s")
        if max(seconds) >= TARGET_SECONDS:
            slow.append(" ".join(command))
    print(f"target: every command under {TARGET_SECONDS} s: {'met' if not slow else 'missed by ' + ', '.join(slow)}")
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
