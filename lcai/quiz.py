"""Self-check quizzes at the end of a lesson, shown with jupyterquiz in JupyterLab and in the published book.

Questions are data: ``modules/<module>/quizzes/<lesson>.yml``, a list of multiple-choice and numeric questions
with feedback for every option (:mod:`lcai.authoring.quizzes` checks them). jupyterquiz embeds the questions and
its script in the cell's output, so the quiz works in the book without a server or network; in JupyterLab it
works once the cell has run (JupyterLab shows scripts only in outputs it trusts).
"""

from pathlib import Path

import yaml

from lcai.errors import KitError

# Okabe-Ito blue and vermillion: they differ for every common colour vision, and the feedback says it in words too;
# each colour has at least 4.5:1 contrast with the white text on it (WCAG AA).
COLOURS = {
    "--jq-multiple-choice-bg": "#1f3b5c",
    "--jq-numeric-bg": "#1f3b5c",
    "--jq-correct-color": "#0072B2",
    "--jq-incorrect-color": "#B34E00",  # Okabe-Ito vermillion, darkened to 5.2:1 against white text
    "--jq-numeric-input-bg": "#35577f",
    "--jq-text-color": "#ffffff",
    "--jq-link-color": "#9fd1ff",
}


def read_quiz(path: Path) -> list[dict]:
    """The questions of one quiz file, as jupyterquiz takes them."""
    try:
        questions = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KitError(f"{path}: no such quiz file: create it (`lcai new lesson` writes one).") from None
    except yaml.YAMLError as error:
        raise KitError(f"{path}: is not valid YAML ({getattr(error, 'problem', 'syntax error')}).") from None
    if not isinstance(questions, list):
        raise KitError(f"{path}: must be a list of questions.")
    return questions


def show_quiz(path: str | Path) -> None:
    """Show the quiz in ``path`` (relative to the lesson's folder) below the cell."""
    from jupyterquiz import display_quiz

    display_quiz(read_quiz(Path(path)), colors=COLOURS, shuffle_answers=False)
