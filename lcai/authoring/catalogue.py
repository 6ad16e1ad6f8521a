"""The pages and files written from the modules' ``module.yml``: what ``lcai catalogue`` writes and checks.

Generated text sits between markers, ``BEGIN GENERATED <region>`` and ``END GENERATED <region>`` (HTML comments
in Markdown, YAML comments in ``_toc.yml``), so the prose around it stays the author's. The regions:

- ``modules`` in ``_toc.yml``: one part per published module, its overview page and its lessons;
- ``catalogue`` in ``book/catalogue.md``: the table of all modules and a section per module;
- ``module-table`` in ``README.md``;
- ``module-facts`` in each module's ``index.md``: outcomes, level, study load, prerequisites, lessons;
- ``outcome-coverage`` in each module's ``index.md``: outcomes x points of its assignment(s).

:func:`regenerate` rewrites the regions; :func:`stale_regions` says which differ from what would be written, which
``lcai check`` reports. :func:`catalogue_jsonld` and :func:`catalogue_rows` are the machine-readable catalogue the
book's build publishes (``catalogue.json``, ``catalogue.csv``).
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from lcai.authoring import coverage
from lcai.authoring.modules import Module, load_modules
from lcai.errors import KitError
from lcai.paths import COURSE, ROOT

LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
EQF_URL = "https://europass.europa.eu/en/description-eight-eqf-levels"
HOW_TO_EDIT = "edit module.yml, then run lcai catalogue"


@dataclass(frozen=True)
class Region:
    path: str  # relative to the repository root
    name: str
    comment: str  # "md" or "yaml"


def _markers(region: Region) -> tuple[str, str]:
    if region.comment == "yaml":
        return f"# BEGIN GENERATED {region.name} ({HOW_TO_EDIT})", f"# END GENERATED {region.name}"
    return f"<!-- BEGIN GENERATED {region.name} ({HOW_TO_EDIT}) -->", f"<!-- END GENERATED {region.name} -->"


def _plain(text: str) -> str:
    """Markdown and MyST roles out, for the JSON-LD, the CSV and table cells."""
    text = re.sub(r"\{cite\}`[^`]*`", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", text.replace("**", "").replace("`", "")).strip()


def _hours(hours: float) -> str:
    return f"{hours:g} hour" + ("" if hours == 1 else "s")


# --- the regions' text --------------------------------------------------------------------------------------------


def toc_modules(modules: list[Module]) -> str:
    lines = []
    for module in modules:
        if not module.published:
            continue
        lines += [f"  - caption: {module.title}", "    chapters:", f"      - file: modules/{module.id}/index"]
        if module.lessons:
            lines.append("        sections:")
            lines += [f"          - file: modules/{module.id}/{Path(lesson.file).stem}" for lesson in module.lessons]
    return "\n".join(lines)


def _status(module: Module) -> str:
    if not module.published:
        return "planned"
    parts = f"{len(module.lessons)} lessons, {len(module.assignments)} assignment" + (
        "s" if len(module.assignments) != 1 else ""
    )
    return f"{module.status}: {parts}"


def module_table(modules: list[Module]) -> str:
    lines = ["| module | city | case | status |", "| --- | --- | --- | --- |"]
    for module in modules:
        name = f"[{module.title}](modules/{module.id}/index.md)" if module.published else module.title
        lines.append(f"| {name} | {module.community['city']} | {module.case['in_brief']} | {_status(module)} |")
    return "\n".join(lines)


def catalogue(modules: list[Module]) -> str:
    lines = [
        "| module | city | level | study load | lead technique | responsible-AI theme | status |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for module in modules:
        name = f"[{module.title}](../modules/{module.id}/index.md)" if module.published else module.title
        lines.append(
            f"| {name} | {module.community['city']} | {module.level['description']} (EQF {module.level['eqf']}) | "
            f"{_hours(module.study_load_hours)} ({module.ects:g} EC) | {module.lead_technique} | "
            f"{module.responsible_ai_theme} | {module.status} |"
        )
    for module in modules:
        lines += ["", f"## {module.title}", ""]
        where = f"*Community: {module.community['city']} ({module.community['institution']}). Status: {module.status}.*"
        if module.published:
            where += f" Go to the module: [{module.title}](../modules/{module.id}/index.md)."
        lines += [where, "", module.case["description"], "", "After the module, students can:", ""]
        lines += [f"- {_plain(outcome.text)}" for outcome in module.outcomes]
    return "\n".join(lines)


def module_facts(module: Module) -> str:
    lines = ["## Learning outcomes", "", "After this module you can:", ""]
    lines += [f"- **{outcome.id}.** {outcome.text}" for outcome in module.outcomes]
    level = module.level
    lines += [
        "",
        "## Level",
        "",
        f"{level['description']}; NLQF level {level['nlqf']}, EQF level {level['eqf']}. "
        f"{level.get('audience', '')}".strip(),
        "",
        "## Study load",
        "",
    ]
    minutes = [lesson.minutes for lesson in module.lessons]
    load = f"About {_hours(module.study_load_hours)} ({module.ects:g} EC at 28 hours per EC)"
    if minutes:
        load += f": {len(minutes)} lessons of {min(minutes)}-{max(minutes)} minutes"
        load += "".join(f", a {a.hours:g}-hour assignment" for a in module.assignments)
        load += ", and self-study: redoing the exercises and quizzes, changes of your own, and the further reading."
    else:
        load += "."
    lines += [load, "", "## Prerequisites", ""]
    lines += [f"- {item}" for item in module.prerequisites] or ["None."]
    lines += ["", "## Lessons", ""]
    for number, lesson in enumerate(module.lessons, start=1):
        lines.append(
            f"- [{number}. {lesson.title}]({lesson.file}) ({lesson.minutes} minutes; "
            f"{', '.join(lesson.outcomes)}): {lesson.summary}"
        )
    return "\n".join(lines)


def outcome_coverage(module: Module, course_root: Path) -> str:
    parts = []
    for assignment in module.assignments:
        parts.append(
            f"Points per learning outcome in `{assignment.name}`:\n\n"
            f"{coverage.coverage_table(module, assignment.name, course_root)}"
        )
    return "\n\n".join(parts) or "No assignment yet."


# --- writing and checking the regions ----------------------------------------------------------------------------


def regions(modules: list[Module]) -> list[Region]:
    found = [
        Region("_toc.yml", "modules", "yaml"),
        Region("book/catalogue.md", "catalogue", "md"),
        Region("README.md", "module-table", "md"),
    ]
    for module in modules:
        if module.published:
            found.append(Region(f"modules/{module.id}/index.md", "module-facts", "md"))
            found.append(Region(f"modules/{module.id}/index.md", "outcome-coverage", "md"))
    return found


def _render(region: Region, modules: list[Module], course_root: Path) -> str:
    if region.name == "modules":
        return toc_modules(modules)
    if region.name == "catalogue":
        return catalogue(modules)
    if region.name == "module-table":
        return module_table(modules)
    module = next(m for m in modules if region.path == f"modules/{m.id}/index.md")
    return module_facts(module) if region.name == "module-facts" else outcome_coverage(module, course_root)


def _replace(text: str, region: Region, body: str) -> str:
    begin, end = _markers(region)
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start:
        raise KitError(f"{region.path}: has no region {region.name}: add the lines {begin!r} and {end!r}.")
    blank = "\n" if region.comment == "md" else ""
    return text[: start + len(begin)] + f"\n{blank}{body}\n{blank}" + text[stop:]


def _updated(root: Path, course_root: Path) -> dict[Path, tuple[str, str]]:
    """Each file with generated regions -> (text now, text with every region rendered)."""
    modules = load_modules(root / "modules")
    files: dict[Path, tuple[str, str]] = {}
    for region in regions(modules):
        path = root / region.path
        if path not in files:
            if not path.is_file():
                raise KitError(f"{region.path}: missing: restore it from version control or `lcai new module`.")
            text = path.read_text(encoding="utf-8")
            files[path] = (text, text)
        before, after = files[path]
        files[path] = (before, _replace(after, region, _render(region, modules, course_root)))
    return files


def regenerate(root: Path = ROOT, course_root: Path = COURSE) -> list[Path]:
    """Rewrite every generated region from the modules' metadata; returns the files that changed."""
    changed = []
    for path, (before, after) in _updated(root, course_root).items():
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed.append(path)
    return changed


def stale_regions(root: Path = ROOT, course_root: Path = COURSE) -> list[str]:
    """One line per file whose generated text differs from the modules' metadata."""
    try:
        updated = _updated(root, course_root)
    except KitError as error:
        return [str(error)]
    return [
        f"{path.relative_to(root)}: out of date with the modules' module.yml: run `lcai catalogue`."
        for path, (before, after) in updated.items()
        if before != after
    ]


# --- the machine-readable catalogue ------------------------------------------------------------------------------


def _module_jsonld(module: Module) -> dict:
    entry = {
        "@type": ["Course", "LearningResource"],
        "@id": f"#module-{module.id}",
        "identifier": module.id,
        "name": module.title,
        "description": _plain(module.case["description"]),
        "courseCode": module.id,
        "creativeWorkStatus": module.status,
        "learningResourceType": "module",
        "educationalLevel": [
            module.level["description"],
            {
                "@type": "DefinedTerm",
                "name": f"EQF level {module.level['eqf']}",
                "termCode": str(module.level["eqf"]),
                "inDefinedTermSet": EQF_URL,
            },
            {
                "@type": "DefinedTerm",
                "name": f"NLQF level {module.level['nlqf']}",
                "termCode": str(module.level["nlqf"]),
            },
        ],
        "timeRequired": f"PT{module.study_load_hours:g}H",
        "numberOfCredits": {"@type": "StructuredValue", "value": module.ects, "unitText": "EC"},
        "inLanguage": module.language,
        "license": LICENCE_URLS[module.licence],
        "provider": {
            "@type": "CollegeOrUniversity",
            "name": module.community["institution"],
            "address": {"@type": "PostalAddress", "addressLocality": module.community["city"], "addressCountry": "NL"},
        },
        "about": [module.lead_technique, module.responsible_ai_theme],
        "teaches": [
            {"@type": "DefinedTerm", "termCode": outcome.id, "name": _plain(outcome.text)}
            for outcome in module.outcomes
        ],
    }
    if module.prerequisites:
        entry["coursePrerequisites"] = [_plain(item) for item in module.prerequisites]
    if module.published:
        entry["url"] = f"modules/{module.id}/index.html"
        entry["hasPart"] = [
            {
                "@type": "LearningResource",
                "name": lesson.title,
                "url": f"modules/{module.id}/{Path(lesson.file).stem}.html",
                "timeRequired": f"PT{lesson.minutes}M",
                "learningResourceType": "lesson",
            }
            for lesson in module.lessons
        ]
    return entry


def catalogue_jsonld(modules: list[Module], *, title: str) -> dict:
    """Every module as schema.org JSON-LD (``Course`` and ``LearningResource``), in one graph."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": f"{title}: module catalogue",
        "numberOfItems": len(modules),
        "itemListElement": [
            {"@type": "ListItem", "position": number, "item": _module_jsonld(module)}
            for number, module in enumerate(modules, start=1)
        ],
    }


CSV_COLUMNS = [
    "id",
    "title",
    "status",
    "institution",
    "city",
    "level",
    "eqf",
    "nlqf",
    "study_load_hours",
    "ects",
    "language",
    "lead_technique",
    "responsible_ai_theme",
    "lessons",
    "assignments",
    "outcomes",
    "licence",
]


def catalogue_rows(modules: list[Module]) -> str:
    """The catalogue as CSV text, one row per module (outcomes joined with ' | ')."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for module in modules:
        writer.writerow(
            {
                "id": module.id,
                "title": module.title,
                "status": module.status,
                "institution": module.community["institution"],
                "city": module.community["city"],
                "level": module.level["description"],
                "eqf": module.level["eqf"],
                "nlqf": module.level["nlqf"],
                "study_load_hours": f"{module.study_load_hours:g}",
                "ects": f"{module.ects:g}",
                "language": module.language,
                "lead_technique": _plain(module.lead_technique),
                "responsible_ai_theme": _plain(module.responsible_ai_theme),
                "lessons": len(module.lessons),
                "assignments": " ".join(a.name for a in module.assignments),
                "outcomes": " | ".join(f"{o.id}: {_plain(o.text)}" for o in module.outcomes),
                "licence": module.licence,
            }
        )
    return buffer.getvalue()
