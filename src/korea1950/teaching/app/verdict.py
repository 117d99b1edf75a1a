"""The weighing's verdict for the page: computed once per server, in the background.

Why once and in the background: the verdict does not depend on anything a
student sets (it weighs the bundled readings against the record on the
baseline), and with its robustness checks it takes tens of seconds; every
session shares the one result, started when the server starts.
"""

import logging
import os
import threading
from concurrent.futures.process import BrokenProcessPool

from korea1950.analysis.weigh import run_weigh
from korea1950.analysis.weigh.likelihood import strength_words, times
from korea1950.inputs.labels import pair_label, reading_label
from korea1950.running.evaluators import Processes

SIZES = {"replicates": 4000, "robustness_replicates": 2000, "calibration_replicates": 4000,
         "coalition_replicates": 500}
"""Worlds per run for the page: small, so the verdict is ready within a minute or two; the
command line (`korea1950 weigh`) and the study use more and say the same things."""

VERDICT_NICENESS = 15
"""How far below the page's workers the verdict's workers run (``os.nice``; 19 is the lowest)."""

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_RESULT: dict = {}
_STARTED = threading.Event()


def page_verdict() -> dict:
    """The weighing's opening sentences and key figures (computed on first call, then shared)."""
    with _LOCK:
        if not _RESULT:
            with Processes(initializer=give_way) as evaluator:  # every core, one pool
                result = run_weigh(seed=1, execution=evaluator, progress=False, band=False,
                                   scenarios=["baseline"], **SIZES)
            _RESULT.update(summarise(result))
        return dict(_RESULT)


def give_way() -> None:
    """In each of the verdict's workers: let the page's workers have the cores first.

    Why: the verdict takes every core for a minute or two after the server
    starts, when a class is opening the page and flipping its first switches.
    At equal priority a click then waited 0.49-0.56 s for its numbers; the
    verdict waits instead (``VERDICT_NICENESS``), since nobody is looking at it yet.
    """
    os.nice(VERDICT_NICENESS)


def summarise(result: dict) -> dict:
    """The parts of a weighing the page shows: sentences, and one row per pair of readings,
    with whether its sign holds over each set of changed assumptions the weighing tried."""
    rows = []
    for factor in result["bayes_factors"]:
        pair = (factor["a"], factor["b"])
        robust = _pair(result["robustness"], pair)
        calibration = _pair(result["calibration"], pair)
        sweeps = [_pair(result.get(key) or {}, pair) for key in ("assumptions", "calendar_terms")]
        rows.append({"pair": pair_label(*pair), "a": pair[0], "b": pair[1],
                     "log_bf": factor["log_bf"],
                     "ci": factor["ci"], "family": [robust["log_bf_min"], robust["log_bf_max"]],
                     "sign_holds": robust["sign_holds"], "sign_clear": robust["sign_clear"],
                     "sweeps_hold": all(sweep.get("sign_holds", True) for sweep in sweeps),
                     "accuracy": calibration["accuracy"]})
    return {"sentences": list(result["verdict"]), "rows": rows,
            "replicates": result["replicates"], "caveat": result["caveat"]}


def _pair(section: dict, pair: tuple[str, str]) -> dict:
    """A section's entry for one pair of readings ({} if the section has none)."""
    return next((p for p in section.get("pairs", []) if (p["a"], p["b"]) == pair), {})


def plain_verdict(row: dict) -> str:
    """One pair of readings in words a class can follow: which way, how far, and whether it holds.

    Why beside the weighing's own sentences: those name log Bayes factors, prior
    families and tail probabilities; a student needs first the odds, the size of
    the difference on the scale the weighing uses (Kass and Raftery's), and
    whether the changes to the model's starting assumptions that the weighing
    tried reverse it. It decides as the weighing does (``decision_sentence``): a
    lean holds only if the headline interval excludes zero, and over the prior
    family the sign holds and stays clear of the noise; here the sweeps of
    Stalin's rule and of the calendar must keep it too.
    """
    log_bf, (low, high) = row["log_bf"], row["ci"]
    if low <= 0 <= high:
        return ("**In short:** with the model's starting assumptions, the record makes "
                "neither reading clearly more likely than the other: the simulation cannot "
                "tell which way it leans, so the record does not settle the question.")
    ahead, behind = (row["a"], row["b"]) if log_bf > 0 else (row["b"], row["a"])
    lean = (f"the record is about {times(log_bf)} times as likely "
            f"under {reading_label(ahead)} as under {reading_label(behind)}; on the usual "
            f"scale (Kass and Raftery's), {strength_words(log_bf)}")
    holds = row["sign_holds"] and row["sign_clear"] and row["sweeps_hold"]
    tried = ("It leans the same way under every change to the model's starting assumptions "
             "that the weighing tried (Stalin's priors, the terms of his rule, the calendar)."
             if holds else
             "Some of the changes to the model's starting assumptions that the weighing tried "
             "reverse it or leave it within the simulation's noise, so the record does not "
             "settle the question.")
    return f"**In short:** with the model's starting assumptions, {lean}. {tried}"


def start_in_background() -> None:
    """Begin computing the verdict (once per server), so it is ready when a student looks."""
    if not _STARTED.is_set():
        _STARTED.set()
        threading.Thread(target=_compute_ahead, name="korea1950-verdict", daemon=True).start()


def _compute_ahead() -> None:
    """``page_verdict`` for the background: a server stopping midway is not an error, nor are
    its workers stopped with it (a service manager terminates the server's whole group).

    Anything else is logged with its traceback; the tab computes again when opened.
    """
    try:
        page_verdict()
    except BrokenProcessPool:  # its workers were stopped: the server's group was terminated
        log.warning("the verdict's workers stopped before it was finished; the tab computes it "
                    "when opened")
    except RuntimeError as error:
        if "shutdown" not in str(error):
            log.exception("the verdict could not be computed in the background")
        else:  # the pool refuses work once the server is stopping: nothing went wrong
            log.info("the server stopped before the verdict was finished")
    except Exception:
        log.exception("the verdict could not be computed in the background")
