"""Generate the synthetic `amsterdam-reports` dataset: about 6,000 fictional citizens' reports about public space.

Reads nothing (no network, no input files). Writes `amsterdam-reports.csv` (default: next to this script, or the
path given with --output) and its checksum file `<csv>.sha256` ("<hex>  <file name>"). The random generator is
seeded, so every run writes the same bytes. The shares below are rough stand-ins for published Amsterdam figures
(see DATASHEET.md); they are approximate on purpose. Every text is composed from the phrase lists in this file.

    python datasets/amsterdam-reports/generate.py [--output PATH]
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from lcai.datasets import write_dataset

SEED = 90914488  # the seed `lcai new dataset amsterdam-reports` gives this name
N_PROBLEMS = 5_260  # physical problems; some are reported more than once, giving about 6,000 reports
YEAR = 2025
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "amsterdam-reports.csv"

# Residents per stadsdeel (approximate, rounded, about 1 January 2024) times how readily residents report: O&S
# found the most reports per resident in Centrum (visitors, crowds) and relatively few in Zuidoost, Nieuw-West and
# above all Weesp.
# fmt: off
RESIDENTS = {"Centrum": 90_000, "Nieuw-West": 165_000, "Noord": 105_000, "Oost": 145_000, "West": 150_000,
             "Zuid": 150_000, "Zuidoost": 95_000, "Weesp": 22_000}
REPORTING = {"Centrum": 1.6, "Nieuw-West": 0.85, "Noord": 0.95, "Oost": 1.0, "West": 1.05, "Zuid": 1.05,
             "Zuidoost": 0.85, "Weesp": 0.6}
# fmt: on

TEAMS = [
    "waste",
    "roads and pavements",
    "noise and nuisance",
    "street lighting",
    "trees and green",
    "bikes and parking",
    "water and sewers",
    "graffiti and vandalism",
    "other",
]
# Share of each team among problems. Waste is by far the largest main category in Amsterdam; it is kept at about
# 38 % (rather than the ~half it has in the city's own counts) so that the small teams still have examples.
TEAM_SHARES = [0.38, 0.135, 0.10, 0.09, 0.09, 0.08, 0.05, 0.05, 0.025]
# Where the mix differs: the centre has more noise and bikes, the green outer districts more trees, Weesp (a town
# of canals) more water.
TEAM_BY_STADSDEEL = {
    "Centrum": {"noise and nuisance": 1.6, "bikes and parking": 1.4, "trees and green": 0.6},
    "Nieuw-West": {"trees and green": 1.3, "noise and nuisance": 0.8},
    "Noord": {"trees and green": 1.3, "noise and nuisance": 0.8},
    "Zuidoost": {"trees and green": 1.3, "noise and nuisance": 0.8},
    "Weesp": {"water and sewers": 1.4, "noise and nuisance": 0.6},
}
# Problems that many people see (a full container, a dark street, a noisy party) are reported more than once.
REPEAT_BY_TEAM = [1.2, 0.9, 1.2, 1.3, 0.9, 0.6, 0.9, 0.7, 0.4]
REPEATS = [1, 2, 3, 4]
REPEAT_SHARES = [0.925, 0.038, 0.026, 0.011]  # of problems, before the factors below
MISROUTED_REPEATS = 3.0  # a misrouted problem is not solved, so people report it again

# What a problem is: subtype -> (true team, share within the team, the team a clerk confuses it with, how often).
# Misrouting follows the ambiguity of the problem, not chance: roots under tiles go to the tree team, floating
# litter to waste, a broken light to vandalism.
LOW, MID, HIGH = 0.010, 0.045, 0.13
# fmt: off
SUBTYPES = {
    "w_full": ("waste", 0.24, "other", LOW),
    "w_bags": ("waste", 0.24, "other", LOW),
    "w_bulky": ("waste", 0.16, "bikes and parking", LOW),
    "w_litter": ("waste", 0.14, "trees and green", LOW),
    "w_bin": ("waste", 0.09, "graffiti and vandalism", MID),
    "w_collection": ("waste", 0.07, "noise and nuisance", MID),
    "w_broken": ("waste", 0.06, "graffiti and vandalism", MID),
    "l_out": ("street lighting", 0.50, "roads and pavements", LOW),
    "l_block": ("street lighting", 0.15, "other", LOW),
    "l_day": ("street lighting", 0.10, "other", LOW),
    "l_damaged": ("street lighting", 0.15, "graffiti and vandalism", HIGH),
    "l_tunnel": ("street lighting", 0.10, "roads and pavements", HIGH),
    "r_tiles": ("roads and pavements", 0.32, "trees and green", LOW),
    "r_pothole": ("roads and pavements", 0.22, "water and sewers", LOW),
    "r_roots": ("roads and pavements", 0.12, "trees and green", HIGH),
    "r_sinking": ("roads and pavements", 0.10, "water and sewers", HIGH),
    "r_sign": ("roads and pavements", 0.10, "graffiti and vandalism", MID),
    "r_bikepath": ("roads and pavements", 0.14, "bikes and parking", MID),
    "t_branch": ("trees and green", 0.24, "roads and pavements", LOW),
    "t_fallen": ("trees and green", 0.16, "roads and pavements", LOW),
    "t_prune": ("trees and green", 0.16, "street lighting", HIGH),
    "t_grass": ("trees and green", 0.16, "waste", LOW),
    "t_leaves": ("trees and green", 0.14, "waste", HIGH),
    "t_disease": ("trees and green", 0.14, "other", MID),
    "n_group": ("noise and nuisance", 0.32, "other", LOW),
    "n_horeca": ("noise and nuisance", 0.22, "other", LOW),
    "n_construction": ("noise and nuisance", 0.16, "roads and pavements", MID),
    "n_vehicles": ("noise and nuisance", 0.18, "bikes and parking", MID),
    "n_boats": ("noise and nuisance", 0.12, "water and sewers", HIGH),
    "b_wreck": ("bikes and parking", 0.35, "waste", LOW),
    "b_blocking": ("bikes and parking", 0.20, "roads and pavements", MID),
    "b_shared": ("bikes and parking", 0.17, "roads and pavements", LOW),
    "b_car": ("bikes and parking", 0.18, "other", MID),
    "b_rack": ("bikes and parking", 0.10, "roads and pavements", HIGH),
    "s_drain": ("water and sewers", 0.30, "roads and pavements", HIGH),
    "s_sewer": ("water and sewers", 0.20, "other", LOW),
    "s_floating": ("water and sewers", 0.25, "waste", HIGH),
    "s_bike": ("water and sewers", 0.12, "bikes and parking", HIGH),
    "s_quay": ("water and sewers", 0.13, "roads and pavements", MID),
    "g_graffiti": ("graffiti and vandalism", 0.50, "other", LOW),
    "g_posters": ("graffiti and vandalism", 0.15, "waste", LOW),
    "g_shelter": ("graffiti and vandalism", 0.20, "other", MID),
    "g_fire": ("graffiti and vandalism", 0.15, "waste", HIGH),
    "o_animals": ("other", 0.35, "waste", HIGH),
    "o_play": ("other", 0.25, "graffiti and vandalism", MID),
    "o_question": ("other", 0.20, "waste", LOW),
    "o_wasps": ("other", 0.20, "trees and green", MID),
}
# fmt: on

# Writing styles of the person reporting, by stadsdeel. Spelling errors and non-native Dutch are more common in
# Nieuw-West, Zuidoost and Noord; English (expats, visitors) in Centrum, Zuid and Oost.
STYLES = ["terse", "standard", "long", "misspelled", "non-native", "english"]
# fmt: off
STYLE_SHARES = {
    "Centrum": [0.17, 0.45, 0.13, 0.06, 0.06, 0.13], "Nieuw-West": [0.13, 0.21, 0.05, 0.30, 0.28, 0.03],
    "Noord": [0.14, 0.26, 0.06, 0.26, 0.24, 0.04], "Oost": [0.17, 0.48, 0.14, 0.06, 0.06, 0.09],
    "West": [0.17, 0.49, 0.14, 0.06, 0.06, 0.08], "Zuid": [0.16, 0.49, 0.15, 0.05, 0.05, 0.10],
    "Zuidoost": [0.13, 0.21, 0.05, 0.30, 0.28, 0.03], "Weesp": [0.20, 0.50, 0.14, 0.06, 0.07, 0.03],
}
# fmt: on
# Phone (14 020) is open on working days 08:00-18:00; then about a quarter of the reports come in by phone.
PHONE_IN_OFFICE_HOURS = 0.25
APP_SHARE_ONLINE = 0.4  # the rest of the online reports come through the web form
VAGUE_RATE = 0.05  # online reports whose text does not name the problem ("zie foto")
# Writers of long texts always say what is wrong; the others sometimes only "zie foto", in their own register.
VAGUE_REGISTER = {"standard": "nl", "terse": "terse", "misspelled": "terse", "non-native": "nn", "english": "en"}

# Seasons and weeks (index 0 = January, Monday). Lighting peaks in the dark months, noise and wasps in summer,
# trees with the autumn storms; waste is reported most after the weekend.
# fmt: off
MONTHS = {
    "waste": [1.0, 0.9, 0.95, 1.0, 1.05, 1.05, 1.1, 1.1, 1.0, 0.95, 0.95, 1.0],
    "roads and pavements": [1.1, 1.1, 1.0, 1.0, 1.0, 0.95, 0.9, 0.9, 1.0, 1.0, 1.0, 1.05],
    "noise and nuisance": [0.7, 0.6, 0.8, 1.0, 1.2, 1.4, 1.5, 1.5, 1.1, 0.9, 0.7, 0.9],
    "street lighting": [1.4, 1.2, 1.0, 0.8, 0.6, 0.5, 0.5, 0.6, 0.9, 1.3, 1.6, 1.6],
    "trees and green": [0.8, 0.9, 0.8, 0.9, 1.1, 1.2, 1.2, 1.1, 1.0, 1.4, 1.3, 0.9],
    "bikes and parking": [1.0] * 12,
    "water and sewers": [1.1, 1.0, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0, 1.1, 1.1, 1.0],
    "graffiti and vandalism": [1.0] * 12,
    "other": [0.6, 0.6, 0.8, 1.0, 1.3, 1.5, 1.6, 1.5, 1.1, 0.8, 0.6, 0.6],
}
SUBTYPE_MONTHS = {  # problems that only happen in their season
    "t_disease": [0.2, 0.2, 0.3, 0.8, 2.0, 3.0, 2.5, 1.5, 0.8, 0.5, 0.3, 0.2],
    "t_leaves": [0.5, 0.3, 0.2, 0.2, 0.3, 0.3, 0.3, 0.4, 1.0, 2.5, 3.0, 1.5],
    "t_grass": [0.1, 0.1, 0.4, 1.0, 2.0, 2.2, 2.0, 1.8, 1.2, 0.5, 0.2, 0.1],
    "n_boats": [0.1, 0.1, 0.3, 1.0, 1.8, 2.2, 2.6, 2.6, 1.2, 0.4, 0.1, 0.1],
    "o_wasps": [0.0, 0.0, 0.1, 0.4, 1.2, 2.0, 3.0, 3.0, 1.5, 0.3, 0.0, 0.0],
}
WEEKDAYS = {"waste": [1.4, 1.1, 1.0, 0.95, 0.9, 0.8, 1.0], "noise and nuisance": [0.8, 0.8, 0.8, 0.9, 1.3, 1.5, 1.2]}
WEEKDAYS_DEFAULT = [1.05, 1.05, 1.05, 1.05, 1.0, 0.85, 0.85]
# Days with more litter: New Year (fireworks), King's Day (Saturday 26 April 2025), SAIL Amsterdam (20-24 August).
SPECIAL_DAYS = {
    "01-01": {"waste": 3.0, "graffiti and vandalism": 4.0, "noise and nuisance": 1.5},
    "04-26": {"waste": 2.5, "noise and nuisance": 1.5}, "04-27": {"waste": 1.8},
    "08-20": {"waste": 1.4, "noise and nuisance": 1.4}, "08-21": {"waste": 1.4, "noise and nuisance": 1.4},
    "08-22": {"waste": 1.4, "noise and nuisance": 1.4}, "08-23": {"waste": 1.4, "noise and nuisance": 1.4},
    "08-24": {"waste": 1.4, "noise and nuisance": 1.4},
    "12-31": {"graffiti and vandalism": 2.0, "noise and nuisance": 1.5},
}
# Hour of the day: reports follow waking hours with peaks in the morning and the evening; noise in the night.
HOURS = [1.0, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4.0, 5.0, 5.0, 5.0, 4.5, 4.5, 4.5, 4.5, 4.5, 5.0, 5.0, 5.5, 5.5,
         5.0, 3.5, 2.0]
NOISE_HOURS = [5.0, 4.0, 3.0, 1.5, 0.5, 0.3, 0.5, 1.0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 2.0, 2.0, 2.5, 3.0,
               4.0, 5.0, 6.0, 6.0]
# fmt: on

STREETS = {
    "Centrum": "Nieuwmarkt|Prinsengracht|Haarlemmerstraat|Utrechtsestraat|Zeedijk|Lindengracht|Kattenburgerstraat|"
    "Rozengracht",
    "Nieuw-West": "Osdorpplein|Slotermeerlaan|Plesmanlaan|Pieter Calandlaan|Burgemeester de Vlugtlaan|"
    "Lodewijk van Deysselstraat|Cornelis Lelylaan|Jan Tooropstraat",
    "Noord": "Buikslotermeerplein|Kamperfoelieweg|Meeuwenlaan|Nieuwendammerdijk|Waterlandplein|Mosplein|"
    "Van der Pekstraat|Purmerweg",
    "Oost": "Dapperstraat|Javastraat|Linnaeusstraat|Middenweg|IJburglaan|Eerste van Swindenstraat|Wibautstraat|"
    "Molukkenstraat",
    "West": "Kinkerstraat|Jan Evertsenstraat|Bos en Lommerweg|De Clercqstraat|Admiraal de Ruijterweg|"
    "Spaarndammerstraat|Hoofdweg|Postjesweg",
    "Zuid": "Ferdinand Bolstraat|Scheldestraat|Rijnstraat|Van Baerlestraat|Beethovenstraat|Albert Cuypstraat|"
    "Hoofddorpweg|Stadionweg",
    "Zuidoost": "Bijlmerdreef|Kraaiennest|Ganzenhoef|Bijlmerplein|Karspeldreef|Holendrechtplein|Reigersbos|Gooioord",
    "Weesp": "Nieuwstad|Oudegracht|Slijkstraat|Hoogstraat|Leeuwenveldseweg|Achtergracht|Herengracht|Nieuwe Achterweg",
}

# The words of the reports. One entry per line, "key: variant | variant | ..."; an indented line continues the
# entry above. Keys "<subtype>.<register>": nl (standard Dutch), terse, nn (non-native Dutch), en (English).
# Slots: {loc} a location in the same register, {container} / {bin_en} a kind of container.
PHRASES = """
w_full.nl: De {container} {loc} zit helemaal vol. | De {container} {loc} is overvol, er past niets meer in. |
    Er kan niets meer in de {container} {loc}, hij zit propvol. | De {container} {loc} is al dagen niet geleegd. |
    Kunnen jullie de {container} {loc} legen? Hij zit vol.
w_full.terse: {container} vol | container zit vol | {container} vol!! | volle container | container propvol
w_full.nn: {container} is vol, niet meer kan erin. | de container vol vol, niemand komt leeg maken. |
    container is vol, alstublieft leeg maken.
w_full.en: The {bin_en} {loc} is completely full. | The {bin_en} {loc} has not been emptied and is overflowing. |
    Nothing fits in the {bin_en} {loc} anymore.
w_bags.nl: Er staan weer vuilniszakken naast de container {loc}. | Naast de {container} {loc} ligt een berg afval. |
    Mensen zetten hun vuilniszakken naast de container {loc} in plaats van erin. |
    Er liggen zakken met afval en dozen naast de container {loc}. |
    Bij de container {loc} staan allemaal kartonnen dozen en zakken.
w_bags.terse: zakken naast container | afval naast de container | dozen naast container | vuilniszakken naast bak
w_bags.nn: veel zak vuilnis naast de container. | mensen zet afval naast container, niet erin. |
    naast container alles vuil, zak en doos.
w_bags.en: There are rubbish bags piled up next to the container {loc}. |
    People keep dumping bags and boxes next to the {bin_en} {loc}. | A pile of garbage bags next to the container {loc}.
w_bulky.nl: Er staat een oud bankstel op de stoep {loc}. |
    Iemand heeft een matras en een kast bij de container gezet {loc}. |
    Er ligt grofvuil op straat {loc}: een koelkast en wat planken. | Er is een hele inboedel op straat gezet {loc}. |
    Er staat al dagen een kapotte wasmachine {loc}.
w_bulky.terse: grofvuil | grofvuil op stoep | matras op straat | bank op de stoep | koelkast op straat
w_bulky.nn: oude bank staat op straat, al lang. | iemand zet matras en kast buiten. | groot afval op de stoep, koelkast.
w_bulky.en: Someone left an old sofa on the pavement {loc}. | There is a mattress and a broken cupboard dumped {loc}. |
    Bulky waste (grofvuil) dumped on the street {loc}.
w_litter.nl: Er ligt heel veel zwerfvuil {loc}. | De straat {loc} ligt vol met troep, blikjes en plastic. |
    Na de markt ligt alles vol met afval {loc}. | Overal ligt rommel en glas op straat {loc}. |
    Het plantsoen {loc} ligt vol met zwerfafval.
w_litter.terse: zwerfvuil | troep op straat | veel afval op straat | rommel overal | glas en blikjes op straat
w_litter.nn: veel vuil op straat, overal plastic. | straat heel vies, niemand maakt schoon. | overal troep en blik.
w_litter.en: Lots of litter on the street {loc}. | The street {loc} is covered in rubbish, cans and plastic. |
    After the market everything is full of trash {loc}.
w_bin.nl: De prullenbak {loc} puilt uit. | De afvalbak {loc} is vol en het afval waait over straat. |
    De prullenbak {loc} is stuk, de bodem is eruit. | De prullenbak {loc} is al een week niet geleegd.
w_bin.terse: prullenbak vol | prullenbak kapot | afvalbak vol | prullenbak stuk
w_bin.nn: prullenbak vol, vuil valt op straat. | de bak van afval is kapot. | prullenbak niet leeg.
w_bin.en: The litter bin {loc} is overflowing. | The litter bin {loc} is broken, the bottom fell out. |
    The public bin {loc} hasn't been emptied for a week.
w_collection.nl: Ons afval is deze week niet opgehaald {loc}. | De vuilniswagen is onze straat vergeten {loc}. |
    De vuilniswagen komt elke ochtend om vijf uur {loc} en maakt enorm veel lawaai. |
    De glasbak {loc} wordt midden in de nacht geleegd, wat een herrie. |
    De vuilniswagen heeft de container {loc} niet geleegd.
w_collection.terse: afval niet opgehaald | vuilniswagen niet geweest | herrie vuilniswagen 5 uur |
    glasbak legen 's nachts lawaai
w_collection.nn: vuilniswagen niet gekomen deze week. | vuilniswagen komt heel vroeg, veel lawaai, wij slapen niet. |
    afval niet meegenomen.
w_collection.en: Our waste was not collected this week {loc}. |
    The rubbish truck comes at 5 am {loc} and makes a huge noise. |
    The glass bin {loc} gets emptied in the middle of the night, very loud.
w_broken.nl: De klep van de {container} {loc} zit vast. | De {container} {loc} is kapot, de trommel draait niet. |
    De pas werkt niet bij de container {loc}. | De inworpopening van de container {loc} is kapot. |
    De container {loc} staat scheef en gaat niet meer open.
w_broken.terse: container kapot | klep container klemt | container gaat niet open | pasje werkt niet container
w_broken.nn: container kapot, niet open. | klep van container vast, kan niet afval doen. | pas werkt niet bij container.
w_broken.en: The lid of the {bin_en} {loc} is stuck. | The container {loc} is broken and won't open. |
    My waste pass does not work at the container {loc}.
l_out.nl: De lantaarnpaal {loc} doet het niet meer. | De straatlantaarn {loc} is kapot. |
    De lamp van de lantaarnpaal {loc} is uit. | Een van de lantaarnpalen {loc} brandt niet. |
    De straatverlichting {loc} is kapot, het is 's avonds pikdonker.
l_out.terse: lamp kapot | lantaarnpaal kapot | lantaarnpaal doet het niet | straatlamp uit | lamp uit
l_out.nn: lamp van straat doet niet. | licht van de paal is kapot. | de lamp werkt niet, donker.
l_out.en: The streetlight {loc} is not working. | The lamp post {loc} is out. | One of the street lamps {loc} is broken.
l_block.nl: De hele straat {loc} is donker, alle lantaarnpalen zijn uit. |
    Sinds gisteren brandt er geen enkele lamp meer {loc}. | De verlichting in de hele straat {loc} is uitgevallen. |
    Het is 's avonds helemaal donker {loc}, er brandt geen licht.
l_block.terse: hele straat donker | alle lampen uit | straatverlichting uitgevallen | geen licht in de straat
l_block.nn: hele straat donker, geen licht. | alle lamp uit in straat. | 's avonds alles donker, gevaarlijk.
l_block.en: The whole street {loc} is dark, none of the streetlights work. |
    All the street lighting {loc} has failed since yesterday.
l_day.nl: De lantaarnpaal {loc} brandt de hele dag. | De straatverlichting {loc} blijft overdag aan. |
    De lamp {loc} gaat steeds aan en uit, hij knippert.
l_day.terse: lamp brandt overdag | lamp knippert | verlichting overdag aan
l_day.nn: lamp is aan ook in de dag. | licht gaat aan uit aan uit.
l_day.en: The streetlight {loc} is on all day. | The lamp {loc} keeps flickering on and off.
l_damaged.nl: De lantaarnpaal {loc} is aangereden en staat scheef. | De lantaarnpaal {loc} hangt gevaarlijk schuin. |
    Het glas van de lamp {loc} is kapotgegooid. | Er hangen losse draden uit de lantaarnpaal {loc}. |
    Het luikje van de lantaarnpaal {loc} is eraf, je ziet de kabels.
l_damaged.terse: lantaarnpaal scheef | lantaarnpaal aangereden | kabels uit lantaarnpaal | lamp kapotgegooid
l_damaged.nn: paal van licht is scheef, auto heeft gebotst. | lamp glas kapot gemaakt. |
    draad komt uit de paal, gevaarlijk.
l_damaged.en: The lamp post {loc} was hit by a car and is leaning. | Someone smashed the streetlight {loc}. |
    Loose wires are hanging out of the lamp post {loc}.
l_tunnel.nl: De verlichting in de fietstunnel {loc} is kapot. |
    In de onderdoorgang {loc} is het donker, de lampen doen het niet. | De lampen onder de brug {loc} zijn uit. |
    De verlichting op het fietspad {loc} doet het niet.
l_tunnel.terse: tunnel donker | licht fietstunnel kapot | lampen onder brug uit | fietspad donker
l_tunnel.nn: tunnel voor fiets heel donker, lamp kapot. | onder de brug geen licht.
l_tunnel.en: The lights in the cycle tunnel {loc} are broken. | It is dark in the underpass {loc}, the lamps are out.
r_tiles.nl: Er liggen losse stoeptegels {loc}. | De stoep {loc} ligt helemaal open, tegels liggen los. |
    Een paar tegels {loc} steken omhoog, je struikelt er zo over. | De bestrating {loc} is kapot.
r_tiles.terse: losse tegels | stoeptegel los | stoep kapot | tegels omhoog
r_tiles.nn: tegel los op stoep, mensen vallen. | stoep kapot, stenen los. | stenen van stoep omhoog.
r_tiles.en: There are loose paving stones {loc}. | The pavement {loc} is broken, tiles are sticking up. |
    Loose tiles on the sidewalk {loc}, people trip over them.
r_pothole.nl: Er zit een groot gat in de weg {loc}. | Er zit een diep gat in het wegdek {loc}. |
    Er zit een kuil in het asfalt {loc}, gevaarlijk voor fietsers. | Het asfalt {loc} is kapot en er zitten gaten in.
r_pothole.terse: gat in weg | gat in wegdek | kuil in asfalt | gat in de straat
r_pothole.nn: groot gat in straat, auto en fiets gevaarlijk. | weg kapot, gat.
r_pothole.en: There is a big pothole in the road {loc}. | A deep hole in the asphalt {loc}, dangerous for cyclists.
r_roots.nl: De wortels van de boom {loc} duwen de stoeptegels omhoog. |
    Door de boomwortels {loc} ligt de stoep helemaal bol. |
    Boomwortels hebben het fietspad {loc} opgetild, er zit een hobbel in. |
    De tegels rond de boom {loc} liggen scheef door de wortels.
r_roots.terse: wortels duwen tegels omhoog | boomwortels stoep | wortels onder fietspad | stoep bol door boom
r_roots.nn: boom wortel maakt stoep kapot. | wortels van boom, tegels omhoog.
r_roots.en: Tree roots are pushing up the paving stones {loc}. | The roots of the tree {loc} have lifted the cycle path.
r_sinking.nl: De weg {loc} is verzakt rond de put. | De stoep {loc} is verzakt, er blijft steeds een plas staan. |
    Er zit een verzakking in de straat {loc}. | Het putdeksel {loc} ligt veel lager dan de weg.
r_sinking.terse: verzakking weg | stoep verzakt | putdeksel verzakt | weg verzakt bij put
r_sinking.nn: straat zakt naar beneden bij de put. | stoep is gezakt, water blijft liggen.
r_sinking.en: The road {loc} has subsided around the drain. | The manhole cover {loc} is much lower than the road.
r_sign.nl: Het verkeersbord {loc} is omgereden. | Er ligt een paaltje omver {loc}. |
    Het verkeersbord {loc} is gedraaid en staat de verkeerde kant op. |
    Een amsterdammertje {loc} is uit de grond gereden.
r_sign.terse: verkeersbord om | paaltje omver | bord scheef | amsterdammertje kapot
r_sign.nn: bord van verkeer ligt op grond. | paal is om, auto heeft gedaan.
r_sign.en: The road sign {loc} has been knocked over. | A bollard {loc} was run over and is lying on the pavement.
r_bikepath.nl: Het fietspad {loc} zit vol gaten. | Het fietspad {loc} is heel hobbelig en gevaarlijk. |
    Er zit een scheur in het fietspad {loc}, ik ben bijna gevallen met mijn fiets. |
    Het fietspad {loc} brokkelt af aan de rand.
r_bikepath.terse: fietspad kapot | gat in fietspad | fietspad hobbelig | fietspad slecht
r_bikepath.nn: fietspad kapot, met fiets bijna vallen. | fiets pad veel gat.
r_bikepath.en: The cycle path {loc} is full of holes. | The bike lane {loc} is cracked, I almost fell off my bike.
t_branch.nl: Er hangt een afgebroken tak in de boom {loc}. | Een grote tak {loc} dreigt af te breken. |
    Er is een tak uit de boom gevallen {loc} en die ligt op het fietspad. |
    Er hangt een dikke tak gevaarlijk laag boven de stoep {loc}.
t_branch.terse: tak hangt los | afgebroken tak | tak op fietspad | tak dreigt te vallen
t_branch.nn: grote tak van boom hangt, gevaarlijk. | tak is gevallen op de weg.
t_branch.en: A broken branch is hanging from the tree {loc}. | A big branch fell {loc} and is blocking the cycle path.
t_fallen.nl: Er is een boom omgewaaid {loc}. | Door de storm ligt er een boom over de weg {loc}. |
    Er ligt een omgevallen boom {loc} op een geparkeerde auto. |
    Een boom {loc} is half omgevallen en leunt tegen een huis.
t_fallen.terse: boom omgewaaid | boom om | boom over de weg | omgevallen boom
t_fallen.nn: boom gevallen door wind. | boom ligt op straat, niemand kan door.
t_fallen.en: A tree has blown over {loc}. | After the storm a tree is lying across the road {loc}.
t_prune.nl: De boom {loc} hangt helemaal voor de lantaarnpaal, daardoor is het donker. |
    De takken van de boom {loc} hangen tegen ons raam. | De bomen {loc} moeten nodig gesnoeid worden. |
    De boom {loc} groeit over het fietspad, je moet bukken.
t_prune.terse: boom snoeien | takken voor lantaarnpaal | boom tegen raam | takken hangen laag
t_prune.nn: boom is te groot, takken tegen raam. | boom voor de lamp, donker straat.
t_prune.en: The tree {loc} is covering the streetlight so it is dark. |
    The trees {loc} really need pruning, branches touch our window.
t_grass.nl: Het gras {loc} is al weken niet gemaaid. | Het plantsoen {loc} staat vol onkruid. |
    Het perkje {loc} is helemaal verwaarloosd. | De struiken {loc} groeien over de stoep.
t_grass.terse: gras maaien | onkruid | plantsoen verwaarloosd | struiken over stoep
t_grass.nn: gras is heel lang, niemand maaien. | veel onkruid in park.
t_grass.en: The grass {loc} hasn't been mowed for weeks. | The flower bed {loc} is full of weeds.
t_leaves.nl: Er liggen bergen bladeren op de stoep {loc}, het is glad. |
    Na het snoeien zijn de takken {loc} blijven liggen. | Er ligt een hoop snoeiafval {loc}. |
    Het fietspad {loc} ligt vol met natte bladeren.
t_leaves.terse: bladeren op stoep | snoeiafval laten liggen | takken blijven liggen | glad door bladeren
t_leaves.nn: veel blad op de stoep, glad. | takken liggen nog na knippen boom.
t_leaves.en: Piles of leaves on the pavement {loc}, it is slippery. | Branches were left behind after pruning {loc}.
t_disease.nl: De boom {loc} is dood, er zitten geen bladeren meer aan. |
    Er zitten eikenprocessierupsen in de boom {loc}. | De boom {loc} lijkt ziek, de stam is aan het rotten. |
    In de eiken {loc} zitten nesten van de processierups.
t_disease.terse: dode boom | eikenprocessierups | boom ziek | rupsen in boom
t_disease.nn: boom is dood, geen blad. | rupsen in boom, kinderen jeuk.
t_disease.en: The tree {loc} is dead. | There are oak processionary caterpillars in the trees {loc}.
n_group.nl: Er hangt elke avond een groep jongeren {loc} die veel lawaai maakt. |
    Op het plein {loc} wordt tot diep in de nacht harde muziek gedraaid. |
    In het park {loc} is elke nacht een feest met harde muziek. | Groepen mensen {loc} schreeuwen de hele nacht.
n_group.terse: herrie jongeren | harde muziek plein | lawaai 's nachts | geluidsoverlast park
n_group.nn: jongeren maken veel lawaai elke nacht. | harde muziek buiten, wij kunnen niet slapen.
n_group.en: A group of youngsters {loc} makes a lot of noise every night. | Loud music in the park {loc} until 3 am.
n_horeca.nl: Het café {loc} is na sluitingstijd nog open en het terras zit vol. |
    Het terras {loc} is veel te luidruchtig na middernacht. |
    Bij de bar {loc} staan bezoekers tot laat buiten te schreeuwen. | De muziek van het café {loc} staat keihard.
n_horeca.terse: terras te laat open | café herrie | lawaai van bar | muziek café te hard
n_horeca.nn: café is open laat, veel lawaai. | terras mensen schreeuwen.
n_horeca.en: The bar {loc} keeps its terrace open way past closing time. | Very loud music from the café {loc}.
n_construction.nl: Er wordt {loc} om zes uur 's ochtends al gebouwd. |
    De bouwplaats {loc} maakt ook in het weekend lawaai. | Ze zijn {loc} 's nachts aan het heien. |
    Werkzaamheden aan de weg {loc} gaan de hele nacht door met veel lawaai.
n_construction.terse: bouwlawaai | heien 's nachts | bouw om 6 uur | werkzaamheden 's nachts herrie
n_construction.nn: bouw begint heel vroeg, veel lawaai. | machines ook zondag.
n_construction.en: Construction work {loc} starts at 6 am. | They are doing road works {loc} all night, very noisy.
n_vehicles.nl: Scooters racen elke avond {loc} met veel herrie. |
    Er rijden auto's met keiharde muziek rondjes {loc}. | Motoren met een harde knalpot {loc}, elke nacht. |
    Er staat een auto {loc} waarvan het alarm de hele nacht afgaat.
n_vehicles.terse: scooters racen | auto harde muziek | knalpot herrie | autoalarm gaat af
n_vehicles.nn: scooter rijdt hard en veel lawaai. | auto met muziek heel hard.
n_vehicles.en: Scooters racing {loc} every evening, very loud. | A car alarm {loc} has been going off all night.
n_boats.nl: Een partyboot {loc} vaart met keiharde muziek door de gracht. |
    Op het water {loc} liggen boten met feestende mensen tot laat. | Een rondvaartboot {loc} draait harde muziek. |
    Op een bootje {loc} wordt geschreeuwd en muziek gedraaid.
n_boats.terse: partyboot herrie | lawaai boot gracht | muziek op het water | boot harde muziek
n_boats.nn: boot met feest en muziek op water. | veel lawaai van boot.
n_boats.en: A party boat {loc} is blasting music on the canal. | Noisy boats on the water {loc} until late at night.
b_wreck.nl: Er staat al maanden een fietswrak {loc}. | In het fietsenrek {loc} staat een fiets zonder wielen. |
    Er staat een verroeste fiets met lekke banden {loc} die nooit gebruikt wordt. |
    Er staan een paar weesfietsen {loc} die al heel lang niet zijn gebruikt.
b_wreck.terse: fietswrak | weesfiets | fiets zonder wiel | kapotte fiets in rek
b_wreck.nn: oude fiets staat al lang, kapot. | fiets zonder wiel in rek.
b_wreck.en: There is an abandoned bike wreck {loc}. |
    A rusty bike without wheels has been in the bike rack {loc} for months.
b_blocking.nl: De stoep {loc} staat vol met fietsen, je kunt er niet meer langs. | Fietsen blokkeren de ingang {loc}. |
    Met een kinderwagen kom je niet langs de fietsen {loc}. | Er staan overal fietsen buiten de rekken {loc}.
b_blocking.terse: fietsen op stoep | fietsen blokkeren ingang | te veel fietsen | stoep vol fietsen
b_blocking.nn: veel fiets op stoep, ik kan niet lopen. | fietsen voor de deur.
b_blocking.en: The pavement {loc} is blocked by parked bikes. | Bikes are blocking the entrance {loc}.
b_shared.nl: Er liggen deelscooters omgevallen op de stoep {loc}. |
    Een deelfiets staat al dagen midden op de stoep {loc}. | Er staan deelscooters kriskras op het fietspad {loc}. |
    Een deelscooter {loc} is in de bosjes gegooid.
b_shared.terse: deelscooter op stoep | deelfietsen overal | scooter omgevallen | deelscooter fietspad
b_shared.nn: scooter van huur ligt op stoep. | deelfiets staat in de weg.
b_shared.en: Shared scooters are lying on the pavement {loc}. |
    A rental bike has been blocking the sidewalk {loc} for days.
b_car.nl: Er staat een auto op de stoep geparkeerd {loc}. | Er staat al weken een auto zonder kenteken {loc}. |
    Een busje staat {loc} op het fietspad geparkeerd. | Iemand parkeert elke dag op de invalidenparkeerplaats {loc}.
b_car.terse: auto op stoep | auto op fietspad | foutparkeerder | auto zonder kenteken
b_car.nn: auto staat op stoep, ik kan niet door. | auto zonder nummerbord staat lang.
b_car.en: A car is parked on the pavement {loc}. | A van is parked on the cycle path {loc} every morning.
b_rack.nl: Het fietsenrek {loc} is kapot. | Er is een fietsnietje {loc} uit de grond getrokken. |
    De fietsenstalling {loc} is beschadigd, de beugels zijn verbogen. | Het fietsenrek {loc} ligt half op de grond.
b_rack.terse: fietsenrek kapot | fietsnietje los | rek kapot | fietsenstalling kapot
b_rack.nn: rek voor fiets is kapot. | fiets ijzer los uit grond.
b_rack.en: The bike rack {loc} is broken. | A bike stand {loc} has been pulled out of the ground.
s_drain.nl: Het putje {loc} is verstopt, na de regen staat de straat blank. |
    Het regenwater loopt niet weg {loc}, de kolk zit dicht. |
    Er staat een grote plas water op de weg {loc} omdat de put verstopt is. |
    De straatkolk {loc} zit vol bladeren en het water blijft staan.
s_drain.terse: putje verstopt | water blijft staan | plas op de weg | kolk verstopt
s_drain.nn: water op straat, put is dicht. | na regen alles water, put niet goed.
s_drain.en: The drain {loc} is blocked and the street floods when it rains. |
    A big puddle on the road {loc} because the drain is clogged.
s_sewer.nl: Het riool {loc} stinkt enorm. | Er komt rioolwater uit de put {loc}. |
    Het riool {loc} is verstopt, het water komt omhoog. | Er hangt een vieze rioollucht {loc}.
s_sewer.terse: riool stinkt | riool verstopt | rioolwater op straat | stank uit put
s_sewer.nn: riool stinkt heel erg. | vies water uit de put.
s_sewer.en: The sewer {loc} smells terrible. | Sewage water is coming out of the drain {loc}.
s_floating.nl: Er drijft veel afval in de gracht {loc}. | In het water {loc} drijven plastic flessen en zakken. |
    Er drijft een dode vis en veel troep in de sloot {loc}. | Er ligt een berg drijfvuil bij de brug {loc}.
s_floating.terse: drijfvuil | afval in gracht | plastic in water | troep in de sloot
s_floating.nn: veel vuil in het water, plastic. | gracht is vies, afval drijft.
s_floating.en: Lots of rubbish floating in the canal {loc}. | Plastic bottles and bags floating in the water {loc}.
s_bike.nl: Er ligt een fiets in de gracht {loc}. | Iemand heeft een scooter in het water gegooid {loc}. |
    Ik zie een fiets in het water liggen {loc}, vlak bij de kade. | Er is een deelfiets in de sloot gegooid {loc}.
s_bike.terse: fiets in gracht | scooter in water | fiets in het water | deelfiets in sloot
s_bike.nn: fiets ligt in water. | iemand gooit scooter in gracht.
s_bike.en: There is a bike in the canal {loc}. | Someone threw a scooter into the water {loc}.
s_quay.nl: De kademuur {loc} brokkelt af. | De beschoeiing {loc} is kapot en de oever zakt weg. |
    Er zit een gat in de walkant {loc}. | De stenen van de kade {loc} liggen los en vallen in het water.
s_quay.terse: kademuur kapot | beschoeiing kapot | oever zakt weg | kade brokkelt af
s_quay.nn: muur bij water kapot, stenen vallen. | kant van water zakt.
s_quay.en: The quay wall {loc} is crumbling. | The canal bank {loc} is collapsing.
g_graffiti.nl: Er is graffiti gespoten op de muur {loc}. | De elektriciteitskast {loc} is helemaal beklad met tags. |
    Iemand heeft de brug {loc} vol gespoten. | Er staan lelijke tags op de gevel {loc}. |
    Er is met verf op het bushokje {loc} gekliederd.
g_graffiti.terse: graffiti | tags op muur | graffiti op brug | bekladding
g_graffiti.nn: iemand spuit verf op muur. | muur vol graffiti, lelijk.
g_graffiti.en: Someone sprayed graffiti on the wall {loc}. | The electricity box {loc} is covered in tags.
g_posters.nl: Er zijn overal posters geplakt {loc}. | De lantaarnpalen {loc} hangen vol met stickers en flyers. |
    Er wordt {loc} steeds wild geplakt op de elektriciteitskast. | Het verkeersbord {loc} zit vol stickers.
g_posters.terse: wildplakken | stickers op paal | posters overal | flyers geplakt
g_posters.nn: veel papier plakken op paal. | stickers overal op bord.
g_posters.en: Posters illegally pasted everywhere {loc}. | The lamp posts {loc} are covered in stickers.
g_shelter.nl: Het glas van het bushokje {loc} is ingegooid. |
    Iemand heeft de ruit van de abri {loc} kapotgeslagen, overal glas. | Het bankje {loc} is vernield. |
    De bank in het park {loc} is kapotgemaakt.
g_shelter.terse: bushokje ingegooid | ruit abri kapot | bankje vernield | glas bushalte
g_shelter.nn: glas van bus huisje kapot. | bank in park kapot gemaakt.
g_shelter.en: The glass of the bus shelter {loc} has been smashed. | Someone destroyed the bench {loc}.
g_fire.nl: Er is een prullenbak in brand gestoken {loc}. | De container {loc} is in de fik gestoken en helemaal zwart. |
    Vannacht hebben ze de afvalbak {loc} opgeblazen met vuurwerk. | Iemand heeft een container in brand gezet {loc}.
g_fire.terse: prullenbak in brand | container verbrand | afvalbak opgeblazen | brand in container
g_fire.nn: prullenbak brand, vuurwerk. | container zwart van vuur.
g_fire.en: Someone set the litter bin {loc} on fire. | The container {loc} was blown up with fireworks.
o_animals.nl: Er ligt een dode duif {loc}. | Ik zie steeds ratten {loc}, vooral bij de containers. |
    Meeuwen pikken de vuilniszakken open {loc}. | Er ligt een dode kat op de stoep {loc}.
o_animals.terse: dode duif | ratten | dood dier | ratten bij container
o_animals.nn: dode vogel op straat. | veel ratten bij container.
o_animals.en: There is a dead pigeon {loc}. | Rats everywhere {loc}, especially near the bins.
o_play.nl: Het speeltoestel {loc} is kapot, er steekt een spijker uit. | De schommel in de speeltuin {loc} is stuk. |
    De glijbaan {loc} is beschadigd en gevaarlijk voor kinderen. | Het hek van de speeltuin {loc} gaat niet meer dicht.
o_play.terse: speeltoestel kapot | schommel stuk | glijbaan kapot | speeltuin hek kapot
o_play.nn: speeltuin kapot, kinderen gevaarlijk. | schommel is stuk.
o_play.en: The playground equipment {loc} is broken. | The swing {loc} is broken, dangerous for kids.
o_question.nl: Ik heb een vraag over mijn parkeervergunning. | Wanneer wordt de markt {loc} weer opgebouwd? |
    Ik wil graag weten wie er verantwoordelijk is voor het hek {loc}. |
    Kan iemand mij terugbellen over mijn eerdere melding? | Hoe kan ik een extra afvalpas aanvragen?
o_question.terse: vraag | graag terugbellen | vraag over vergunning | wie is verantwoordelijk
o_question.nn: ik heb vraag, bel mij terug. | hoe krijg ik pas voor afval?
o_question.en: I have a question about my parking permit. | Could someone call me back about my earlier report?
o_wasps.nl: Er zit een wespennest in de boom {loc}. | Er zit een bijenzwerm {loc} tegen de gevel. |
    Bij de speeltuin {loc} zit een wespennest in de grond. | Er zit een nest van wespen in het fietsenrek {loc}.
o_wasps.terse: wespennest | bijenzwerm | wespen | nest wespen
o_wasps.nn: veel wesp, nest bij huis. | bijen aan de muur.
o_wasps.en: There is a wasps' nest in the tree {loc}. | A swarm of bees {loc} on the wall.

container: container | restafvalcontainer | papiercontainer | glasbak | plasticcontainer | ondergrondse container |
    gft-container
bin_en: bin | container | waste container | paper container | glass bin | underground container
loc.nl: aan de {street} | in de {street} | in de {street} bij nummer {n} | voor nummer {n} in de {street} |
    op de hoek {street}/{street2} | bij {landmark} in de {street} | ter hoogte van {street} {n} |
    tegenover {street} {n}
landmark.nl: de supermarkt | het metrostation | de speeltuin | de basisschool | de brug | het buurthuis |
    de bushalte | de apotheek | het pleintje | de sporthal | de fietsenrekken | de glasbak | de grote boom |
    de lantaarnpaal | het park
loc.en: on the {street} | on {street} near number {n} | in front of {street} {n} |
    at the corner of {street} and {street2} | near {landmark} on the {street}
landmark.en: the supermarket | the metro station | the playground | the school | the bridge | the bus stop |
    the bike racks | the big tree | the park
loc.nn: {street} | in {street} | bij {street} {n} | {street} nummer {n} | bij {landmark} {street}
landmark.nn: de winkel | de metro | de school | de bushalte | het park | de brug
loc.terse: {street} | {street} {n} | bij {street} {n} | hoek {street}/{street2}

greeting.nl: Goedemorgen, | Goedemiddag, | Hallo, | Beste gemeente, | Geachte heer/mevrouw, | Hoi,
intro.nl: Ik wil graag een melding doen. | Ik wil het volgende melden. | Graag uw aandacht voor het volgende.
duration.nl: Dit is al twee weken zo. | Het is al een paar dagen zo. | Sinds gisteren. | Al sinds vorige week. |
    Dit speelt al maanden. | Ik heb dit al eerder gemeld. | Het is de derde keer dat ik dit meld.
impact.nl: Er lopen hier veel kinderen langs. | Het is echt gevaarlijk, vooral in het donker. |
    Het ziet er niet uit. | Dit is erg vervelend voor de hele buurt. | Mijn buren ergeren zich er ook aan. |
    Ouderen met een rollator kunnen er bijna niet langs.
request.nl: Graag snel oplossen! | Kan hier vandaag nog iemand naar kijken? | Het is dringend. |
    Wilt u hier iets aan doen? | Kunt u iemand sturen?
closing.nl: Alvast bedankt. | Met vriendelijke groet. | Dank u wel! | Groetjes. | Bij voorbaat dank.
filler.nl: Ik woon hier nu zo'n vijftien jaar en meestal is het een fijne buurt. |
    Ik kwam net terug van de markt met mijn boodschappen. | Vanochtend liep ik met de hond langs de gracht. |
    Toen ik mijn dochter naar school bracht zag ik het. | Mijn buurvrouw van 82 heeft het ook al gezien. |
    Vorig jaar is de straat nog opnieuw bestraat, dus dat is jammer. |
    Ik fiets hier elke dag langs op weg naar mijn werk. | Het was gisteren erg druk in de buurt. |
    Er was vorige maand ook al een lamp kapot, maar dat is netjes gemaakt. |
    Er staat hier ook vaak een busje fout geparkeerd, maar dat is een ander verhaal. |
    Het is verder een mooie straat met veel bomen. | Ik heb een foto gemaakt maar die kan ik hier niet uploaden. |
    We hebben het er met de buren in de groepsapp al over gehad. | Ik loop hier elke avond een rondje.
greeting.en: Hi, | Hello, | Dear municipality, | Good morning,
duration.en: It has been like this for two weeks. | Since yesterday. | This has been going on for days. |
    I already reported this before.
impact.en: It is dangerous, especially at night. | Lots of children walk here. | It looks terrible.
request.en: Please fix this soon. | Could someone take a look? | This is urgent.
closing.en: Thanks! | Thank you. | Kind regards.
filler.en: I just moved to this neighbourhood last month. | I walk my dog here every morning. |
    I am not sure if this is the right place to report this. | Sorry, I don't speak Dutch very well.
greeting.nn: Hallo | Goedendag | Beste
duration.nn: al lang zo. | twee week al. | sinds drie dag. | al veel keer gezegd.
request.nn: alstublieft maken. | graag komen kijken. | dank u. | snel oplossen aub.
caller.phone: Melder belt: | Telefonische melding: | Bewoner meldt telefonisch: | Mevrouw belt over het volgende: |
    Meneer belt: | Tel. melding: | Buurtbewoner belt:
callback.phone: Melder wil graag teruggebeld worden. | Melder is erg boos. | Melder belt voor de tweede keer. |
    Melder spreekt slecht Nederlands, samen met melder opgeschreven.
vague.nl: Zie foto. | Zie de foto, graag actie. | Het is weer zover {loc}. | Dit is echt niet normaal meer {loc}. |
    Kan er iemand komen kijken {loc}? | Zelfde probleem als vorige week {loc}. |
    Graag aandacht voor de situatie {loc}. | Al weken niets aan gedaan {loc}, zie foto. | Zie bijlage. |
    Het is hier weer een bende {loc}.
vague.en: See photo. | Please come and have a look {loc}. | Same problem as last week {loc}. |
    This is getting ridiculous {loc}, see picture.
vague.nn: kijk foto. | weer probleem {loc}, komen kijken. | zie foto aub.
vague.terse: zie foto | weer | zelfde als vorige keer {loc} | komen kijken aub {loc} | foto
repeat.nl: Ik heb dit al eerder gemeld! | Nog steeds niet opgelost. | Dit is al de zoveelste melding. |
    Opnieuw melding, er is nog niets gebeurd.
repeat.en: I reported this before, still not fixed. | Reporting again, nothing has happened.
repeat.nn: ik heb al gezegd, nog steeds zo. | weer melding, niet gemaakt.
"""

# What the handling team writes when it closes the report. A note is written AFTER routing, by the team the report
# went to; it names the work done, so it gives the team away (the planted leak).
NOTES = """
w_full: Container geleegd. | Extra lediging uitgevoerd. | Container geleegd en omgeving schoongemaakt.
w_bags: Bijplaatsingen opgeruimd. | Afval naast de container opgehaald. |
    Zakken naast container verwijderd; handhaving geïnformeerd.
w_bulky: Grofvuil opgehaald. | Grof afval afgevoerd. | Bankstel en matras opgehaald.
w_litter: Straat geveegd. | Zwerfafval verwijderd. | Extra veegronde ingezet.
w_bin: Prullenbak geleegd. | Afvalbak vervangen. | Prullenbak geleegd en gerepareerd.
w_collection: Afval alsnog ingezameld. | Inzamelaar aangesproken op het tijdstip. | Route nagelopen, afval opgehaald.
w_broken: Container gerepareerd. | Klep van de container hersteld. | Pasjeslezer van de container vervangen.
l_out: Lamp vervangen. | Lantaarnpaal gerepareerd. | Armatuur vervangen.
l_block: Kabelstoring verholpen. | Storing in de straatverlichting opgelost. |
    Zekering vervangen; verlichting werkt weer.
l_day: Schakeling aangepast. | Lichtsensor vervangen. | Lamp vervangen, knippert niet meer.
l_damaged: Mast rechtgezet. | Lantaarnpaal vervangen na aanrijding. | Kabels afgeschermd en luikje teruggeplaatst.
l_tunnel: Tunnelverlichting hersteld. | Lampen onder de brug vervangen. | Verlichting fietspad gerepareerd.
r_tiles: Tegels opnieuw gelegd. | Bestrating hersteld. | Stoep rechtgelegd.
r_pothole: Gat in het wegdek gedicht. | Asfalt gerepareerd. | Kuil tijdelijk gevuld met koudasfalt.
r_roots: Bestrating rond de boom opnieuw gelegd. | Tegels verwijderd en wortels afgedekt. |
    Fietspad bij de boom hersteld.
r_sinking: Verzakking opgehoogd. | Putdeksel op hoogte gebracht. | Straat opnieuw bestraat na verzakking.
r_sign: Verkeersbord teruggeplaatst. | Paaltje vervangen. | Bord rechtgezet.
r_bikepath: Fietspad gerepareerd. | Scheur in fietspad gedicht. | Fietspad opnieuw geasfalteerd.
t_branch: Tak verwijderd. | Boom gesnoeid. | Hangende tak weggezaagd.
t_fallen: Omgewaaide boom verwijderd. | Boom in stukken gezaagd en afgevoerd. | Weg vrijgemaakt, boom opgeruimd.
t_prune: Boom gesnoeid. | Takken weggesnoeid. | Kroon opgekapt.
t_grass: Gras gemaaid. | Perk onkruidvrij gemaakt. | Struiken teruggesnoeid.
t_leaves: Blad geveegd en afgevoerd. | Snoeiafval opgeruimd. | Fietspad bladvrij gemaakt.
t_disease: Eikenprocessierups bestreden. | Dode boom gekapt. | Boom geïnspecteerd door boomdeskundige.
n_group: Handhaving ter plaatse, groep aangesproken. | Politie en handhaving hebben de groep weggestuurd. |
    Extra surveillance ingezet.
n_horeca: Ondernemer gewaarschuwd door handhaving. | Terras gecontroleerd, waarschuwing gegeven. |
    Proces-verbaal opgemaakt voor het café.
n_construction: Vergunning gecontroleerd, aannemer aangesproken. | Werktijden met de aannemer besproken. |
    Bouwbedrijf gewaarschuwd.
n_vehicles: Extra handhaving op scooters ingezet. | Politie ingelicht, controle gehouden. |
    Eigenaar van de auto opgespoord.
n_boats: Handhaving op het water ingezet. | Schipper aangesproken en beboet. | Rederij gewaarschuwd.
b_wreck: Fietswrak gelabeld en verwijderd. | Weesfiets verwijderd. | Fiets gelabeld; na twee weken opgehaald.
b_blocking: Fietsen verplaatst naar het depot. | Fout gestalde fietsen verwijderd. | Extra fietsparkeerplek aangevraagd.
b_shared: Aanbieder deelvervoer ingelicht; scooter opgehaald. | Deelscooters verwijderd. |
    Deelfiets door aanbieder verplaatst.
b_car: Boete uitgeschreven. | Auto weggesleept. | Handhaving heeft de eigenaar aangesproken.
b_rack: Fietsenrek gerepareerd. | Fietsnietje teruggeplaatst. | Beugels van de stalling vervangen.
s_drain: Kolk gereinigd. | Putje ontstopt. | Straatkolken gezogen.
s_sewer: Riool doorgespoten. | Rioolverstopping verholpen. | Riool geïnspecteerd met camera.
s_floating: Drijfvuil uit de gracht geschept. | Afval uit het water gehaald. | Vuilboot heeft de gracht schoongemaakt.
s_bike: Fiets uit het water gehaald. | Scooter opgevist. | Fietsen uit de gracht gevist.
s_quay: Beschoeiing hersteld. | Kade afgezet, herstel gepland. | Oever verstevigd.
g_graffiti: Graffiti verwijderd. | Muur schoongemaakt. | Tags weggehaald met hogedrukreiniger.
g_posters: Posters en stickers verwijderd. | Wildplak verwijderd. | Stickers van de paal gehaald.
g_shelter: Ruit van de abri vervangen. | Glas opgeruimd en ruit vervangen. | Bank gerepareerd na vernieling.
g_fire: Verbrande afvalbak vervangen. | Uitgebrande container vervangen. | Brandschade hersteld.
o_animals: Dood dier opgehaald. | Ongediertebestrijding ingeschakeld. | Rattenbestrijder geweest.
o_play: Speeltoestel afgezet en gerepareerd. | Schommel vervangen. | Speeltuin gekeurd en hersteld.
o_question: Melder teruggebeld en doorverwezen. | Vraag beantwoord per e-mail. | Melder geïnformeerd.
o_wasps: Wespennest verwijderd. | Imker heeft de zwerm opgehaald. | Nest bestreden.
generic: Afgehandeld. | Melding gesloten. | Opgelost.
"""
# What a team writes when it finds nothing to do: the first note when the problem was gone (or the team closes a
# misrouted report without comment), the second when it passes a misrouted report on; it never names the right team.
NOTHING_FOUND = {
    "waste": ["Locatie gecontroleerd, geen afval aangetroffen.", "Geen actie voor Afval en Grondstoffen; doorgezet."],
    "roads and pavements": [
        "Bestrating en wegdek gecontroleerd, geen schade gevonden.",
        "Geen werk voor wegbeheer; doorgezet.",
    ],
    "noise and nuisance": [
        "Handhaving ter plaatse geweest, geen overlast geconstateerd.",
        "Geen zaak voor handhaving; doorgezet.",
    ],
    "street lighting": [
        "Verlichting gecontroleerd, geen storing gevonden.",
        "Geen defect aan de openbare verlichting; doorgezet.",
    ],
    "trees and green": [
        "Bomen en groen ter plaatse bekeken, geen actie nodig.",
        "Geen taak voor groenbeheer; doorgezet.",
    ],
    "bikes and parking": [
        "Gecontroleerd, geen fietswrak of foutparkeerder aangetroffen.",
        "Geen actie voor fietsen en parkeren; doorgezet.",
    ],
    "water and sewers": [
        "Waterbeheer ter plaatse geweest, niets aangetroffen.",
        "Geen taak voor water en riolering; doorgezet.",
    ],
    "graffiti and vandalism": [
        "Gecontroleerd, geen graffiti of vernieling aangetroffen.",
        "Geen actie voor team graffiti; doorgezet.",
    ],
    "other": ["Melding bekeken, geen actie mogelijk.", "Doorgezet naar de juiste afdeling."],
}
GONE_RATE = 0.03  # correctly routed problems that were gone when the team arrived
FORWARDED_RATE = 0.75  # misrouted problems whose note says "doorgezet" (passed on)
GENERIC_NOTE_RATE = 0.04  # notes that say nothing about the work

# Misspellings seen in real reports: missing or extra letters, spelling by sound, words split or joined.
# fmt: off
MISSPELLINGS = {
    "lantaarnpaal": ["lantaarpaal", "lantarenpaal", "lanteernpaal", "lantaanpaal"],
    "lantaarnpalen": ["lantaarpalen", "lantarenpalen"], "container": ["containr", "kontainer", "contaner", "conteiner"],
    "vuilniszakken": ["vuilnis zakken", "vuilniszakke", "vuilnizakken"], "prullenbak": ["prulebak", "prullebak"],
    "fietspad": ["fiets pad", "fietspat"], "stoeptegels": ["stoep tegels", "stoeptegls"], "riool": ["riol", "rioel"],
    "graffiti": ["grafitti", "graffitie", "grafiti"], "verstopt": ["verstop", "verstobt"],
    "lawaai": ["lawaaai", "lawai"],
    "kapot": ["kaput", "kappot"], "gevaarlijk": ["gevaarlek", "gevaalijk"], "omgewaaid": ["omgewaait", "omgewaajd"],
    "straatverlichting": ["straat verlichting", "straatverligting"], "verlichting": ["verlichtig", "verligting"],
    "fietswrak": ["fiets wrak", "fietswrakk"], "geleegd": ["geleeg", "geleegt"], "vuilniswagen": ["vuilnis wagen"],
    "gemeld": ["gemelt"], "bedankt": ["bedank"], "afval": ["afvaal", "afvall"], "stoep": ["stoepp", "steop"],
    "tegels": ["tegls", "teggels"], "boomwortels": ["boom wortels", "boomwortel"], "fietsenrek": ["fietserek"],
    "gracht": ["gragt", "grachd"], "verzakt": ["verzagt", "verzak"], "wespennest": ["wespenest", "wespe nest"],
    "grofvuil": ["grof vuil", "grovvuil"], "zwerfvuil": ["zwerf vuil", "zwervuil"], "plantsoen": ["plansoen"],
}
PHONETIC = [("ij", "ei"), ("ei", "ij"), ("dt", "t"), ("ch", "g"), ("c", "k"), ("z", "s"), ("v", "f"), ("au", "ou"),
            ("aa", "a"), ("ee", "e"), ("oo", "o"), ("uu", "u")]
# fmt: on
TYPO_RATE = {"misspelled": 0.6, "non-native": 0.3}


def parse_phrases(text):
    """Read a phrase block ("key: a | b", indented lines continue) into {key: [variants]}, in file order."""
    entries = []
    for line in text.strip("\n").splitlines():
        if not line.strip():
            continue
        if line.startswith(" ") and entries:
            entries[-1] += " " + line.strip()
        else:
            entries.append(line.strip())
    phrases = {}
    for entry in entries:
        key, variants = entry.split(":", 1)
        phrases[key.strip()] = [variant.strip() for variant in variants.split(" | ") if variant.strip()]
    return phrases


WORDS = parse_phrases(PHRASES)
WORK_NOTES = parse_phrases(NOTES)
STREET_NAMES = {stadsdeel: streets.split("|") for stadsdeel, streets in STREETS.items()}


def one(rng, options):
    """A random element of a list (drawn with the dataset's generator)."""
    return options[rng.integers(len(options))]


def by_seed(options, seed):
    """The element a fraction in [0, 1) points at: the same seed picks 'the same' variant in every register."""
    return options[min(int(seed * len(options)), len(options) - 1)]


def pick(rng, options, probabilities):
    """One random choice per row, from row-specific probabilities (an n x k array)."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(len(probabilities))[:, None] * cumulative[:, -1:]
    return np.asarray(options)[(draws >= cumulative).sum(axis=1)]


def problems(rng, n):
    """One row per physical problem: where, what (subtype and true team), the routed team and how often reported."""
    names = list(RESIDENTS)
    weights = np.array([RESIDENTS[s] * REPORTING[s] for s in names])
    where = rng.choice(len(names), size=n, p=weights / weights.sum())
    stadsdeel = np.array(names, dtype=object)[where]
    # Team by stadsdeel: the city-wide shares with the local emphasis of TEAM_BY_STADSDEEL.
    local = np.array([[TEAM_BY_STADSDEEL.get(s, {}).get(t, 1.0) for t in TEAMS] for s in names])
    team_p = np.array(TEAM_SHARES) * local
    team_index = pick(rng, np.arange(len(TEAMS)), team_p[where])
    true_team = np.array(TEAMS, dtype=object)[team_index]
    subtype = np.empty(n, dtype=object)
    for team in TEAMS:
        keys = [key for key, spec in SUBTYPES.items() if spec[0] == team]
        shares = np.array([SUBTYPES[key][1] for key in keys])
        rows = np.flatnonzero(true_team == team)
        subtype[rows] = rng.choice(keys, size=len(rows), p=shares / shares.sum())
    # The clerk's misrouting: per problem (later reports of the same problem are linked to the first and follow its
    # route), to the one team each kind of problem is confused with.
    rate = np.array([SUBTYPES[key][3] for key in subtype])
    misrouted = rng.random(n) < rate
    team = np.where(misrouted, [SUBTYPES[key][2] for key in subtype], true_team)
    # How many reports: repeats are more likely for problems many people see, and for misrouted problems, which
    # stay unsolved while the wrong team finds nothing to do.
    factor = np.array(REPEAT_BY_TEAM)[team_index] * np.where(misrouted, MISROUTED_REPEATS, 1.0)
    again = np.array(REPEAT_SHARES[1:])[None, :] * factor[:, None]
    n_reports = pick(rng, REPEATS, np.hstack([1 - again.sum(axis=1, keepdims=True), again]))
    frame = pd.DataFrame({"stadsdeel": stadsdeel, "true_team": true_team, "subtype": subtype, "team": team})
    frame["misrouted"] = misrouted
    frame["n_reports"] = n_reports
    frame["first_at"] = first_report_times(rng, frame)
    # The place and the wording the first reporter chose; repeats reuse them, so their texts are near-duplicates.
    pairs = [rng.choice(STREET_NAMES[s], size=2, replace=False) for s in stadsdeel]  # a street and a side street
    frame["street"], frame["street2"] = [p[0] for p in pairs], [p[1] for p in pairs]
    frame["number"] = rng.integers(1, 180, n)
    frame["landmark_seed"] = rng.random(n)
    frame["core_seed"] = rng.random(n)
    frame["loc_seed"] = rng.random(n)
    frame["note_seed"] = rng.random(n)
    return frame


def day_weights(team, subtype):
    """Relative chance of each day of the year for one kind of problem: month x weekday x special days."""
    days = pd.date_range(f"{YEAR}-01-01", f"{YEAR}-12-31", freq="D")
    months = np.array(SUBTYPE_MONTHS.get(subtype, MONTHS[team]))[days.month - 1]
    weekdays = np.array(WEEKDAYS.get(team, WEEKDAYS_DEFAULT))[days.day_of_week]
    special = np.array([SPECIAL_DAYS.get(day.strftime("%m-%d"), {}).get(team, 1.0) for day in days])
    weights = months * weekdays * special
    return weights / weights.sum()


def first_report_times(rng, frame):
    """When each problem is first reported: a day from its seasonal pattern, an hour from the daily rhythm."""
    start = np.datetime64(f"{YEAR}-01-01T00:00:00")
    times = np.empty(len(frame), dtype="datetime64[s]")
    hours_p = np.array(HOURS) / sum(HOURS)
    noise_hours_p = np.array(NOISE_HOURS) / sum(NOISE_HOURS)
    for (team, subtype), rows in frame.groupby(["true_team", "subtype"], sort=True).indices.items():
        day = rng.choice(365, size=len(rows), p=day_weights(team, subtype))
        hour = rng.choice(24, size=len(rows), p=noise_hours_p if team == "noise and nuisance" else hours_p)
        seconds = day * 86_400 + hour * 3_600 + rng.integers(0, 3_600, len(rows))
        times[rows] = start + seconds.astype("timedelta64[s]")
    return times


def reports(rng, frame):
    """One row per report: the first report of each problem plus its repeats, a few hours to days later."""
    rows = np.repeat(np.arange(len(frame)), frame["n_reports"].to_numpy())
    out = frame.iloc[rows].reset_index(names="problem")
    out["order"] = out.groupby("problem").cumcount()
    # Repeats come 0.5 hours to a few days after the first report (exponential, mean 1.5 days), within the year.
    delay = np.where(out["order"] > 0, 1_800 + rng.exponential(1.5 * 86_400, len(out)), 0).astype("int64")
    end = np.datetime64(f"{YEAR}-12-31T23:59:59")
    created = out["first_at"].to_numpy().astype("datetime64[s]") + delay.astype("timedelta64[s]")
    out["created"] = np.minimum(created, end)
    # A repeat is the same person asking again (keeps style and wording) or a neighbour (own style, wording varies).
    out["same_person"] = (out["order"] > 0) & (rng.random(len(out)) < 0.65)
    style_p = {s: np.array(p) for s, p in STYLE_SHARES.items()}
    drawn = np.array([STYLES[rng.choice(len(STYLES), p=style_p[s])] for s in out["stadsdeel"]], dtype=object)
    for i in np.flatnonzero(out["same_person"].to_numpy()):
        drawn[i] = drawn[i - 1]  # repeats follow their problem's earlier report in `out`
    out["caller_style"] = drawn
    out["channel"] = channels(rng, out)
    # Phone reports are typed by the clerk: standard Dutch or a short note, whatever the caller's own style.
    transcribed = np.where(rng.random(len(out)) < 0.3, "terse", "standard")
    out["writing_style"] = np.where(out["channel"] == "phone", transcribed, out["caller_style"])
    out["neighbour_core"] = rng.random(len(out))
    # Some people only write "see photo": the clerk routed those from the photo and the map, the text cannot.
    out["vague"] = rng.random(len(out)) < VAGUE_RATE
    return out


def channels(rng, out):
    """App, website or phone; the phone line is open on working days 08:00-18:00 only."""
    created = pd.DatetimeIndex(out["created"])
    office = (created.day_of_week < 5) & (created.hour >= 8) & (created.hour < 18)
    # English-writing residents rarely call the Dutch phone line.
    phone_p = np.where(out["caller_style"] == "english", 0.3, 1.0) * PHONE_IN_OFFICE_HOURS
    phone = office & (rng.random(len(out)) < phone_p)
    app = rng.random(len(out)) < APP_SHARE_ONLINE
    channel = np.where(phone, "phone", np.where(app, "app", "website")).astype(object)
    for i in np.flatnonzero(out["same_person"].to_numpy()):
        if channel[i - 1] != "phone" or office[i]:
            channel[i] = channel[i - 1]  # the same person uses the same channel when it is open
    return channel


def place(row, register):
    """The location of a problem in the words of one register (same street and number for every repeat)."""
    landmark = by_seed(WORDS[f"landmark.{register if register != 'terse' else 'nl'}"], row.landmark_seed)
    template = by_seed(WORDS[f"loc.{register}"], row.loc_seed)
    return template.format(street=row.street, street2=row.street2, n=row.number, landmark=landmark)


def core(rng, row, register, seed):
    """The sentence that names the problem, with its location and container filled in."""
    container, bin_en = one(rng, WORDS["container"]), one(rng, WORDS["bin_en"])
    phrase = by_seed(WORDS[f"{row.subtype}.{register}"], seed)
    return phrase.format(loc=place(row, register), container=container, bin_en=bin_en)


def maybe(rng, p, key):
    """One phrase from a list, with probability p; otherwise nothing."""
    return [one(rng, WORDS[key])] if rng.random() < p else []


def capitalised(text):
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def sentences(parts):
    """Join the parts of a text; after a greeting with a comma ("Hallo,") the sentence goes on in lower case."""
    text = ""
    for part in parts:
        if text.endswith(",") and not part.startswith(("I ", "I'")):  # English "I" keeps its capital
            part = part[:1].lower() + part[1:]
        text += " " + part if text else part
    return text


def text_standard(rng, row, seed, repeat):
    """One to four sentences: the problem and where, sometimes a greeting, how long, a request, thanks."""
    parts = maybe(rng, 0.35, "greeting.nl") + maybe(rng, 0.15, "intro.nl") + [core(rng, row, "nl", seed)]
    parts += [one(rng, WORDS["repeat.nl"])] if repeat else maybe(rng, 0.35, "duration.nl")
    parts += maybe(rng, 0.2, "impact.nl") + maybe(rng, 0.3, "request.nl") + maybe(rng, 0.35, "closing.nl")
    return sentences(parts)


def text_long(rng, row, seed, repeat):
    """Several sentences, with details that do not matter for routing (and words of other teams)."""
    fillers = WORDS["filler.nl"]
    first, second = rng.choice(len(fillers), size=2, replace=False)
    parts = maybe(rng, 0.8, "greeting.nl") + maybe(rng, 0.4, "intro.nl") + [fillers[first], core(rng, row, "nl", seed)]
    parts += [one(rng, WORDS["repeat.nl"])] if repeat else [one(rng, WORDS["duration.nl"])]
    parts += maybe(rng, 0.7, "impact.nl") + ([fillers[second]] if rng.random() < 0.6 else [])
    parts += maybe(rng, 0.7, "request.nl") + maybe(rng, 0.8, "closing.nl")
    return sentences(parts)


def text_terse(rng, row, seed, repeat):
    """A few words, as typed on a phone: the problem, often the street, no sentence."""
    words = by_seed(WORDS[f"{row.subtype}.terse"], seed).format(container=one(rng, WORDS["container"]))
    if rng.random() < 0.6:
        words += " " + place(row, "terse")
    if repeat and rng.random() < 0.5:
        words += " " + one(rng, ["weer!", "nog steeds", "al eerder gemeld", "opnieuw"])
    return words + one(rng, ["", "", "", "!", " aub", " graag oplossen"])


def text_non_native(rng, row, seed, repeat):
    """Simplified grammar and word order: short clauses, few articles, infinitives, general words."""
    parts = maybe(rng, 0.4, "greeting.nn") + [capitalised(core(rng, row, "nn", seed))]
    if rng.random() < 0.8:
        parts.append(one(rng, ["Adres: {}.", "Het is {}.", "Plek is {}.", "{}."]).format(place(row, "nn")))
    parts += [one(rng, WORDS["repeat.nn"])] if repeat else maybe(rng, 0.5, "duration.nn")
    return " ".join(parts + maybe(rng, 0.6, "request.nn"))


def text_english(rng, row, seed, repeat):
    """The standard text in English, by expats and visitors; street names stay Dutch."""
    parts = maybe(rng, 0.4, "greeting.en") + maybe(rng, 0.15, "filler.en") + [core(rng, row, "en", seed)]
    parts += [one(rng, WORDS["repeat.en"])] if repeat else maybe(rng, 0.35, "duration.en")
    parts += maybe(rng, 0.2, "impact.en") + maybe(rng, 0.3, "request.en") + maybe(rng, 0.35, "closing.en")
    return sentences(parts)


def text_phone(rng, row, seed, repeat, terse):
    """What the clerk types while on the phone: third person, standard spelling, no greeting."""
    if terse:
        what = by_seed(WORDS[f"{row.subtype}.terse"], seed).format(container="container").rstrip("!")
        return f"Tel. {what}, {place(row, 'terse')}." + (" Eerder gemeld." if repeat else "")
    parts = [one(rng, WORDS["caller.phone"]), core(rng, row, "nl", seed)]
    parts += ["Melder belt voor de tweede keer."] if repeat else maybe(rng, 0.3, "duration.nl")
    return " ".join(parts + maybe(rng, 0.15, "callback.phone"))


def text_vague(rng, row):
    """A report that does not say what the problem is (the photo did)."""
    register = VAGUE_REGISTER[row.writing_style]
    return one(rng, WORDS[f"vague.{register}"]).format(loc=place(row, register))


def misspell_word(rng, word):
    """One word with a typo: a known misspelling, a sound-alike spelling, or a swapped, dropped or doubled letter."""
    bare = word.strip(".,!?:;").lower()
    tail = word[len(word.rstrip(".,!?:;")) :]
    if bare in MISSPELLINGS and rng.random() < 0.8:
        return one(rng, MISSPELLINGS[bare]) + tail
    candidates = [(a, b) for a, b in PHONETIC if a in bare]
    if candidates and rng.random() < 0.4:
        a, b = one(rng, candidates)
        return bare.replace(a, b, 1) + tail
    i = int(rng.integers(1, len(bare) - 1))
    operation = rng.integers(3)
    if operation == 0:
        bare = bare[:i] + bare[i + 1] + bare[i] + bare[i + 2 :]
    elif operation == 1:
        bare = bare[:i] + bare[i + 1 :]
    else:
        bare = bare[:i] + bare[i] + bare[i:]
    return bare + tail


def misspell(rng, text, rate):
    """Typos in a share of the longer words; key words (in MISSPELLINGS) are hit twice as often."""
    words = text.split(" ")
    for i, word in enumerate(words):
        bare = word.strip(".,!?:;").lower()
        hit = rate * (2 if bare in MISSPELLINGS else 1)
        if len(bare) >= 4 and bare.isalpha() and rng.random() < hit:
            words[i] = misspell_word(rng, word)
    return " ".join(words)


def compose(rng, row):
    """The text of one report, in the style it was written (or typed) in."""
    repeat = row.order > 0
    # A neighbour chooses their own words 40 % of the time; the same person keeps theirs.
    seed = row.neighbour_core if (repeat and not row.same_person and row.neighbour_core < 0.4) else row.core_seed
    style = row.writing_style
    if row.channel == "phone":
        return text_phone(rng, row, seed, repeat, terse=style == "terse")
    if row.vague and style in VAGUE_REGISTER:
        text = text_vague(rng, row)
        return misspell(rng, text, TYPO_RATE["misspelled"]) if style == "misspelled" else text
    if style == "misspelled":
        base = text_terse(rng, row, seed, repeat) if rng.random() < 0.3 else text_standard(rng, row, seed, repeat)
        text = misspell(rng, base, TYPO_RATE["misspelled"])
        text = text.lower() if rng.random() < 0.6 else text
        return text.rstrip(".!") if rng.random() < 0.3 else text
    if style == "non-native":
        return misspell(rng, text_non_native(rng, row, seed, repeat), TYPO_RATE["non-native"])
    writer = {"terse": text_terse, "standard": text_standard, "long": text_long, "english": text_english}[style]
    return writer(rng, row, seed, repeat)


def texts(rng, out):
    """All texts, in problem order. Most people who report again (70 %) paste their earlier text and add a line."""
    written = []
    previous = None
    for row in out.itertuples(index=False):
        pasted = row.same_person and previous.channel == row.channel != "phone" and rng.random() < 0.7
        if pasted:
            register = {"english": "repeat.en", "non-native": "repeat.nn"}.get(row.writing_style, "repeat.nl")
            line = one(rng, WORDS[register])
            line = misspell(rng, line, TYPO_RATE["misspelled"]) if row.writing_style == "misspelled" else line
            written.append(written[-1] + " " + line)
        else:
            written.append(compose(rng, row))
        previous = row
    return written


def closing_notes(rng, out):
    """The note of the team in `team`: the work done; 'nothing found' when misrouted or when the problem was gone."""
    notes = []
    first_id = out.groupby("problem")["report_id"].transform("first")
    gone = rng.random(len(out))
    generic = rng.random(len(out))
    for i, row in enumerate(out.itertuples(index=False)):
        # One draw per problem (the first report's), so that all reports of a problem get the same note.
        j = i - row.order
        if row.misrouted:
            # Most wrong teams say they passed it on; the others close it as if the problem were gone.
            note = NOTHING_FOUND[row.team][1 if gone[j] < FORWARDED_RATE else 0]
        elif gone[j] < GONE_RATE:
            note = NOTHING_FOUND[row.team][0]
        elif generic[j] < GENERIC_NOTE_RATE:
            note = by_seed(WORK_NOTES["generic"], row.note_seed)
        else:
            note = by_seed(WORK_NOTES[row.subtype], row.note_seed)
        notes.append(f"Samengevoegd met {first_id.iloc[i]}. {note}" if row.order > 0 else note)
    return notes


COLUMNS = "report_id problem_id created_at channel stadsdeel writing_style text team closing_note".split()


def generate_with_truth(seed: int = SEED, n: int = N_PROBLEMS) -> pd.DataFrame:
    """The reports with the generator's hidden columns (true team, subtype, misrouted): for measuring the pitfalls."""
    rng = np.random.default_rng(seed)
    out = reports(rng, problems(rng, n))
    out["text"] = texts(rng, out)
    # Ids in order of arrival, as the municipality's system numbers them; problems numbered by their first report.
    out = out.sort_values(["created", "problem", "order"], kind="stable").reset_index(drop=True)
    out["report_id"] = [f"M{YEAR}-{i:06d}" for i in range(1, len(out) + 1)]
    # Problems numbered in the order of their first report (factorize numbers values in order of appearance).
    numbers = pd.factorize(out["problem"])[0] + 1
    out["problem_id"] = [f"P{YEAR}-{k:05d}" for k in numbers]
    out = out.sort_values(["problem", "order"], kind="stable").reset_index(drop=True)
    out["closing_note"] = closing_notes(rng, out)
    out = out.sort_values("report_id").reset_index(drop=True)
    out["created_at"] = pd.DatetimeIndex(out["created"]).strftime("%Y-%m-%dT%H:%M:%S")
    return out


def generate(seed: int = SEED, n: int = N_PROBLEMS) -> pd.DataFrame:
    """Return the dataset as a DataFrame (columns as in DATASHEET.md); the same seed gives the same rows."""
    return generate_with_truth(seed, n)[COLUMNS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="CSV file to write")
    args = parser.parse_args()
    table = generate()
    digest = write_dataset(table, args.output)
    print(f"wrote {args.output} ({len(table)} rows), sha256 {digest}")


if __name__ == "__main__":
    main()
