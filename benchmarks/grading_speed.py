"""Time plain `nbgrader autograde` against `lcai grade` on the same generated class, in one run.

    .venv/bin/python benchmarks/grading_speed.py [--submissions 100] [--assignment NAME] [--workers N]

Makes two scratch copies of the course, releases the assignment in each and places the same submissions in
both: a repeating mix of correct (the model answers), partly wrong (the last answer left as released) and blank
(the release untouched). Then grades copy A with plain nbgrader and copy B with `lcai grade` (sandboxed, one
worker per core unless --workers says otherwise), checks that both gradebooks hold the same scores, and prints
both wall-clock times and their ratio. Nothing in the real course is touched.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from lcai.authoring import course
from lcai.grading import nbgrader_course, pool


def prepare(folder: Path, assignment: str, count: int) -> Path:
    root = nbgrader_course.copy_course(folder / "course")
    release = nbgrader_course.release(assignment=assignment, course_root=root)
    for source in course.source_notebooks(assignment, root):
        kinds = {
            "correct": nbgrader_course.answered_release(source, release / source.name),
            "wrong": nbgrader_course.answered_release(source, release / source.name, unanswered=2),
            "blank": nbformat.read(release / source.name, as_version=4),
        }
        for number in range(count):
            kind = list(kinds)[number % len(kinds)]
            nbgrader_course.submit(kinds[kind], f"{kind}-{number:03d}", assignment, source.name, root)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--assignment", default=course.assignment_names()[0])
    parser.add_argument("--workers", type=int, default=None, help="default: number of cores")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="lcai-benchmark-") as scratch:
        plain = prepare(Path(scratch) / "plain", args.assignment, args.submissions)
        ours = prepare(Path(scratch) / "lcai", args.assignment, args.submissions)
        print(f"{args.submissions} submissions of {args.assignment} on {cores} cores", flush=True)

        started = time.perf_counter()
        try:
            nbgrader_course.autograde(args.assignment, plain)
        except Exception as error:  # noqa: BLE001 - plain nbgrader reports failed submissions as an error; time it anyway
            print(f"plain nbgrader reported: {error}")
        plain_seconds = time.perf_counter() - started
        print(f"plain nbgrader autograde: {plain_seconds:7.1f} s", flush=True)

        started = time.perf_counter()
        results = pool.grade_assignment(course_root=ours, assignment=args.assignment, workers=args.workers)
        lcai_seconds = time.perf_counter() - started
        print(f"lcai grade:               {lcai_seconds:7.1f} s ({args.workers or cores} workers, sandboxed)")

        expected = nbgrader_course.autograded_scores(args.assignment, plain)
        same = {r.student: (r.score, r.max_score) for r in results} == expected
        statuses = sorted({r.status for r in results})
        print(f"same scores in both gradebooks: {'yes' if same else 'NO'}; statuses: {', '.join(statuses)}")
        print(f"ratio: {plain_seconds / lcai_seconds:.2f}x faster")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
