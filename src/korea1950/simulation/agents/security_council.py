"""The UN Security Council: eleven members voting on the drafts put to it about Korea.

The members and their votes are data (``seeds/security_council.toml``, loaded by
``korea1950.inputs.council``): five permanent members - the US, the UK, France,
the USSR and China, whose seat the Guomindang held - and the six elected for
1950: Cuba, Ecuador, Egypt, India, Norway and Yugoslavia. The Council decides
nothing by itself. Its rules count the votes: a draft passes with
``council_votes_needed`` votes in favour and no negative vote of a permanent
member. Whether the Soviet delegate sits at the table is Stalin's boycott (his
rules send the message ``soviet_seated``); whether he votes no is Stalin's veto
rule (the event ``soviet_veto``).

Each month, in this order (after Stalin, before the US): vote on the invasion
(the June resolutions); a month later, put the forces under a unified command.
"""

from dataclasses import dataclass

import numpy as np

from korea1950.inputs.council import Council, Member, load_council
from korea1950.simulation.agents.base import Actor, Part
from korea1950.simulation.agents.rules import Decision, rule

ABSENCE_IS_NO_VETO = (
    "the Charter's counting rule (art. 27(3), 1945 text: seven affirmative votes "
    "'including the concurring votes of the permanent members') as the Council applied it "
    "in 1950: Res. 82, 83 and 84 were adopted with the Soviet seat empty (FRUS 1950 vol. VII "
    "docs. 84, 238) over the USSR's objection that they were illegal (Salient, 24 May 1951, "
    "citing the UN's 'Korea and the United Nations'), so absence, like abstention since "
    "1946, is not a veto")
"""The assumption both Council rules rest on, beside their sources."""


@dataclass(frozen=True)
class Ballot:
    """How one council's members stand on one resolution, split by whether a vote can change.

    Members with neither a ``seat_message`` nor a ``veto_event`` vote as the file
    says in every world and every month: their yes votes and whether a permanent
    one says no are counted once (``fixed_in_favour``, ``fixed_blocked``); the
    others (``changing``: the Soviet seat) are counted world by world.
    """

    members: Council
    fixed_in_favour: int
    fixed_blocked: bool
    changing: tuple[tuple[Member, str], ...]


def ballot(members: Council, resolution: str) -> Ballot:
    """Split ``members``' votes on ``resolution`` into those fixed and those that can change."""
    votes = members.votes_on(resolution)
    changes = [bool(member.seat_message or member.veto_event) for member, _ in votes]
    fixed = [pair for pair, can_change in zip(votes, changes, strict=True) if not can_change]
    return Ballot(members, sum(vote == "yes" for _, vote in fixed),
                  any(member.permanent and vote == "no" for member, vote in fixed),
                  tuple(pair for pair, can_change in zip(votes, changes, strict=True)
                        if can_change))


class SecurityCouncil(Actor):
    """The UN Security Council of 1950, as its members voted."""

    def __init__(self, model, members: Council | None = None) -> None:
        super().__init__(model)
        self.members = members if members is not None else load_council()
        """The seats and each one's vote on each resolution (a copy of the file is a what-if)."""
        self._ballots: dict[str, Ballot] = {}

    def step(self) -> None:
        """The Council's month."""
        self.vote_on_the_invasion()
        self.vote_on_unified_command()

    def count_votes(self, resolution: str, part: Part | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Votes for ``resolution``, and where a permanent member said no, in the part's worlds.

        ``part`` defaults to every world.

        A member with a ``seat_message`` votes only where that message came this
        month (the Soviet seat: Stalin's boycott); absent, it casts no vote. A
        member with a ``veto_event`` votes no where that event happened this
        month (Stalin's veto), whatever the file says it would otherwise do. The
        other members vote as the file says in every world: they are counted once
        per resolution (``Ballot``), and only those whose vote can change are
        counted world by world.
        """
        world = self.world
        part = part or Part(np.ones(world.replicates, dtype=bool))
        counted = self.ballot(resolution)
        in_favour = np.full(part.index.size, counted.fixed_in_favour, dtype=np.int64)
        blocked = np.full(part.index.size, counted.fixed_blocked, dtype=bool)
        for member, vote in counted.changing:
            seated = (part.take(world.received(member.seat_message)) if member.seat_message
                      else np.ones(part.index.size, dtype=bool))
            vetoes = (part.take(world.events[member.veto_event] == world.month)
                      if member.veto_event else np.zeros(part.index.size, dtype=bool))
            votes_no = vetoes | (seated & (vote == "no"))
            in_favour += seated & ~votes_no & (vote == "yes")
            if member.permanent:
                blocked |= votes_no
        return in_favour, blocked

    def ballot(self, resolution: str) -> Ballot:
        """The members' votes on ``resolution``, split once per council (``Ballot``).

        Kept until ``members`` is replaced by another council (a what-if swapped in).
        """
        kept = self._ballots.get(resolution)
        if kept is None or kept.members is not self.members:
            kept = self._ballots[resolution] = ballot(self.members, resolution)
        return kept

    def adopts(self, resolution: str, among: np.ndarray
               ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Where ``resolution`` passes, and the tally (votes in favour, a permanent no).

        Counted only ``among`` the worlds where it is put: elsewhere it fails, with no votes.
        """
        part = Part(among)
        in_favour, blocked = self.count_votes(resolution, part)
        passes = (in_favour >= self.param("council_votes_needed")) & ~blocked
        return part.spread(passes, False), {
            f"{resolution}_votes_in_favour": part.spread(in_favour, 0),
            f"{resolution}_vetoed": part.spread(blocked, False)}

    @rule(title="votes on the US drafts after the invasion (in the record: 25 and 27 June)",
          evidence=("us-petitioned-unsc", "us-pushed-resolutions-during-boycott",
                    "un-force-approved", "gottwald-guomindang-seat",
                    "dkim-abstention-guaranteed-authorization"),
          assumption=ABSENCE_IS_NO_VETO,
          reads=("council_votes_needed",), outcome="authorises", records="un_authorization")
    def vote_on_the_invasion(self) -> Decision | None:
        """In the month of a general invasion, vote on a breach of the peace, then on aid.

        Source: "the United States petitioned for UNSC intervention"
        (us-petitioned-unsc) and "took advantage of the Soviet boycott ... to push
        resolutions of support through that body"
        (us-pushed-resolutions-during-boycott); "Approval was given for this first
        deployment of a UN force" (un-force-approved). China's seat was held by
        "the Guomindang puppet" (gottwald-guomindang-seat); Kim reading: the
        absence "effectively guaranteed that the UNSC would authorize
        intervention" (dkim-abstention-guaranteed-authorization).

        Choice: the two June drafts as the record has them (Res. 82 of 25 June,
        9-0-1; Res. 83 of 27 June, 7-1 with Egypt and India not voting; FRUS 1950
        vol. VII doc. 84, Hansard HL 28 June 1950), each counted from the
        members' votes in ``seeds/security_council.toml``: the aid draft is put
        only after the breach is found, and action is authorised where both
        pass. Seven yes votes (the US, the UK, France, the Guomindang's China,
        Cuba, Ecuador, Norway) meet ``council_votes_needed``; only a Soviet
        delegate who is seated and vetoes can block them. A limited operation is
        not put to the Council: the record has no draft on one.
        """
        world = self.world
        invaded_now = world.events["invasion"] == world.month
        if not invaded_now.any():
            return None
        breach, breach_tally = self.adopts("breach", invaded_now)
        aid, aid_tally = self.adopts("aid", invaded_now)
        authorises = invaded_now & breach & aid
        seated = world.received("soviet_seated")
        return Decision(authorises, invaded_now,
                        {"soviet_seated": seated, **breach_tally, **aid_tally})

    @rule(title="puts the forces under a unified command led by the US (in the record: 7 July)",
          evidence=("us-pushed-resolutions-during-boycott", "un-force-approved"),
          assumption="the unified command is not in the three documents: Res. 84 of 7 July "
                     "1950 (FRUS 1950 vol. VII doc. 238), tabled by France and the UK, "
                     "7-0-3 with the Soviet seat empty; " + ABSENCE_IS_NO_VETO,
          reads=("council_votes_needed",), outcome="adopts", records="un_unified_command")
    def vote_on_unified_command(self) -> Decision | None:
        """The month after authorising aid, with US forces fighting, vote on a unified command.

        Source: the US pushed "resolutions of support" through the Council
        (us-pushed-resolutions-during-boycott) for "this first deployment of a UN
        force" (un-force-approved).

        Choice: the draft of 7 July 1950 (Res. 84: 7-0-3, Egypt, India and
        Yugoslavia abstaining), voted once, in the month after the June
        authorisation in worlds where US forces fight; counted like the June
        drafts, so a Soviet delegate back in his seat could block it only by a
        veto, which Stalin's rules decide in the month of the invasion alone.
        """
        world = self.world
        put = ((world.months_since("un_authorization") == 1)
               & world.happened("us_intervention") & world.at_war
               & ~world.happened("un_unified_command"))
        if not put.any():
            return None
        adopted, tally = self.adopts("unified_command", put)
        return Decision(put & adopted, put,
                        {"soviet_seated": world.received("soviet_seated"), **tally})
