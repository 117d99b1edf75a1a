"""Mao Zedong: reluctant consent at Stalin's urging; troops when the North collapses.

Each month, in this order: consider Kim's plan; consider sending troops;
in armistice talks, consider the terms.
"""

import numpy as np

from korea1950.simulation.agents.armistice_terms import answer_terms
from korea1950.simulation.agents.base import Actor
from korea1950.simulation.agents.rules import Decision, rule


class Mao(Actor):
    """Mao Zedong, leader of the People's Republic of China."""

    def step(self) -> None:
        """Mao's month."""
        self.consider_kim_plan()
        self.consider_intervention()
        self.accept_armistice_terms()

    @rule(title="considers Kim's plan",
          evidence=("mao-reluctant-approval", "kim-would-turn-to-mao"),
          lever="mao_consent", reads=("mao_consent_chance", "mao_solo_consent_chance"),
          point="mao.consent", outcome="consents", records="mao_consents")
    def consider_kim_plan(self) -> Decision:
        """Consent reluctantly when Stalin has approved and urges; rarely if Kim comes alone.

        Source: Stalin "urged Kim to present this to Mao Zedong, which the latter
        reluctantly approved" (mao-reluctant-approval); Kim would turn to Mao if he
        could not see Stalin (kim-would-turn-to-mao).

        Choice: consent needs the People's Republic to exist (the victory in
        China) and Kim at his door (his message). With Stalin's word behind Kim
        (Stalin's message ``stalin_urges_mao``) it comes with
        ``mao_consent_chance`` a visit ("reluctantly": not always at once); asked
        by Kim alone, with ``mao_solo_consent_chance``. The ``mao_consent =
        "never"`` lever forbids it.
        """
        world = self.world
        in_power = world.happened("ccp_victory")
        undecided = world.at_peace & in_power & ~world.happened("mao_consents")
        asked = undecided & world.received("kim_asks_mao")
        urged = asked & world.received("stalin_urges_mao")
        alone = asked & ~urged
        consent = (self.chance(self.param("mao_consent_chance"), among=urged)
                   | self.chance(self.param("mao_solo_consent_chance"), among=alone))
        return Decision(consent, urged | alone, {"urged_by_stalin": urged, "kim_alone": alone})

    @rule(title="considers sending troops",
          evidence=("stalin-runs-to-mao", "dkim-china-intervention-inevitable"),
          assumption="Stalin's pressure alone rarely moved him",
          lever="china_intervention",
          reads=("mao_collapse_front", "mao_intervention_chance", "mao_pressed_bonus",
                 "mao_air_cover_bonus", "mao_unprovoked_intervention_chance",
                 "mao_pressed_factor"),
          point="mao.intervene", outcome="enters", records="china_intervention")
    def consider_intervention(self) -> Decision:
        """Send troops when the North collapses and UN forces move north.

        Source: after Incheon "Stalin ran to Mao to send reinforcements to the
        38th Parallel" (stalin-runs-to-mao); Kim reading: "China's intervention
        was inevitable" (dkim-china-intervention-inevitable).

        Choice: with UN forces north of the parallel and the North holding less
        than ``mao_collapse_front``, a chance of ``mao_intervention_chance`` a
        month - the threat at his border, weighed on its own - plus
        ``mao_pressed_bonus`` while Stalin presses and ``mao_air_cover_bonus``
        while Stalin promises air cover (his message); otherwise
        ``mao_unprovoked_intervention_chance``, times ``mao_pressed_factor`` while
        Stalin presses (an assumption: pressure alone rarely moved him). A
        withheld promise lowers the chance but does not stop him: on 13 October
        1950 he decided to enter without it (archival, docs/ODD.md).
        """
        world = self.world
        pressing = world.received("stalin_presses_china")
        covered = world.received("stalin_promises_air_cover")
        candidates = (world.at_war & ~world.limited & world.happened("ccp_victory")
                      & ~world.happened("china_intervention"))
        provoked = world.happened("un_crosses_38th") & (world.front < self.param(
            "mao_collapse_front"))
        chance = np.where(
            provoked,
            np.minimum(self.param("mao_intervention_chance")
                       + self.param("mao_pressed_bonus") * pressing
                       + self.param("mao_air_cover_bonus") * covered, 1.0),
            self.param("mao_unprovoked_intervention_chance")
            * np.where(pressing, self.param("mao_pressed_factor"), 1.0),
        )
        enter = self.chance(chance, among=candidates)
        return Decision(enter, candidates & (provoked | pressing),
                        {"front": world.front,
                         "un_north_of_38th": world.happened("un_crosses_38th"),
                         "stalin_pressing": pressing, "air_cover_promised": covered})

    @rule(title="weighs the armistice terms", evidence=("armistice-after-stalins-death",),
          assumption="the prisoners' question and Mao's deference to Stalin are archival "
                     "(Stalin-Zhou Enlai conversation, 20 August 1952; Zhou's proposal of "
                     "30 March 1953)",
          reads=("communist_terms_chance",), outcome="accepts", records="mao_accepts_terms",
          also_sends=("mao_accepts_armistice",))
    def accept_armistice_terms(self) -> Decision | None:
        """In talks, accept terms only with Stalin's leave (or after his death); then stand by them.

        Source: "after Stalin died ... all the collaborators sought a formal end to
        the conflict" (armistice-after-stalins-death).

        Choice: once China is in the war, each month of talks in which Stalin
        allows an armistice (his message) or is dead, Mao accepts the terms with
        ``communist_terms_chance`` - the prisoners' question, which held the
        talks from December 1951 until Zhou Enlai's proposal of 30 March 1953.
        Once accepted he stands by them (the message ``mao_accepts_armistice``)
        while Stalin still allows it; the US reads it.
        """
        world = self.world
        talking = (world.at_war & world.happened_before("armistice_talks")
                   & world.happened("china_intervention"))
        if not talking.any():
            return None
        leave = world.received("stalin_allows_armistice") | world.happened("stalin_death")
        return answer_terms(self, talking, leave, "mao_accepts_terms", "mao_accepts_armistice")
