"""CrisisModel: R replicate worlds of the 1949-1956 crisis, stepping a month at a time.

Why lockstep: every actor keeps its state as arrays over the R worlds and its
rules are array expressions, so R = 1 is an ordinary single-world Mesa model
(the interactive page, the story of one world, ``mesa.batch_run``) and
R = 100,000 is the same code at a thousand times the speed (DESIGN.md).

Order within a month: scheduled events (the victory in China, Acheson's
speech, Stalin's death) -> South Korea (Rhee's rare first strike drawn first) -> Kim ->
Stalin -> the Security Council -> Mao -> the US -> the war.
"""

from collections.abc import Mapping
from pathlib import Path

import mesa
import numpy as np

from korea1950.inputs.calendar import HORIZON_MONTHS
from korea1950.inputs.levers import Levers
from korea1950.inputs.parameters import MODEL_PARAMETERS, STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import Reading, load_reading
from korea1950.inputs.scenarios import Scenario, load_scenario
from korea1950.simulation.agents import (
    ACTORS,
    Kim,
    Mao,
    SecurityCouncil,
    SouthKorea,
    Stalin,
    UnitedStates,
)
from korea1950.simulation.retirement import RETIRE_FROM, Retirement
from korea1950.simulation.war import advance_war, rearm_north
from korea1950.simulation.world import ENDED, FRONT_BINS, WAR, WorldState, per_world

DRAW_ALL_FROM = 4
"""Draw for every world once one in ``DRAW_ALL_FROM`` is eligible (faster than indexing).

Part of the random-stream contract: changing it changes every seed's results.
"""


class CrisisModel(mesa.Model):
    """The crisis in R replicate worlds; ``run_model()`` runs to the horizon or the last war's end.

    Args:
        scenario: a bundled scenario name, a path to a scenario TOML file, or a ``Scenario``.
        reading: a bundled reading name, a path, or a ``Reading``: priors for Stalin's motives.
        replicates: the number of worlds R simulated together.
        rng: a seed (int, ``SeedSequence``) or ``numpy.random.Generator``; the model's only
            source of randomness.
        parameters: model-parameter overrides applied after the scenario's.
        stalin_motives: fixed values (scalars or arrays of length R) replacing draws from the
            reading's priors, for sensitivity analysis and tests.
        trace: an object with ``note(month, actor, rule, terms, evidence)`` to record one world's
            story (``korea1950.teaching.story``), or None.
        lean: run as an ensemble block: no ``DataCollector`` (nothing reads it there) and
            worlds retired as soon as nothing more can happen in them (``retirement.py``);
            the tallies are the same. After ``run_model()`` the world's events, phases
            and fronts cover every world again; its messages and the actors' own arrays
            are as the last step left them (the live worlds' only), which no tally reads.
    """

    def __init__(
        self,
        scenario: "str | Path | Scenario" = "baseline",
        reading: "str | Path | Reading" = "stueck",
        replicates: int = 1,
        rng: "int | np.random.SeedSequence | np.random.Generator | None" = None,
        parameters: Mapping[str, float] | None = None,
        stalin_motives: Mapping[str, "float | np.ndarray"] | None = None,
        trace: object | None = None,
        lean: bool = False,
    ) -> None:
        super().__init__(rng=rng)
        if int(replicates) < 1:
            raise ValueError(f"replicates must be at least 1, got {replicates}")
        self.replicates = int(replicates)
        self.scenario_spec = load_scenario(scenario)
        self.reading = load_reading(reading)
        self.levers: Levers = self.scenario_spec.levers
        self.params = {name: spec.default for name, spec in MODEL_PARAMETERS.items()}
        self.params.update(dict(self.scenario_spec.parameters))
        self.params.update(parameters or {})
        self.trace = trace
        self.player = None
        """A role-play ``Player`` deciding for one actor (``korea1950.teaching.play``), or None."""
        motives = self.reading.draw(self.rng, self.replicates, fixed=stalin_motives or ())
        for name, value in (stalin_motives or {}).items():
            if name not in STALIN_MOTIVE_PARAMETERS:
                raise ValueError(f"unknown Stalin motive parameter '{name}'")
            motives[name] = np.broadcast_to(np.asarray(value, dtype=float),
                                            (self.replicates,)).copy()
        self.motives: dict[str, np.ndarray] = motives
        """Stalin's goals and beliefs in each world, drawn from the reading (or fixed)."""
        self.world = WorldState(self.replicates, self.params["north_strength_1949"])
        self.kim = Kim(self)
        self.stalin = Stalin(self, motives)
        self.mao = Mao(self)
        self.us = UnitedStates(self)
        self.council = SecurityCouncil(self)
        self.south_korea = SouthKorea(self)
        by_kind = {type(actor): actor for actor in (self.kim, self.stalin, self.mao, self.us,
                                                    self.council, self.south_korea)}
        self.actors = tuple(by_kind[kind] for kind in ACTORS)
        self.front_histograms = np.zeros((HORIZON_MONTHS, FRONT_BINS), dtype=np.int64)
        self.retirement = Retirement(self.world) if lean else None
        self.datacollector = None if lean else mesa.DataCollector(model_reporters={
            "month": lambda m: m.world.month,
            "share_at_war": lambda m: float(np.mean(m.world.phase == WAR)),
            "share_invaded": lambda m: float(np.mean(m.world.happened("invasion"))),
            "mean_front": lambda m: float(np.mean(m.world.front)),
            "share_us_fighting": lambda m: float(np.mean(m.world.happened("us_intervention"))),
            "share_china_fighting": lambda m: float(
                np.mean(m.world.happened("china_intervention"))),
        })

    @property
    def month(self) -> int:
        """The month being simulated (0 = 1949-09)."""
        return self.world.month

    def step(self) -> None:
        """Advance every world one month: events, the actors in their order, the war."""
        self.apply_scheduled_events()
        for actor in self.actors:
            actor.step()
        rearm_north(self.world, self.params)
        advance_war(self.world, self.params, self.levers, self.rng)
        self.front_histograms[self.world.month] = self.world.front_histogram()
        if self.retirement is not None:
            self.front_histograms[self.world.month] += self.retirement.front_counts
        if self.datacollector is not None:
            self.datacollector.collect(self)
        self.world.month += 1
        if self.world.month >= HORIZON_MONTHS or self.world.all_wars_over():
            self.running = False
        elif self.retirement is not None:
            self.retire_finished_worlds()

    def retire_finished_worlds(self) -> None:
        """Stop stepping the worlds in which every actor is done, once there are enough of them."""
        least = RETIRE_FROM * self.world.replicates
        if np.count_nonzero(self.world.phase == ENDED) < least:
            return  # too few could retire: not worth asking every actor
        done = self.actors[0].done()
        for actor in self.actors[1:]:
            done &= actor.done()
        if np.count_nonzero(done) < least:
            return
        self.world = self.retirement.retire(self.world, done)
        kept = np.flatnonzero(~done)
        for actor in self.actors:
            actor.keep(kept)

    def apply_scheduled_events(self) -> None:
        """Events no actor in the model decides, and one scheduled act, before anyone moves.

        China's civil war and Stalin's death are scheduled by levers; so is
        Acheson's speech (the US rule ``declare_perimeter``), given here so that
        every actor can respond within the month, as Kim did five days later.
        Rhee's first strike, once drawn here, is South Korea's rule
        (``SouthKorea.march_north``), and South Korea steps first so that its
        draw keeps this place in the random stream.
        """
        world, levers = self.world, self.levers
        everywhere = np.ones(world.replicates, dtype=bool)
        if levers.ccp_victory == world.month:
            world.record("ccp_victory", everywhere)
        if levers.stalin_death == world.month:
            world.record("stalin_death", everywhere)
        self.us.declare_perimeter()

    def chance(self, probability: "float | np.ndarray", among: np.ndarray) -> np.ndarray:
        """One Bernoulli draw per world in ``among`` (False elsewhere); nothing drawn if none."""
        count = np.count_nonzero(among)
        if count * DRAW_ALL_FROM >= self.replicates:
            # for every world of the block, retired or not: the stream stays the same
            draws = self.rng.random(self.replicates, dtype=np.float32)
            if self.retirement is not None:
                draws = self.retirement.live(draws)
            return among & (draws < probability)
        result = np.zeros(among.size, dtype=bool)
        if count:
            eligible = among.nonzero()[0]  # np.flatnonzero, without its Python wrapper
            chance = probability[eligible] if per_world(probability) else probability
            result[eligible] = self.rng.random(eligible.size, dtype=np.float32) < chance
        return result

    def run_model(self) -> None:
        """Step until the horizon (1956-12) or until every world's war has ended."""
        while self.running:
            self.step()
        if self.retirement is not None:
            self.world = self.retirement.restore(self.world, self.levers)
        last = self.world.month
        if last < HORIZON_MONTHS:
            self.front_histograms[last:] = self.world.front_histogram()
