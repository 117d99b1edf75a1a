"""Stalin at the Security Council: walk out, veto or not, come back, explain himself.

A part of the ``Stalin`` actor (``agents/stalin.py``), split by responsibility:
the rules here decide through ``Stalin.weigh`` like every other choice of his,
and keep his seat in ``self.at_council``.
"""

import numpy as np

from korea1950.simulation.agents.base import Part
from korea1950.simulation.agents.rules import Decision, rule
from korea1950.simulation.agents.stalin_calculus import (
    letter_chance,
    net_gain,
    veto_prospect,
)
from korea1950.simulation.world import PARALLEL

LEAVING = {"boycott_kept": 1.0}
"""What walking out of the Council brings him. The same every month, so a Stalin who once
declined to leave never will (``Stalin.done`` relies on it)."""

RETURNING = {"council_seat": 1.0, "boycott_kept": -1.0}
"""What coming back to the Council brings him; the same every month, like ``LEAVING``."""


class StalinAtTheCouncil:
    """Stalin's rules at the Council; ``Stalin`` supplies ``weigh``, his beliefs and state."""

    ACTOR = "Stalin"
    """The actor these rules belong to (``rule`` stamps it on each declaration)."""

    @rule(title="weighs walking out of the Security Council",
          evidence=("gottwald-solidarity-with-china", "soviet-withdrawal-january-1950"),
          lever="soviet_boycott", reads=("stalin_boycott_lag", "stalin_decision_noise"),
          outcome="leaves", records="soviet_boycott")
    def leave_council_over_china(self) -> Decision | None:
        """Walk out of the Security Council over China's seat, if solidarity is worth it to him.

        Source: "first, to demonstrate solidarity of the Soviet Union with the new
        China" (gottwald-solidarity-with-china); the withdrawal came in January
        1950 (soviet-withdrawal-january-1950).

        Choice: once the seat question comes to a head (``stalin_boycott_lag``
        months after the victory in China), each month he weighs the value of
        the boycott (``values_boycott_solidarity``) against staying. The
        ``soviet_boycott = "never"`` lever keeps the delegate seated.
        """
        world = self.world
        due = (self.at_council & world.happened("ccp_victory") & self.alive
               & world.happened_months_ago("ccp_victory", self.param("stalin_boycott_lag"))
               & ~world.happened("soviet_boycott"))
        if not due.any():
            return None
        leave, gain = self.weigh(LEAVING, due, "leave")
        self.at_council &= ~leave
        return Decision(leave, due, {"net_gain": gain})

    @rule(title="decides whether to veto UN action",
          evidence=("dkim-abstention-guaranteed-authorization", "stueck-return-uncertain",
                    "stueck-feared-confrontation"),
          lever="soviet_veto", levers=("us_garrison_remains",),
          reads=("stalin_reconsider_lag", "stalin_quick_win_width", "stalin_no_china_factor",
                 "stalin_win_against_us", "stalin_short_war_factor", "stalin_pacific_diversion",
                 "stalin_legitimacy_value", "stalin_decision_noise"),
          point="stalin.veto", outcome="veto", records="soviet_veto",
          also_records=("soviet_return",))
    def decide_on_veto(self) -> Decision | None:
        """When the invasion reaches the Council: veto (coming back for it if absent) or let it act.

        Source: Kim reading: staying away was meant "to give the American
        government a free hand" and "effectively guaranteed that the UNSC would
        authorize intervention" (dkim-abstention-guaranteed-authorization); Stueck:
        why he did not return "remains uncertain"; he "may have feared ... a direct
        military confrontation" (stueck-return-uncertain, stueck-feared-confrontation).

        Choice: ``veto_prospect`` against letting the Council act: a veto keeps
        the UN's flag off the US side and makes a US war less likely by his
        ``un_flag_effect`` (a gain or a loss as his goals weigh that war);
        coming back for it ends the boycott and risks a confrontation. The
        ``soviet_veto`` lever forces ("always") or forbids ("never") the veto.
        """
        world = self.world
        before_council = (world.events["invasion"] == world.month) & self.alive
        if not before_council.any():
            return None
        part = Part(before_council)
        motive, params = part.take_each(self.motive), self.model.params
        ready = self.china_ready()
        prospect = veto_prospect(motive, params, self.us_fights(part),
                                 self.quick_victory(part, ready), part.take(ready),
                                 part.take(self.at_council))
        gain = part.spread(net_gain(prospect, motive, params), 0.0)
        veto, gain = self.weigh(gain, before_council, "veto")

        def come_back(veto: np.ndarray) -> dict:
            back = veto & ~self.at_council
            world.record("soviet_return", back)
            self.at_council |= veto
            return {"came_back": back}

        return Decision(veto, before_council, {"seated": self.at_council.copy(),
                                               "net_gain": gain}, then=come_back)

    @rule(title="weighs sending the delegate back to the Council",
          evidence=("gottwald-returned-to-expose", "stueck-return-in-august"),
          reads=("stalin_return_months", "stalin_expose_value", "stalin_decision_noise"),
          outcome="returns", records="soviet_return")
    def return_to_council(self) -> Decision | None:
        """Send the delegate back once the US fights under the Council's flag.

        Source: "We have returned to continue exposing the aggressive policy of
        the American government and to prevent it from using the flag of the
        Security Council as a smokescreen" (gottwald-returned-to-expose); "ordering
        the return ... in August" (stueck-return-in-august).

        Choice: from ``stalin_return_months`` of US fighting, each month he weighs a
        seat from which to expose US policy (``stalin_expose_value``) against the
        boycott's solidarity value.
        """
        world = self.world
        absent = (~self.at_council & world.happened("soviet_boycott") & self.alive
                  & world.happened_months_ago("us_intervention",
                                              self.param("stalin_return_months")))
        if not absent.any():
            return None
        back, gain = self.weigh(RETURNING, absent, "return")
        self.at_council |= back
        return Decision(back, absent, {"net_gain": gain})

    @rule(title="weighs explaining his Council policy to an ally (the Gottwald letter)",
          evidence=("gottwald-asked-why", "gottwald-all-goals-achieved",
                    "gottwald-us-distracted-from-europe", "stueck-reassuring-ally"),
          reads=("stalin_reconsider_lag", "stalin_win_against_us", "stalin_short_war_factor",
                 "stalin_pacific_diversion", "stalin_decision_noise"),
          outcome="writes", records="gottwald_letter")
    def write_to_gottwald(self) -> Decision | None:
        """Having come back, answer an ally who asks why the USSR missed the vote.

        Source: Gottwald asked "why the Soviet Union had missed the critical UNSC
        meeting" (gottwald-asked-why); the answer claims "I believe that we have
        achieved all of these goals" and welcomes a US "distracted from Europe"
        (gottwald-all-goals-achieved, gottwald-us-distracted-from-europe). Kim
        reading: the letter renders his calculations; Stueck: it is "an effort to
        reassure a nervous ally" (stueck-reassuring-ally).

        Choice: an observation model, not an act that changes the war. In the
        month he returns after an authorisation he did not veto, he writes *this*
        letter with chance candour x P(an honest account claims success) + (1 -
        candour) x ``reassurance_rate``; an honest account claims success with
        the logit chance of what the US war has brought him so far (its build-up
        in Europe as it happened, the North's advance as his hope of victory).
        """
        world = self.world
        explains = ((world.events["soviet_return"] == world.month) & self.alive
                    & world.happened("un_authorization") & world.happened("us_intervention"))
        if not explains.any():
            return None
        part = Part(explains)
        hope = np.clip((part.take(world.front) - PARALLEL) / PARALLEL, 0.0, 1.0)
        chance = part.spread(letter_chance(part.take_each(self.motive), self.model.params, hope,
                                           part.take(self.china_ready()),
                                           part.take(world.happened("us_europe_buildup")) * 1.0),
                             0.0)
        writes = self.chance(chance, among=explains)
        return Decision(writes, explains,
                        {"chance": chance, "candour": self.motive["letter_candour"]})
