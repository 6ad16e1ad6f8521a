"""What makes a lesson's self-check quiz sound: the checks ``lcai check`` runs on ``quizzes/<lesson>.yml``.

A quiz has 3-5 questions, each multiple choice (one correct option) or numeric (a correct value or range, and
feedback for any other number). Every option has feedback, and the feedback starts with "Correct" exactly when
the option is right, so a student who cannot tell the colours apart reads the verdict.
"""

from pathlib import Path

from lcai.errors import KitError
from lcai.quiz import read_quiz

QUESTION_TYPES = ("multiple_choice", "numeric")
MIN_QUESTIONS, MAX_QUESTIONS = 3, 5


def quiz_path(lesson: Path) -> Path:
    """Where the quiz of a lesson notebook lives: ``quizzes/<lesson stem>.yml`` in the module's folder."""
    return lesson.parent / "quizzes" / f"{lesson.stem}.yml"


def _feedback_problems(where: str, answer: dict) -> list[str]:
    feedback = answer.get("feedback")
    if not isinstance(feedback, str) or not feedback.strip():
        return [f"{where}: needs feedback that says why."]
    if bool(answer.get("correct")) != feedback.startswith("Correct"):
        return [f"{where}: feedback must start with 'Correct' exactly when the answer is correct."]
    return []


def _multiple_choice_problems(where: str, question: dict) -> list[str]:
    answers = question.get("answers")
    if not isinstance(answers, list) or len(answers) < 2:
        return [f"{where}: a multiple-choice question needs at least two answers."]
    problems = []
    for number, answer in enumerate(answers, start=1):
        if not isinstance(answer, dict) or not isinstance(answer.get("answer"), str | int | float):
            problems.append(f"{where}, answer {number}: needs an 'answer' text.")
            continue
        problems += _feedback_problems(f"{where}, answer {number}", answer)
    if sum(bool(a.get("correct")) for a in answers if isinstance(a, dict)) != 1:
        problems.append(f"{where}: exactly one answer must be correct.")
    return problems


def _numeric_problems(where: str, question: dict) -> list[str]:
    answers = question.get("answers")
    if not isinstance(answers, list) or not answers:
        return [f"{where}: a numeric question needs answers (a correct value or range, and a default)."]
    problems, correct, default = [], 0, False
    for number, answer in enumerate(answers, start=1):
        here = f"{where}, answer {number}"
        if not isinstance(answer, dict):
            problems.append(f"{here}: must be a mapping.")
            continue
        kind = answer.get("type")
        if kind == "default":
            default = True
            if not str(answer.get("feedback", "")).strip():
                problems.append(f"{here}: the default needs feedback for any other number.")
            continue
        if kind == "value" and not isinstance(answer.get("value"), int | float):
            problems.append(f"{here}: a value answer needs a number 'value'.")
        elif kind == "range":
            bounds = answer.get("range")
            if not (isinstance(bounds, list) and len(bounds) == 2 and all(isinstance(b, int | float) for b in bounds)):
                problems.append(f"{here}: a range answer needs 'range: [low, high]'.")
            elif bounds[0] >= bounds[1]:
                problems.append(f"{here}: the range's low end must be below its high end.")
        elif kind not in ("value", "range"):
            problems.append(f"{here}: type must be value, range or default.")
        correct += bool(answer.get("correct"))
        problems += _feedback_problems(here, answer)
    if not correct:
        problems.append(f"{where}: no answer is correct.")
    if not default:
        problems.append(f"{where}: add a 'type: default' answer with feedback for any other number.")
    return problems


def quiz_problems(path: Path, *, where: str | None = None) -> list[str]:
    """Every problem of one quiz file, one line each."""
    where = where or str(path)
    try:
        questions = read_quiz(path)
    except KitError as error:
        return [str(error).replace(str(path), where)]
    problems = []
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        problems.append(
            f"{where}: has {len(questions)} questions: a self-check quiz has {MIN_QUESTIONS}-{MAX_QUESTIONS}."
        )
    for number, question in enumerate(questions, start=1):
        here = f"{where}: question {number}"
        if not isinstance(question, dict) or not str(question.get("question", "")).strip():
            problems.append(f"{here}: needs a 'question' text.")
            continue
        if question.get("type") == "multiple_choice":
            problems += _multiple_choice_problems(here, question)
        elif question.get("type") == "numeric":
            problems += _numeric_problems(here, question)
        else:
            problems.append(f"{here}: type must be one of {', '.join(QUESTION_TYPES)}.")
    return problems
