"""One look for every figure in the course: colour-blind-safe colours and readable defaults.

The palette is Okabe & Ito's (2008), distinguishable with the common forms of colour blindness.
"""

import matplotlib as mpl
from cycler import cycler

COLOURS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}


def use_course_style() -> None:
    """Set matplotlib's defaults for the course: Okabe-Ito colour cycle, readable sizes, light grid."""
    mpl.rcParams.update(
        {
            "axes.prop_cycle": cycler(color=list(COLOURS.values())),
            "figure.figsize": (7, 4),
            "figure.dpi": 100,
            "axes.titlesize": 13,
            "axes.labelsize": 11,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "image.cmap": "cividis",
            "legend.frameon": False,
        }
    )
