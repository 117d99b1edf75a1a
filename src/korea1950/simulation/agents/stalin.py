"""Stalin: every choice from one rule - what he expects an act to bring, weighed by what he wants.

His goals and beliefs differ by reading: each world draws them from the
reading's priors (``self.motive[...]``, arrays over worlds). The rules below,
and the arithmetic in ``stalin_calculus``, are the same under every reading:
no reading says how often he vetoes or how long he prolongs the war.

Each month, in this order: answer Kim's request (from afar: invite him or
advise waiting; in Moscow: approve once the moment is ripe); urge him to see
Mao; keep, leave or return to the Council seat (boycott, veto, return) and,
having returned, explain himself to an ally (the Gottwald letter); press China
to intervene, promising air cover or withholding it; send air cover or ground
troops; decide whether to let an armistice be signed.

Split by responsibility: his beliefs, his one way of weighing and his answers
to Kim are here; his Council rules are ``stalin_council.StalinAtTheCouncil``,
his war rules ``stalin_war.StalinAtWar``; the arithmetic is ``stalin_calculus``.
"""

import numpy as np

from korea1950.simulation.agents.base import Actor, Part
from korea1950.simulation.agents.rules import Decision, rule
from korea1950.simulation.agents.stalin_calculus import (
    Prospect,
    approval_gain,
    best_moment_gain,
    expects_us_fights,
    net_gain,
    quick_victory,
    stance_thresholds,
)
from korea1950.simulation.agents.stalin_council import LEAVING, RETURNING, StalinAtTheCouncil
from korea1950.simulation.agents.stalin_stances import draw_stances
from korea1950.simulation.agents.stalin_war import StalinAtWar


class Stalin(StalinAtTheCouncil, StalinAtWar, Actor):
    """Joseph Stalin, leader of the USSR."""

    PER_WORLD = ("motive", "stance", "threshold", "at_council", "pressing_china")

    def __init__(self, model, motive: dict[str, np.ndarray]) -> None:
        super().__init__(model)
        self.motive = motive
        size = model.replicates
        self.noise = self.param("stalin_decision_noise")
        self.stance, self.threshold = draw_stances(model.rng, size, self.noise)
        """Per world and question, where this Stalin stands against the rule's average, and the
        net gain above which he acts at ``noise`` (``weigh``); read-only, kept per seed."""
        self.at_council = np.ones(size, dtype=bool)
        self.pressing_china = np.zeros(size, dtype=bool)
        """Worlds where he presses Mao for troops (Mao hears it as a message)."""

    @property
    def alive(self) -> np.ndarray:
        """Worlds where Stalin is alive this month."""
        return ~self.world.happened("stalin_death")

    def done(self) -> np.ndarray:
        """Worlds whose war is over and where his Council seat can no longer change.

        Why more than the war: alive, he may still walk out of the Council, or
        come back and explain it to Gottwald (a random draw), after the war.
        Seated, he stays if he has walked out once already (and come back), if
        the scenario forbids the walk-out, or if he would decline it (what it
        brings him, ``LEAVING``, is the same every month, and so is his stance;
        a scenario forcing the walk-out leaves him nothing to decline).
        Absent, he stays away if he would decline to return (``RETURNING``) or
        if the US never fought, since he returns only after months of US fighting.
        """
        world = self.world
        everywhere = np.ones(world.replicates, dtype=bool)
        lever = self.model.levers.soviet_boycott
        would_leave = ((lever == "always")
                       | (self.weigh(LEAVING, everywhere, "leave")[0] & (lever != "never")))
        would_return = (self.weigh(RETURNING, everywhere, "return")[0]
                        & world.happened("us_intervention"))
        seated = self.at_council
        settled = (~self.alive | (seated & (world.happened("soviet_boycott") | ~would_leave))
                   | (~seated & ~would_return))
        return super().done() & settled

    def step(self) -> None:
        """Stalin's month."""
        self.answer_kim()
        self.urge_kim_to_see_mao()
        self.leave_council_over_china()
        self.decide_on_veto()
        self.return_to_council()
        self.world.send("soviet_seated", self.at_council)
        self.write_to_gottwald()
        self.press_china()
        self.promise_air_cover()
        self.send_air_cover()
        self.send_ground_troops()
        self.decide_on_armistice()

    # --- what he believes about the situation --------------------------------------

    def china_ready(self) -> np.ndarray:
        """Worlds where the new China is a settled ally (``stalin_reconsider_lag`` months on)."""
        world = self.world
        return world.happened("ccp_victory") & world.happened_months_ago(
            "ccp_victory", self.param("stalin_reconsider_lag"))

    def us_fights(self, part: Part) -> np.ndarray:
        """His expectation, in the part's worlds, that the US would fight for the South."""
        return expects_us_fights(part.take_each(self.motive),
                                 part.take(self.world.happened("acheson_speech")),
                                 self.model.levers.us_garrison_remains)

    def quick_victory(self, part: Part, ready: np.ndarray) -> np.ndarray:
        """His belief, in the part's worlds, that the North wins quickly if the US stays out.

        ``ready``: ``china_ready()`` in every world, which the caller has at hand.
        """
        return quick_victory(part.take(self.world.north_strength), part.take_each(self.motive),
                             self.model.params, part.take(ready))

    def weigh(self, prospect: "Prospect | np.ndarray", among: np.ndarray,
              question: str) -> tuple[np.ndarray, np.ndarray]:
        """Act in those ``among`` worlds where the logit chance of the net gain passes his stance.

        ``prospect`` is what the act brings (weighed here by his goals, in the
        ``among`` worlds only: elsewhere the net gain is 0) or its net gain
        already weighed. This is the one decision rule every choice below
        uses. Returns (acts, net gain).

        Why a stance and not a fresh coin each month: a man's position on a
        question does not flip by chance from one month to the next; what
        changes is the situation. Each world draws once, per question, where
        its Stalin stands (a uniform quantile); he acts as soon as the rule's
        chance exceeds it. Across worlds he acts with the logit chance; within
        one, a standing refusal stays a refusal until the situation changes.
        """
        if isinstance(prospect, dict):
            part = Part(among)
            gain = part.spread(net_gain(part.take_each(prospect), part.take_each(self.motive),
                                        self.model.params), 0.0)
        else:
            gain = prospect
        noise = self.param("stalin_decision_noise")
        if noise != self.noise:  # a parameter changed since: his thresholds follow it
            self.noise, self.threshold = noise, stance_thresholds(self.stance, noise)
        return among & (gain > self.threshold[question]), gain

    # --- Kim's request -------------------------------------------------------------------

    @rule(title="answers Kim's request",
          evidence=("stalin-advised-waiting", "stalin-fears-us-reinforcement",
                    "ccp-victory-changed-stalins-mind", "stalin-china-needed",
                    "stalin-changes-tune"),
          lever="stalin_approval", lever_overrides=True,
          levers=("us_garrison_remains",),
          reads=("stalin_reconsider_lag", "stalin_quick_win_width", "stalin_no_china_factor",
                 "stalin_win_against_us", "stalin_short_war_factor", "stalin_pacific_diversion",
                 "stalin_patience", "stalin_decision_noise"),
          point="stalin.approve", outcome="says_yes",
          also_records=("stalin_invites_kim", "stalin_approves", "stalin_advises_waiting"),
          also_sends=("stalin_tells_kim_to_wait",))
    def answer_kim(self) -> Decision | None:
        """Say yes to Kim when a war is worth it to him: first in principle, then in Moscow.

        Source: at first he "advised Kim to wait" (stalin-advised-waiting),
        fearing "reinforcements from the US" (stalin-fears-us-reinforcement); "what
        changed Stalin's mind was mainly the success of the Chinese Community
        Party" (ccp-victory-changed-stalins-mind), and in January 1950 he
        "changed his tune" (stalin-changes-tune); "this would only be possible
        with the intervention of China" (stalin-china-needed). Kim reading: he
        approved "precisely because he wanted the US to become entangled"
        (dkim-stalin-wanted-entanglement); Stueck: he "preferred no US military
        intervention" (stueck-quick-victory-preferred).

        Choice: China's part is a precondition both historians accept: until the
        new China is a settled ally he advises waiting, whatever Kim asks for
        (the Ongjin operation included). Then one rule answers twice. From afar
        he asks *whether* a war is worth approving at all: the prospect of
        approving (``approval_prospect``: a quick victory if the US stays out,
        and if it fights what a US war brings - a tied-down US, China against
        it, the risk of losing the North, of a clash, of a build-up in Europe -
        each weighed by his goals) at the best moment he foresees (China
        settled, the North as strong as it can get); yes means an invitation to
        talk. In Moscow he asks *when*: he holds off while the gain now is below
        ``stalin_patience`` times that best gain; yes is the approval, on
        condition of Mao's consent (Kim.has_go_ahead). A refusal from afar
        reaches Kim the next month. The ``stalin_approval = "never"`` lever
        refuses.
        """
        world = self.world
        asked = world.received("kim_asks_stalin") & self.alive
        if not asked.any():
            return None
        ready = self.china_ready()
        in_moscow = asked & world.happened("kim_in_moscow")
        from_afar = asked & ~world.happened("stalin_invites_kim")
        part = Part(asked)
        motive, params = part.take_each(self.motive), self.model.params
        us_fights, quick = self.us_fights(part), self.quick_victory(part, ready)
        best = best_moment_gain(motive, params, us_fights)
        now = approval_gain(motive, params, us_fights, quick, part.take(ready), best)
        gain = part.spread(np.where(part.take(in_moscow), now, best), -np.inf)
        yes, gain = self.weigh(gain, (from_afar | in_moscow) & ready, "approve")
        ripe = np.isfinite(gain) & ready
        terms = {"china_ready": ready, "in_moscow": in_moscow,
                 "north_strength": world.north_strength,
                 "quick_victory": part.spread(quick, 0.0),
                 "us_fights": part.spread(us_fights, 0.0), "moment_ripe": ripe,
                 "net_gain": np.where(ripe, gain, 0.0)}

        def answer(yes: np.ndarray) -> dict:
            world.record("stalin_invites_kim", yes & from_afar)
            world.record("stalin_approves", yes & in_moscow)
            refused = from_afar & ~yes
            world.record("stalin_advises_waiting", refused)
            world.send("stalin_tells_kim_to_wait", refused)
            return {"invites": yes & from_afar, "approves": yes & in_moscow}

        return Decision(yes, asked, terms, then=answer)

    @rule(title="sends Kim to Mao: China must agree",
          evidence=("stalin-china-needed", "mao-reluctant-approval"), sends="stalin_urges_mao")
    def urge_kim_to_see_mao(self) -> Decision:
        """After approving, send Kim to Mao: China must be in it.

        Source: "this would only be possible with the intervention of China. He
        urged Kim to present this to Mao Zedong" (stalin-china-needed,
        mao-reluctant-approval).

        Choice: the urging lasts every month until Mao consents, while Stalin
        lives; it reaches Mao as a message (``stalin_urges_mao``).
        """
        world = self.world
        urging = (world.happened("stalin_approves") & ~world.happened("mao_consents")
                  & self.alive)
        return Decision(urging, urging & world.at_peace, {"urging": urging})
