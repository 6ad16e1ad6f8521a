"""The report-routing case of the public-services module, defined once for its lessons and its assignment.

A fictional GovTech firm routes citizens' reports about public space in Amsterdam to a municipal team, and hands a
report to a clerk when the model is unsure. The groups (stadsdelen, writing styles), the split (by problem, so the
same problem never sits on both sides), the router and the abstention rule live here so that every lesson and the
assignment use the same ones.
"""

import re

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

RANDOM_STATE = 7
DATASET = "amsterdam-reports"
TEXT, TARGET, PROBLEM = "text", "team", "problem_id"
# Written by the handling team after routing: using it would leak the answer into the model.
LEAKY_COLUMNS = ["closing_note"]
STADSDELEN = ["Centrum", "Nieuw-West", "Noord", "Oost", "West", "Zuid", "Zuidoost", "Weesp"]
WRITING_STYLES = ["terse", "standard", "long", "misspelled", "non-native", "english"]
# What the tool does with a report it does not route: a clerk reads it, as all reports are read today.
CLERK = "clerk"
# The router's settings chosen in lesson 2 by grouped cross-validation on the training reports.
TUNED = {"C": 0.3, "characters": True, "class_weight": "balanced"}
# The abstention threshold chosen in lesson 3 on validation reports: the most coverage that meets the criterion.
THRESHOLD = 0.72


def split_reports(reports: pd.DataFrame, test_size: float = 0.25, random_state: int = RANDOM_STATE):
    """(reports_train, reports_test), split by problem: reports of one problem land on the same side."""
    splitter = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=random_state)
    train_rows, test_rows = next(splitter.split(reports, groups=reports[PROBLEM]))
    return reports.iloc[train_rows], reports.iloc[test_rows]


def make_router(
    *,
    C: float = 0.3,
    characters: bool = True,
    class_weight: str | None = "balanced",
    calibrated: bool = False,
    memory: str | None = None,
) -> Pipeline:
    """An untrained router: TF-IDF of words and word pairs (and of character 3-5-grams), then a linear SVM.

    The defaults are the settings lesson 2 tunes with grouped cross-validation (:data:`TUNED`). Character n-grams
    inside word boundaries let "lantaarpaal" share most of its features with "lantaarnpaal". A linear SVM gives
    scores, not probabilities; ``calibrated=True`` turns them into probabilities (Platt scaling on 3 folds), which
    the abstention rule of lesson 3 needs. ``memory`` (a folder) caches the fitted TF-IDF features, so that a
    grid over the model's settings computes them once per fold instead of once per setting.
    """
    features = [("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True))]
    if characters:
        features.append(
            ("characters", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True))
        )
    model = LinearSVC(C=C, class_weight=class_weight)
    if calibrated:
        model = CalibratedClassifierCV(model, method="sigmoid", cv=3)
    return Pipeline([("features", FeatureUnion(features)), ("model", model)], memory=memory)


def route_or_abstain(probabilities: np.ndarray, classes, threshold: float) -> np.ndarray:
    """The team with the highest probability when that probability is at least ``threshold``, else :data:`CLERK`."""
    probabilities = np.asarray(probabilities, dtype=float)
    best = probabilities.argmax(axis=1)
    confident = probabilities[np.arange(len(best)), best] >= threshold
    return np.where(confident, np.asarray(classes, dtype=object)[best], CLERK)


def feature_contributions(router: Pipeline, text: str, team: str) -> pd.Series:
    """How much each word (or character n-gram) of ``text`` adds to ``team``'s score in a fitted, uncalibrated router.

    A linear model's score for a team is the sum over features of (TF-IDF value x the team's weight) plus an
    intercept, so each feature's product is its share of the decision. Sorted from the largest push towards the team.
    """
    union, model = router.named_steps["features"], router.named_steps["model"]
    values = union.transform([text]).tocsr()
    names = union.get_feature_names_out()
    weights = model.coef_[list(model.classes_).index(team)]
    present = values.indices
    contributions = pd.Series(values.data * weights[present], index=names[present], name=team)
    return contributions.sort_values(ascending=False)


def word_contributions(router: Pipeline, text: str, team: str) -> pd.Series:
    """:func:`feature_contributions` summed per word of the text, as a citizen can read them.

    A word pair's share is split over its two words; a character n-gram's share goes to the words it occurs in
    (split equally when it occurs in several). What cannot be placed on a word (the intercept) is left out.
    """
    words = re.findall(r"\w\w+", text.lower())
    per_word = dict.fromkeys(words, 0.0)
    for name, value in feature_contributions(router, text, team).items():
        kind, feature = name.split("__", 1)
        if kind == "words":
            parts = feature.split()
        else:
            parts = [word for word in per_word if feature.strip() in f" {word} "]
        for word in parts:
            if word in per_word:
                per_word[word] += value / len(parts)
    return pd.Series(per_word, name=team).sort_values(ascending=False)
