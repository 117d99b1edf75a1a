"""The United States: the perimeter signal, the response, Incheon, the 38th, Europe, the armistice.

Each month, in this order: Acheson's speech (scheduled); respond to an attack;
land behind the North's lines; decide on crossing the 38th; build up in
Europe; open and conclude armistice talks.
"""

import numpy as np

from korea1950.simulation.agents.base import Actor
from korea1950.simulation.war import land_behind_lines


class UnitedStates(Actor):
    """The US government and its commander in the Far East."""

    def step(self) -> None:
        """The US month."""
        self.declare_perimeter()
        self.respond_to_attack()
        self.counterattack_at_incheon()
        self.decide_on_crossing()
        self.build_up_in_europe()
        self.seek_armistice()

    def declare_perimeter(self) -> None:
        """Acheson's 12 January 1950 speech leaves Korea outside the defensive perimeter.

        Source: kim-emboldened-by-acheson; nations outside it "could expect aid from
        the United Nations" (acheson-un-aid-outside-perimeter).

        Choice: scheduled by the ``acheson_speech`` lever (a month or "never").
        """
        world = self.world
        if self.model.levers.acheson_speech == world.month:
            world.record("acheson_speech", np.ones(world.replicates, dtype=bool))

    def respond_to_attack(self) -> None:
        """Fight for the South: through the UN if the Council allows, less often alone.

        Source: Stalin "had not foreseen the intervention of the United Nations"
        (stalin-did-not-foresee-un); "Approval was given for this first
        deployment of a UN force" (un-force-approved); Acheson's promise of aid
        through the UN (acheson-un-aid-outside-perimeter).

        Choice: in the month of a general invasion the Council authorises action
        unless vetoed; the US then fights with ``us_intervention_with_un`` or,
        vetoed, ``us_intervention_without_un``; a garrison in Korea makes it
        certain; a limited operation draws a response with
        ``us_response_to_limited_attack``. The ``us_intervention`` lever can forbid
        or force it.
        """
        world = self.world
        invaded_now = world.events["invasion"] == world.month
        limited_now = world.events["ongjin_operation"] == world.month
        authorised = world.record("un_authorization", invaded_now & ~world.happened("soviet_veto"))
        chance = np.where(authorised, self.param("us_intervention_with_un"),
                          self.param("us_intervention_without_un"))
        chance = np.where(limited_now, self.param("us_response_to_limited_attack"), chance)
        if self.model.levers.us_garrison_remains:
            chance = np.ones_like(chance)
        lever = self.model.levers.us_intervention
        if lever != "rule":
            chance = np.full_like(chance, 1.0 if lever == "always" else 0.0)
        fights = self.chance(chance, among=(invaded_now | limited_now) & world.at_war)
        world.record("us_intervention", fights)
        world.limited[fights] = False
        self.explain("respond_to_attack", invaded_now | limited_now,
                     {"un_authorised": authorised, "chance": chance, "fights": fights},
                     ("stalin-did-not-foresee-un", "un-force-approved",
                      "acheson-un-aid-outside-perimeter"))

    def counterattack_at_incheon(self) -> None:
        """Land behind a deep North Korean advance once US forces are built up.

        Source: "the swift response of MacArthur to launch a counterattack, when
        American troops landed at Incheon in September" (macarthur-incheon).

        Choice: possible two months after intervention while the North holds more
        than 65% of the peninsula, with ``incheon_chance`` a month; the effect is
        the war submodel's ``land_behind_lines``.
        """
        world = self.world
        if self.model.levers.incheon_landing == "never":
            return
        possible = (world.at_war & (world.months_since("us_intervention") >= 2)
                    & (world.front > 0.65) & ~world.happened("incheon_landing"))
        land = self.chance(self.param("incheon_chance"), among=possible)
        world.record("incheon_landing", land)
        land_behind_lines(world, land, self.model.params)
        self.explain("counterattack_at_incheon", possible, {"front": world.front, "lands": land},
                     ("macarthur-incheon",))

    def decide_on_crossing(self) -> None:
        """Carry the war north of the 38th parallel once it is regained.

        Source: the crossing is in FACTS.md (1 October 1950), not the seed
        documents; Mao's rule ties China's entry to it (stalin-runs-to-mao).

        Choice: when US forces fight and have thrown the North back to the
        parallel (it once held 60% or more and now holds at most 52%), a chance
        of ``us_cross_38th_chance`` a month; the ``un_cross_38th = "never"`` lever
        stops at the parallel.
        """
        world = self.world
        if self.model.levers.un_cross_38th == "never":
            return
        thrown_back = (world.north_furthest >= 0.6) & (world.front <= 0.52)
        at_parallel = (world.at_war & world.happened("us_intervention") & thrown_back
                       & ~world.happened("un_crosses_38th")
                       & ~world.happened("china_intervention"))
        cross = self.chance(self.param("us_cross_38th_chance"), among=at_parallel)
        world.record("un_crosses_38th", cross)
        self.explain("decide_on_crossing", at_parallel, {"front": world.front, "crosses": cross},
                     ("stalin-runs-to-mao",))

    def build_up_in_europe(self) -> None:
        """Begin a general military build-up once at war in Korea.

        Source: by late August the US "had begun a general military buildup and
        commenced a campaign to persuade its NATO allies to do the same"
        (stueck-general-buildup); not what Stalin had hoped for
        (stueck-unwanted-results).

        Choice: from the month after intervention, ``us_europe_buildup_chance`` a month.
        """
        world = self.world
        fighting = world.happened_before("us_intervention") & world.at_war
        start = self.chance(self.param("us_europe_buildup_chance"),
                            among=fighting & ~world.happened("us_europe_buildup"))
        world.record("us_europe_buildup", start)
        self.explain("build_up_in_europe", start, {"starts": start},
                     ("stueck-general-buildup",))

    def seek_armistice(self) -> None:
        """Open talks in a stalemate; sign when the communist side, and Stalin, allow.

        Source: "after Stalin died ... all the collaborators sought a formal end to
        the conflict" (armistice-after-stalins-death).

        Choice: a stalemate is six months of war with the front within
        ``stalemate_band`` of the parallel and moving less than 4% in a month;
        talks open with ``armistice_talks_chance``; each month of talks an
        armistice is signed with ``armistice_conclusion_chance`` unless Stalin
        blocks it (his rule).
        """
        world = self.world
        stalemate = (world.at_war & ~world.limited
                     & (world.months_since("war_start") >= 6)
                     & (np.abs(world.front - 0.5) < self.param("stalemate_band"))
                     & (np.abs(world.front - world.front_before) < 0.04))
        talks = self.chance(self.param("armistice_talks_chance"),
                            among=stalemate & ~world.happened("armistice_talks"))
        world.record("armistice_talks", talks)
        talking = world.at_war & world.happened_before("armistice_talks")
        sign = self.chance(self.param("armistice_conclusion_chance"),
                           among=talking & self.model.stalin.allows_armistice)
        world.end_war(sign, "armistice")
        self.explain("seek_armistice", talking,
                     {"stalin_allows": self.model.stalin.allows_armistice, "signs": sign},
                     ("armistice-after-stalins-death",))
