"""Each module's shared case code, one file per module: the groups, thresholds and helpers its lessons and its
assignment use, defined once (``from lcai.cases.energy_transition import ...``)."""
