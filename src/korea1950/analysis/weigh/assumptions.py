"""How far the verdict rests on the terms of Stalin's shared rule, which no prior covers.

The robustness check (``robustness.py``) moves the readings' priors. But the
rule that turns goals and beliefs into acts has numbers of its own - how
noisy his stances are, what a veto or a Council seat is worth, how much of a
build-up a continuing war sustains (the ``stalin_*`` parameters). They are
the same under every reading, yet they can favour one: a reading's goals
show in the record only through them. So each is halved and raised by half
(within its allowed range) and every pair's log Bayes factor recomputed on
the baseline with the run's seed.

Numbers set from a calibration fact of the record (the calendar: the
parameters whose registry entry names it in ``calibrated_on``) are not
assumed, but the record fixes them only to its tolerance of about a month.
So they are swept separately, each month lag moved by a month and each chance
by 0.1 either way (``calendar_robustness``): a verdict that moves with them
rests on how the calendar was fitted, not on the readings.
"""

from collections.abc import Callable, Hashable
from itertools import combinations

import numpy as np

from korea1950.analysis.weigh.robustness import record_log_probability
from korea1950.inputs.labels import parameter_words, reading_label
from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import Scenario
from korea1950.running.blocks import make_tasks
from korea1950.running.summary import Summary
from korea1950.running.worlds import BlockTask

FACTORS = (0.5, 1.5)
"""Each assumption is multiplied by these (then held to its allowed range)."""

CALIBRATED = tuple(name for name, spec in MODEL_PARAMETERS.items() if spec.calibrated_on)
"""Terms set from calibration facts of the record (``calibrated_on`` in the registry)."""

MONTH = 1
"""How far a calibrated month lag is moved: the record's tolerance."""

CHANCE_STEP = 0.1
"""How far a calibrated chance is moved either way."""


def assumption_settings() -> list[tuple[str, float, float]]:
    """(parameter, factor, value) for every assumed term of Stalin's rule that a move changes."""
    settings = []
    for name, spec in MODEL_PARAMETERS.items():
        if not name.startswith("stalin_") or name in CALIBRATED:
            continue
        for factor in FACTORS:
            value = float(np.clip(spec.default * factor, spec.low, spec.high))
            if value != spec.default:
                settings.append((name, factor, value))
    return settings


def calendar_settings() -> list[tuple[str, float, float]]:
    """(parameter, move, value) for every calibrated term: a month, or 0.1, either way."""
    settings = []
    for name in CALIBRATED:
        spec = MODEL_PARAMETERS[name]
        step = MONTH if float(spec.default).is_integer() and spec.high > 1 else CHANCE_STEP
        for move in (-step, step):
            value = round(float(np.clip(spec.default + move, spec.low, spec.high)), 6)
            if value != spec.default:
                settings.append((name, move, value))
    return settings


def assumption_groups(readings: list[Reading], scenario: Scenario, replicates: int,
                      seed: int) -> dict[Hashable, list[BlockTask]]:
    """The runs both checks need (for ``run_many``): every setting under every reading."""
    sweeps = [("assumption", assumption_settings()), ("calendar", calendar_settings())]
    return {(kind, name, move, reading.name):
            make_tasks(scenario, reading, replicates, seed, parameters={name: value})
            for kind, settings in sweeps for name, move, value in settings
            for reading in readings}


def assumption_robustness(readings: list[Reading], reference: dict[str, Summary],
                          runs: dict[Hashable, Summary]) -> dict:
    """Every pair's log BF with each assumption moved; its range and what moves it most.

    ``reference`` holds each reading's run with every term at its default (same
    size and seed), so a shift is the assumption's doing, not fresh noise.
    """
    return _sweep("assumption", assumption_settings(), readings, reference, runs,
                  {"factors": list(FACTORS), "calibrated": list(CALIBRATED)})


def calendar_robustness(readings: list[Reading], reference: dict[str, Summary],
                        runs: dict[Hashable, Summary]) -> dict:
    """Every pair's log BF with each calibrated term moved within the record's tolerance."""
    return _sweep("calendar", calendar_settings(), readings, reference, runs,
                  {"month": MONTH, "chance_step": CHANCE_STEP})


def _sweep(kind: str, settings: list[tuple[str, float, float]], readings: list[Reading],
           reference: dict[str, Summary], runs: dict[Hashable, Summary], about: dict) -> dict:
    """One sweep's pairs: log BF per setting, its range, whether the sign holds, the top mover.

    The top level repeats the first pair's figures (named in ``pair``, as the prior
    family's do) for a reader of two readings; ``pairs`` holds every pair's."""
    names = [reading.name for reading in readings]
    cited = {name: record_log_probability(reference[name])[0] for name in names}
    pairs = []
    for a, b in combinations(names, 2):
        base = cited[a] - cited[b]
        rows = []
        for name, factor, value in settings:
            log_a = record_log_probability(runs[(kind, name, factor, a)])[0]
            log_b = record_log_probability(runs[(kind, name, factor, b)])[0]
            rows.append({"parameter": name, "factor": factor, "value": round(value, 4),
                         "log_bf": round(log_a - log_b, 4),
                         "shift": round(log_a - log_b - base, 4)})
        values = [base] + [row["log_bf"] for row in rows]
        top = max(rows, key=lambda row: (abs(row["shift"]), row["parameter"]), default=None)
        pairs.append({"a": a, "b": b, "log_bf_default": round(base, 4),
                      "log_bf_min": round(min(values), 4), "log_bf_max": round(max(values), 4),
                      "sign_holds": bool(min(values) > 0 or max(values) < 0),
                      "most_influential": top, "table": rows})
    first = pairs[0] if pairs else {}
    return {"replicates": next(iter(reference.values())).replicates if reference else 0,
            **about, "pairs": pairs, "pair": [first["a"], first["b"]] if first else None,
            **{key: first.get(key) for key in ("log_bf_min", "log_bf_max", "sign_holds",
                                               "most_influential")}}


def assumption_sentence(result: dict, a: str, b: str) -> str | None:
    """One sentence: how far the verdict between readings a and b moves with the shared
    rule's terms (None where that pair was not swept)."""
    return _range_sentence(result, a, b, "the terms of Stalin's shared rule (each halved and "
                           "raised by half)", lambda top: f"is multiplied by {top['factor']:g}")


def calendar_sentence(result: dict, a: str, b: str) -> str | None:
    """One sentence: how far the verdict between readings a and b moves with the calendar's
    fit (None where that pair was not swept)."""
    return _range_sentence(result, a, b, "the calendar fitted to the record (each calibrated "
                           f"lag moved by a month, each calibrated chance by {CHANCE_STEP:g})",
                           lambda top: f"is {top['value']:g}")


def _range_sentence(result: dict, a: str, b: str, swept: str,
                    setting: Callable[[dict], str]) -> str | None:
    """Over ``swept``, the log BF range of a over b, whether its sign holds, the top mover.

    Why per pair: a term that turns the sign between two readings may leave a third
    pair untouched, so one pair's range cannot stand for the others.
    """
    pair = next((row for row in (result or {}).get("pairs", [])
                 if (row["a"], row["b"]) == (a, b)), None)
    if pair is None:
        return None
    top = pair["most_influential"]
    moved = (f"; it moves most when {parameter_words(top['parameter'])} {setting(top)} "
             f"(log BF {top['log_bf']:+.2f})" if top else "")
    held = "keeps its sign" if pair["sign_holds"] else "changes sign"
    return (f"Over {swept}, the log Bayes factor of {reading_label(a)} over "
            f"{reading_label(b)} ranges from "
            f"{pair['log_bf_min']:+.2f} to {pair['log_bf_max']:+.2f} and {held}{moved}.")
