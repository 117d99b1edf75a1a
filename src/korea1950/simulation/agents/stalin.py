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
"""

import numpy as np

from korea1950.simulation.agents.base import Actor
from korea1950.simulation.agents.rules import Decision, rule
from korea1950.simulation.agents.stalin_calculus import (
    Prospect,
    approval_gain,
    armistice_gain,
    best_moment_gain,
    choice_probability,
    expects_us_fights,
    letter_chance,
    net_gain,
    press_china_prospect,
    quick_victory,
    veto_prospect,
)
from korea1950.simulation.world import PARALLEL

STANCES = ("approve", "leave", "veto", "return", "press", "air_cover", "ground_troops",
           "armistice")
"""The questions on which each world's Stalin holds a stance (see ``Stalin.weigh``)."""


class Stalin(Actor):
    """Joseph Stalin, leader of the USSR."""

    def __init__(self, model, motive: dict[str, np.ndarray]) -> None:
        super().__init__(model)
        self.motive = motive
        size = model.replicates
        self.stance = {question: model.rng.random(size) for question in STANCES}
        """Per world and question, where this Stalin stands against the rule's average."""
        self.at_council = np.ones(size, dtype=bool)
        self.pressing_china = np.zeros(size, dtype=bool)
        """Worlds where he presses Mao for troops (Mao hears it as a message)."""

    @property
    def alive(self) -> np.ndarray:
        """Worlds where Stalin is alive this month."""
        return ~self.world.happened("stalin_death")

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
        return world.happened("ccp_victory") & (
            world.months_since("ccp_victory") >= self.param("stalin_reconsider_lag"))

    def us_fights(self) -> np.ndarray:
        """His expectation that the US would fight for the South (see ``expects_us_fights``)."""
        return expects_us_fights(self.motive, self.world.happened("acheson_speech"),
                                 self.model.levers.us_garrison_remains)

    def quick_victory(self) -> np.ndarray:
        """His belief that the North wins quickly if the US stays out."""
        return quick_victory(self.world.north_strength, self.motive, self.model.params,
                             self.china_ready())

    def weigh(self, prospect: "Prospect | np.ndarray", among: np.ndarray,
              question: str) -> tuple[np.ndarray, np.ndarray]:
        """Act in those ``among`` worlds where the logit chance of the net gain passes his stance.

        ``prospect`` is what the act brings (weighed here by his goals) or its
        net gain already weighed. This is the one decision rule every choice
        below uses. Returns (acts, net gain).

        Why a stance and not a fresh coin each month: a man's position on a
        question does not flip by chance from one month to the next; what
        changes is the situation. Each world draws once, per question, where
        its Stalin stands (a uniform quantile); he acts as soon as the rule's
        chance exceeds it. Across worlds he acts with the logit chance; within
        one, a standing refusal stays a refusal until the situation changes.
        """
        gain = (net_gain(prospect, self.motive, self.model.params)
                if isinstance(prospect, dict) else prospect)
        chance = choice_probability(gain, self.param("stalin_decision_noise"))
        return among & (chance > self.stance[question]), gain

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
        us_fights, quick, ready = self.us_fights(), self.quick_victory(), self.china_ready()
        in_moscow = asked & world.happened("kim_in_moscow")
        from_afar = asked & ~world.happened("stalin_invites_kim")
        now = approval_gain(self.motive, self.model.params, us_fights, quick, ready)
        best = best_moment_gain(self.motive, self.model.params, us_fights)
        gain = np.where(in_moscow, now, best)
        yes, gain = self.weigh(gain, (from_afar | in_moscow) & ready, "approve")
        ripe = np.isfinite(gain) & ready
        terms = {"china_ready": ready, "in_moscow": in_moscow,
                 "north_strength": world.north_strength, "quick_victory": quick,
                 "us_fights": us_fights, "moment_ripe": ripe,
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

        Choice: the urging lasts every month until Mao consents; it reaches Mao as
        a message (``stalin_urges_mao``).
        """
        world = self.world
        urging = world.happened("stalin_approves") & ~world.happened("mao_consents")
        return Decision(urging, urging & world.at_peace, {"urging": urging})

    # --- the Security Council --------------------------------------------------------------

    @rule(title="walks out of the Security Council",
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
               & (world.months_since("ccp_victory") >= self.param("stalin_boycott_lag"))
               & ~world.happened("soviet_boycott"))
        if not due.any():
            return None
        leave, gain = self.weigh({"boycott_kept": 1.0}, due, "leave")
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
        prospect = veto_prospect(self.motive, self.model.params, self.us_fights(),
                                 self.quick_victory(), self.china_ready(), self.at_council)
        veto, gain = self.weigh(prospect, before_council, "veto")

        def come_back(veto: np.ndarray) -> None:
            world.record("soviet_return", veto & ~self.at_council)
            self.at_council |= veto

        return Decision(veto, before_council, {"seated": self.at_council.copy(),
                                               "net_gain": gain}, then=come_back)

    @rule(title="sends the delegate back to the Council",
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
                  & (world.months_since("us_intervention") >= self.param("stalin_return_months")))
        if not absent.any():
            return None
        back, gain = self.weigh({"council_seat": 1.0, "boycott_kept": -1.0}, absent,
                                 "return")
        self.at_council |= back
        return Decision(back, absent, {"net_gain": gain})

    @rule(title="explains his Council policy to an ally (the Gottwald letter)",
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
        hope = np.clip((world.front - PARALLEL) / PARALLEL, 0.0, 1.0)
        chance = letter_chance(self.motive, self.model.params, hope, self.china_ready(),
                               world.happened("us_europe_buildup") * 1.0)
        writes = self.chance(chance, among=explains)
        return Decision(writes, explains,
                        {"chance": chance, "candour": self.motive["letter_candour"]})

    # --- the war ----------------------------------------------------------------------------

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
