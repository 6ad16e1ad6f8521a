"""Generate the synthetic `museum-questions` dataset: visitors' questions to a museum guide, with their answers.

Reads nothing from the network. Imports the collection's generator (`../museum-collection/generate.py`) and rebuilds
its objects with the collection's seed, so that every answerable question names the objects whose text answers it.
Writes `museum-questions.csv` next to this script (or to --output) and its checksum file `<csv>.sha256`
("<hex>  <file name>"). The generator is seeded, so every run writes the same bytes.

    python datasets/museum-questions/generate.py [--output PATH]
"""

import argparse
import importlib.util
import re
from pathlib import Path

import numpy as np
import pandas as pd

from lcai.datasets import write_dataset

SEED = 40771775  # the seed `lcai new dataset museum-questions` gives this name
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "museum-questions.csv"
COLLECTION_GENERATOR = Path(__file__).resolve().parent.parent / "museum-collection" / "generate.py"

# How visitors ask, as shares of answerable questions: wording copied from a text (easy), their own words (hard), a few
# keywords, with spelling errors, in English.
KINDS = ["copied", "paraphrased", "short", "misspelled", "english"]
KIND_SHARES = [0.26, 0.30, 0.12, 0.16, 0.16]
QUESTIONS_PER_OBJECT = (3, 6)
MAKER_QUESTIONS = 45  # "which works by X do you have?": several right answers
UNANSWERABLE_SHARE = 0.16  # of all questions

EMOTIONS = ["neutral", "curious", "delighted", "confused", "annoyed", "bored"]
TONE_SHARES = [0.50, 0.22, 0.12, 0.08, 0.05, 0.03]
MARKED = 0.55  # chance that a question with a tone other than neutral shows it in words
# fmt: off
MARKERS = {  # (Dutch, English); a marker is put before the question, or after it when it starts with a space
    "curious": (["Ik ben benieuwd: ", "Ik vraag me af: ", "Nu ben ik toch nieuwsgierig. "],
                ["I wonder: ", "Just curious: "]),
    "delighted": (["Wat prachtig! ", "Wauw, ", " Echt heel mooi!", "Geweldig dit! "], ["Wow, ", " Love it!"]),
    "confused": (["Ik snap het niet. ", "Hè? ", " Ik begrijp het bordje niet."], ["I don't get it. ", "Huh? "]),
    "annoyed": (["Pff, ", "Nergens staat het: ", " Dat staat er nergens bij!"],
                ["Ugh, ", " Why isn't this on the sign?"]),
    "bored": (["Saai hoor. ", "Nou ja, ", " Duurt het nog lang?"], ["Boring. ", " Are we done soon?"]),
}
# Three annotators labelled every question; each has habits of her or his own when the text shows no tone.
ANNOTATOR_HABITS = [
    [0.60, 0.15, 0.10, 0.05, 0.07, 0.03],
    [0.25, 0.45, 0.12, 0.08, 0.05, 0.05],
    [0.30, 0.25, 0.15, 0.12, 0.10, 0.08],
]
SEES_TONE = {True: 0.85, False: 0.40}  # chance of labelling the tone itself, with a marker and without

PRACTICAL = [
    ("Waar zijn de toiletten?", "Where are the toilets?"), ("Hoe laat gaat het museum dicht?", "When do you close?"),
    ("Kan ik hier ergens koffie drinken?", "Is there a café?"),
    ("Mag ik foto's maken met flits?", "Can I take photos?"),
    ("Hoeveel kost een kaartje voor kinderen?", "How much is a ticket for children?"),
    ("Is er een lift naar de tweede verdieping?", "Is there a lift?"),
    ("Waar kan ik mijn jas kwijt?", "Where is the cloakroom?"),
    ("Heeft het museum wifi?", "Is there wifi here?"), ("Waar is de museumwinkel?", "Where is the shop?"),
    ("Kan ik met de Museumkaart naar binnen?", "Do you accept the Museumkaart?"),
    ("Is het museum open op maandag?", "Are you open on Mondays?"),
    ("Waar kan ik mijn fiets parkeren?", "Where can I park my bike?"),
    ("Hoe kom ik bij de metro?", "How do I get to the metro?"), ("Mogen honden mee naar binnen?", "Are dogs allowed?"),
    ("Is er een rondleiding in het Engels?", "Is there a guided tour in English?"),
    ("Hoe lang duurt een bezoek aan het hele museum?", "How long does a visit take?"),
    ("Wat is het weer morgen in Rotterdam?", "What's the weather tomorrow?"), ("Hoe oud ben jij?", "How old are you?"),
    ("Ben jij een echt mens?", "Are you a real person?"), ("Kun je een grapje vertellen?", "Tell me a joke"),
]
OUTSIDE = [
    ("Hebben jullie de Nachtwacht van Rembrandt?", "Do you have The Night Watch?"),
    ("Wie schilderde De Sterrennacht?", "Who painted The Starry Night?"),
    ("Waar staat het model van de Titanic?", "Where is the model of the Titanic?"),
    ("Hebben jullie werk van Mondriaan?", "Do you have any Mondrian?"),
    ("Is hier een skelet van een walvis?", "Is there a whale skeleton?"),
    ("Waar zijn de dinosaurussen?", "Where are the dinosaurs?"),
    ("Hebben jullie schilderijen van Van Gogh?", "Any paintings by Van Gogh?"),
    ("Wanneer is de haven van Rotterdam gesticht?", "When was the port of Rotterdam founded?"),
    ("Hoeveel containers gaan er per jaar door de haven?", "How many containers pass through the port each year?"),
    ("Wie heeft de Erasmusbrug ontworpen?", "Who designed the Erasmus Bridge?"),
    ("Hebben jullie een onderzeeboot?", "Do you have a submarine?"),
    ("Waar is het Mona Lisa schilderij?", "Where is the Mona Lisa?"),
]
# Names that sound as if they belong to the collection but do not: a look-alike question uses one of them.
ABSENT_SHIPS = ["Zilvermeeuw", "Oostvoorne", "Maria Paulina", "Brielle", "Noorderlicht", "Texelstroom", "Dordrecht",
                "Scheveningen", "Zeearend", "Nooit Volmaakt"]
ABSENT_TITLES = ["'Dageraad'", "'Kompasroos'", "'Walvisvaart'", "'Stille Kade'", "'Havenlicht'", "'Noorderzon'",
                 "'Eb en vloed'", "'Roestbruin'", "'Zeezicht'", "'Stadsgeruis'"]
STOPWORDS = set("""de het een van en in op te is was wat wie waar welk welke welk hoe hoeveel waarom wanneer uit naar
met bij voor aan er zijn ik je jullie u mij mee om tot dat die dit deze zo ooit heeft hebben maakte gemaakt kreeg mocht
moest kon kan komt kwam werd the a of is to did what who which how why when was were by for there do you have any
""".split())
# fmt: on


def _collection_generator():
    spec = importlib.util.spec_from_file_location("museum_collection_generator", COLLECTION_GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def misspell(rng: np.random.Generator, text: str) -> str:
    """A question as typed in a hurry on a phone: letters swapped, dropped or doubled, ij/ei and dt mixed up."""

    def one_word(word: str) -> str:
        if len(word) < 4 or rng.random() > 0.35:
            return word
        move = int(rng.integers(5))
        i = int(rng.integers(1, len(word) - 1))
        if move == 0:
            return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        if move == 1:
            return word[:i] + word[i + 1 :]
        if move == 2:
            return word[:i] + word[i] + word[i:]
        if move == 3 and ("ij" in word or "ei" in word):
            return word.replace("ij", "#").replace("ei", "ij").replace("#", "ei")
        return word.replace("dt", "t") if "dt" in word else word[:i] + word[i + 1 :]

    typed = " ".join(one_word(word) for word in text.split(" "))
    if rng.random() < 0.4:
        typed = typed.lower()
    return typed.rstrip("?") if rng.random() < 0.5 else typed


def shorten(rng: np.random.Generator, text: str) -> str:
    """Two or three of a question's content words, as typed into a search box."""
    words = [w for w in re.findall(r"[\w'-]+", text.lower()) if w.strip("'") not in STOPWORDS and len(w) > 2]
    words = list(dict.fromkeys(w.strip("'") for w in words))
    if len(words) <= 2:
        return " ".join(words)
    keep = sorted(rng.choice(len(words), size=min(len(words), int(rng.integers(2, 4))), replace=False))
    return " ".join(words[i] for i in keep)


def _look_alike(rng: np.random.Generator, record: dict, texts: str) -> str | None:
    """A question about ``record`` with its name replaced by one the collection does not hold, or None."""
    question = record["asked"][int(rng.integers(len(record["asked"])))][0]
    slots = record["slots"]
    for name, absent in [(slots["ship"], ABSENT_SHIPS), (slots["art_title"], ABSENT_TITLES), (record["maker"], None)]:
        if name and name in question:
            replacement = _pick(rng, absent) if absent else f"{_pick(rng, ['Johan', 'Marieke', 'Sven'])} Boerhaave"
            if replacement not in texts:
                return question.replace(name, replacement)
    return None


def _pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


def _with_tone(rng: np.random.Generator, text: str, english: bool) -> tuple[str, str, bool]:
    tone = str(rng.choice(EMOTIONS, p=TONE_SHARES))
    if tone == "neutral" or rng.random() > MARKED:
        return text, tone, False
    marker = _pick(rng, MARKERS[tone][1 if english else 0])
    if marker.startswith(" "):
        return text + marker, tone, True
    return marker + text[:1].lower() + text[1:], tone, True


def _annotate(rng: np.random.Generator, tone: str, marked: bool) -> list[str]:
    labels = []
    for habits in ANNOTATOR_HABITS:
        sees = rng.random() < SEES_TONE[marked]
        labels.append(tone if sees else str(rng.choice(EMOTIONS, p=habits)))
    return labels


def generate(rng: np.random.Generator) -> pd.DataFrame:
    """The question table: one row per question, with the ids of the objects whose text answers it."""
    collection = _collection_generator()
    objects = collection.build_objects(np.random.default_rng(collection.SEED))
    all_texts = " ".join(o["title"] + " " + o["text"] for o in objects)
    # Which objects answer a question: every object that asks the same (a generic question has several answers).
    answers: dict[str, set[str]] = {}
    for record in objects:
        for triple in record["asked"]:
            for question in triple:
                if question:
                    answers.setdefault(question, set()).add(record["object_id"])
    rows = []
    for record in objects:
        n_questions = int(rng.integers(QUESTIONS_PER_OBJECT[0], QUESTIONS_PER_OBJECT[1] + 1))
        for _ in range(n_questions):
            copied, paraphrased, english = record["asked"][int(rng.integers(len(record["asked"])))]
            kind = str(rng.choice(KINDS, p=KIND_SHARES))
            if kind == "english" and not english:
                kind = "paraphrased"
            base = {"copied": copied, "short": copied, "english": english}.get(kind, paraphrased)
            if kind == "misspelled":
                base = copied if rng.random() < 0.5 else paraphrased
            text = {"short": shorten, "misspelled": misspell}.get(kind, lambda _, t: t)(rng, base)
            rows.append({"text": text, "kind": kind, "answers": answers[base], "unanswerable_type": ""})
    makers = pd.Series([o["maker"] for o in objects]).value_counts()
    makers = [m for m, n in makers.items() if n >= 2 and m != "onbekend"]
    for maker in [
        makers[i] for i in sorted(rng.choice(len(makers), size=min(MAKER_QUESTIONS, len(makers)), replace=False))
    ]:
        works = {o["object_id"] for o in objects if o["maker"] == maker}
        kind = str(rng.choice(["copied", "paraphrased", "english"], p=[0.4, 0.4, 0.2]))
        text = {
            "copied": f"Welke werken van {maker} heeft het museum?",
            "paraphrased": f"Wat is er allemaal te zien van {maker.split(' ', 1)[1]}?",
            "english": f"Which works by {maker} do you have?",
        }[kind]
        rows.append({"text": text, "kind": kind, "answers": works, "unanswerable_type": ""})
    n_unanswerable = int(round(len(rows) * UNANSWERABLE_SHARE / (1 - UNANSWERABLE_SHARE)))
    unanswerable = []
    for dutch, english in PRACTICAL + OUTSIDE:
        kind = "practical" if (dutch, english) in PRACTICAL else "outside the collection"
        unanswerable += [(dutch, kind), (english, kind)]
    while len(unanswerable) < n_unanswerable:
        question = _look_alike(rng, objects[int(rng.integers(len(objects)))], all_texts)
        if question and question not in answers and question not in {q for q, _ in unanswerable}:
            unanswerable.append((question, "look-alike"))
    for text, kind in unanswerable[:n_unanswerable]:
        rows.append({"text": text, "kind": "unanswerable", "answers": set(), "unanswerable_type": kind})
    order = rng.permutation(len(rows))
    table = []
    for number, i in enumerate(order, start=1):
        row = rows[i]
        english = row["kind"] == "english" or (row["kind"] == "unanswerable" and not _looks_dutch(row["text"]))
        text, tone, marked = _with_tone(rng, row["text"], english)
        if row["kind"] == "short":  # a few keywords carry no tone in words; the visitor may still have one
            text, marked = row["text"], False
        labels = _annotate(rng, tone, marked)
        table.append(
            {
                "question_id": f"Q-{number:04d}",
                "text": text,
                "kind": row["kind"],
                "answer_ids": ";".join(sorted(row["answers"])),
                "unanswerable_type": row["unanswerable_type"],
                "emotion_1": labels[0],
                "emotion_2": labels[1],
                "emotion_3": labels[2],
            }
        )
    return pd.DataFrame(table)


def _looks_dutch(text: str) -> bool:
    return bool(re.search(r"\b(de|het|een|van|is|zijn|waar|wie|hoe|er|jullie|ik|je|kan|mag)\b", text.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output
    digest = write_dataset(generate(np.random.default_rng(SEED)), output)
    print(f"wrote {output} ({digest[:12]}...)")


if __name__ == "__main__":
    main()
