"""Generate the synthetic `museum-collection` dataset: the object texts of a fictional Rotterdam museum.

Reads nothing (no network, no input files). Writes `museum-collection.csv` next to this script (or to --output) and its
checksum file `<csv>.sha256` ("<hex>  <file name>"). The generator is seeded, so every run writes the same bytes.
Every text is composed from the phrase lists in this file; museum, makers, ships and people are fictional.

    python datasets/museum-collection/generate.py [--output PATH]

The questions dataset (`museum-questions`) is written from the same objects: its generator imports
:func:`build_objects` from this file, so that each question's answer is the object whose facts it asks about.
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from lcai.datasets import write_dataset

SEED = 22974682  # the seed `lcai new dataset museum-collection` gives this name
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "museum-collection.csv"

# Two departments, four galleries (zalen) each, as in a mid-sized Dutch museum that merged a maritime museum with a
# municipal art collection.
GALLERIES = {
    "Schepen en werven": ("Haven en zee", 1),
    "Op zee": ("Haven en zee", 2),
    "De haven": ("Haven en zee", 3),
    "Vertrek en aankomst": ("Haven en zee", 4),
    "Stad in beweging": ("Moderne kunst", 5),
    "Wederopbouw": ("Moderne kunst", 6),
    "Licht en beeld": ("Moderne kunst", 7),
    "Vorm en materiaal": ("Moderne kunst", 8),
}

# fmt: off
FIRST_NAMES = ["Anna", "Bram", "Cor", "Dirk", "Els", "Fenna", "Gerrit", "Hanna", "Ids", "Jet", "Kees", "Lotte",
               "Maarten", "Nel", "Otto", "Pien", "Ruud", "Sanne", "Teun", "Ursula", "Vera", "Wim", "Yara", "Zeger",
               "Aziz", "Berna", "Chaima", "Dewi", "Emre", "Farida", "Gilian", "Hamid", "Ilse", "Jorge", "Kwame",
               "Lin", "Mei", "Nadia", "Orlando", "Priya"]
LAST_NAMES = ["Aalbers", "Bakker", "Claassen", "Dekker", "Everaars", "Francken", "Goudswaard", "Hoogendijk",
              "IJzerman", "Jansma", "Kraaijeveld", "Lindhout", "Molenaar", "Noordam", "Oosterling", "Prins",
              "Quist", "Roodenburg", "Schouten", "Terlouw", "Uittenbogaard", "Verweij", "Westerbeek", "Zwart",
              "Akgül", "Bouali", "Chen", "Doesburg", "El Idrissi", "Fonseca", "Groenewegen", "Hakkert",
              "Karsten", "Lafleur", "Mendes", "Nieuwkoop", "Otten", "Pattipeilohy", "Ramdin", "Sitompoel"]
SHIPS = ["Zeemeeuw", "Maasstroom", "Prinses Irene", "Hollandia", "Willemsdorp", "Noordster", "Delfshaven",
         "Stormvogel", "Johanna Maria", "Nieuwe Maas", "Oranjeboom", "Zuiderkruis", "Alblas", "Poolster",
         "Katendrecht", "Vrouwe Agatha", "Heijplaat", "Merwede", "Zwaluw", "Atlantis", "Goede Hoop", "Rozenburg",
         "Margaretha", "Schiedam", "Zeeland", "Bodegraven", "Albatros", "Oude Haven", "Kinderdijk", "Amerika",
         "Vlaardingen", "Hoop op Zegen", "Wilhelmina", "Rijnmond", "Pernis", "Cornelia"]
SHIP_ARTICLE = {"stoomschip": "het", "passagiersschip": "het", "vrachtschip": "het", "baggerschip": "het",
                "binnenvaartschip": "het", "sleepboot": "de", "loodsboot": "de", "veerboot": "de"}  # fmt: skip
SHIP_KINDS = {  # kind: (synonym a visitor might use, English)
    "stoomschip": ("stoomboot", "steamship"), "passagiersschip": ("lijnboot", "passenger ship"),
    "vrachtschip": ("vrachtboot", "cargo ship"), "sleepboot": ("sleper", "tugboat"),
    "baggerschip": ("baggeraar", "dredger"), "binnenvaartschip": ("rijnaak", "barge"),
    "loodsboot": ("loodskotter", "pilot boat"), "veerboot": ("pont", "ferry"),
}
YARDS = ["werf De Hoop in Slikkerveer", "werf Het Anker in Schiedam", "de Maaswerf in Feijenoord",
         "werf Gebroeders Pronk in Alblasserdam", "de Heijplaatwerf", "werf De Kaap in Kinderdijk",
         "werf Nooitgedacht in Krimpen aan den IJssel"]
PORTS = {  # port: (how a visitor might say it, English)
    "New York": ("Amerika", "New York"), "Buenos Aires": ("Argentinië", "Buenos Aires"),
    "Batavia": ("Indië", "Batavia"), "Paramaribo": ("Suriname", "Paramaribo"), "Halifax": ("Canada", "Halifax"),
    "Lagos": ("Nigeria", "Lagos"), "Hamburg": ("Duitsland", "Hamburg"), "Londen": ("Engeland", "London"),
    "Montevideo": ("Uruguay", "Montevideo"), "Curaçao": ("de Antillen", "Curaçao"),
}
EVENTS = {  # what happened, as the text says it: (as a visitor says it, English)
    "de watersnoodramp van 1953": ("de overstroming in Zeeland", "the 1953 flood"),
    "de bevrijding van de haven in mei 1945": ("het einde van de oorlog", "the liberation in 1945"),
    "het blussen van de grote brand in de Waalhaven": ("dat vuur in de haven", "the big fire in the harbour"),
    "het bergen van een gezonken kustvaarder bij Hoek van Holland": ("het ophalen van een wrak",
                                                                     "the raising of a wreck"),
    "het slepen van een booreiland naar de Noordzee": ("het wegtrekken van een boorplatform",
                                                       "the towing of an oil rig"),
    "de redding van twaalf vissers in een zware storm": ("het redden van mensen op zee", "a rescue at sea"),
}
PLACES = {  # a place in Rotterdam: (how a visitor describes it, English)
    "de Erasmusbrug": ("de witte brug met de scheve pyloon", "the Erasmus Bridge"),
    "de Willemsbrug": ("de rode brug", "the Willems Bridge"),
    "het Witte Huis": ("dat oude hoge kantoorgebouw aan de Oude Haven", "the White House building"),
    "de Laurenskerk": ("de oude kerk in het centrum", "St Lawrence church"),
    "de Coolsingel": ("de grote straat bij het stadhuis", "the Coolsingel"),
    "de kubuswoningen": ("de scheve gele huizen", "the cube houses"),
    "de Euromast": ("de hoge toren in het park", "the Euromast tower"),
    "Katendrecht": ("de Kaap", "Katendrecht"),
    "de Maasvlakte": ("het nieuwe land in zee", "the Maasvlakte"),
    "de Markthal": ("de overdekte markt met het bolle dak", "the Market Hall"),
    "Delfshaven": ("het oude havendorpje", "Delfshaven"),
    "het Centraal Station": ("het station met het puntige dak", "the central station"),
    "de Kop van Zuid": ("de torens aan de overkant van de rivier", "the Kop van Zuid"),
    "de Rotterdamse metro": ("de ondergrondse trein", "the Rotterdam metro"),
}
# fmt: on

INTROS = [
    "{Title} is in {year} gemaakt door {maker}.",
    "In {year} maakte {maker} {title}.",
    "{Title} ({year}) is van de hand van {maker}.",
    "Dit is {title}, gemaakt door {maker} in {year}.",
]
INTROS_UNKNOWN = [
    "{Title} dateert uit ongeveer {year}; wie het maakte, is niet bekend.",
    "{Title} is rond {year} gemaakt door een onbekende maker.",
]
MATERIAL_SENTENCES = [
    "Materiaal en techniek: {material}.",
    "Het is uitgevoerd in {material}.",
    "Materiaal: {material}.",
]
GALLERY_SENTENCES = ["U vindt het in zaal {room}, {gallery}.", "Het is te zien in de zaal {gallery}."]

# Per type of object: its gallery, years, makers known or not, materials and the details a text can tell. A detail is
# (sentence in the text, the question as a visitor copies the text, the question in a visitor's own words, the
# question in English). The second and third are asked in the questions dataset; the texts only hold the first.
TYPES = {
    "scheepsmodel": {
        "gallery": ["Schepen en werven"],
        "years": (1890, 1990),
        "unknown_maker": 0.15,
        "materials": ["hout, messing en verf", "grenenhout en touw", "mahonie, koper en linnen", "plaatstaal en hout"],
        "title": "het model van {ship_article} {kind} {ship}",
        "details": [
            (
                "Het echte schip werd in {built} gebouwd op {yard}.",
                "Op welke werf werd {ship_article} {kind} {ship} gebouwd?",
                "Waar is die {kind_syn} {ship} ooit van stapel gelopen?",
                "Which shipyard built the {kind_en} {ship}?",
            ),
            (
                "De {ship} voer tussen Rotterdam en {port} en nam per reis tot {count} passagiers mee.",
                "Hoeveel passagiers nam de {ship} mee naar {port}?",
                "Hoeveel mensen pasten er op de boot naar {port_syn}?",
                "How many passengers did the ship to {port_en} carry?",
            ),
            (
                "In {event_year} hielp de {ship} bij {event}.",
                "Welk schip hielp bij {event}?",
                "Welke {kind_syn} deed mee bij {event_syn}?",
                "Which ship helped during {event_en}?",
            ),
            (
                "{Maker} werkte {months} maanden aan het model, op schaal 1:{scale}.",
                "Hoe lang werkte {maker} aan het model van de {ship}?",
                "Hoeveel tijd kostte het om de miniatuur van de {ship} te bouwen?",
                "How long did it take to build the model of the {ship}?",
            ),
            (
                "Kapitein {person} voer {service} jaar op de {ship} en schonk later de scheepsbel aan het museum.",
                "Wie schonk de scheepsbel van de {ship}?",
                "Van welke kapitein kreeg het museum de bel van de {kind_syn}?",
                "Who gave the ship's bell of the {ship} to the museum?",
            ),
        ],
    },
    "zeeschilderij": {
        "gallery": ["Op zee"],
        "years": (1860, 1950),
        "unknown_maker": 0.05,
        "materials": ["olieverf op doek", "olieverf op paneel", "aquarel op papier"],
        "title": "het schilderij {painting_title}",
        "details": [
            (
                "Het doek toont de {ship} in een zware storm voor de kust van {coast}.",
                "Welk schilderij toont de {ship} in een storm bij {coast}?",
                "Is er een schilderij van een schip dat bijna vergaat bij {coast}?",
                "Is there a painting of the {ship} in a storm?",
            ),
            (
                "{Maker} schilderde het werk aan boord, tijdens een reis naar {port}.",
                "Welk werk schilderde {maker} tijdens een reis naar {port}?",
                "Welke kunstenaar maakte een schilderij terwijl hij op weg was naar {port_syn}?",
                "Which painting was made on a voyage to {port_en}?",
            ),
            (
                "Bij een restauratie in {restored} vond men onder de verf een eerdere schets van een vuurtoren.",
                "Wat vond men bij de restauratie van {painting_title}?",
                "Zit er onder {painting_title} een verborgen tekening?",
                "What was found under the paint of {painting_title}?",
            ),
            (
                "Opvallend is het licht: {maker_last} gebruikte bijna alleen grijs en oker, met één rood zeil.",
                "Welk schilderij heeft één rood zeil tussen grijs en oker?",
                "Welk zeeschilderij is bijna helemaal grijs op één rood zeiltje na?",
                "Which sea painting has a single red sail?",
            ),
        ],
    },
    "instrument": {
        "gallery": ["Op zee"],
        "years": (1720, 1900),
        "unknown_maker": 0.4,
        "materials": ["messing en ebbenhout", "messing en glas", "ivoor, messing en hout", "koper en glas"],
        "title": "{article} {instrument} van de {ship}",
        "details": [
            (
                "Met {article_lc} {instrument} bepaalde de stuurman de positie van het schip aan de hand van {star}.",
                "Hoe bepaalde de stuurman met {article_lc} {instrument} de positie?",
                "Hoe wist een zeeman met {article_lc} {instrument} waar hij was op zee?",
                "How did sailors use the {instrument_en} to find their position?",
            ),
            (
                "Het instrument werd gemaakt in een werkplaats in {workshop} en kostte toen {price} gulden.",
                "Wat kostte {article_lc} {instrument} van de {ship}?",
                "Hoeveel geld moest je betalen voor {article_lc} {instrument} uit {workshop}?",
                "How much did the {instrument_en} from {workshop} cost?",
            ),
            (
                "Het kwam in {found} terug in Rotterdam, in de nalatenschap van stuurman {person}.",
                "Hoe kwam {article_lc} {instrument} van stuurman {person} in het museum?",
                "Van wie heeft het museum dat oude navigatieding van {person_last} gekregen?",
                "How did the {instrument_en} of {person} come to the museum?",
            ),
        ],
    },
    "havenfoto": {
        "gallery": ["De haven"],
        "years": (1900, 1980),
        "unknown_maker": 0.1,
        "materials": ["zilvergelatinedruk", "daglichtcontactdruk op papier", "glasnegatief, nieuwe afdruk"],
        "title": "de foto {photo_title}",
        "details": [
            (
                "De foto laat havenarbeiders zien die zakken {cargo} lossen in de {harbour}.",
                "Welke foto laat het lossen van {cargo} in de {harbour} zien?",
                "Is er een foto van sjouwers met {cargo} in de {harbour}?",
                "Is there a photo of dock workers unloading {cargo_en}?",
            ),
            (
                "{Maker} fotografeerde in {year} de staking van de havenarbeiders, vanaf een kraan van {height} meter.",
                "Wie fotografeerde de havenstaking van {year}?",
                "Wie maakte foto's van het protest van de havenwerkers vanaf een hijskraan?",
                "Who photographed the dock strike of {year}?",
            ),
            (
                "Op de achtergrond is {place} nog in aanbouw.",
                "Op welke foto is {place} nog in aanbouw?",
                "Welke havenfoto toont {place_syn} toen die nog gebouwd werd?",
                "Which photo shows {place_en} under construction?",
            ),
        ],
    },
    "affiche": {
        "gallery": ["Vertrek en aankomst"],
        "years": (1900, 1970),
        "unknown_maker": 0.1,
        "materials": ["lithografie op papier", "offsetdruk op papier", "zeefdruk op karton"],
        "title": "het affiche van de {line} voor de {ship}",
        "details": [
            (
                "Het affiche maakte reclame voor de overtocht van Rotterdam naar {port} met de {ship}.",
                "Welk affiche maakt reclame voor de overtocht naar {port}?",
                "Hebben jullie een oude reclameplaat voor een reis naar {port_syn}?",
                "Do you have a poster advertising the crossing to {port_en}?",
            ),
            (
                "Een kaartje in de derde klasse kostte {price} gulden, "
                "bijna {months} maanden loon van een havenarbeider.",
                "Wat kostte een kaartje derde klasse bij de {line}?",
                "Hoe duur was een reis in de goedkoopste klasse van de {line}?",
                "What did a third-class ticket of the {line} cost?",
            ),
            (
                "{Maker} tekende de {ship} veel groter dan het schip echt was, om het veilig te laten lijken.",
                "Waarom tekende {maker} de {ship} zo groot?",
                "Klopt het dat het schip op het affiche van de {line} groter is dan in het echt?",
                "Why is the ship on the {line} poster drawn so large?",
            ),
        ],
    },
    "emigrantenobject": {
        "gallery": ["Vertrek en aankomst"],
        "years": (1880, 1960),
        "unknown_maker": 1.0,
        "materials": ["hout, leer en ijzer", "karton en linnen", "papier en inkt", "blik en verf"],
        "title": "{article} {thing} van de familie {family}",
        "details": [
            (
                "De familie {family} vertrok in {year} met de {ship} naar {port}.",
                "Wanneer vertrok de familie {family} naar {port}?",
                "Met welke boot ging de familie {family} naar {port_syn}?",
                "When did the {family} family leave for {port_en}?",
            ),
            (
                "In {article_lc} {thing} zaten alle bezittingen van het gezin: {belongings}.",
                "Wat zat er in {article_lc} {thing} van de familie {family}?",
                "Wat namen de {family}s mee toen ze emigreerden?",
                "What did the {family} family take with them?",
            ),
            (
                "Een kleinzoon uit {port} bracht het in {found} terug naar Rotterdam.",
                "Wie bracht {article_lc} {thing} van de familie {family} terug?",
                "Hoe is dat emigrantenspul van de {family}s weer in Rotterdam gekomen?",
                "Who brought the {family} family's {thing_en} back to Rotterdam?",
            ),
        ],
    },
    "boegbeeld": {
        "gallery": ["Schepen en werven"],
        "years": (1750, 1890),
        "unknown_maker": 0.5,
        "materials": ["eikenhout, beschilderd", "grenenhout met bladgoud", "iepenhout, beschilderd"],
        "title": "het boegbeeld {figure} van de {ship}",
        "details": [
            (
                "Het boegbeeld stelt {figure_text} voor en zat aan de voorsteven van het zeilschip {ship}.",
                "Wat stelt het boegbeeld van de {ship} voor?",
                "Wie of wat is die houten figuur aan de voorkant van de {ship}?",
                "What does the figurehead of the {ship} show?",
            ),
            (
                "Zeelieden geloofden dat {figure_short} het schip beschermde tegen {danger}.",
                "Waartegen moest het boegbeeld van de {ship} beschermen?",
                "Waarom dachten matrozen dat de houten figuur hen veilig hield voor {danger}?",
                "Why did sailors believe the figurehead protected them?",
            ),
        ],
    },
    "schilderij": {
        "gallery": ["Stad in beweging", "Wederopbouw"],
        "years": (1920, 2015),
        "unknown_maker": 0.0,
        "materials": ["olieverf op doek", "acryl op doek", "gemengde techniek op paneel", "olieverf en zand op doek"],
        "title": "het schilderij {art_title}",
        "details": [
            (
                "{Maker} schilderde {place} {view}.",
                "Welk schilderij toont {place} {view}?",
                "Is er een schilderij van {place_syn} {view}?",
                "Is there a painting of {place_en}?",
            ),
            (
                "De kleuren zijn {colours}; {maker_last} wilde laten zien hoe snel de stad verandert.",
                "Waarom gebruikte {maker} {colours} in {art_title}?",
                "Wat wilde de schilder van {art_title} vertellen over de stad?",
                "What did the artist want to say with {art_title}?",
            ),
            (
                "Het werk won in {prize_year} de {prize} en werd daarna door de gemeente gekocht.",
                "Welk schilderij won de {prize} in {prize_year}?",
                "Welk doek heeft ooit een kunstprijs gewonnen in {prize_year}?",
                "Which painting won the {prize} in {prize_year}?",
            ),
        ],
    },
    "beeld": {
        "gallery": ["Wederopbouw", "Vorm en materiaal"],
        "years": (1945, 2015),
        "unknown_maker": 0.0,
        "materials": [
            "brons",
            "cortenstaal",
            "gepolijst roestvrij staal",
            "basalt",
            "gegoten beton",
            "gerecycled plastic",
        ],
        "title": "het beeld {art_title}",
        "details": [
            (
                "Het beeld stond eerst {outdoor} en kwam in {found} naar het museum, omdat {reason}.",
                "Waar stond het beeld {art_title} eerst?",
                "Waarom is {art_title} van buiten naar binnen gehaald?",
                "Where did the sculpture {art_title} stand before?",
            ),
            (
                "{Maker} maakte het beeld als herinnering aan {memory}.",
                "Waaraan herinnert het beeld van {maker}?",
                "Welk kunstwerk gaat over {memory_syn}?",
                "Which sculpture is about {memory_en}?",
            ),
            (
                "Het weegt {weight} kilo en is {size} meter hoog.",
                "Hoe zwaar is het beeld {art_title}?",
                "Hoeveel weegt dat grote {material_first} ding van {maker_last}?",
                "How heavy is the sculpture {art_title}?",
            ),
        ],
    },
    "kunstfoto": {
        "gallery": ["Licht en beeld"],
        "years": (1960, 2020),
        "unknown_maker": 0.0,
        "materials": [
            "inkjetprint op baryetpapier",
            "chromogene print",
            "zilvergelatinedruk",
            "lichtbak met diapositief",
        ],
        "title": "de foto {art_title}",
        "details": [
            (
                "{Maker} fotografeerde {people} bij {place}, steeds op hetzelfde uur.",
                "Welke foto toont {people} bij {place}?",
                "Wie maakte foto's van {people} bij {place_syn}?",
                "Who photographed {people_en} at {place_en}?",
            ),
            (
                "De foto hoort bij een serie van {count} beelden die {maker_last} in {months} maanden maakte.",
                "Hoeveel foto's zitten er in de serie van {art_title}?",
                "Uit hoeveel beelden bestaat de reeks waar {art_title} bij hoort?",
                "How many photos are in the series of {art_title}?",
            ),
        ],
    },
    "installatie": {
        "gallery": ["Licht en beeld"],
        "years": (1975, 2022),
        "unknown_maker": 0.0,
        "materials": [
            "video, geluid en projectie",
            "neonbuizen en staal",
            "geluid en zestien luidsprekers",
            "LED-schermen en software",
        ],
        "title": "de installatie {art_title}",
        "details": [
            (
                "In de installatie hoor je {sound}, opgenomen {where_recorded}.",
                "Wat hoor je in de installatie {art_title}?",
                "Waar komen de geluiden in {art_title} vandaan?",
                "What can you hear in the installation {art_title}?",
            ),
            (
                "Bezoekers mogen {interaction}; het werk verandert dan van {change}.",
                "Wat gebeurt er als je bij {art_title} {interaction_short}?",
                "Mag je {art_title} aanraken of meedoen?",
                "Can visitors interact with {art_title}?",
            ),
            (
                "Het werk duurt {minutes} minuten en begint elk half uur opnieuw.",
                "Hoe lang duurt {art_title}?",
                "Hoeveel tijd moet ik nemen om {art_title} helemaal te zien?",
                "How long does {art_title} last?",
            ),
        ],
    },
    "ontwerp": {
        "gallery": ["Vorm en materiaal"],
        "years": (1925, 2020),
        "unknown_maker": 0.0,
        "materials": [
            "buisstaal en leer",
            "multiplex en linoleum",
            "gerecycled havenhout",
            "porselein",
            "aluminium en glas",
            "gerecycled visnet",
        ],
        "title": "{article} {design} {art_title}",
        "details": [
            (
                "{Maker} ontwierp {article_lc} {design} voor {client}.",
                "Voor wie ontwierp {maker} {article_lc} {design} {art_title}?",
                "Welk ontwerp is gemaakt voor {client}?",
                "Who was the {design_en} {art_title} designed for?",
            ),
            (
                "Er werden {count} exemplaren van gemaakt in een fabriek in {workshop}.",
                "Hoeveel exemplaren zijn er van {art_title} gemaakt?",
                "Is {art_title} in grote aantallen geproduceerd?",
                "How many copies of {art_title} were made?",
            ),
            (
                "Het ontwerp is gemaakt van {material}, een keuze die in {year} opviel.",
                "Waarom viel het materiaal van {art_title} op?",
                "Van welk spul is {article_lc} {design} {art_title} gemaakt?",
                "What is the {design_en} {art_title} made of?",
            ),
        ],
    },
    "grafiek": {
        "gallery": ["Stad in beweging"],
        "years": (1920, 2010),
        "unknown_maker": 0.0,
        "materials": ["houtsnede op japans papier", "zeefdruk", "ets en aquatint", "linoleumsnede"],
        "title": "de prent {art_title}",
        "details": [
            (
                "De prent toont {place} {view}, in {colours}.",
                "Welke prent toont {place}?",
                "Hebben jullie een grafisch werk over {place_syn}?",
                "Is there a print of {place_en}?",
            ),
            (
                "{Maker} drukte een oplage van {count} stuks; dit is nummer {number}.",
                "Hoe groot was de oplage van {art_title}?",
                "Hoeveel afdrukken bestaan er van {art_title}?",
                "How many prints of {art_title} were made?",
            ),
        ],
    },
}
# fmt: off
FILL = {
    "instrument": ["sextant", "octant", "kompas", "chronometer", "kijker", "astrolabium"],
    "instrument_en": {"sextant": "sextant", "octant": "octant", "kompas": "compass", "chronometer": "chronometer",
                      "kijker": "telescope", "astrolabium": "astrolabe"},
    "star": ["de zon op het middaguur", "de Poolster", "de maan en de sterren"],
    "workshop": ["Amsterdam", "Londen", "Hamburg", "Rotterdam", "Delft", "Eindhoven", "Maastricht"],
    "coast": ["Texel", "Schotland", "Kaap Hoorn", "Noorwegen", "Ierland", "Bretagne"],
    "cargo": ["koffie", "graan", "tabak", "suiker", "kolen", "bananen"],
    "cargo_en": {"koffie": "coffee", "graan": "grain", "tabak": "tobacco", "suiker": "sugar", "kolen": "coal",
                 "bananen": "bananas"},
    "harbour": ["Waalhaven", "Maashaven", "Rijnhaven", "Merwehaven", "Parkhaven"],
    "line": ["Maas-Amerika Lijn", "Rotterdamsche Zuid-Lijn", "Koninklijke Oost-Lijn", "Noordzee Stoomvaart"],
    "thing": ["koffer", "hutkoffer", "paspoort", "brief", "broodtrommel", "pop"],
    "thing_en": {"koffer": "suitcase", "hutkoffer": "trunk", "paspoort": "passport", "brief": "letter",
                 "broodtrommel": "lunch box", "pop": "doll"},
    "belongings": ["twee dekens, een bijbel en gereedschap", "kleren, een klok en zaden voor de moestuin",
                   "een naaimachine, foto's en een viool", "lakens, pannen en brieven van familie"],
    "family": ["Van Dijk", "Hoekstra", "De Ruiter", "Kuipers", "Baldewsingh", "Sardjoe", "Verbeek", "Mulder",
               "Van Leeuwen", "Tjon"],
    "figure": ["Neptunus", "de Leeuw", "Vrouwe Fortuna", "de Zeemeermin", "de Adelaar"],
    "figure_text": {"Neptunus": "de zeegod Neptunus met een drietand", "de Leeuw": "een brullende gouden leeuw",
                    "Vrouwe Fortuna": "de godin van het geluk op een rad",
                    "de Zeemeermin": "een zeemeermin met een spiegel",
                    "de Adelaar": "een adelaar met gespreide vleugels"},
    "danger": ["storm en schipbreuk", "zeerovers", "ziekte aan boord", "ongeluk op de reis"],
    "view": ["bij nacht", "in de regen", "tijdens het spitsuur", "van bovenaf gezien", "in de mist",
             "vlak na de oorlog"],
    "colours": ["fel oranje en blauw", "grijs en zwart", "felle neonkleuren", "zacht groen en geel", "rood en wit"],
    "prize": ["Rotterdamse Kunstprijs", "Maasprijs voor schilderkunst", "Prijs van de Stad"],
    "outdoor": ["op een plein in Zuid", "bij de ingang van het ziekenhuis", "in het Park bij de Euromast",
                "op de kade van de Leuvehaven", "voor een school in Ommoord"],
    "reason": ["het werd beschadigd door vandalen", "de zoute lucht het aantastte", "het plein werd verbouwd",
               "het te kwetsbaar bleek"],
    "memory": ["het bombardement van mei 1940", "de havenarbeiders van Katendrecht", "de eerste gastarbeiders",
               "de kinderen die in de oorlog werden geëvacueerd", "de watersnoodramp van 1953"],
    "memory_syn": {"het bombardement van mei 1940": "de verwoesting van de stad in de oorlog",
                   "de havenarbeiders van Katendrecht": "de mensen die vroeger in de haven werkten",
                   "de eerste gastarbeiders": "de migranten die in de jaren zestig kwamen werken",
                   "de kinderen die in de oorlog werden geëvacueerd": "kinderen die weg moesten uit de stad",
                   "de watersnoodramp van 1953": "de overstroming in Zeeland"},
    "memory_en": {"het bombardement van mei 1940": "the bombing of May 1940",
                  "de havenarbeiders van Katendrecht": "the dock workers",
                  "de eerste gastarbeiders": "the first guest workers",
                  "de kinderen die in de oorlog werden geëvacueerd": "evacuated children",
                  "de watersnoodramp van 1953": "the 1953 flood"},
    "people": ["fietsers", "schoonmakers", "marktkooplui", "skaters", "taxichauffeurs", "nachtwerkers"],
    "people_en": {"fietsers": "cyclists", "schoonmakers": "cleaners", "marktkooplui": "market traders",
                  "skaters": "skaters", "taxichauffeurs": "taxi drivers", "nachtwerkers": "night workers"},
    "sound": ["scheepshoorns", "stemmen van marktkooplui", "het kraken van ijs op de Maas", "meeuwen en kranen",
              "het zoemen van de metro"],
    "where_recorded": ["in de haven van Pernis", "op de Afrikaandermarkt", "op de Maas in de winter van 1997",
                       "op de Maasvlakte", "in de tunnels van de metro"],
    "interaction": ["over de vloer lopen", "in een microfoon praten", "aan een touw trekken",
                    "hun hand op een sensor leggen"],
    "interaction_short": {"over de vloer lopen": "loopt", "in een microfoon praten": "praat",
                          "aan een touw trekken": "aan het touw trekt",
                          "hun hand op een sensor leggen": "je hand erop legt"},
    "change": ["kleur", "toonhoogte", "snelheid", "vorm"],
    "design": ["stoel", "lamp", "theeservies", "fiets", "tafel", "kinderwagen"],
    "design_en": {"stoel": "chair", "lamp": "lamp", "theeservies": "tea set", "fiets": "bicycle", "tafel": "table",
                  "kinderwagen": "pram"},
    "client": ["de kantine van de havenarbeiders", "De Bijenkorf", "een nieuwe school in Hoogvliet",
               "de metro van Rotterdam", "het Groothandelsgebouw", "een zorgcentrum in Charlois"],
}
ART_WORDS = ["Stroom", "Nachtdienst", "Kade", "Tegenlicht", "Wederkeer", "Zuidwaarts", "Spits", "Laagwater",
             "Ruis", "Horizon", "Vloed", "Stadslicht", "Dwarsstroom", "Kraanvogels", "Overkant", "Hoogtij", "Beton",
             "Zoutwater", "Ritme", "Grens", "Nieuw Land", "Lijnen", "Schaduwhaven", "Verte", "Mist", "Echo",
             "Brug", "Staal", "Tij", "Windkracht", "Rivierlicht", "Puin", "Opbouw", "Moeder Maas", "Avondrood"]
# fmt: on
ARTICLES = {"de": "De", "het": "Het"}
INSTRUMENT_ARTICLE = {"sextant": "de", "octant": "het", "kompas": "het", "chronometer": "de", "kijker": "de",
                      "astrolabium": "het"}  # fmt: skip
THING_ARTICLE = {"koffer": "de", "hutkoffer": "de", "paspoort": "het", "brief": "de", "broodtrommel": "de", "pop": "de"}
DESIGN_ARTICLE = {"stoel": "de", "lamp": "de", "theeservies": "het", "fiets": "de", "tafel": "de", "kinderwagen": "de"}
# How many objects of each type: a maritime museum's collection is mostly models, paintings and photographs.
COUNTS = {"scheepsmodel": 38, "zeeschilderij": 24, "instrument": 18, "havenfoto": 26, "affiche": 16,
          "emigrantenobject": 18, "boegbeeld": 10, "schilderij": 34, "beeld": 24, "kunstfoto": 24,
          "installatie": 16, "ontwerp": 22, "grafiek": 20}  # fmt: skip
# Planted pitfall: near-duplicates. Objects of these types sometimes come as a series that differ in one detail.
SERIES_SHARE = {"havenfoto": 0.35, "grafiek": 0.4, "kunstfoto": 0.3}


def _pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


# Who makes what: a maker works in one discipline for about forty years.
DISCIPLINES = {
    "modelbouwer": ["scheepsmodel"],
    "instrumentmaker": ["instrument"],
    "schilder": ["zeeschilderij", "schilderij", "grafiek", "affiche"],
    "fotograaf": ["havenfoto", "kunstfoto"],
    "beeldhouwer": ["beeld", "boegbeeld"],
    "ontwerper": ["ontwerp", "affiche", "installatie"],
    "mediakunstenaar": ["installatie", "kunstfoto"],
}
NEW_MAKER = 0.55  # chance that an object is by a maker not yet in the collection
ACTIVE_YEARS = 40


class Makers:
    """The collection's makers, created as objects need them; a maker with more works is more likely to get another."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.records: list[dict] = []
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        self.free_names = [names[i] for i in rng.permutation(len(names))]

    def pick(self, kind: str, year: int) -> str:
        candidates = [
            m
            for m in self.records
            if kind in DISCIPLINES[m["discipline"]] and m["start"] <= year <= m["start"] + ACTIVE_YEARS
        ]
        if candidates and self.rng.random() > NEW_MAKER:
            weights = np.sqrt([m["works"] for m in candidates])
            chosen = candidates[int(self.rng.choice(len(candidates), p=weights / weights.sum()))]
        else:
            discipline = _pick(self.rng, [d for d, kinds in DISCIPLINES.items() if kind in kinds])
            chosen = {
                "name": self.free_names.pop(),
                "discipline": discipline,
                "start": year - int(self.rng.integers(0, 30)),
                "works": 0,
            }
            self.records.append(chosen)
        chosen["works"] += 1
        return chosen["name"]


def _slots(rng: np.random.Generator, kind: str, year: int, maker: str, material: str) -> dict:
    """The facts an object of ``kind`` can tell, drawn at random; a template uses the ones it names."""
    ship = _pick(rng, SHIPS)
    ship_kind = _pick(rng, list(SHIP_KINDS))
    port = _pick(rng, list(PORTS))
    event = _pick(rng, list(EVENTS))
    place = _pick(rng, list(PLACES))
    instrument = _pick(rng, FILL["instrument"])
    thing = _pick(rng, FILL["thing"])
    design = _pick(rng, FILL["design"])
    figure = _pick(rng, FILL["figure"])
    memory = _pick(rng, FILL["memory"])
    people = _pick(rng, FILL["people"])
    interaction = _pick(rng, FILL["interaction"])
    cargo = _pick(rng, FILL["cargo"])
    article = {"instrument": INSTRUMENT_ARTICLE[instrument], "emigrantenobject": THING_ARTICLE[thing],
               "ontwerp": DESIGN_ARTICLE[design]}.get(kind, "de")  # fmt: skip
    person = f"{_pick(rng, FIRST_NAMES)} {_pick(rng, LAST_NAMES)}"
    art_title = (
        _pick(rng, ART_WORDS) if rng.random() < 0.6 else f"{_pick(rng, ART_WORDS)} {_pick(rng, ART_WORDS).lower()}"
    )
    return {
        "ship": ship, "kind": ship_kind, "ship_article": SHIP_ARTICLE[ship_kind],
        "kind_syn": SHIP_KINDS[ship_kind][0], "kind_en": SHIP_KINDS[ship_kind][1],
        "yard": _pick(rng, YARDS), "built": year - int(rng.integers(0, 30)), "port": port,
        "port_syn": PORTS[port][0], "port_en": PORTS[port][1],
        "count": int(rng.choice([12, 40, 80, 150, 300, 600, 1200])),
        "event": event, "event_syn": EVENTS[event][0], "event_en": EVENTS[event][1],
        "event_year": 1953 if "1953" in event else (1945 if "1945" in event else year + int(rng.integers(1, 20))),
        "months": int(rng.integers(2, 19)), "scale": int(rng.choice([25, 50, 75, 100, 200])), "person": person,
        "person_last": person.split(" ", 1)[1], "service": int(rng.integers(4, 31)),
        "painting_title": f"'{_pick(rng, ['Storm bij', 'Thuisvaart langs', 'Laatste licht bij', 'Zware zee bij'])} "
        f"{_pick(rng, FILL['coast'])}'",
        "coast": _pick(rng, FILL["coast"]), "restored": int(rng.integers(1965, 2021)),
        "maker_last": maker.split(" ", 1)[-1], "instrument": instrument,
        "instrument_en": FILL["instrument_en"][instrument], "star": _pick(rng, FILL["star"]),
        "workshop": _pick(rng, FILL["workshop"]), "price": int(rng.integers(3, 160)),
        "found": int(rng.integers(1950, 2024)), "cargo": cargo, "cargo_en": FILL["cargo_en"][cargo],
        "harbour": _pick(rng, FILL["harbour"]), "height": int(rng.integers(2, 40)), "place": place,
        "place_syn": PLACES[place][0], "place_en": PLACES[place][1], "line": _pick(rng, FILL["line"]),
        "thing": thing, "thing_en": FILL["thing_en"][thing], "belongings": _pick(rng, FILL["belongings"]),
        "family": _pick(rng, FILL["family"]), "figure": figure, "figure_text": FILL["figure_text"][figure],
        "figure_short": FILL["figure_text"][figure].split(" met ")[0], "danger": _pick(rng, FILL["danger"]),
        "view": _pick(rng, FILL["view"]), "colours": _pick(rng, FILL["colours"]), "prize": _pick(rng, FILL["prize"]),
        "prize_year": year + int(rng.integers(0, 3)), "outdoor": _pick(rng, FILL["outdoor"]),
        "reason": _pick(rng, FILL["reason"]), "memory": memory, "memory_syn": FILL["memory_syn"][memory],
        "memory_en": FILL["memory_en"][memory], "weight": int(rng.choice([40, 120, 350, 800, 1500, 4200])),
        "people": people, "people_en": FILL["people_en"][people], "sound": _pick(rng, FILL["sound"]),
        "where_recorded": _pick(rng, FILL["where_recorded"]), "interaction": interaction,
        "interaction_short": FILL["interaction_short"][interaction], "change": _pick(rng, FILL["change"]),
        "minutes": int(rng.integers(4, 41)), "size": f"{rng.integers(4, 46) / 10:.1f}".replace(".", ","),
        "design": design, "design_en": FILL["design_en"][design],
        "client": _pick(rng, FILL["client"]), "number": 0, "art_title": f"'{art_title}'", "article": ARTICLES[article],
        "article_lc": article, "material": material, "material_first": material.split()[0].split(",")[0],
        "photo_title": f"'{_pick(rng, FILL['harbour'])}, "
        f"{_pick(rng, ['ochtend', 'avond', 'winter', 'lossen', 'staking', 'kranen'])}'",
        "year": year, "maker": maker, "Maker": maker,
    }  # fmt: skip


CONTEXT = {  # general sentences a longer text may add; they are shared by many objects, so they never identify one
    "Haven en zee": [
        "Rotterdam groeide in de negentiende eeuw uit tot een van de grootste havens ter wereld.",
        "Veel schepen uit die tijd zijn gesloopt; een model, een foto of een voorwerp is vaak het enige wat rest.",
        "Het museum kreeg het voorwerp van een particulier, zoals een groot deel van de collectie.",
        "Tussen 1880 en 1960 vertrokken honderdduizenden mensen via Rotterdam naar een nieuw bestaan overzee.",
    ],
    "Moderne kunst": [
        "Na het bombardement van 1940 werd het centrum opnieuw opgebouwd, en kunstenaars zochten een nieuwe beeldtaal.",
        "De gemeente koopt sinds de jaren vijftig werk van kunstenaars die in de stad wonen of werken.",
        "Het werk is kwetsbaar voor licht en wordt daarom af en toe een tijd uit de zaal gehaald.",
        "Net als veel kunstenaars van haar of zijn generatie werkte de maker eerst in de haven.",
    ],
}
STYLES = ["kort", "standaard", "verhalend", "catalogus"]
STYLE_SHARES = [0.2, 0.45, 0.2, 0.15]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(template: str, slots: dict) -> str:
    return _capitalise(template.format(**slots)) if template[:1] == "{" else template.format(**slots)


def _object(rng: np.random.Generator, kind: str, maker: str, year: int, slots: dict | None = None) -> dict:
    """One object: its facts, its text and the questions its text answers (before the visitors' variations)."""
    spec = TYPES[kind]
    gallery = _pick(rng, spec["gallery"])
    if slots is None:
        # Recycled materials belong to recent work only.
        materials = [m for m in spec["materials"] if year >= 1990 or not m.startswith("gerecycled")]
        material = _pick(rng, materials)
        slots = _slots(rng, kind, year, maker, material)
    else:
        material, slots = slots["material"], {**slots, "year": year}
    title = _capitalise(spec["title"].format(**slots))
    slots = {**slots, "title": title[:1].lower() + title[1:], "Title": title}
    style = str(rng.choice(STYLES, p=STYLE_SHARES))
    known = maker != "onbekend"
    # Of an unknown maker's object the text cannot tell what the maker did.
    possible = [detail for detail in spec["details"] if known or "aker" not in detail[0]]
    n_details = {"kort": 1, "standaard": 2, "verhalend": len(possible), "catalogus": 2}[style]
    order = rng.permutation(len(possible))[:n_details]
    details = [possible[i] for i in sorted(order)]
    if style == "catalogus":
        head = f"{title}. {maker if known else 'Maker onbekend'}, {year}. {_capitalise(material)}."
        sentences = [head]
    else:
        intro = _pick(rng, INTROS if known else INTROS_UNKNOWN)
        sentences = [intro.format(**slots), _pick(rng, MATERIAL_SENTENCES).format(**slots)]
    sentences += [_fill(detail[0], slots) for detail in details]
    department, room = GALLERIES[gallery]
    if style == "verhalend":
        sentences.insert(2, _pick(rng, CONTEXT[department]))
    if style != "kort" and rng.random() < 0.5:
        sentences.append(_pick(rng, GALLERY_SENTENCES).format(room=room, gallery=gallery))
    if style == "kort":
        sentences = sentences[:1] + sentences[2:]  # a short label leaves the material to the caption
    asked = [(_fill(d[1], slots), _fill(d[2], slots), _fill(d[3], slots)) for d in details]
    if known:
        asked.append((f"Wie heeft {slots['title']} gemaakt?", f"Van welke kunstenaar is {slots['title']}?", ""))
    asked.append(
        (
            f"Uit welk jaar is {slots['title']}?",
            f"Hoe oud is {slots['title']}?",
            f"When was this made: {slots['Title']}?",
        )
    )
    return {
        "type": kind, "title": title, "maker": maker, "year": year, "material": material, "department": department,
        "gallery": gallery, "style": style, "text": " ".join(sentences), "asked": asked, "slots": slots,
    }  # fmt: skip


def _series(rng: np.random.Generator, kind: str, maker: str, year: int) -> list[dict]:
    """A series of two or three near-identical objects (planted pitfall): same facts, a detail and the title differ."""
    first = _object(rng, kind, maker, year)
    members = [first]
    for number in ["II", "III"][: int(rng.integers(1, 3))]:
        slots = {**first["slots"], "view": _pick(rng, FILL["view"]), "number": int(rng.integers(1, 40))}
        for key in ("art_title", "photo_title"):
            slots[key] = first["slots"][key][:-1] + f" {number}'"
        members.append(_object(rng, kind, maker, year + int(rng.integers(0, 2)), slots=slots))
    first_slots = {**first["slots"]}
    for key in ("art_title", "photo_title"):
        first_slots[key] = first_slots[key][:-1] + " I'"
    members[0] = _object(rng, kind, maker, year, slots=first_slots)
    return members


def build_objects(rng: np.random.Generator) -> list[dict]:
    """The collection as records with their questions; the data file holds their public columns."""
    makers = Makers(rng)
    objects, titles = [], set()
    for kind, count in COUNTS.items():
        made = 0
        while made < count:
            low, high = TYPES[kind]["years"]
            year = int(rng.integers(low, high + 1))
            maker = "onbekend" if rng.random() < TYPES[kind]["unknown_maker"] else makers.pick(kind, year)
            if kind in SERIES_SHARE and rng.random() < SERIES_SHARE[kind] and maker != "onbekend":
                group = _series(rng, kind, maker, year)
            else:
                group = [_object(rng, kind, maker, year)]
            if any(member["title"] in titles for member in group):
                continue  # titles are unique in a collection; near-duplicates differ in their number
            titles.update(member["title"] for member in group)
            objects += group
            made += len(group)
    order = rng.permutation(len(objects))
    objects = [objects[i] for i in order]
    for number, record in enumerate(objects, start=1):
        record["object_id"] = f"MK-{number:04d}"
    return objects


COLUMNS = ["object_id", "title", "maker", "year", "material", "department", "gallery", "text"]


def generate(rng: np.random.Generator) -> pd.DataFrame:
    """The collection table, one row per object."""
    return pd.DataFrame(build_objects(rng))[COLUMNS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output
    digest = write_dataset(generate(np.random.default_rng(SEED)), output)
    print(f"wrote {output} ({digest[:12]}...)")


if __name__ == "__main__":
    main()
