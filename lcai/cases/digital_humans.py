"""The museum-guide case of the digital-humans module, defined once for its lessons and its assignment.

A fictional creative studio in Rotterdam builds a virtual guide for a fictional museum: a digital human that finds
the collection text answering a visitor's question, or says that it does not know. The question groups (how visitors
ask), the split into development and test questions, the text vectors, the retrieval metrics, the abstention rule,
the topic clustering and the measures of annotator agreement live here so that every lesson and the assignment use
the same ones.
"""

import re
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import Normalizer
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
from threadpoolctl import threadpool_limits

from lcai.datasets import verify_dataset

RANDOM_STATE = 5
COLLECTION, QUESTIONS = "museum-collection", "museum-questions"
# How visitors ask (the question's `kind`); unanswerable questions have no right text.
KINDS = ["copied", "paraphrased", "short", "misspelled", "english"]
UNANSWERABLE = "unanswerable"
EMOTIONS = ["neutral", "curious", "delighted", "confused", "annoyed", "bored"]
ANNOTATORS = ["emotion_1", "emotion_2", "emotion_3"]
# The guide shows a visitor its best three texts: the success criterion counts the right one among them.
K = 3
# The success criterion, fixed before any method is compared: on the test questions, the right text among the first
# K for at least TARGET_HIT of the answerable ones, and at least TARGET_RECOGNISED of the unanswerable ones recognised
# while at most MAX_REFUSED of the answerable ones are refused.
TARGET_HIT, TARGET_RECOGNISED, MAX_REFUSED = 0.85, 0.50, 0.10
# The text vectors chosen in lesson 2 on the development questions: words and character 3-5-grams, no LSA.
TUNED = {"words": True, "characters": True, "lsa_components": None}
# The abstention threshold on the best cosine similarity, used with the unknown-name rule; chosen in lesson 4 on the
# development questions as the highest that refuses at most MAX_REFUSED of the answerable ones.
THRESHOLD = 0.15


def load_collection() -> pd.DataFrame:
    """The collection, one row per object, after checking the file against its checksum."""
    return pd.read_csv(verify_dataset(COLLECTION))


def load_questions() -> pd.DataFrame:
    """The visitors' questions, with ``answers``: the tuple of object ids whose text answers it (empty if none)."""
    questions = pd.read_csv(verify_dataset(QUESTIONS), keep_default_na=False)
    questions["answers"] = [tuple(ids.split(";")) if ids else () for ids in questions["answer_ids"]]
    return questions


def documents(collection: pd.DataFrame) -> pd.Series:
    """What the guide searches: each object's title and text (the title is on the label, so visitors quote it)."""
    return collection["title"] + ". " + collection["text"]


def split_questions(questions: pd.DataFrame, *, test_size: float = 0.4, random_state: int = RANDOM_STATE):
    """(development, test) questions, in the same proportion of every kind in both."""
    return train_test_split(questions, test_size=test_size, stratify=questions["kind"], random_state=random_state)


def make_vectorizer(*, words: bool = True, characters: bool = False, lsa_components: int | None = None) -> Pipeline:
    """Text to unit-length vectors: TF-IDF of words and/or character 3-5-grams, optionally reduced with LSA.

    Sublinear term frequency (1 + log tf) keeps a word repeated in a long text from dominating it. Character n-grams
    inside word boundaries let "hijskraan" share features with "hijkraan". LSA (truncated SVD) maps the sparse vectors
    to ``lsa_components`` dense dimensions; the final normaliser makes a dot product a cosine similarity.
    """
    parts = []
    if words:
        parts.append(("words", TfidfVectorizer(sublinear_tf=True)))
    if characters:
        parts.append(("characters", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)))
    if not parts:
        raise ValueError("make_vectorizer needs words, characters or both")
    steps = [("tfidf", FeatureUnion(parts))]
    if lsa_components:
        steps.append(("lsa", TruncatedSVD(n_components=lsa_components, random_state=RANDOM_STATE)))
    steps.append(("unit_length", Normalizer()))
    return Pipeline(steps)


class Retriever:
    """Nearest-neighbour search over a collection: cosine similarity between a question's vector and every text's."""

    def __init__(self, **vectorizer_settings):
        self.vectorizer = make_vectorizer(**(vectorizer_settings or TUNED))

    def fit(self, collection: pd.DataFrame) -> "Retriever":
        self.ids = collection["object_id"].to_numpy()
        self.vectors = self.vectorizer.fit_transform(documents(collection))
        return self

    def similarities(self, texts) -> np.ndarray:
        """One row per question, one column per object: the cosine similarity (0 to 1 for TF-IDF)."""
        product = self.vectorizer.transform(list(texts)) @ self.vectors.T
        return product.toarray() if hasattr(product, "toarray") else np.asarray(product)

    def search(self, texts, *, k: int = K) -> tuple[list[list[str]], np.ndarray]:
        """The ``k`` best object ids per question, best first, and each question's best similarity."""
        scores = self.similarities(texts)
        return rank(scores, self.ids, k=k), scores.max(axis=1)


def rank(scores: np.ndarray, ids, *, k: int) -> list[list[str]]:
    """Per row of ``scores``, the ids of the ``k`` highest; equal scores keep the collection's order (stable)."""
    order = np.argsort(-np.asarray(scores), axis=1, kind="stable")[:, :k]
    ids = np.asarray(ids, dtype=object)
    return [list(ids[row]) for row in order]


def precision_at_k(ranked, relevant, k: int) -> float:
    """Share of the first ``k`` results that are relevant; fewer than ``k`` results still divide by ``k``."""
    relevant = set(relevant)
    return sum(item in relevant for item in list(ranked)[:k]) / k


def recall_at_k(ranked, relevant, k: int) -> float:
    """Share of the relevant items found in the first ``k`` results (nan when nothing is relevant)."""
    relevant = set(relevant)
    if not relevant:
        return float("nan")
    return len(relevant & set(list(ranked)[:k])) / len(relevant)


def reciprocal_rank(ranked, relevant) -> float:
    """1 / the position of the first relevant result, 0 when none is relevant."""
    relevant = set(relevant)
    return next((1 / position for position, item in enumerate(ranked, start=1) if item in relevant), 0.0)


def ndcg_at_k(ranked, relevant, k: int) -> float:
    """Normalised discounted cumulative gain with binary relevance: 1 when the relevant items lead the list."""
    relevant = set(relevant)
    gains = [1 / np.log2(position + 1) for position, item in enumerate(list(ranked)[:k], start=1) if item in relevant]
    ideal = sum(1 / np.log2(position + 1) for position in range(1, min(len(relevant), k) + 1))
    return sum(gains) / ideal if ideal else float("nan")


def retrieval_table(ranked_lists, relevant_sets, *, k: int = K) -> pd.DataFrame:
    """Per question: precision and recall at k, hit at k (a right text among the first k), reciprocal rank, nDCG."""
    rows = []
    for ranked, relevant in zip(ranked_lists, relevant_sets, strict=True):
        rows.append(
            {
                f"precision@{k}": precision_at_k(ranked, relevant, k),
                f"recall@{k}": recall_at_k(ranked, relevant, k),
                f"hit@{k}": bool(set(ranked[:k]) & set(relevant)),
                "reciprocal_rank": reciprocal_rank(ranked, relevant),
                f"ndcg@{k}": ndcg_at_k(ranked, relevant, k),
            }
        )
    return pd.DataFrame(rows)


def collection_vocabulary(collection: pd.DataFrame) -> set[str]:
    """Every word (lower case) that occurs in a title or a text of the collection."""
    return set(re.findall(r"\w+", " ".join(documents(collection)).lower()))


def has_unknown_name(texts, vocabulary: set[str]) -> np.ndarray:
    """True where a question holds a capitalised word, other than its first, that no text of the collection contains.

    A name the collection never mentions ("Titanic", a ship it does not have) means the question is about something
    the guide has no text for, however similar the rest of the question is to a text.
    """
    return np.array(
        [any(word.lower() not in vocabulary for word in re.findall(r"\b[A-Z][\w-]*", text)[1:]) for text in texts],
        dtype=bool,
    )


def answers_or_abstains(best_similarity, threshold: float = THRESHOLD, unknown_name=None) -> np.ndarray:
    """True where the guide answers, False where it says it does not know.

    It abstains when its best text is less similar than ``threshold`` and, if ``unknown_name`` is given (one flag
    per question, see :func:`has_unknown_name`), also when the question names something the collection never mentions.
    """
    answers = np.asarray(best_similarity, dtype=float) >= threshold
    return answers if unknown_name is None else answers & ~np.asarray(unknown_name, dtype=bool)


def abstention_table(best_similarity, answerable, thresholds, unknown_name=None) -> pd.DataFrame:
    """Per threshold: the share of unanswerable questions recognised and of answerable questions left unanswered."""
    answerable = np.asarray(answerable, dtype=bool)
    rows = []
    for threshold in thresholds:
        answers = answers_or_abstains(best_similarity, threshold, unknown_name)
        rows.append(
            {
                "threshold": threshold,
                "unanswerable recognised": (~answers[~answerable]).mean(),
                "answerable refused": (~answers[answerable]).mean(),
            }
        )
    return pd.DataFrame(rows)


# Words that say nothing about a topic: question words, articles, the museum's own verbs.
DUTCH_STOPWORDS = sorted(
    set(
        """de het een en van in op te is was wat wie waar welk welke hoe hoeveel waarom wanneer uit naar met bij voor
        aan er zijn ik je jullie u mij mee om tot dat die dit deze zo ooit heeft hebben maakte gemaakt kreeg werd
        staat toont is er nog echt toch hoor nou wel niet the of to did what who which how why when was were by for
        there do you have any in on is this made are can it me my an and""".split()
    )
)


# How visitors sound rather than what they ask about: left out of the topics unless keep_filler=True.
FILLER_WORDS = sorted(
    set(
        """wat prachtig wauw echt heel mooi geweldig ik ben benieuwd vraag me af nu toch nieuwsgierig snap begrijp
        bordje hè pff nergens staat dat saai hoor nou ja duurt nog lang wow love it just curious wonder don get huh
        ugh why isn sign boring are we done soon""".split()
    )
)


class TopicModel:
    """Visitors' questions grouped into ``k`` topics: TF-IDF of words, LSA to ``components`` dimensions, k-means.

    Question words and articles are always left out; the words that only say how a visitor feels (:data:`FILLER_WORDS`)
    are left out too unless ``keep_filler`` is True, because otherwise they form topics of their own (lesson 3).
    """

    def __init__(self, *, k: int, components: int = 20, keep_filler: bool = False, random_state: int = RANDOM_STATE):
        self.k, self.random_state = k, random_state
        stop_words = DUTCH_STOPWORDS if keep_filler else sorted(set(DUTCH_STOPWORDS) | set(FILLER_WORDS))
        self.vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words=stop_words)
        self.lsa = TruncatedSVD(n_components=components, random_state=random_state)
        self.normaliser = Normalizer()
        self.kmeans = KMeans(n_clusters=k, n_init=10, random_state=random_state)

    def fit(self, texts) -> "TopicModel":
        # One thread: k-means sums in a different order with more threads, and on short texts that can move a
        # question to another cluster; the lessons' numbers must be the same on every machine.
        with threadpool_limits(limits=1):
            tfidf = self.vectorizer.fit_transform(list(texts))
            self.vectors = self.normaliser.fit_transform(self.lsa.fit_transform(tfidf))
            self.labels = self.kmeans.fit_predict(self.vectors)
        return self

    def top_terms(self, n: int = 6) -> list[list[str]]:
        """Per topic, the ``n`` words that weigh most in its centre (mapped back from LSA to the words)."""
        centres = self.lsa.inverse_transform(self.kmeans.cluster_centers_)
        words = self.vectorizer.get_feature_names_out()
        return [list(words[np.argsort(-centre)[:n]]) for centre in centres]


def annotator_agreement(questions: pd.DataFrame) -> dict:
    """Fleiss' kappa over the three annotators, their pairwise Cohen's kappas, and the shares of (dis)agreement."""
    labels = questions[ANNOTATORS].to_numpy()
    table, _ = aggregate_raters(labels)
    distinct = pd.DataFrame(labels).nunique(axis=1)
    return {
        "fleiss_kappa": float(fleiss_kappa(table, method="fleiss")),
        "cohen_kappa": {
            f"{a} vs {b}": float(cohen_kappa_score(questions[a], questions[b])) for a, b in combinations(ANNOTATORS, 2)
        },
        "all three agree": float((distinct == 1).mean()),
        "all three differ": float((distinct == 3).mean()),
    }


def majority_label(questions: pd.DataFrame) -> pd.Series:
    """The label at least two annotators gave, or "" where all three differ."""

    def majority(row: pd.Series) -> str:
        counts = row.value_counts()
        return counts.index[0] if counts.iloc[0] >= 2 else ""

    return questions[ANNOTATORS].apply(majority, axis=1)
