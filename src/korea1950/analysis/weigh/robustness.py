"""How far the verdict moves over the family of priors (``variants.prior_family``).

Each variant re-simulates only the readings it changes, on the baseline, with
the run's seed: every variant sees the same random streams as the cited priors
(common random numbers), so a change in the log Bayes factor comes from the
prior, not from fresh noise. The log Bayes factor of every pair of readings is
recomputed for every variant; its minimum and maximum over the family, whether
its sign holds, and the prior that moves it most say how far the verdict rests
on the priors rather than on the record.
"""

from collections.abc import Hashable
from itertools import combinations

import numpy as np

from korea1950.analysis.weigh.likelihood import EMPTY_CELL
from korea1950.analysis.weigh.variants import Variant, skipped_text
from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import Scenario
from korea1950.running.blocks import make_tasks
from korea1950.running.summary import Summary
from korea1950.running.worlds import BlockTask

REFERENCE = "as-cited"
"""Id of the family member with every prior as the readings cite it."""


def robustness_groups(variants: list[Variant], scenario: Scenario, replicates: int,
                      seed: int) -> dict[Hashable, list[BlockTask]]:
    """The runs a robustness check needs (for ``run_many``): one per changed reading."""
    return {("robustness", variant.id, reading.name): make_tasks(scenario, reading, replicates,
                                                                 seed)
            for variant in variants for reading in variant.readings}


def record_log_probability(summary: Summary) -> tuple[float, float]:
    """log P(record) from a run's pattern tally, and its standard error.

    The record is the pattern with every fact matched (the last cell); an
    empty cell counts half a world, as in the headline figure. The standard
    error is the delta method's sqrt((1 - p) / (N p)).
    """
    patterns = summary.tallies["record:pattern"]
    worlds = float(patterns.sum())
    p = max(float(patterns[-1]), EMPTY_CELL) / worlds
    return float(np.log(p)), float(np.sqrt(max(1 - p, 0.0) / (worlds * p)))


def robustness(variants: list[Variant], skipped: list[dict], readings: list[Reading],
               reference: dict[str, Summary], runs: dict[Hashable, Summary],
               headline: dict[tuple[str, str], float]) -> dict:
    """The log Bayes factor of every pair over the family, its range and what moves it most.

    ``reference`` holds each reading's run with its cited priors (at the same
    size and seed as the variants); ``headline`` the pair's headline log BF,
    which the reported range always contains.
    """
    names = [reading.name for reading in readings]
    cited = {name: record_log_probability(reference[name]) for name in names}
    logs = {REFERENCE: cited}
    for variant in variants:
        changed = {reading.name for reading in variant.readings}
        logs[variant.id] = {name: (record_log_probability(runs[("robustness", variant.id, name)])
                                   if name in changed else cited[name]) for name in names}
    rows = [{"id": REFERENCE, "label": "every prior as cited", "change": None,
             "parameter": None, "readings": [], "shared": False, "sourced": None}]
    rows += [{"id": v.id, "label": v.label, "change": v.change, "parameter": v.parameter,
              "readings": v.reading_names(), "shared": v.shared, "sourced": v.sourced}
             for v in variants]
    pairs = [_pair(a, b, rows, logs, headline.get((a, b))) for a, b in combinations(names, 2)]
    first = pairs[0] if pairs else {}
    return {
        "replicates": next(iter(reference.values())).replicates if reference else 0,
        "variants": rows,
        "skipped": skipped,
        "skipped_text": skipped_text(skipped),
        "pairs": pairs,
        **{key: first.get(key) for key in ("log_bf_min", "log_bf_max", "sign_holds",
                                           "sign_clear", "most_influential")},
        "pair": [first["a"], first["b"]] if first else None,
    }


def _pair(a: str, b: str, rows: list[dict], logs: dict, headline: float | None) -> dict:
    """One pair's table over the family, its range, and the single prior that moves it most.

    Each row's ``shift_se`` treats the variant's run and the cited run as
    independent. They share the seed, but a changed prior can change how many
    random numbers its draws use, so the streams part; the figure is therefore
    an upper bound on the noise in the shift.
    """
    cited_logs = logs[REFERENCE]
    table = []
    for row in rows:
        (log_a, se_a), (log_b, se_b) = logs[row["id"]][a], logs[row["id"]][b]
        changed = [name for name in (a, b) if name in row["readings"]]
        noise = sum(logs[row["id"]][name][1] ** 2 + cited_logs[name][1] ** 2 for name in changed)
        table.append({"variant": row["id"], "log_bf": round(log_a - log_b, 4),
                      "se": round(float(np.hypot(se_a, se_b)), 4),
                      "shift_se": round(float(np.sqrt(noise)), 4)})
    cited = table[0]["log_bf"]
    for cell in table:
        cell["shift"] = round(cell["log_bf"] - cited, 4)
    values = [cell["log_bf"] for cell in table] + ([headline] if headline is not None else [])
    low, high = min(values), max(values)
    labels = {row["id"]: row for row in rows}
    singles = [cell for cell in table if labels[cell["variant"]]["parameter"] is not None]
    top = max(singles, key=lambda cell: (abs(cell["shift"]), cell["variant"]), default=None)
    influence = None
    if top is not None:
        row = labels[top["variant"]]
        influence = {"variant": row["id"], "label": row["label"], "parameter": row["parameter"],
                     "readings": row["readings"], "sourced": row["sourced"],
                     "log_bf": top["log_bf"], "se": top["se"], "shift": top["shift"],
                     "shift_se": top["shift_se"],
                     "beyond_noise": bool(abs(top["shift"]) > 2 * top["shift_se"]),
                     "flips_sign": bool(np.sign(top["log_bf"]) != np.sign(cited)),
                     "other_end": other_end(top["variant"], table)}
    nearest = min(table, key=lambda cell: (abs(cell["log_bf"]), cell["variant"]))
    sign_holds = bool(low > 0 or high < 0)
    against = [cell for cell in table if cell["log_bf"] * cited < 0]
    turning = max(against, key=lambda cell: (abs(cell["log_bf"]), cell["variant"]), default=None)
    return {"a": a, "b": b, "log_bf_as_cited": cited, "log_bf_headline": headline,
            "log_bf_min": round(low, 4), "log_bf_max": round(high, 4),
            "sign_holds": sign_holds,
            "sign_clear": sign_holds and abs(nearest["log_bf"]) > 2 * nearest["se"],
            "nearest_zero": {"variant": nearest["variant"],
                             "label": labels[nearest["variant"]]["label"],
                             "log_bf": nearest["log_bf"], "se": nearest["se"]},
            "most_influential": influence,
            "turns_sign": None if turning is None else {
                "variant": turning["variant"], "label": labels[turning["variant"]]["label"],
                "log_bf": turning["log_bf"], "se": turning["se"]},
            "by_prior": _by_prior(singles, labels), "table": table}


OTHER_END = {"mean-low": "mean-high", "mean-high": "mean-low"}
"""The opposite end of a prior's range, by the change that moves its mean to one end."""


def other_end(variant: str, table: list[dict]) -> dict | None:
    """The same prior with its mean at the other end of its range: its log BF and shift.

    Why: a prior that moves the verdict one way at one end of its range may move
    it the other way at the other end; showing only the larger shift hides that
    the prior sets the sign in both directions. None for a change that is not a
    mean moved to an end, or where the other end was not run (the mean sat there).
    """
    stem, _, change = variant.rpartition(":")
    if change not in OTHER_END:
        return None
    cell = next((c for c in table if c["variant"] == f"{stem}:{OTHER_END[change]}"), None)
    return None if cell is None else {"variant": cell["variant"], "log_bf": cell["log_bf"],
                                      "shift": cell["shift"], "se": cell["se"]}


def _by_prior(singles: list[dict], labels: dict) -> list[dict]:
    """Each moved prior's largest shift of the log BF, largest first."""
    largest: dict[tuple, dict] = {}
    for cell in singles:
        row = labels[cell["variant"]]
        key = (row["parameter"], tuple(row["readings"]) if not row["shared"] else ("shared",))
        if key not in largest or abs(cell["shift"]) > abs(largest[key]["shift"]):
            largest[key] = {"parameter": row["parameter"],
                            "readings": "shared" if row["shared"] else row["readings"],
                            "variant": row["id"], "shift": cell["shift"],
                            "sourced": row["sourced"]}
    return sorted(largest.values(), key=lambda item: (-abs(item["shift"]), item["variant"]))
