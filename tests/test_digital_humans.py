"""The case code of the digital-humans module: metrics, ranking, abstention, topics and agreement behave as taught."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import ndcg_score

from lcai.cases import digital_humans as case


def test_precision_and_recall_at_k_at_the_edges():
    assert case.precision_at_k(["C", "A", "D", "B"], {"A", "B"}, 3) == pytest.approx(1 / 3)
    assert case.precision_at_k(["A"], {"A"}, 3) == pytest.approx(1 / 3)  # fewer results still divide by k
    assert case.precision_at_k([], {"A"}, 3) == 0
    assert case.recall_at_k(["C", "A", "D", "B"], {"A", "B"}, 3) == pytest.approx(0.5)
    assert np.isnan(case.recall_at_k(["A"], set(), 3))


def test_reciprocal_rank_and_ndcg():
    assert case.reciprocal_rank(["C", "A"], {"A"}) == 0.5
    assert case.reciprocal_rank(["C", "D"], {"A"}) == 0.0
    assert case.reciprocal_rank([], set()) == 0.0
    ranked, relevant = ["C", "A", "D", "B", "E"], {"A", "B"}
    truth = [[item in relevant for item in ranked]]
    assert case.ndcg_at_k(ranked, relevant, 3) == pytest.approx(ndcg_score(truth, [[5, 4, 3, 2, 1]], k=3))
    assert case.ndcg_at_k(["A", "B", "C"], relevant, 3) == pytest.approx(1.0)


def test_rank_keeps_the_collection_order_for_ties():
    scores = np.array([[0.2, 0.5, 0.5, 0.1], [0.0, 0.0, 0.0, 0.0]])
    assert case.rank(scores, ["a", "b", "c", "d"], k=3) == [["b", "c", "a"], ["a", "b", "c"]]
    assert case.rank(scores, ["a", "b", "c", "d"], k=10)[0] == ["b", "c", "a", "d"]


def test_retriever_finds_a_misspelled_name_with_character_ngrams():
    collection = pd.DataFrame(
        {
            "object_id": ["x", "y", "z"],
            "title": ["De hijskraan", "Het affiche", "De sextant"],
            "text": ["Een kraan in de Waalhaven.", "Een reclame voor de lijnboot.", "Een instrument van de stuurman."],
        }
    )
    ranked, best = case.Retriever(words=True, characters=True).fit(collection).search(["hijkraan waalhavn"], k=1)
    assert ranked == [["x"]] and 0 < best[0] <= 1
    words_only, _ = case.Retriever(words=True, characters=False).fit(collection).search(["hijkraan waalhavn"], k=1)
    assert words_only == [["x"]]  # no shared word: every text scores 0 and the collection order decides


def test_unknown_names_ignore_the_first_word_and_known_names():
    vocabulary = {"wie", "bouwde", "de", "zeemeeuw"}
    flags = case.has_unknown_name(["Wie bouwde de Zeemeeuw?", "Wie bouwde de Zilvermeeuw?", "Titanic?"], vocabulary)
    assert flags.tolist() == [False, True, False]
    answers = case.answers_or_abstains([0.5, 0.5, 0.1], 0.15, flags)
    assert answers.tolist() == [True, False, False]
    assert case.answers_or_abstains([0.15], 0.15).tolist() == [True]  # at the threshold the guide answers


def test_topics_are_reproducible_and_leave_out_filler():
    questions = ["wauw het model van de sleepboot", "het model van de veerboot", "wauw de foto van de staking",
                 "de foto van de kraan", "het beeld van brons", "wauw het beeld van steen"] * 3  # fmt: skip
    first = case.TopicModel(k=3, components=4).fit(questions)
    again = case.TopicModel(k=3, components=4).fit(questions)
    assert first.labels.tolist() == again.labels.tolist()
    assert all("wauw" not in terms for terms in first.top_terms())
    assert any(
        "wauw" in terms for terms in case.TopicModel(k=3, components=4, keep_filler=True).fit(questions).top_terms()
    )


def test_agreement_is_perfect_for_identical_labels_and_majority_needs_two():
    labels = pd.DataFrame(
        {"emotion_1": ["neutral", "curious", "bored"], "emotion_2": ["neutral", "curious", "annoyed"],
         "emotion_3": ["neutral", "curious", "delighted"]}
    )  # fmt: skip
    same = labels.assign(emotion_2=labels["emotion_1"], emotion_3=labels["emotion_1"])
    assert case.annotator_agreement(same)["fleiss_kappa"] == pytest.approx(1.0)
    assert case.annotator_agreement(labels)["all three differ"] == pytest.approx(1 / 3)
    assert case.majority_label(labels).tolist() == ["neutral", "curious", ""]


def test_the_questions_split_keeps_every_kind_in_both_parts():
    development, test = case.split_questions(case.load_questions())
    assert set(development["kind"]) == set(test["kind"]) == set(case.KINDS) | {case.UNANSWERABLE}
    assert not set(development["question_id"]) & set(test["question_id"])
    answerable = development[development["kind"] != case.UNANSWERABLE]
    assert all(len(answers) > 0 for answers in answerable["answers"])
