"""The United States: the perimeter signal, the response, Incheon, the 38th, Europe, the armistice.

Each month, in this order: Acheson's speech (scheduled by its lever, so the
model gives it at the start of the month, before anyone moves: Kim read it
within days, at the luncheon of 17 January 1950); respond to an attack;
land behind the North's lines; decide on crossing the 38th; build up in
Europe; open and conclude armistice talks.
"""

import numpy as np

from korea1950.simulation.agents.base import Actor
from korea1950.simulation.agents.rules import Decision, rule
from korea1950.simulation.war import land_behind_lines
from korea1950.simulation.world import PARALLEL


class UnitedStates(Actor):
    """The US government and its commander in the Far East."""

    def step(self) -> None:
        """The US month (Acheson's speech, a scheduled act, is given at the month's start)."""
        self.respond_to_attack()
        self.counterattack_at_incheon()
        self.decide_on_crossing()
        self.build_up_in_europe()
        self.seek_armistice()

    @rule(title="leaves Korea outside the defensive perimeter",
          evidence=("kim-emboldened-by-acheson", "acheson-un-aid-outside-perimeter"),
          levers=("acheson_speech",), records="acheson_speech")
    def declare_perimeter(self) -> Decision | None:
        """Acheson's 12 January 1950 speech leaves Korea outside the defensive perimeter.

        Source: kim-emboldened-by-acheson; nations outside it "could expect aid from
        the United Nations" (acheson-un-aid-outside-perimeter).

        Choice: scheduled by the ``acheson_speech`` lever (a month or "never").
        """
        world = self.world
        if self.model.levers.acheson_speech != world.month:
            return None
        everywhere = np.ones(world.replicates, dtype=bool)
        return Decision(everywhere, everywhere, told=np.zeros_like(everywhere))

    @rule(title="decides how to respond to the attack",
          evidence=("stalin-did-not-foresee-un", "un-force-approved",
                    "acheson-un-aid-outside-perimeter"),
          lever="us_intervention", lever_overrides=True, levers=("us_garrison_remains",),
          reads=("us_intervention_with_un", "us_intervention_without_un",
                 "us_response_to_limited_attack"),
          outcome="fights", records="us_intervention")
    def respond_to_attack(self) -> Decision:
        """Fight for the South: through the UN if the Council allows, less often alone.

        Source: Stalin "had not foreseen the intervention of the United Nations"
        (stalin-did-not-foresee-un); "Approval was given for this first
        deployment of a UN force" (un-force-approved); Acheson's promise of aid
        through the UN (acheson-un-aid-outside-perimeter).

        Choice: in the month of a general invasion the US reads the Council's
        vote (``SecurityCouncil.vote_on_the_invasion``, which records
        ``un_authorization``); it then fights with ``us_intervention_with_un``
        or, without the Council, ``us_intervention_without_un``; a garrison in
        Korea makes it certain; a limited operation draws a response with
        ``us_response_to_limited_attack``. The ``us_intervention`` lever can forbid
        or force it.
        """
        world = self.world
        invaded_now = world.events["invasion"] == world.month
        limited_now = world.events["ongjin_operation"] == world.month
        authorised = world.events["un_authorization"] == world.month
        chance = np.where(authorised, self.param("us_intervention_with_un"),
                          self.param("us_intervention_without_un"))
        chance = np.where(limited_now, self.param("us_response_to_limited_attack"), chance)
        if self.model.levers.us_garrison_remains:
            chance = np.ones_like(chance)
        attacked = (invaded_now | limited_now) & world.at_war
        fights = self.chance(chance, among=attacked)

        def go_to_war(fights: np.ndarray) -> None:
            world.limited[fights] = False

        return Decision(fights, attacked, {"un_authorised": authorised, "chance": chance},
                        told=invaded_now | limited_now, then=go_to_war)

    @rule(title="weighs a landing behind the lines", evidence=("macarthur-incheon",),
          lever="incheon_landing",
          reads=("incheon_chance", "incheon_delay_months", "incheon_min_front", "incheon_cutoff",
                 "incheon_front_limit", "incheon_front_push"),
          outcome="lands", records="incheon_landing")
    def counterattack_at_incheon(self) -> Decision:
        """Land behind a deep North Korean advance once US forces are built up.

        Source: "the swift response of MacArthur to launch a counterattack, when
        American troops landed at Incheon in September" (macarthur-incheon).

        Choice: possible ``incheon_delay_months`` after intervention while the
        North holds more than ``incheon_min_front`` of the peninsula, with
        ``incheon_chance`` a month; the effect is the war submodel's
        ``land_behind_lines``.
        """
        world = self.world
        possible = (world.at_war
                    & world.happened_months_ago("us_intervention",
                                                self.param("incheon_delay_months"))
                    & (world.front > self.param("incheon_min_front"))
                    & ~world.happened("incheon_landing"))
        land = self.chance(self.param("incheon_chance"), among=possible)
        front = world.front.copy()
        land_behind_lines(world, land, self.model.params)
        return Decision(land, possible, {"front": front})

    @rule(title="decides whether to cross the 38th parallel",
          evidence=("stalin-runs-to-mao",),
          assumption="the crossing is in docs/facts.md, not the seed documents; its conditions "
                     "are NSC 81/1 (11 September 1950): cross to destroy the North's forces "
                     "unless Soviet or Chinese forces have entered",
          lever="un_cross_38th",
          reads=("us_cross_38th_chance", "us_cross_after_front", "us_cross_front"),
          outcome="crosses", records="un_crosses_38th")
    def decide_on_crossing(self) -> Decision:
        """Cross the parallel once the North is thrown back, unless China or the USSR is in.

        Source: the crossing is in docs/facts.md (1 October 1950), not the seed
        documents; Mao's rule ties China's entry to it (stalin-runs-to-mao).
        The terms are those of NSC 81/1 (archival, docs/ODD.md): operations
        north of the parallel to destroy the North's forces, provided no
        major Soviet or Chinese forces had entered or announced they would.

        Choice: when US forces fight, the North has been thrown back to the
        parallel (it once held ``us_cross_after_front`` or more and has held at
        most ``us_cross_front`` since the month before: a month to consolidate
        and to decide, as from Incheon on 15 September to the crossing on 1-7
        October) and neither Chinese nor Soviet ground forces have entered, a
        chance of ``us_cross_38th_chance`` a month;
        the ``un_cross_38th = "never"`` lever stops at the parallel. Warnings
        not backed by troops (Zhou Enlai's of 3 October) do not stop it: the
        record shows they were discounted.
        """
        world = self.world
        at_most = self.param("us_cross_front")
        thrown_back = ((world.north_furthest >= self.param("us_cross_after_front"))
                       & (world.front <= at_most) & (world.front_before <= at_most))
        great_power_in = (world.happened("china_intervention")
                          | world.happened("soviet_ground_troops"))
        at_parallel = (world.at_war & world.happened("us_intervention") & thrown_back
                       & ~world.happened("un_crosses_38th"))
        cross = self.chance(self.param("us_cross_38th_chance"),
                            among=at_parallel & ~great_power_in)
        return Decision(cross, at_parallel, {"front": world.front, "north_thrown_back": thrown_back,
                                             "china_or_ussr_in": great_power_in})

    @rule(title="begins a general military build-up",
          evidence=("stueck-general-buildup", "stueck-unwanted-results"),
          reads=("us_europe_buildup_chance",), outcome="starts", records="us_europe_buildup")
    def build_up_in_europe(self) -> Decision:
        """Begin a general military build-up once at war in Korea.

        Source: by late August the US "had begun a general military buildup and
        commenced a campaign to persuade its NATO allies to do the same"
        (stueck-general-buildup); not what Stalin had hoped for
        (stueck-unwanted-results).

        Choice: from the month after intervention, ``us_europe_buildup_chance`` a month.
        """
        world = self.world
        fighting = world.happened_before("us_intervention") & world.at_war
        undecided = fighting & ~world.happened("us_europe_buildup")
        start = self.chance(self.param("us_europe_buildup_chance"), among=undecided)
        return Decision(start, undecided, told=start)

    @rule(title="negotiates an armistice", evidence=("armistice-after-stalins-death",),
          assumption="pressing Rhee is archival: the US promised him a mutual defence pact "
                     "after his release of about 25,000 prisoners on 18 June 1953 (FRUS "
                     "1952-54 vol. XV pt. 2 doc. 606)",
          reads=("stalemate_months", "stalemate_band", "stalemate_movement",
                 "armistice_talks_chance"),
          outcome="signs",
          also_records=("armistice_talks", "us_presses_rhee", "armistice", "war_end"))
    def seek_armistice(self) -> Decision:
        """Open talks in a stalemate; press Rhee once Mao accepts terms; sign once Rhee gives way.

        Source: "after Stalin died ... all the collaborators sought a formal end to
        the conflict" (armistice-after-stalins-death).

        Choice: a stalemate is ``stalemate_months`` of war with the front within
        ``stalemate_band`` of the parallel and moving less than
        ``stalemate_movement`` in a month; talks open with
        ``armistice_talks_chance``. The terms are the communist side's to
        accept (``Mao.accept_armistice_terms`` once China is in, else
        ``Kim.accept_armistice_terms``; each needs Stalin's leave or his death;
        their messages ``mao_accepts_armistice``, ``kim_accepts_armistice``);
        once they are, the
        US presses Rhee (the event ``us_presses_rhee``: the promise of a
        defence pact, June-July 1953) and signs in a month in which the
        communist side still stands by the terms and Rhee has given way (his message
        ``rhee_accepts_armistice``, ``SouthKorea.resist_armistice``).
        """
        world = self.world
        stalemate = (world.at_war & ~world.limited
                     & world.happened_months_ago("war_start", self.param("stalemate_months"))
                     & (np.abs(world.front - PARALLEL) < self.param("stalemate_band"))
                     & (np.abs(world.front - world.front_before)
                        < self.param("stalemate_movement")))
        talks = self.chance(self.param("armistice_talks_chance"),
                            among=stalemate & ~world.happened("armistice_talks"))
        world.record("armistice_talks", talks)
        talking = world.at_war & world.happened_before("armistice_talks")
        terms = talking & (world.received("mao_accepts_armistice")
                           | world.received("kim_accepts_armistice"))
        world.record("us_presses_rhee", terms)
        rhee_accepts = world.received("rhee_accepts_armistice")
        sign = terms & rhee_accepts
        world.end_war(sign, "armistice")
        return Decision(sign, talking, {"terms_accepted": terms,
                                        "rhee_accepts": rhee_accepts})
