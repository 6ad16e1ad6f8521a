"""The lecturer's command line: ``lcai <verb>``, one verb per task, each with an example in ``--help``.

Each verb imports what it needs when it runs (nbgrader, nbformat and pandas take seconds to load), so that
``lcai --help`` and ``lcai VERB --help`` answer at once; ``benchmarks/cli_speed.py`` measures it.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from lcai import __version__
from lcai.errors import KitError
from lcai.grading import export, sandbox
from lcai.paths import COURSE, ROOT


def _build(args) -> None:
    from lcai.authoring import book
    from lcai.grading import nbgrader_course

    _write_catalogue()
    index = book.build_book(source=ROOT)
    print(f"book built: {index}")
    for release in nbgrader_course.release_all(course_root=COURSE):
        print(f"student release: {release}")


def _write_catalogue() -> None:
    from lcai.authoring import catalogue

    for path in catalogue.regenerate(root=ROOT, course_root=COURSE):
        print(f"updated from module.yml: {path.relative_to(ROOT)}")


def _catalogue(args) -> None:
    _write_catalogue()
    print("generated pages match every module.yml (_toc.yml, book/catalogue.md, README.md, overview pages)")


def _coverage(args) -> None:
    from lcai.authoring import coverage, modules

    chosen = [modules.find_module(name) for name in args.modules] if args.modules else modules.load_modules()
    problems = []
    for module in chosen:
        if module.assignments:
            print(coverage.coverage_report(module, COURSE) + "\n")
        problems += coverage.coverage_problems(module, COURSE)
    for problem in problems:
        print(problem)
    if problems:
        raise KitError(
            f"{len(problems)} coverage problem(s): every graded cell names its outcomes, every outcome earns points."
        )


def _report_written(written) -> None:
    for step in written:
        print(step.line(ROOT))
    print("next: fill in every TODO(lcai) (`lcai check` lists them), then `make test`")


def _new_module(args) -> None:
    from lcai.authoring import scaffold

    lessons = tuple(args.lessons) if args.lessons else scaffold.DEFAULT_LESSONS
    _report_written(
        scaffold.new_module(
            module_id=args.id,
            title=args.title,
            institution=args.community,
            city=args.city,
            lesson_titles=lessons,
            dataset=args.dataset,
            assignment=args.assignment,
            root=ROOT,
            course_root=COURSE,
        )
    )


def _new_lesson(args) -> None:
    from lcai.authoring import scaffold

    _report_written(scaffold.new_lesson(module_id=args.module, title=args.title, root=ROOT, course_root=COURSE))


def _new_dataset(args) -> None:
    from lcai.authoring import scaffold

    _report_written(scaffold.new_dataset(name=args.name, datasets_root=ROOT / "datasets"))


def _book(args) -> None:
    from lcai.authoring import book

    _write_catalogue()
    print(f"book built: {book.build_book(source=ROOT)}")


def _release(args) -> None:
    from lcai.authoring import course
    from lcai.grading import nbgrader_course

    names = args.assignments or course.assignment_names(COURSE)
    for name in names:
        print(f"student release: {nbgrader_course.release(assignment=name, course_root=COURSE)}")


def _dataset_verify(args) -> None:
    from lcai import datasets

    names = args.names or datasets.available_datasets()
    for name in names:
        print(f"{name}: ok ({datasets.verify_dataset(name)})")


def _dataset_regenerate(args) -> None:
    from lcai import datasets

    datasets.verify_known(args.name)
    generator = datasets.datasets_root() / args.name / "generate.py"
    if not generator.is_file():
        raise KitError(
            f"dataset {args.name!r} has no generate.py: it is not synthetic, restore it from version control."
        )
    result = subprocess.run([sys.executable, str(generator)], capture_output=True, text=True)
    if result.returncode != 0:
        raise KitError(f"{generator} failed: {(result.stderr.strip().splitlines() or ['no output'])[-1]}")
    print(f"{args.name}: regenerated ({datasets.verify_dataset(args.name)})")


def _strip(args) -> None:
    from lcai.authoring import course, notebooks

    paths = [Path(p) for p in args.notebooks] or course.lesson_notebooks()
    for path in paths:
        print(f"{path}: {'stripped' if notebooks.strip_file(path) else 'already clean'}")


def _check(args) -> None:
    from lcai.authoring import lint

    problems = lint.course_problems()
    for problem in problems:
        print(problem)
    if problems:
        raise KitError(f"{len(problems)} problem(s) found: fix them and run `lcai check` again.")
    print("the course is sound: no problems found")


def _grade(args) -> int:
    from lcai.grading import nbgrader_course, pool, terminal

    nbgrader_course.require_assignment(assignment=args.assignment, course_root=COURSE)
    if args.no_sandbox:
        print("lcai: WARNING: --no-sandbox: student code runs as you, with your files and network.", file=sys.stderr)
    limits = sandbox.Limits(memory_mib=args.memory)
    results = pool.grade_assignment(
        course_root=COURSE,
        assignment=args.assignment,
        students=args.students or None,
        workers=args.workers,
        timeout=args.timeout,
        use_sandbox=not args.no_sandbox,
        limits=limits,
        progress=terminal.progress_printer(),
    )
    print(terminal.summary_table(results))
    attention = [r.student for r in results if r.needs_attention]
    if attention:
        print(
            f"{len(attention)} submission(s) need attention; `lcai export` leaves their grades empty until you "
            f"review them and run `lcai reviewed {args.assignment} STUDENT`.",
            file=sys.stderr,
        )
        return 3
    return 0


def _reviewed(args) -> None:
    from lcai.grading import statuses

    statuses.mark_reviewed(course_root=COURSE, assignment=args.assignment, students=args.students)
    print(f"reviewed: {', '.join(args.students)} (their grades are exported again)")


def _feedback(args) -> None:
    from lcai.grading import feedback

    for page in feedback.generate_feedback(assignment=args.assignment, course_root=COURSE):
        print(f"feedback: {page}")


def _export(args) -> None:
    output = export.export_grades(
        course_root=COURSE, lms=args.lms, output=Path(args.output), assignments=args.assignments or None
    )
    print(f"grades for {args.lms}: {output} (empty grades and why: {export.attention_path(output)})")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lcai", description="Courseware kit of the Learning Communities for AI.")
    parser.add_argument("--version", action="version", version=f"lcai {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    def verb(name, handler, summary, example, group=verbs):
        sub = group.add_parser(name, help=summary, description=summary, epilog=f"example: {example}")
        sub.set_defaults(handler=handler)
        return sub

    verb(
        "build",
        _build,
        "update the generated pages from module.yml, build the book strictly and generate every student release",
        "lcai build",
    )
    verb("book", _book, "build the book strictly (warnings are errors; a failing lesson fails)", "lcai book")
    release = verb(
        "release",
        _release,
        "generate student releases with nbgrader",
        "lcai release energy-transition-heat-pump-advice",
    )
    release.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every assignment")
    dataset = verb("dataset", None, "verify or regenerate the course's datasets", "lcai dataset verify dutch-dwellings")
    dataset_verbs = dataset.add_subparsers(dest="dataset_verb", required=True, metavar="ACTION")
    verify = verb(
        "verify", _dataset_verify, "check files against their checksums", "lcai dataset verify dutch-dwellings",
        group=dataset_verbs,
    )  # fmt: skip
    verify.add_argument("names", nargs="*", metavar="NAME", help="default: every dataset")
    regenerate = verb(
        "regenerate", _dataset_regenerate, "rerun a synthetic dataset's seeded generator",
        "lcai dataset regenerate dutch-dwellings", group=dataset_verbs,
    )  # fmt: skip
    regenerate.add_argument("name", metavar="NAME")
    verb(
        "catalogue",
        _catalogue,
        "write _toc.yml's module parts, the catalogue page, the README's module table and each overview page's "
        "generated sections from the modules' module.yml",
        "lcai catalogue",
    )
    outcome_coverage = verb(
        "coverage",
        _coverage,
        "print each assignment's points per learning outcome; fail when an outcome earns none",
        "lcai coverage energy-transition",
    )
    outcome_coverage.add_argument("modules", nargs="*", metavar="MODULE", help="default: every module")
    new = verb(
        "new",
        None,
        "scaffold a module, lesson or dataset; every part still to write is marked TODO(lcai)",
        'lcai new module public-services --title "Public services" --community "Amsterdam University of Applied '
        'Sciences" --city Amsterdam',
    )
    new_verbs = new.add_subparsers(dest="new_verb", required=True, metavar="WHAT")
    new_module = verb(
        "module", _new_module,
        "a module: module.yml, overview, lessons with quizzes, an assignment and a dataset skeleton",
        'lcai new module public-services --title "Public services" --community "Amsterdam University of Applied '
        'Sciences" --city Amsterdam', group=new_verbs,
    )  # fmt: skip
    new_module.add_argument("id", metavar="ID", help="the module's folder name, e.g. public-services")
    new_module.add_argument("--title", help="the module's title (a planned module has one)")
    new_module.add_argument("--community", metavar="INSTITUTION", help="the learning community's institution")
    new_module.add_argument("--city", help="the learning community's city")
    new_module.add_argument(
        "--lesson", dest="lessons", action="append", metavar="TITLE", help="a lesson's title (repeatable; default: 3)"
    )
    new_module.add_argument("--dataset", metavar="NAME", help="its dataset (default: ID-data; an existing one is kept)")
    new_module.add_argument("--assignment", metavar="NAME", help="its assignment (default: ID-case-assignment)")
    new_lesson = verb(
        "lesson", _new_lesson, "a lesson with the lesson anatomy and its quiz, after the module's last lesson",
        'lcai new lesson energy-transition "Monitoring the model"', group=new_verbs,
    )  # fmt: skip
    new_lesson.add_argument("module", metavar="MODULE")
    new_lesson.add_argument("title", metavar="TITLE")
    new_dataset = verb(
        "dataset", _new_dataset, "a dataset: datasheet, seeded generator, data file and checksum",
        "lcai new dataset amsterdam-reports", group=new_verbs,
    )  # fmt: skip
    new_dataset.add_argument("name", metavar="NAME")
    strip = verb(
        "strip",
        _strip,
        "remove outputs from lesson notebooks, keeping key-result cells",
        "lcai strip modules/energy-transition/01-homes-and-heat-loss.ipynb",
    )
    strip.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="default: every lesson")
    verb(
        "check", _check, "check that modules, lessons, assignments and datasets follow the course design", "lcai check"
    )
    grade = verb(
        "grade",
        _grade,
        "grade every submission in submitted/ with nbgrader: in parallel, sandboxed, one status each "
        "(exit 3 when a submission needs attention)",
        "lcai grade energy-transition-heat-pump-advice --workers 2",
    )
    grade.add_argument("assignment", metavar="ASSIGNMENT")
    grade.add_argument(
        "--student",
        dest="students",
        action="append",
        metavar="ID",
        help="only this student (repeatable); default: every submission",
    )
    grade.add_argument("--workers", type=_positive, metavar="N", help="parallel gradings (default: number of cores)")
    grade.add_argument("--timeout", type=_positive, metavar="SECONDS", help="per cell (default: nbgrader_config.py)")
    grade.add_argument(
        "--memory",
        type=_positive,
        default=sandbox.Limits.memory_mib,
        metavar="MIB",
        help=f"address space per kernel (default: {sandbox.Limits.memory_mib})",
    )
    grade.add_argument("--no-sandbox", action="store_true", help="run student code unconfined (not recommended)")
    reviewed = verb(
        "reviewed",
        _reviewed,
        "mark submissions that needed attention as reviewed, so their grades are exported",
        "lcai reviewed energy-transition-heat-pump-advice s1234567",
    )
    reviewed.add_argument("assignment", metavar="ASSIGNMENT")
    reviewed.add_argument("students", nargs="+", metavar="STUDENT")
    student_feedback = verb(
        "feedback",
        _feedback,
        "write student feedback: score per cell and visible tests, never hidden tests",
        "lcai feedback energy-transition-heat-pump-advice",
    )
    student_feedback.add_argument("assignment", metavar="ASSIGNMENT")
    grades = verb(
        "export", _export, "write grades as a CSV file for Brightspace, Canvas or Moodle", "lcai export --lms canvas"
    )
    grades.add_argument("--lms", required=True, choices=export.LMS_CHOICES)
    grades.add_argument("--output", default="grades.csv", metavar="FILE", help="default: grades.csv")
    grades.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every graded assignment")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one verb; a KitError becomes a one-line message and exit code 1."""
    args = command_parser().parse_args(argv)
    try:
        code = args.handler(args)
    except KitError as error:
        print(f"lcai: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lcai: interrupted", file=sys.stderr)
        return 130
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
