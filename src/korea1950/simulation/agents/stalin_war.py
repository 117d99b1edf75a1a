"""Stalin in the war: press Mao for troops, promise and send air cover, ground troops, armistice.

A part of the ``Stalin`` actor (``agents/stalin.py``), split by responsibility:
the rules here decide through ``Stalin.weigh`` like every other choice of his.
"""

import numpy as np

from korea1950.simulation.agents.rules import Decision, rule
from korea1950.simulation.agents.stalin_calculus import (
    armistice_gain,
    press_china_prospect,
)
from korea1950.simulation.world import PARALLEL


class StalinAtWar:
    """Stalin's rules in the war; ``Stalin`` supplies ``weigh``, his beliefs and state."""

    ACTOR = "Stalin"
    """The actor these rules belong to (``rule`` stamps it on each declaration)."""

    @rule(title="weighs pressing Mao to send troops",
          evidence=("stalin-runs-to-mao", "dkim-sino-us-conflict-goal",
                    "stueck-china-counterweight"),
          reads=("stalin_troops_rescue", "stalin_decision_noise"),
          point="stalin.press_china", outcome="presses", also_records=("stalin_presses_china",),
          also_sends=("stalin_presses_china",))
    def press_china(self) -> Decision:
        """Press Mao to send troops when what China's entry would bring outweighs asking.

        Source: "Stalin ran to Mao to send reinforcements" (stalin-runs-to-mao);
        Kim reading: one of his major goals was "to lead the US and China into
        military conflict" (dkim-sino-us-conflict-goal); Stueck: China was "a
        counterweight" if the US came (stueck-china-counterweight).

        Choice: once the US fights, each month until China enters he weighs
        China against the US and the rescue of a North in peril (the share of its
        own half it has lost) against ``cost_of_asking_mao``; once he presses, he
        keeps pressing.
        """
        world = self.world
        fighting_us = (world.at_war & world.happened("us_intervention") & self.alive
                       & ~world.happened("china_intervention"))
        undecided = fighting_us & ~self.pressing_china
        peril = np.clip((PARALLEL - world.front) / PARALLEL, 0.0, 1.0)
        new, gain = np.zeros_like(undecided), np.zeros(world.replicates)
        if undecided.any():
            new, gain = self.weigh(press_china_prospect(self.motive, self.model.params, peril),
                                   undecided, "press")

        def keep_pressing(new: np.ndarray) -> None:
            self.pressing_china = fighting_us & (self.pressing_china | new)
            world.record("stalin_presses_china", self.pressing_china)
            world.send("stalin_presses_china", self.pressing_china)

        return Decision(new, undecided, {"front": world.front, "peril": peril, "net_gain": gain},
                        then=keep_pressing)

    def air_cover_prospect(self) -> tuple[dict, np.ndarray]:
        """What Soviet air cover brings in his eyes, and the North's peril it is weighed at.

        ``stalin_air_cover_help`` to the North and to China's fight with the US -
        more, as with fresh troops, the more the communist side is in peril
        (``stalin_troops_rescue`` times the share of its own half it has lost) -
        against ``stalin_air_cover_clash_risk``.
        """
        help_ = self.param("stalin_air_cover_help")
        peril = np.clip((PARALLEL - self.world.front) / PARALLEL, 0.0, 1.0)
        rescue = peril * self.param("stalin_troops_rescue")
        return ({"unified_korea": help_ + rescue, "china_against_us": help_,
                 "direct_clash": self.param("stalin_air_cover_clash_risk")}, peril)

    @rule(title="promises or withholds air cover for Chinese troops",
          evidence=("us-air-supremacy", "stalin-runs-to-mao"),
          assumption="the promise is archival, not in the documents: air cover offered if "
                     "the enemy crossed the parallel (Filippov to Roshchin, 5 July 1950), "
                     "withheld for the time being at Sochi (10-11 October 1950)",
          reads=("stalin_air_cover_help", "stalin_troops_rescue", "stalin_air_cover_clash_risk",
                 "stalin_decision_noise"),
          outcome="promises", sends="stalin_promises_air_cover")
    def promise_air_cover(self) -> Decision | None:
        """While pressing Mao for troops, tell him whether Soviet aircraft would cover them.

        Source: "Stalin ran to Mao to send reinforcements" (stalin-runs-to-mao);
        US air power dominated (us-air-supremacy). The promise itself is an
        archival assumption (the rule's declaration).

        Choice: the same weighing as the act itself (``air_cover_prospect``,
        the same stance), taken each month he presses and China is out: a
        Stalin who would send the cover at this peril promises it; one who
        would not withholds it. Mao reads the promise (his rule
        ``consider_intervention``).
        """
        world = self.world
        asking = self.pressing_china & ~world.happened("china_intervention") & self.alive
        if not asking.any():
            return None
        prospect, peril = self.air_cover_prospect()
        promise, gain = self.weigh(prospect, asking, "air_cover")
        return Decision(promise, asking, {"peril": peril, "net_gain": gain})

    @rule(title="weighs Soviet air cover for the Chinese", evidence=("us-air-supremacy",),
          assumption="Soviet air cover is outside the documents",
          reads=("stalin_air_cover_help", "stalin_troops_rescue", "stalin_air_cover_clash_risk",
                 "stalin_decision_noise"),
          outcome="covers", records="soviet_air_cover")
    def send_air_cover(self) -> Decision | None:
        """Cover Chinese troops from the air when the help is worth the risk of a clash.

        Choice: an assumption (Soviet air cover is outside the documents), taken
        by the same rule on ``air_cover_prospect``, once China has entered.
        """
        world = self.world
        due = (world.at_war & world.happened_before("china_intervention") & self.alive
               & ~world.happened("soviet_air_cover"))
        if not due.any():
            return None
        prospect, peril = self.air_cover_prospect()
        cover, gain = self.weigh(prospect, due, "air_cover")
        return Decision(cover, due, {"peril": peril, "net_gain": gain})

    @rule(title="weighs sending Soviet ground troops",
          evidence=("stueck-feared-confrontation", "stalin-runs-to-mao"),
          reads=("stalin_desperate_front", "stalin_troops_rescue",
                 "stalin_ground_troops_clash_risk", "stalin_decision_noise"),
          outcome="sends", records="soviet_ground_troops")
    def send_ground_troops(self) -> Decision | None:
        """Send Soviet ground troops only if rescuing the North outweighs a near-certain clash.

        Source: he may have "feared ... a direct military confrontation with the
        United States" (stueck-feared-confrontation) and turned to Mao instead
        (stalin-runs-to-mao).

        Choice: only in extremity (the North below ``stalin_desperate_front``, Kim
        asking for aid, China out), weighing the rescue (``stalin_troops_rescue``)
        against ``stalin_ground_troops_clash_risk``.
        """
        world = self.world
        desperate = (world.at_war & (world.front < self.param("stalin_desperate_front"))
                     & world.received("kim_asks_for_aid") & ~world.happened("china_intervention")
                     & self.alive & ~world.happened("soviet_ground_troops"))
        if not desperate.any():
            return None
        send, gain = self.weigh({"unified_korea": self.param("stalin_troops_rescue"),
                                 "direct_clash": self.param("stalin_ground_troops_clash_risk")},
                                desperate, "ground_troops")
        return Decision(send, desperate, {"front": world.front, "net_gain": gain})

    @rule(title="decides whether to let an armistice be signed",
          evidence=("armistice-after-stalins-death",),
          reads=("stalin_buildup_sustained", "stalin_monthly_clash_risk", "stalin_decision_noise"),
          point="stalin.allow_armistice", outcome="allows", sends="stalin_allows_armistice")
    def decide_on_armistice(self) -> Decision | None:
        """While alive, let an armistice be signed only if another month of war is not worth it.

        Source: "after Stalin died ... all the collaborators sought a formal end to
        the conflict" (armistice-after-stalins-death) - the record this rule is
        tested against, so no reading's prior rests on it. What a month of war
        brings is weighed by the goals the readings draw from 1950.

        Choice: each month of talks he weighs one more month (the US tied down, China
        fighting it, the build-up in Europe sustained, the burden of war, a small
        risk of a clash) against signing. His permission reaches the US as a
        message (``stalin_allows_armistice``); dead, he is not asked.
        """
        world = self.world
        talks = world.happened("armistice_talks") & world.at_war & self.alive
        if not talks.any():
            return None
        gain = armistice_gain(self.motive, self.model.params,
                              world.happened("us_intervention") * 1.0,
                              world.happened("china_intervention") * 1.0,
                              world.happened("us_europe_buildup") * 1.0)
        allow, gain = self.weigh(gain, talks, "armistice")
        return Decision(allow, talks, {"front": world.front, "net_gain": gain})
