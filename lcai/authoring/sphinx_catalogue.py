"""Sphinx extension: the book's build writes ``catalogue.json`` and ``catalogue.csv`` next to its HTML.

Both come from the modules' ``module.yml`` (see :mod:`lcai.authoring.catalogue`), so the published catalogue
always matches the book it ships with. Listed in ``_config.yml`` under ``sphinx.extra_extensions``.
"""

import json
from pathlib import Path

from lcai.authoring.catalogue import catalogue_jsonld, catalogue_rows
from lcai.authoring.modules import load_modules


def _write_catalogue(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    modules = load_modules(Path(app.srcdir) / "modules")
    outdir = Path(app.outdir)
    document = catalogue_jsonld(modules, title=app.config.html_title or app.config.project)
    (outdir / "catalogue.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (outdir / "catalogue.csv").write_text(catalogue_rows(modules), encoding="utf-8")


def setup(app) -> dict:
    app.connect("build-finished", _write_catalogue)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
