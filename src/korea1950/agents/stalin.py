"""Stalin: caution, the change of mind after China, the Security Council, pressing Mao.

His *motives* differ by reading: each world draws them from the reading's
priors (``self.motive[...]``, arrays over worlds). The rules below are the same
under every reading; only those numbers differ.

Each month, in this order: answer Kim's request; keep or leave the Council
seat (boycott, veto, return); press China to intervene; send air cover or
(rarely) ground troops; decide whether to let an armistice be signed.
"""

import numpy as np

from korea1950.agents.base import Actor


class Stalin(Actor):
    """Joseph Stalin, leader of the USSR."""

    def __init__(self, model, motive: dict[str, np.ndarray]) -> None:
        super().__init__(model)
        self.motive = motive
        size = model.replicates
        self.at_council = np.ones(size, dtype=bool)
        self.pressing_china = np.zeros(size, dtype=bool)
        self.allows_armistice = np.zeros(size, dtype=bool)

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
        self.press_china()
        self.send_air_cover()
        self.send_ground_troops()
        self.decide_on_armistice()

    def perceived_us_intervention(self) -> np.ndarray:
        """Stalin's expectation that the US would fight for the South.

        Source: he feared "reinforcements from the US" (stalin-fears-us-reinforcement);
        in April 1950 he "indicated that the United States was not likely to
        intervene" (stueck-us-not-likely-to-intervene); Acheson left Korea out of
        the perimeter (kim-emboldened-by-acheson).

        Choice: the reading's ``expects_us_intervention`` times its
        ``acheson_discount`` once the speech is made; a US garrison in Korea makes
        intervention certain in his eyes.
        """
        world = self.world
        expectation = self.motive["expects_us_intervention"] * np.where(
            world.happened("acheson_speech"), self.motive["acheson_discount"], 1.0)
        if self.model.levers.us_garrison_remains:
            expectation = np.ones_like(expectation)
        return expectation

    def approval_terms(self) -> dict[str, np.ndarray]:
        """The terms Stalin weighs on Kim's request, each an array over worlds."""
        world = self.world
        china_settled = world.happened("ccp_victory") & (
            world.months_since("ccp_victory") >= self.param("stalin_reconsider_lag"))
        strong_enough = world.north_strength >= self.motive["required_superiority"]
        required = self.motive["required_superiority"]
        us_risk = self.perceived_us_intervention()
        net_risk = us_risk * (1.0 - self.motive["values_us_entanglement"])
        return {
            "china_settled": china_settled,
            "strong_enough": strong_enough,
            "north_strength": world.north_strength,
            "required_superiority": required,
            "perceived_us_intervention": us_risk,
            "net_risk": net_risk,
            "risk_tolerance": self.motive["risk_tolerance"],
            "acceptable_risk": net_risk <= self.motive["risk_tolerance"],
        }

    def answer_kim(self) -> None:
        """Approve Kim's plan only after China's revolution, with the North strong and risk low.

        Source: at first he "advised Kim to wait" (stalin-advised-waiting), judging
        the northern army "not strong enough" (stalin-north-not-strong-enough) and
        fearing US reinforcement (stalin-fears-us-reinforcement); "what changed
        Stalin's mind was mainly the success of the Chinese Community Party"
        (ccp-victory-changed-stalins-mind). Kim reading: he approved *because* he
        wanted the US entangled (dkim-stalin-wanted-entanglement). Stueck: he
        preferred "no US military intervention" (stueck-quick-victory-preferred).

        Choice: approve when the victory in China is ``stalin_reconsider_lag``
        months old, the North's strength ratio reaches ``required_superiority``,
        and the *net* risk - perceived US intervention times (1 -
        ``values_us_entanglement``) - is within ``risk_tolerance``. The approval is
        conditional: the go-ahead needs Mao's consent too (see Kim.has_go_ahead).
        The ``stalin_approval = "never"`` lever makes him refuse every time.
        """
        world = self.world
        asked = self.model.kim.asks_stalin & self.alive
        terms = self.approval_terms()
        approve = asked & terms["china_settled"] & terms["strong_enough"] & terms["acceptable_risk"]
        if self.model.levers.stalin_approval == "never":
            approve = np.zeros_like(approve)
        approve = self.decide("stalin.approve", approve, asked, terms)
        world.record("stalin_approves", approve)
        world.record("stalin_advises_waiting", asked & ~approve)
        self.explain("answer_kim", asked, {**terms, "approves": approve},
                     ("stalin-advised-waiting", "stalin-north-not-strong-enough",
                      "ccp-victory-changed-stalins-mind", "stalin-fears-us-reinforcement"))

    def urge_kim_to_see_mao(self) -> None:
        """After approving, send Kim to Mao: China must be in it.

        Source: "this would only be possible with the intervention of China. He
        urged Kim to present this to Mao Zedong" (stalin-china-needed,
        mao-reluctant-approval); Kim reading: Chinese intervention was a
        precondition (dkim-chinese-intervention-precondition).

        Choice: the urging lasts every month until Mao consents; Mao's rule reads it.
        """
        world = self.world
        urging = world.happened("stalin_approves") & ~world.happened("mao_consents")
        self.explain("urge_kim_to_see_mao", urging & world.at_peace, {"urging": urging},
                     ("stalin-china-needed", "mao-reluctant-approval"))

    def leave_council_over_china(self) -> None:
        """Walk out of the Security Council in solidarity with the new China.

        Source: "first, to demonstrate solidarity of the Soviet Union with the new
        China" (gottwald-solidarity-with-china); the withdrawal came in January
        1950 (soviet-withdrawal-january-1950).

        Choice: the walk-out follows the victory in China by ``stalin_boycott_lag``
        months; the ``soviet_boycott = "never"`` lever keeps the delegate seated.
        """
        world = self.world
        if self.model.levers.soviet_boycott == "never":
            return
        leave = (self.at_council & world.happened("ccp_victory")
                 & (world.months_since("ccp_victory") >= self.param("stalin_boycott_lag"))
                 & ~world.happened("soviet_boycott"))
        self.at_council &= ~leave
        world.record("soviet_boycott", leave)
        self.explain("leave_council", leave, {"months_since_china": world.months_since(
            "ccp_victory")}, ("gottwald-solidarity-with-china", "soviet-withdrawal-january-1950"))

    def decide_on_veto(self) -> None:
        """When the invasion reaches the Council: veto if seated; if absent, perhaps return.

        Source: the absence gave Washington "a free hand"
        (gottwald-free-hand, dkim-abstention-guaranteed-authorization); Stueck:
        why he did not return "remains uncertain" and it was "Stalin's decision
        alone, against the advice of his top aides" (stueck-return-uncertain,
        stueck-decision-alone).

        Choice: a seated delegate vetoes with ``stalin_veto_if_present``; an absent
        one comes back to veto with the reading's ``veto_propensity``. The
        ``soviet_veto`` lever forces ("always") or forbids ("never") the veto.
        """
        world = self.world
        before_council = (world.events["invasion"] == world.month)
        lever = self.model.levers.soviet_veto
        if lever == "always":
            veto = before_council
        elif lever == "never":
            veto = np.zeros_like(before_council)
        else:
            chance = np.where(self.at_council, self.param("stalin_veto_if_present"),
                              self.motive["veto_propensity"])
            veto = self.chance(chance, among=before_council & self.alive)
            veto = self.decide("stalin.veto", veto, before_council & self.alive,
                               {"seated": self.at_council})
        returning = veto & ~self.at_council
        self.at_council |= veto
        world.record("soviet_veto", veto)
        world.record("soviet_return", returning)
        self.explain("decide_on_veto", before_council,
                     {"seated": self.at_council, "veto": veto},
                     ("gottwald-free-hand", "stueck-decision-alone", "stueck-return-uncertain"))

    def return_to_council(self) -> None:
        """Send the delegate back once the US is entangled.

        Source: "We have returned to continue exposing the aggressive policy of
        the American government" (gottwald-returned-to-expose); Stueck: "ordering
        the return ... in August" (stueck-return-in-august).

        Choice: from ``stalin_return_months`` after US intervention, a chance of
        ``stalin_return_chance`` a month.
        """
        world = self.world
        entangled = world.months_since("us_intervention") >= self.param("stalin_return_months")
        absent = ~self.at_council & world.happened("soviet_boycott") & entangled & self.alive
        back = self.chance(self.param("stalin_return_chance"), among=absent)
        self.at_council |= back
        world.record("soviet_return", back)
        self.explain("return_to_council", back, {"entangled": entangled},
                     ("gottwald-returned-to-expose", "stueck-return-in-august"))

    def press_china(self) -> None:
        """Press Mao to send troops: when Kim asks for aid, or earlier if he wants China in.

        Source: "Stalin ran to Mao to send reinforcements" (stalin-runs-to-mao);
        Kim reading: he "had strong hopes for China's intervention" even in August
        and wanted to pull China in (gottwald-pull-china-in,
        dkim-china-intervention-inevitable); Stueck: the Chinese were "a
        counterweight" if the US came (stueck-china-counterweight).

        Choice: once the US fights, he presses whenever Kim asks for aid, and
        otherwise with the reading's ``china_pull`` a month.
        """
        world = self.world
        fighting_us = world.at_war & world.happened("us_intervention") & self.alive
        pulled = self.chance(self.motive["china_pull"], among=fighting_us)
        pressing = fighting_us & (self.model.kim.requests_aid | self.pressing_china | pulled)
        pressing = self.decide("stalin.press_china", pressing,
                               fighting_us & ~self.pressing_china
                               & ~world.happened("china_intervention"),
                               {"front": world.front,
                                "kim_requests_aid": self.model.kim.requests_aid})
        self.pressing_china = pressing & ~world.happened("china_intervention")
        new = world.record("stalin_presses_china", self.pressing_china)
        self.explain("press_china", new, {"kim_requests_aid": self.model.kim.requests_aid,
                                          "china_pull": self.motive["china_pull"]},
                     ("stalin-runs-to-mao", "gottwald-pull-china-in"))

    def send_air_cover(self) -> None:
        """Cover Chinese troops from the air (an assumption: not in the documents)."""
        world = self.world
        cover = self.chance(self.param("stalin_air_cover_chance"),
                            among=world.at_war & world.happened_before("china_intervention")
                            & self.alive)
        world.record("soviet_air_cover", cover)

    def send_ground_troops(self) -> None:
        """Send Soviet ground troops only in extremity, and rarely.

        Source: he may have "feared ... a direct military confrontation with the
        United States" (stueck-feared-confrontation) and turned to Mao instead
        (stalin-runs-to-mao).

        Choice: only when the North holds less than 15% of the peninsula, China
        has not come in and Kim asks for aid, with ``stalin_ground_troops_chance``.
        """
        world = self.world
        desperate = (world.at_war & (world.front < 0.15) & self.model.kim.requests_aid
                     & ~world.happened("china_intervention") & self.alive)
        send = self.chance(self.param("stalin_ground_troops_chance"), among=desperate)
        world.record("soviet_ground_troops", send)
        self.explain("send_ground_troops", desperate, {"front": world.front, "sends": send},
                     ("stueck-feared-confrontation", "stalin-runs-to-mao"))

    def decide_on_armistice(self) -> None:
        """While alive, often block an armistice that would free the US.

        Source: "after Stalin died ... all the collaborators sought a formal end to
        the conflict" (armistice-after-stalins-death); Kim reading: a US tied down
        in Asia postpones a third world war (gottwald-third-world-war-postponed,
        gottwald-us-distracted-from-europe).

        Choice: each month alive he blocks with the reading's ``prolongs_war``;
        dead, he blocks nothing.
        """
        talks = self.world.happened("armistice_talks") & self.world.at_war
        blocks = self.chance(self.motive["prolongs_war"], among=talks & self.alive)
        blocks = ~self.decide("stalin.allow_armistice", ~blocks, talks & self.alive,
                              {"front": self.world.front})
        self.allows_armistice = ~blocks
        self.explain("decide_on_armistice", talks, {"alive": self.alive, "blocks": blocks},
                     ("armistice-after-stalins-death", "gottwald-third-world-war-postponed"))
