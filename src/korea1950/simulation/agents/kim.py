"""Kim Il Sung: the drive to unify, the discipline to wait for a patron's go-ahead.

Each month, in this order: his impatience grows; at peace, he presses from
afar for a go-ahead (Stalin if he can reach him, else Mao), held back for a
while by a refusal; invited, he goes to Moscow and presses in person;
approved, he goes to Mao and prepares the plan; with the go-ahead and the
plan ready he attacks; losing the war, he asks Stalin for aid. His requests
reach Stalin and Mao as messages in the world (``world.send``); Stalin's
refusals reach him the month after (``world.months_since_message``).
"""

import numpy as np

from korea1950.simulation.agents.armistice_terms import answer_terms
from korea1950.simulation.agents.base import Actor
from korea1950.simulation.agents.rules import Decision, rule


class Kim(Actor):
    """Kim Il Sung, leader of the DPRK."""

    PER_WORLD = ("impatience",)

    def __init__(self, model) -> None:
        super().__init__(model)
        size = model.replicates
        self.impatience = np.zeros(size)

    def step(self) -> None:
        """Kim's month: feel the pressure, press for approval, attack, ask for aid."""
        self.grow_impatience()
        self.press_for_approval()
        self.go_to_moscow()
        self.visit_mao()
        self.prepare_attack()
        self.attack_when_allowed()
        self.escalate_limited_operation()
        self.ask_for_aid()
        self.accept_armistice_terms()

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
            + self.param("kim_china_boost") * world.happened("ccp_victory")
            + self.param("kim_acheson_boost") * world.happened("acheson_speech")
        )

    @rule(title="decides whether to press his patrons for the go-ahead, and for what",
          evidence=("kim-sleepless", "kim-disciplined", "kim-would-turn-to-mao",
                    "kim-ongjin-partial-operation", "kim-china-liberated",
                    "kim-emboldened-by-acheson"),
          reads=("kim_stalin_reachable", "kim_pause_after_refusal"), point="kim.press",
          outcome="asks", also_records=("kim_proposes_ongjin", "kim_asks_for_general_offensive"),
          also_sends=("kim_asks_stalin", "kim_asks_mao"))
    def press_for_approval(self) -> Decision:
        """From afar, ask Stalin for the go-ahead (Mao if Stalin cannot be reached).

        Source: Kim "would not act unless Stalin gave the go ahead", and "if he
        couldn't meet with Stalin, then he would meet with Mao" (kim-disciplined,
        kim-would-turn-to-mao). What he asked for changed: a "partial operation
        in the Ongjin peninsula" in 1949 (kim-ongjin-partial-operation); once
        China was liberated, "time to liberate the south" (kim-china-liberated).

        Choice: when the model opens (September 1949) his request of 3 September
        is pending: in the first month he asks for certain (an initial
        condition, docs/ODD.md section 5). After that a request is a chance of
        ``impatience`` a month, except that a refusal, read the month after it
        is given, holds him back for ``kim_pause_after_refusal`` months (the
        1949 record: refused in March, he asked again in August; refused on 24
        September, again on 17 January) unless the US has since signalled it
        would not defend the South (Acheson's speech: "emboldened"). China's
        victory raises his impatience but did not end the pause: he waited
        until January. Before the victory he asks for the Ongjin operation,
        after it for the general offensive. Reaching Stalin succeeds with
        ``kim_stalin_reachable``. Once Stalin invites him to talk, the requests
        are made in Moscow (``go_to_moscow``).
        """
        world = self.world
        waiting = world.at_peace & ~world.happened("stalin_invites_kim")
        since = world.months_since_message("stalin_tells_kim_to_wait")
        refused_in = world.month - since
        emboldened = world.events["acheson_speech"] > refused_in
        free = (since < 0) | emboldened | (since >= self.param("kim_pause_after_refusal"))
        pending = world.month == 0
        willing = np.where(pending, 1.0, np.clip(self.impatience, 0.0, 1.0) * free)
        asks = self.chance(willing, among=waiting)

        def send(asks: np.ndarray) -> dict:
            liberated = world.happened("ccp_victory")
            world.record("kim_proposes_ongjin", asks & ~liberated)
            world.record("kim_asks_for_general_offensive", asks & liberated)
            reachable = self.chance(self.param("kim_stalin_reachable"), among=asks)
            world.send("kim_asks_stalin", asks & reachable)
            world.send("kim_asks_mao", asks & ~reachable & ~world.happened("mao_consents"))
            return {"reached_stalin": reachable, "ongjin_only": asks & ~liberated}

        return Decision(asks, waiting, {"impatience": self.impatience, "willing": willing,
                                        "months_since_refusal": since,
                                        "emboldened_since": emboldened},
                        told=asks, then=send)

    @rule(title="goes to Moscow and presses Stalin in person",
          evidence=("stalin-changes-tune", "support-secured-early-spring-1950"),
          reads=("kim_moscow_lag",), records="kim_in_moscow", also_sends=("kim_asks_stalin",))
    def go_to_moscow(self) -> Decision:
        """Invited, travel to Moscow; from the talks on, press Stalin each month until he approves.

        Source: Stalin "changed his tune" in January 1950 (stalin-changes-tune);
        the support was secured in the early spring (support-secured-early-spring-1950).

        Choice: the talks open ``kim_moscow_lag`` months after the invitation
        (calibrated on the record: the telegram of 30 January 1950, the talks
        of April 1950); if Stalin does not approve there, Kim goes on asking
        each month.
        """
        world = self.world
        invited = (world.at_peace & world.happened_before("stalin_invites_kim")
                   & ~world.happened("stalin_approves"))
        arrives = (invited & ~world.happened("kim_in_moscow")
                   & world.happened_months_ago("stalin_invites_kim", self.param("kim_moscow_lag")))
        world.send("kim_asks_stalin", invited & (world.happened("kim_in_moscow") | arrives))
        return Decision(arrives, invited,
                        {"months_since_invitation": world.months_since("stalin_invites_kim")},
                        told=arrives)

    @rule(title="goes to Beijing to put the approved plan to Mao",
          evidence=("stalin-china-needed", "mao-reluctant-approval"),
          reads=("kim_mao_visit_lag",), records="kim_visits_mao", also_sends=("kim_asks_mao",))
    def visit_mao(self) -> Decision:
        """With Stalin's approval, go to Mao; ask again each month until he consents.

        Source: Stalin "urged Kim to present this to Mao Zedong"
        (stalin-china-needed, mao-reluctant-approval).

        Choice: the visit comes ``kim_mao_visit_lag`` months after the approval
        (calibrated on the record: Moscow in April 1950, Beijing on 13-15 May).
        """
        world = self.world
        due = (world.at_peace & world.happened("stalin_approves")
               & ~world.happened("mao_consents")
               & world.happened_months_ago("stalin_approves", self.param("kim_mao_visit_lag")))
        world.send("kim_asks_mao", due)
        return Decision(due & ~world.happened("kim_visits_mao"), due,
                        {"months_since_approval": world.months_since("stalin_approves")},
                        told=due)

    @rule(title="prepares the attack plan with Soviet advisers",
          evidence=("support-secured-early-spring-1950", "stalin-offers-support"),
          reads=("kim_attack_readiness", "kim_accepts_mao_in_lieu"), records="attack_plan_ready")
    def prepare_attack(self) -> Decision:
        """From Stalin's approval, prepare the operational plan; it is ready by chance each month.

        Source: support secured in the early spring (support-secured-early-spring-1950);
        Stalin offered to "send reinforcements whenever they launch their attack"
        (stalin-offers-support).

        Choice: the preparation starts with the approval (or a go-ahead Kim
        accepts without it), not with Mao's consent
        (archival, docs/ODD.md: Soviet officers drafted the plan in May-June
        1950, while Kim went to Beijing); from the month after, it is ready with
        ``kim_attack_readiness`` a month.
        """
        world = self.world
        started = world.happened_before("stalin_approves") | self.has_go_ahead()
        preparing = world.at_peace & started & ~world.happened("attack_plan_ready")
        ready = self.chance(self.param("kim_attack_readiness"), among=preparing)
        return Decision(ready, preparing, told=ready)

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
          reads=("kim_solo_attack_impatience", "kim_accepts_mao_in_lieu"),
          point="kim.attack", outcome="attacks",
          also_records=("ongjin_operation", "invasion", "war_start"))
    def attack_when_allowed(self) -> Decision:
        """Attack once the go-ahead is held and the plan is ready; or at once if Rhee strikes.

        Source: Kim proposed "a partial operation in the Ongjin peninsula ...
        before storming" (kim-ongjin-partial-operation); Stalin allowed only a
        counterattack if Rhee were the aggressor (rhee-must-be-aggressor). The
        attack came on 25 June 1950 (invasion-25-june-1950).

        Choice: he attacks in the first month after the go-ahead in which the
        plan is ready (``prepare_attack``); under the ``stalin_approval =
        "ongjin_only"`` lever the attack is the limited operation; with
        ``kim_waits_for_approval = false`` he attacks once his impatience passes
        ``kim_solo_attack_impatience``; with ``kim_attack = "never"`` he does not
        attack at all.
        """
        world = self.world
        levers = self.model.levers
        idle = world.at_peace
        go_ahead = self.has_go_ahead()
        ready = idle & go_ahead & world.happened("attack_plan_ready")
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
          reads=("kim_ongjin_escalation", "kim_ongjin_months"), outcome="escalates",
          also_records=("invasion", "limited_war_ends", "war_end"))
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
        stale = limited & ~grow & world.happened_months_ago("ongjin_operation",
                                                            self.param("kim_ongjin_months"))
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

    @rule(title="weighs the armistice terms, fighting without China",
          evidence=("kim-disciplined", "armistice-after-stalins-death"),
          reads=("communist_terms_chance",), outcome="accepts", records="kim_accepts_terms",
          also_sends=("kim_accepts_armistice",))
    def accept_armistice_terms(self) -> Decision | None:
        """Where China never entered, the terms are Kim's: he accepts them only with Stalin's leave.

        Source: he "would not act unless Stalin gave the go ahead" (kim-disciplined);
        "after Stalin died ... all the collaborators sought a formal end to the
        conflict" (armistice-after-stalins-death).

        Choice: the same terms as Mao's rule (``communist_terms_chance`` a month),
        with Stalin's leave read from his last month's message (Kim moves before
        Stalin in a month) or after his death; once accepted he stands by them
        while that leave holds. Where China is in, the terms are Mao's
        (``Mao.accept_armistice_terms``).
        """
        world = self.world
        talking = (world.at_war & world.happened_before("armistice_talks")
                   & ~world.happened("china_intervention"))
        if not talking.any():
            return None
        leave = ((world.months_since_message("stalin_allows_armistice") == 1)
                 | world.happened("stalin_death"))
        return answer_terms(self, talking, leave, "kim_accepts_terms", "kim_accepts_armistice")
