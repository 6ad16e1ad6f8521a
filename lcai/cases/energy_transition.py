"""The heat-pump advice case of the energy-transition module, as lessons 3 and 4 reuse it.

Lesson 2 builds this model step by step; later lessons start from :func:`make_heat_loss_model` so that
they read as prose about explaining and trusting the model, not as a copy of lesson 2.
"""

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder

RANDOM_STATE = 42
TARGET = "heat_loss_w_m2"
# Known only after the installer's survey: using it would leak the answer into the model.
LEAKY_COLUMNS = ["quoted_capacity_kw"]
NUMERIC_FEATURES = ["construction_year", "floor_area_m2", "occupants", "gas_m3", "electricity_kwh"]
CATEGORICAL_FEATURES = [
    "town",
    "dwelling_type",
    "tenure",
    "energy_label",
    "wall_insulation",
    "roof_insulation",
    "floor_insulation",
    "glazing",
    "ventilation",
    "heating_system",
]
FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES

# The company's advice rule on the design heat loss in W/m2 (fictional, modelled on installers' practice).
HEAT_PUMP_MAX = 50.0
HYBRID_MAX = 80.0
ADVICE_ORDER = ["heat pump", "hybrid heat pump", "insulate first"]


def split_homes(homes: pd.DataFrame, test_size: float = 0.25, random_state: int = RANDOM_STATE):
    """Split the surveyed homes into (homes_train, homes_test), the same way in every lesson."""
    return train_test_split(homes, test_size=test_size, random_state=random_state)


def make_heat_loss_model(**booster_params) -> Pipeline:
    """An untrained pipeline: categories to ordinal codes, then a histogram gradient-boosting regressor.

    The booster handles missing values itself, so rented homes without a gas bill need no imputation.
    ``booster_params`` go to :class:`~sklearn.ensemble.HistGradientBoostingRegressor`
    (for example ``loss="quantile", quantile=0.9``).
    """
    encode = ColumnTransformer(
        [
            (
                "categories",
                OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=np.nan),
                CATEGORICAL_FEATURES,
            ),
            ("numbers", "passthrough", NUMERIC_FEATURES),
        ],
        verbose_feature_names_out=False,
    )
    params = {"max_iter": 300, "learning_rate": 0.08, "random_state": RANDOM_STATE, **booster_params}
    booster = HistGradientBoostingRegressor(categorical_features=list(range(len(CATEGORICAL_FEATURES))), **params)
    return Pipeline([("encode", encode), ("model", booster)])


def advice_from_heat_loss(heat_loss_w_m2) -> np.ndarray:
    """The advice for each heat loss value (W/m2): heat pump, hybrid heat pump or insulate first."""
    values = np.asarray(heat_loss_w_m2, dtype=float)
    return np.select([values <= HEAT_PUMP_MAX, values <= HYBRID_MAX], ADVICE_ORDER[:2], default=ADVICE_ORDER[2]).astype(
        object
    )
