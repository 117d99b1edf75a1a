"""The family of priors a verdict is tested against: each reading's priors, moved.

Why a family: a Bayes factor is only as good as the priors it integrates over.
Each prior's mean may sit anywhere the cited words allow (``Prior.mean_range``)
and its concentration - how sure the reading is - is a judgement. So the
weighing is repeated with every prior's mean moved to each end of its range
and its concentration halved and doubled, one prior at a time and then all
together. A prior that cites no evidence (only an ``assumption``) has a range
the modellers assumed, not one a source gave; every label says which
(``labels.range_words``), since a verdict that swings on an unsourced range
must not read as resting on a cited one.

A parameter neither historian speaks to (``shared`` in the registry) has the
same prior in every reading; it is moved in every reading at once, since
moving it in one reading alone would invent a disagreement. A contested one is
moved in one reading at a time. Nothing here names a parameter or assumes two
readings: the family is built from whatever the registry and the readings hold.
"""

from dataclasses import dataclass, replace

from korea1950.inputs.labels import (
    parameter_words,
    prior_change,
    range_words,
    reading_label,
)
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import Prior, Reading

CONCENTRATION_FACTORS = {"concentration-half": 0.5, "concentration-double": 2.0}
"""How much surer (or less sure) a varied prior is than the cited one."""
MEAN_ENDS = {"mean-low": 0, "mean-high": 1}
"""Which end of the cited mean range a varied prior's mean moves to."""
BETA_MEAN_LIMIT = 1e-3
"""A beta mean is kept this far inside (0, 1), where the distribution exists."""


@dataclass(frozen=True)
class Variant:
    """One member of the prior family: the readings whose priors it changes, changed."""

    id: str
    label: str
    change: str
    parameter: str | None
    """The one parameter moved, or None for a joint variant (many at once)."""
    shared: bool
    readings: tuple[Reading, ...]
    """The changed readings (the others keep their cited priors)."""
    sourced: bool | None = None
    """Whether the one prior moved cites evidence (False: an assumption, no source); None for
    a joint variant."""

    def reading_names(self) -> list[str]:
        """Names of the readings this variant changes."""
        return [reading.name for reading in self.readings]


def is_shared(parameter: str) -> bool:
    """True if neither historian speaks to the parameter (same prior in every reading)."""
    return bool(getattr(STALIN_MOTIVE_PARAMETERS[parameter], "shared", False))


def mean_range(prior: Prior) -> tuple[float, float] | None:
    """The range of the mean the reading gives, if any (cited, or assumed: ``is_sourced``)."""
    return getattr(prior, "mean_range", None)


def is_sourced(prior: Prior) -> bool:
    """True if the prior cites evidence; False if it rests on a stated assumption alone."""
    return bool(prior.evidence)


def _bounds(prior: Prior) -> tuple[float, float]:
    spec = STALIN_MOTIVE_PARAMETERS[prior.parameter]
    return float(spec.low), float(spec.high)


def _clip(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def move_mean(prior: Prior, target: float) -> Prior:
    """The prior with its mean moved to ``target``, its spread kept (within the allowed range)."""
    args = dict(prior.arguments)
    low, high = _bounds(prior)
    if prior.distribution == "beta":
        args["mean"] = _clip(target, BETA_MEAN_LIMIT, 1 - BETA_MEAN_LIMIT)
    elif prior.distribution == "fixed":
        args["value"] = _clip(target, low, high)
    else:
        shift = target - prior.mean()
        args = {key: _clip(value + shift, low, high) for key, value in args.items()}
    return replace(prior, arguments=tuple((key, float(args[key])) for key, _ in prior.arguments))


def scale_concentration(prior: Prior, factor: float) -> Prior | None:
    """The prior ``factor`` times as concentrated, or None if it has no spread to scale.

    A beta's concentration is multiplied by ``factor``. A uniform or triangular
    prior has no concentration; its spread about the mean is divided by
    sqrt(factor), which scales its variance as a beta's roughly scales
    (variance ~ 1 / concentration), so "halved" means the same loss of
    certainty in every family.
    """
    args = dict(prior.arguments)
    if prior.distribution == "beta":
        args["concentration"] *= factor
    elif prior.distribution in ("uniform", "triangular"):
        if args["low"] == args["high"]:
            return None
        low, high = _bounds(prior)
        centre = prior.mean()
        args = {key: _clip(centre + (value - centre) / factor ** 0.5, low, high)
                for key, value in args.items()}
    else:
        return None
    return replace(prior, arguments=tuple((key, float(args[key])) for key, _ in prior.arguments))


def vary(prior: Prior, change: str) -> Prior | None:
    """The prior under one change of the family, or None if that change does not apply."""
    if change in CONCENTRATION_FACTORS:
        varied = scale_concentration(prior, CONCENTRATION_FACTORS[change])
    else:
        span = mean_range(prior)
        varied = None if span is None else move_mean(prior, float(span[MEAN_ENDS[change]]))
    return None if varied is None or varied.arguments == prior.arguments else varied


def describe(prior: Prior, varied: Prior, change: str) -> str:
    """Words for what a change did to one prior, e.g. "mean 0.30 -> 0.20, the low end of its
    cited range"."""
    if change in MEAN_ENDS:
        end = "low" if change == "mean-low" else "high"
        return (f"mean {prior.mean():.3g} -> {varied.mean():.3g}, the {end} end of its "
                f"{range_words(is_sourced(prior))}")
    if prior.distribution == "beta":
        return (f"concentration {prior.argument('concentration'):.3g} -> "
                f"{varied.argument('concentration'):.3g}")
    low, high = varied.support()
    return (f"range {prior.support()[0]:.3g} to {prior.support()[1]:.3g} -> "
            f"{low:.3g} to {high:.3g}")


def _with_priors(reading: Reading, priors: dict[str, Prior]) -> Reading:
    return replace(reading, priors={**reading.priors, **priors})


def single_variants(readings: list[Reading]) -> tuple[list[Variant], list[dict]]:
    """One prior moved at a time; and why any prior could not be moved."""
    variants, skipped = [], []
    parameters = list(readings[0].priors) if readings else []
    for parameter in parameters:
        shared = is_shared(parameter)
        groups = [readings] if shared else [[reading] for reading in readings]
        for group in groups:
            who = "every reading" if shared else reading_label(group[0].name)
            for change in (*MEAN_ENDS, *CONCENTRATION_FACTORS):
                varied = {r.name: vary(r.priors[parameter], change) for r in group}
                moved = [r for r in group if varied[r.name] is not None]
                if not moved:
                    skipped.append(_skip_reason(who, parameter, change, group[0].priors[parameter]))
                    continue
                first = moved[0]
                owner = "the shared prior" if shared else f"the prior of {who}"
                label = (f"{owner} on {parameter_words(parameter)}, "
                         f"{describe(first.priors[parameter], varied[first.name], change)}")
                variants.append(Variant(
                    id=f"{'shared' if shared else group[0].name}:{parameter}:{change}",
                    label=label, change=change, parameter=parameter, shared=shared,
                    readings=tuple(_with_priors(r, {parameter: varied[r.name]}) for r in moved),
                    sourced=is_sourced(first.priors[parameter])))
    return variants, skipped


def _skip_reason(who: str, parameter: str, change: str, prior: Prior) -> dict:
    """Why a change left a prior as cited (plain data for the report)."""
    if change in MEAN_ENDS and mean_range(prior) is None:
        reason = "no range given for its mean"
    elif change in MEAN_ENDS:
        reason = (f"its mean already sits at that end of its "
                  f"{range_words(is_sourced(prior))}")
    else:
        reason = f"a {prior.distribution} prior has no spread to scale"
    return {"readings": who, "parameter": parameter, "change": change, "reason": reason}


def skipped_text(skipped: list[dict]) -> str:
    """The priors left unmoved, grouped by reason: "no range given for its mean: a (kim), ..."."""
    groups: dict[str, dict[str, list[str]]] = {}
    for item in skipped:
        who = groups.setdefault(item["reason"], {}).setdefault(item["parameter"], [])
        if item["readings"] not in who:
            who.append(item["readings"])
    return "; ".join(f"{reason}: " + ", ".join(f"{parameter_words(parameter)} "
                                               f"({', '.join(who)})"
                                               for parameter, who in parameters.items())
                     for reason, parameters in groups.items())


def joint_variants(readings: list[Reading]) -> list[Variant]:
    """Every prior moved the same way at once: per reading (its contested priors) and for all."""
    variants = []
    scopes = [(reading.name, [reading], False) for reading in readings] if len(readings) > 1 else []
    scopes.append(("every reading", readings, True))
    for who, group, with_shared in scopes:
        for change in (*MEAN_ENDS, *CONCENTRATION_FACTORS):
            changed = []
            for reading in group:
                priors = {name: vary(prior, change) for name, prior in reading.priors.items()
                          if with_shared or not is_shared(name)}
                priors = {name: prior for name, prior in priors.items() if prior is not None}
                if priors:
                    changed.append(_with_priors(reading, priors))
            if changed:
                scope = ("all priors of every reading" if with_shared
                         else f"all contested priors of {reading_label(who)}")
                variants.append(Variant(
                    id=f"{'all' if with_shared else who}:joint:{change}",
                    label=f"{scope}, every {prior_change(change)}", change=change,
                    parameter=None, shared=with_shared, readings=tuple(changed)))
    return variants


def prior_family(readings: list[Reading]) -> tuple[list[Variant], list[dict]]:
    """The whole family (single then joint variants) and the list of priors left unmoved."""
    single, skipped = single_variants(readings)
    return single + joint_variants(readings), skipped
