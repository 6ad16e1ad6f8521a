"""Make graded notebooks safe to open as HTML: no markup or script from a student runs in the lecturer's browser.

The formgrader renders ``autograded/<student>/<assignment>/*.ipynb`` to HTML on the Jupyter server's own origin,
so a script in a submission could call the formgrader's API (and the server's) as the lecturer. The feedback
pages made from the same notebooks are opened by students and lecturers. ``sanitize_notebook`` rewrites a graded
notebook so that nbconvert's HTML exporter (lab and classic templates, nbgrader's formgrade and feedback
templates) shows what the student produced as text, and no markup:

- **Outputs** keep ``text/plain`` and ``image/png`` / ``image/jpeg`` (valid base64 only, shown inside ``<img>``).
  Every other MIME type (HTML, JavaScript, SVG, Markdown, LaTeX, widget views, anything unknown) is removed;
  when no useful ``text/plain`` is left (none, or a bare ``<IPython.core.display.HTML object>``), the removed
  content goes into ``text/plain`` after a note such as ``[lcai: HTML output shown as text]``. Output metadata
  keeps only numeric width/height, ``unconfined``, ``needs_background`` and a plain ``alt`` of the images (the
  templates write width/height into ``<img>`` unquoted). Streams and errors are plain text, which nbconvert
  escapes (``ansi2html``); they are only made well-formed. Execution counts must be integers (the templates
  write them unescaped).
- **Markdown cells** are rendered with nbconvert's own Markdown renderer (mistune, as ``markdown2html`` calls it)
  and the result is checked against a strict list of tags, attributes and URL schemes. nbconvert passes raw HTML
  through and keeps every link URL as written (``javascript:``, ``vbscript:``, ``data:``, also entity-encoded),
  and writes ````mermaid`` blocks into the page unescaped. A cell that fails the check first gets each ``<``
  outside code spans, fenced code and math written as ``&lt;`` (raw HTML then shows as text); if it still fails
  (a harmful link, a mermaid block, a missing attachment), the whole cell is shown as its Markdown source in a
  fenced code block. Attachments keep only PNG and JPEG.
- **Raw cells** (nbconvert includes those with no or an HTML/Markdown mimetype in the page) become their source,
  escaped, inside ``<pre>``, with the HTML mimetype.
- **Metadata the templates render**: the notebook's ``widgets`` state (loaded and rendered by the widget manager)
  is removed; a ``title``, cell ``tags`` and ``alt`` with markup characters are removed.

Each rewritten Markdown cell, raw cell and output starts with a short ``[lcai: ...]`` note saying what was done.
nbgrader metadata and cell ids are never changed: autograde has already reset every grade id to the
instructor's (which matters, as the formgrade template writes grade ids into the page unescaped), and nbconvert
escapes cell ids. Running it again changes nothing.

Links in Markdown may go to http(s), mailto, a place in the page, or a relative path that is not a page
(``lesson.ipynb``, ``data.csv``): the formgrader serves every file of ``autograded/<student>/<assignment>/`` on
its own origin without a sandbox, so a relative link to a student's ``page.html`` or ``drawing.svg`` would run
it there when clicked.

Not covered: those other files themselves, handed in or written while graded (a lecturer who opens a student's
``page.html`` or ``image.svg`` from the formgrader's URL runs it; ``pages_in`` lists them); images loaded from
http(s) URLs in Markdown (they reveal that the page was opened); LaTeX in Markdown is left to MathJax, which
nbconvert loads with its ``Safe`` extension; Markdown renderers other than nbconvert's are not checked
(JupyterLab sanitises on its own); and student or notebook names, which come from the course, not the notebook.
"""

import base64
import binascii
import html
import json
import mimetypes
import re
import urllib.parse
from pathlib import Path

import nbformat
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbgrader.preprocessors import NbGraderPreprocessor

SAFE_IMAGES = ("image/png", "image/jpeg")
# Removed output types whose content is shown as text, most readable first, with the name in the note.
SHOWN_AS_TEXT = {
    "text/html": "HTML",
    "text/markdown": "Markdown",
    "text/latex": "LaTeX",
    "image/svg+xml": "SVG",
    "application/javascript": "JavaScript",
    "text/javascript": "JavaScript",
    "application/json": "JSON",
}
OUTPUT_NOTE = "[lcai: {kind} output shown as text]"
MARKDOWN_ESCAPED_NOTE = "*\\[lcai: HTML in this answer is shown as text\\]*"
MARKDOWN_SOURCE_NOTE = (
    "*\\[lcai: this cell is shown as its Markdown source: it had markup or a link that could run in a browser\\]*"
)
RAW_PREFIX = '<pre class="lcai-raw-as-text">'
RAW_NOTE = "[lcai: raw cell ({mimetype}) shown as text]"

# The text/plain IPython writes for an object that only has a rich representation.
_PLACEHOLDER = re.compile(r"<[\w.]+ object(?: at 0x[0-9a-fA-F]+)?>")
_MARKUP = re.compile(r"[<>&\"'`]")
_TEXT_MARKUP = re.compile(r"[<>&]")
_TAG_TEXT = re.compile(r"[\w\-.:]+")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")

# What nbconvert's Markdown renderer makes from Markdown without HTML: tag -> allowed attributes.
_HEADING = {"id"}
_ALLOWED = {
    **{tag: set() for tag in ("p", "br", "hr", "em", "strong", "del", "blockquote", "ul", "table", "thead")},
    **{tag: set() for tag in ("tbody", "tr", "dl", "dt", "dd")},
    **{f"h{level}": _HEADING for level in range(1, 7)},
    "code": {"class"},
    "pre": {"class"},
    "div": {"class"},
    "span": {"class"},
    "ol": {"start"},
    "li": {"class"},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "th": {"style"},
    "td": {"style"},
    "input": {"class", "type", "disabled", "checked"},
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:=\"[^\"<>]*\")?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"\s+([a-zA-Z][a-zA-Z0-9-]*)(?:=\"([^\"<>]*)\")?")
_CLASS = re.compile(r"[\w\- ]*")
_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg);base64,[A-Za-z0-9+/=]*")
_PAGE_SUFFIXES = (
    ".html",
    ".htm",
    ".xhtml",
    ".xht",
    ".shtml",
    ".svg",
    ".svgz",
    ".xml",
    ".xsl",
    ".xslt",
    ".mht",
    ".mhtml",
)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
# Where nbconvert's math ends (its MathInlineParser): not after a backslash, nor (inline) after a dollar sign.
_DISPLAY_MATH_END = re.compile(r"(?<!\\)\$\$")
_INLINE_MATH_END = re.compile(r"(?<![$\\])\$")
_BEGIN = re.compile(r"\\begin\{([a-z]*\*?)\}")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _text(value) -> str:
    """A notebook string, also when stored as a list of lines; anything else as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "".join(value)
    return json.dumps(value, indent=1, sort_keys=True, default=str)


def _base64_image(value) -> str | None:
    """The base64 text of an image without whitespace, or None when it is not valid base64."""
    if not isinstance(value, str | list):
        return None
    data = re.sub(r"\s", "", _text(value))
    if not _BASE64.fullmatch(data):
        return None
    try:
        base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data


def _plain(value, markup: re.Pattern = _MARKUP) -> bool:
    """Whether a metadata string can be written into a page (an attribute, by default) without carrying markup."""
    return isinstance(value, str) and not markup.search(value)


# --- outputs -------------------------------------------------------------------------------------------------


def _image_metadata(metadata: dict, mimetype: str) -> dict:
    """The image metadata the templates use, from the MIME type's entry and the top level, with safe values."""
    merged = {**metadata, **(metadata.get(mimetype) if isinstance(metadata.get(mimetype), dict) else {})}
    safe = {}
    for key in ("width", "height"):
        value = merged.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            safe[key] = value
    if isinstance(merged.get("unconfined"), bool):
        safe["unconfined"] = merged["unconfined"]
    if merged.get("needs_background") in ("light", "dark"):
        safe["needs_background"] = merged["needs_background"]
    if _plain(merged.get("alt")):
        safe["alt"] = merged["alt"]
    return safe


def _sanitize_bundle(output) -> int:
    """Keep plain text and PNG/JPEG in a display_data/execute_result output; returns the number of changes."""
    data = output.get("data") if isinstance(output.get("data"), dict) else {}
    metadata = output.get("metadata") if isinstance(output.get("metadata"), dict) else {}
    malformed = not isinstance(output.get("data"), dict)
    kept, removed = {}, {}
    for mimetype, value in data.items():
        if mimetype == "text/plain" and isinstance(value, str | list):
            kept[mimetype] = _text(value)
        elif mimetype in SAFE_IMAGES and _base64_image(value) is not None:
            kept[mimetype] = _base64_image(value)
        else:
            removed[mimetype] = value
    changes = malformed + len(removed) + (not removed and kept != data)  # lines joined, base64 without whitespace
    if removed:
        plain = kept.get("text/plain")
        if plain is None or _PLACEHOLDER.fullmatch(plain.strip()):
            order = [m for m in SHOWN_AS_TEXT if m in removed] + [m for m in removed if m not in SHOWN_AS_TEXT]
            shown = order[0]
            kind = SHOWN_AS_TEXT.get(shown, shown)
            kept["text/plain"] = OUTPUT_NOTE.format(kind=kind) + "\n" + _text(removed[shown])
    safe_metadata = {mimetype: _image_metadata(metadata, mimetype) for mimetype in SAFE_IMAGES if mimetype in kept}
    safe_metadata = {mimetype: value for mimetype, value in safe_metadata.items() if value}
    changes += safe_metadata != metadata
    output["data"] = nbformat.from_dict(kept)
    output["metadata"] = nbformat.from_dict(safe_metadata)
    if output.get("output_type") == "execute_result":
        changes += _sanitize_count(output)
    return changes


def _sanitize_count(node) -> int:
    """Make ``execution_count`` an integer or None (the templates write it into the page unescaped)."""
    count = node.get("execution_count")
    if count is None or (isinstance(count, int) and not isinstance(count, bool)):
        return 0
    node["execution_count"] = None
    return 1


def _sanitize_output(output) -> tuple[nbformat.NotebookNode, int]:
    """A safe version of one output and the number of changes."""
    kind = output.get("output_type") if isinstance(output, dict) else None
    if kind in ("display_data", "execute_result"):
        changes = _sanitize_bundle(output)
        return output, changes
    if kind == "stream":
        changes = 0
        if output.get("name") not in ("stdout", "stderr"):
            output["name"], changes = "stdout", changes + 1
        if not isinstance(output.get("text"), str):
            output["text"], changes = _text(output.get("text", "")), changes + 1
        return output, changes
    if kind == "error":
        changes = 0
        for key in ("ename", "evalue"):
            if not isinstance(output.get(key), str):
                output[key], changes = _text(output.get(key, "")), changes + 1
        traceback = output.get("traceback")
        if not (isinstance(traceback, list) and all(isinstance(line, str) for line in traceback)):
            output["traceback"], changes = [_text(traceback)], changes + 1
        return output, changes
    text = f"[lcai: output of type {kind} shown as text]\n{_text(output)}"
    return nbformat.v4.new_output("stream", name="stdout", text=text), 1


# --- Markdown ------------------------------------------------------------------------------------------------


def _opens_as_page(url: str) -> bool:
    """Whether a relative URL names a file a browser shows as a page that can run script (HTML, SVG, XML)."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).rstrip("/").lower()
    guessed = mimetypes.guess_type(path)[0] or ""  # what the formgrader's file handler (tornado) would send
    return path.endswith(_PAGE_SUFFIXES) or any(kind in guessed for kind in ("html", "xml", "svg"))


def _safe_url(value: str, image: bool) -> bool:
    """Whether a link or image URL in rendered Markdown runs nothing when followed or loaded.

    A link may go to another web site, an e-mail address, a place in the page, or a file that is not a page.
    The formgrader serves the files of a submission folder on its own origin, so a student's ``page.html``
    opened from a relative link would run there. An image may come from a path or be an embedded PNG/JPEG.
    """
    url = re.sub(r"[\t\n\r]", "", html.unescape(value)).strip("".join(map(chr, range(33))))
    scheme = _SCHEME.match(url)
    if scheme is None:
        return image or url.startswith("//") or not _opens_as_page(url)
    name = scheme.group(1).lower()
    if name in ("http", "https") or (name == "mailto" and not image):
        return True
    return image and _DATA_IMAGE.fullmatch(url) is not None


def _safe_tag(tag: str, attributes: str) -> bool:
    allowed = _ALLOWED.get(tag.lower())
    if allowed is None:
        return False
    for name, value in _ATTRIBUTE.findall(attributes):
        name = name.lower()
        if name not in allowed:
            return False
        if name == "class" and (not _CLASS.fullmatch(value) or "mermaid" in value.lower()):
            return False
        if name == "style" and not _ALIGN.fullmatch(value.strip()):
            return False
        if name in ("href", "src") and not _safe_url(value, image=name == "src"):
            return False
    return True


def rendered_markdown_is_safe(page: str) -> bool:
    """Whether HTML made by nbconvert's Markdown renderer has only plain-Markdown tags, attributes and URLs."""
    for closing, tag, attributes in _TAG.findall(page):
        if tag.lower() not in _ALLOWED or (closing and attributes) or not _safe_tag(tag, attributes):
            return False
    return "<" not in _TAG.sub("", page)


def markdown_is_safe(source: str, attachments: dict | None = None) -> bool:
    """Whether nbconvert renders this Markdown cell (with its attachments) without markup or a harmful URL."""
    try:
        page = MarkdownWithMath(renderer=IPythonRenderer(escape=False, attachments=attachments or {})).render(source)
    except Exception:  # a missing attachment raises, and so the formgrader cannot show the cell at all
        return False
    return rendered_markdown_is_safe(page)


def _paragraph_end(text: str, start: int) -> int:
    """Where the paragraph around ``start`` ends: code spans and inline math do not cross a blank line."""
    blank = _BLANK_LINE.search(text, start)
    return blank.start() if blank else len(text)


def _closing(text: str, start: int, delimiter: re.Pattern) -> int:
    """The index just past the first ``delimiter`` match at or after ``start`` in the same paragraph, or -1."""
    match = delimiter.search(text, start, _paragraph_end(text, start))
    return match.end() if match else -1


def _escape_outside_code(text: str) -> str:
    """``text`` with each ``<`` written ``&lt;``, except inside code spans and math (which nbconvert escapes)."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and (begin := _BEGIN.match(text, i)):
            end = text.find(f"\\end{{{begin.group(1)}}}", begin.end())
            stop = end + len(begin.group(1)) + 6 if end >= 0 else begin.end()
        elif char == "\\":
            stop = i + 2
        elif char == "`":
            run = _BACKTICKS.match(text, i).group(0)
            stop = _closing(text, i + len(run), re.compile(rf"(?<!`){run}(?!`)"))
            stop = stop if stop > 0 else i + len(run)
        elif text.startswith("$$", i):
            stop = _closing(text, i + 2, _DISPLAY_MATH_END)
            stop = stop if stop > 0 else i + 2
        elif char == "$":
            stop = _closing(text, i + 2, _INLINE_MATH_END) if i + 1 < len(text) else -1
            stop = stop if stop > 0 else i + 1
        else:
            out.append("&lt;" if char == "<" else char)
            i += 1
            continue
        out.append(text[i:stop])
        i = stop
    return "".join(out)


def escape_markdown_html(source: str) -> str:
    """``source`` with raw HTML written as text, code blocks and math kept; ````mermaid`` blocks become text."""
    out, prose, fence = [], [], None
    for line in source.splitlines(keepends=True):
        if fence is not None:
            out.append(line)
            if re.fullmatch(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*\r?\n?", line):
                fence = None
            continue
        opening = _FENCE.fullmatch(line.rstrip("\r\n"))
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            out.append(_escape_outside_code("".join(prose)))
            prose, fence = [], opening.group(1)
            if opening.group(2).strip().lower().startswith("mermaid"):
                line = line[: opening.start(2)] + "text" + line[opening.end(2) :]
            out.append(line)
            continue
        prose.append(line)
    out.append(_escape_outside_code("".join(prose)))
    return "".join(out)


def markdown_as_source(source: str) -> str:
    """A Markdown cell that shows ``source`` verbatim in a fenced code block, after a note."""
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{MARKDOWN_SOURCE_NOTE}\n\n{fence}text\n{source}\n{fence}\n"


def _sanitize_attachments(cell) -> int:
    attachments = cell.get("attachments")
    if attachments is None:
        return 0
    if not isinstance(attachments, dict):
        del cell["attachments"]
        return 1
    changes = 0
    for name in list(attachments):
        bundle = attachments[name] if isinstance(attachments[name], dict) else {}
        kept = {m: _base64_image(bundle[m]) for m in SAFE_IMAGES if _base64_image(bundle.get(m)) is not None}
        if kept != bundle:
            changes += 1
            if kept:
                attachments[name] = nbformat.from_dict(kept)
            else:
                del attachments[name]
    return changes


def _sanitize_markdown(cell) -> int:
    changes = _sanitize_attachments(cell)
    source = _text(cell.get("source", ""))
    attachments = cell.get("attachments")
    if markdown_is_safe(source, attachments):
        if cell.get("source") != source:
            cell["source"] = source
            changes += 1
        return changes
    escaped = f"{MARKDOWN_ESCAPED_NOTE}\n\n{escape_markdown_html(source)}"
    cell["source"] = escaped if markdown_is_safe(escaped, attachments) else markdown_as_source(source)
    if not markdown_is_safe(cell["source"], attachments):  # cannot happen: code block content is escaped
        cell["source"] = MARKDOWN_SOURCE_NOTE
    return changes + 1


# --- raw cells and metadata ----------------------------------------------------------------------------------


def _sanitize_raw(cell) -> int:
    source = _text(cell.get("source", ""))
    metadata = cell.setdefault("metadata", nbformat.NotebookNode())
    done = source.startswith(RAW_PREFIX) and source.endswith("</pre>") and "<" not in source[len(RAW_PREFIX) : -6]
    if done and metadata.get("raw_mimetype") == "text/html":
        return 0
    mimetype = metadata.get("raw_mimetype") or "no mimetype"
    note = RAW_NOTE.format(mimetype=mimetype if _plain(mimetype) else "unknown mimetype")
    cell["source"] = f"{RAW_PREFIX}{html.escape(note)}\n{html.escape(source)}</pre>"
    metadata["raw_mimetype"] = "text/html"
    return 1


def _sanitize_cell_metadata(cell) -> int:
    metadata = cell.get("metadata")
    if not isinstance(metadata, dict):
        cell["metadata"] = nbformat.NotebookNode()
        return 1
    changes = 0
    tags = metadata.get("tags")
    if tags is not None:
        kept = (
            [tag for tag in tags if isinstance(tag, str) and _TAG_TEXT.fullmatch(tag)] if isinstance(tags, list) else []
        )
        if kept != tags:
            metadata["tags"], changes = kept, changes + 1
    if "alt" in metadata and not _plain(metadata["alt"]):
        del metadata["alt"]
        changes += 1
    if "magics_language" in metadata and not (
        isinstance(metadata["magics_language"], str) and _TAG_TEXT.fullmatch(metadata["magics_language"])
    ):
        del metadata["magics_language"]
        changes += 1
    return changes


def _sanitize_notebook_metadata(notebook) -> int:
    metadata = notebook.get("metadata")
    if not isinstance(metadata, dict):
        notebook["metadata"] = nbformat.NotebookNode()
        return 1
    changes = 0
    if "widgets" in metadata:
        del metadata["widgets"]
        changes += 1
    if "title" in metadata and not _plain(metadata["title"], _TEXT_MARKUP):
        del metadata["title"]
        changes += 1
    return changes


def sanitize_notebook(notebook: nbformat.NotebookNode) -> int:
    """Make a graded notebook safe to render as HTML, in place; returns how many things it changed (0: was safe)."""
    changes = _sanitize_notebook_metadata(notebook)
    for cell in notebook.get("cells", []):
        changes += _sanitize_cell_metadata(cell)
        kind = cell.get("cell_type")
        if kind == "code":
            changes += _sanitize_count(cell)
            if not isinstance(cell.get("source", ""), str):
                cell["source"], changes = _text(cell["source"]), changes + 1
            outputs, safe = cell.get("outputs", []), []
            for output in outputs if isinstance(outputs, list) else []:
                output, changed = _sanitize_output(output)
                safe.append(output)
                changes += changed
            if not isinstance(outputs, list):
                changes += 1
            cell["outputs"] = safe
        elif kind == "markdown":
            changes += _sanitize_markdown(cell)
        elif kind == "raw":
            changes += _sanitize_raw(cell)
        if kind != "markdown":
            changes += _sanitize_attachments(cell)
    return changes


def sanitize_folder(folder: Path) -> int:
    """Sanitise every notebook below ``folder`` in place (e.g. ``<course>/autograded``); returns the changes made.

    A file that is not a readable notebook is left alone: nbconvert cannot render it either.
    """
    total = 0
    for path in sorted(Path(folder).rglob("*.ipynb")):
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception:  # nbformat raises several kinds for a malformed file
            continue
        changes = sanitize_notebook(notebook)
        if changes:
            nbformat.write(notebook, path)
        total += changes
    return total


def pages_in(folder: Path) -> list[Path]:
    """Files below ``folder`` that a browser opens as a page that can run script (HTML, SVG, XML).

    ``sanitize_folder`` leaves them alone. The formgrader serves them on its own origin from
    ``/formgrader/submissions/<id>/<name>``, so a lecturer should not open them there; the grader can list them.
    """
    return sorted(path for path in Path(folder).rglob("*") if path.is_file() and _opens_as_page(path.name))


class SanitizeNotebook(NbGraderPreprocessor):
    """nbgrader autograde step, the last one: the autograded notebook is written sanitised (:func:`sanitize_notebook`),
    so the formgrader and the feedback render it safely, also after the formgrader's own autograde button."""

    def preprocess(self, nb, resources):
        sanitize_notebook(nb)
        return nb, resources


def disarm_pages(folder: Path) -> list[str]:
    """Rename the pages (:func:`pages_in`) among the files beside a graded notebook to ``<name>.txt``: the
    formgrader serves those files on its own origin, where a student's page would run as the lecturer."""
    renamed = []
    for page in pages_in(folder):
        page.rename(page.with_name(page.name + ".txt"))
        renamed.append(str(page.relative_to(folder)))
    return renamed
