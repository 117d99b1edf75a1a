"""Kim Il Sung: the drive to unify, the discipline to wait for a patron's go-ahead.

Each month, in this order: his impatience grows; at peace without a go-ahead he
presses for one (Stalin if he can reach him, else Mao); with a go-ahead and
his army ready he attacks; losing the war, he asks Stalin for aid. His
requests reach Stalin and Mao as messages in the world (``world.send``).
"""

import numpy as np

from korea1950.simulation.agents.base import Actor
from korea1950.simulation.agents.rules import Decision, rule


class Kim(Actor):
    """Kim Il Sung, leader of the DPRK."""

    def __init__(self, model) -> None:
        super().__init__(model)
        size = model.replicates
        self.impatience = np.zeros(size)

    def step(self) -> None:
        """Kim's month: feel the pressure, press for approval, attack, ask for aid."""
        self.grow_impatience()
        self.press_for_approval()
        self.attack_when_allowed()
        self.escalate_limited_operation()
        self.ask_for_aid()

    @rule(title="grows impatient",
          evidence=("kim-sleepless", "kim-fears-losing-trust", "kim-china-liberated",
                    "kim-emboldened-by-acheson"),
          reads=("kim_initial_impatience", "kim_impatience_growth", "kim_china_boost",
                 "kim_acheson_boost"))
    def grow_impatience(self) -> None:
        """Impatience: a base level, growing each month unification waits, jolted by events.

        Source: "Lately I do not sleep at night ..." and "if the matter ... is drawn
        out, then I can lose the trust of the people of Korea" (kim-sleepless,
        kim-fears-losing-trust); China's liberation made it "time to liberate the
        south" (kim-china-liberated); Acheson's speech emboldened him
        (kim-emboldened-by-acheson).

        Choice: impatience is the chance per month that he presses his patrons
        again; it grows linearly, a simplification the documents do not fix.
        """
        world = self.world
        self.impatience = (
            self.param("kim_initial_impatience")
            + self.param("kim_impatience_growth") * world.month
            + self.param("kim_china_boost") * world.happened_before("ccp_victory")
            + self.param("kim_acheson_boost") * world.happened_before("acheson_speech")
        )

    @rule(title="decides whether to press his patrons for the go-ahead",
          evidence=("kim-sleepless", "kim-disciplined", "kim-would-turn-to-mao"),
          reads=("kim_stalin_reachable",), point="kim.press", outcome="asks")
    def press_for_approval(self) -> Decision:
        """Ask Stalin for the go-ahead; if he cannot reach Stalin, ask Mao.

        Source: Kim "would not act unless Stalin gave the go ahead", and "if he
        couldn't meet with Stalin, then he would meet with Mao" (kim-disciplined,
        kim-would-turn-to-mao). Once Stalin approves, Stalin's condition sends him
        to Mao (mao-reluctant-approval): that request is made by Stalin's rule.

        Choice: a request is a chance of ``impatience`` per month; reaching Stalin
        succeeds with ``kim_stalin_reachable``.
        """
        world = self.world
        waiting = world.at_peace & ~world.happened("stalin_approves")
        asks = self.chance(np.clip(self.impatience, 0.0, 1.0), among=waiting)

        def send(asks: np.ndarray) -> dict:
            reachable = self.chance(self.param("kim_stalin_reachable"), among=asks)
            world.send("kim_asks_stalin", asks & reachable)
            world.send("kim_asks_mao", asks & ~reachable & ~world.happened("mao_consents"))
            return {"reached_stalin": reachable}

        return Decision(asks, waiting, {"impatience": self.impatience}, told=asks, then=send)

    def has_go_ahead(self) -> np.ndarray:
        """Worlds where Kim holds the go-ahead his discipline requires.

        Source: kim-disciplined; Stalin's approval is conditional on Mao's consent
        (stalin-china-needed, mao-reluctant-approval).

        Choice: with ``kim_accepts_mao_in_lieu`` = 1 Mao's consent alone suffices
        (kim-would-turn-to-mao); by default it does not.
        """
        world = self.world
        both = world.happened_before("stalin_approves") & world.happened_before("mao_consents")
        if self.switch("kim_accepts_mao_in_lieu"):
            return both | world.happened_before("mao_consents")
        return both

    @rule(title="weighs an attack",
          evidence=("kim-ongjin-partial-operation", "rhee-must-be-aggressor",
                    "invasion-25-june-1950"),
          lever="kim_attack", levers=("kim_waits_for_approval", "stalin_approval"),
          reads=("kim_attack_readiness", "kim_solo_attack_impatience",
                 "kim_accepts_mao_in_lieu"),
          point="kim.attack", outcome="attacks")
    def attack_when_allowed(self) -> Decision:
        """Attack once the go-ahead is held and the army is ready; or at once if Rhee strikes.

        Source: Kim proposed "a partial operation in the Ongjin peninsula ...
        before storming" (kim-ongjin-partial-operation); Stalin allowed only a
        counterattack if Rhee were the aggressor (rhee-must-be-aggressor). The
        attack came on 25 June 1950 (invasion-25-june-1950).

        Choice: readiness is a chance per month from the month after the
        go-ahead; under the ``stalin_approval = "ongjin_only"`` lever the attack is
        the limited operation; with ``kim_waits_for_approval = false`` he attacks
        once his impatience passes ``kim_solo_attack_impatience``; with
        ``kim_attack = "never"`` he does not attack at all.
        """
        world = self.world
        levers = self.model.levers
        idle = world.at_peace
        go_ahead = self.has_go_ahead()
        ready = self.chance(self.param("kim_attack_readiness"), among=idle & go_ahead)
        if not levers.kim_waits_for_approval:
            ready |= idle & (self.impatience >= self.param("kim_solo_attack_impatience"))
        allowed = idle & (go_ahead | (not levers.kim_waits_for_approval))
        counterattack = idle & world.happened("rhee_attacks")

        def launch(ready: np.ndarray) -> dict:
            limited = ready & ~counterattack & (levers.stalin_approval == "ongjin_only")
            general = (ready | counterattack) & ~limited
            world.start_war(limited, limited=True)
            world.record("ongjin_operation", limited)
            world.start_war(general)
            world.record("invasion", general)
            return {"counterattack": counterattack, "limited": limited}

        return Decision(ready, allowed, {"go_ahead": go_ahead,
                                         "north_strength": world.north_strength},
                        told=allowed | counterattack, then=launch)

    @rule(title="turns the limited operation into a general offensive",
          evidence=("kim-ongjin-partial-operation", "kim-seoul-in-three-days"),
          reads=("kim_ongjin_escalation", "kim_ongjin_months"), outcome="escalates")
    def escalate_limited_operation(self) -> Decision:
        """Turn a successful Ongjin operation into the general offensive it was meant to open.

        Source: Ongjin was to "demoralize the opposing forces before storming"
        and to "secure Seoul in three days" (kim-ongjin-partial-operation,
        kim-seoul-in-three-days).

        Choice: he escalates only while the US stays out (else the limited war
        has already become general), with ``kim_ongjin_escalation`` a month; after
        ``kim_ongjin_months`` without escalation the operation ends.
        """
        world = self.world
        limited = world.at_war & world.limited & ~world.happened("us_intervention")
        grow = self.chance(self.param("kim_ongjin_escalation"),
                           among=limited & world.happened_before("ongjin_operation"))
        world.limited[grow] = False
        world.record("invasion", grow)
        stale = limited & ~grow & (world.months_since("ongjin_operation")
                                      >= self.param("kim_ongjin_months"))
        world.end_war(stale, "limited_war_ends")
        return Decision(grow, limited, told=grow)

    @rule(title="asks Stalin for aid", evidence=("kim-requests-aid",), reads=("kim_aid_front",),
          records="kim_requests_aid", sends="kim_asks_for_aid")
    def ask_for_aid(self) -> Decision:
        """Ask Stalin for aid when the North is losing.

        Source: "Kim requesting Stalin for aid in the battle" (kim-requests-aid).

        Choice: "losing" is the North holding less than ``kim_aid_front`` of the
        peninsula during a general war.
        """
        world = self.world
        losing = world.at_war & ~world.limited & (world.front < self.param("kim_aid_front"))
        first = losing & ~world.happened("kim_requests_aid")
        return Decision(losing, losing, {"front": world.front}, told=first)
