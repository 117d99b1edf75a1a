"""The Security Council's rules, each checked in a described situation across many worlds.

The Council draws no random numbers: its votes follow from the members' file
and from what Stalin decided this month (his seat, his veto), so every check
here is exact.
"""

from pathlib import Path

import numpy as np
import pytest
from situations import WORLDS, everywhere, set_event, situation, within

from korea1950.inputs.calendar import month_index
from korea1950.inputs.council import council_path, load_council
from korea1950.inputs.errors import InputError
from korea1950.simulation.model import CrisisModel

JUNE_1950 = month_index("1950-06")


def invaded(seated: bool = False, vetoed: bool = False, worlds: int = WORLDS,
            params: dict | None = None):
    """June 1950, the North has invaded in every world; Stalin's seat and veto as given."""
    model = situation(worlds=worlds, params=params, month=JUNE_1950)
    model.world.phase[:] = 1
    set_event(model, "invasion", JUNE_1950)
    if seated:
        model.world.send("soviet_seated", everywhere(model))
    if vetoed:
        set_event(model, "soviet_veto", JUNE_1950)
    return model


def council_file(tmp_path: Path, changes: dict[str, str]) -> Path:
    """A copy of the bundled council file with some members' vote lines replaced."""
    blocks = council_path().read_text().split("[[member]]")
    for index, block in enumerate(blocks[1:], start=1):
        name = block.split('name = "', 1)[1].split('"', 1)[0]
        if name in changes:
            votes = next(line for line in block.splitlines() if line.startswith("votes ="))
            blocks[index] = block.replace(votes, changes[name])
    path = tmp_path / "council.toml"
    path.write_text("[[member]]".join(blocks))
    return path


def test_the_bundled_council_is_the_council_of_1950():
    council = load_council()
    names = {member.name for member in council.members}
    permanent = {member.name for member in council.members if member.permanent}
    assert len(names) == len(council.members) == 11
    assert permanent == {"United States", "United Kingdom", "France", "USSR",
                         "China (Republic of China)"}
    assert names - permanent == {"Cuba", "Ecuador", "Egypt", "India", "Norway", "Yugoslavia"}
    assert set(council.resolutions) == {"breach", "aid", "unified_command"}


def test_with_the_soviet_seat_empty_the_council_authorises_action():
    model = invaded(seated=False)
    assert model.council.vote_on_the_invasion().all()
    assert model.world.happened("un_authorization").all()
    assert (model.world.events["un_authorization"] == JUNE_1950).all()


def test_the_june_tallies_are_the_records():
    """Res. 82: 9 in favour (Yugoslavia abstaining); Res. 83: 7 (Yugoslavia no, two not voting)."""
    model = invaded(seated=False, worlds=10)
    breach, breach_blocked = model.council.count_votes("breach")
    aid, aid_blocked = model.council.count_votes("aid")
    assert (breach == 9).all() and (aid == 7).all()
    assert model.params["council_votes_needed"] == 7
    assert not breach_blocked.any() and not aid_blocked.any()


def test_with_the_soviet_delegate_seated_and_voting_no_the_council_does_not_authorise():
    model = invaded(seated=True, vetoed=True)
    assert not model.council.vote_on_the_invasion().any()
    assert not model.world.happened("un_authorization").any()
    _, blocked = model.council.count_votes("aid")
    assert blocked.all()


def test_a_seated_soviet_delegate_who_does_not_veto_lets_the_draft_pass():
    """Abstention, like absence, is not a veto: Stalin's veto rule, not his seat, blocks."""
    model = invaded(seated=True, vetoed=False)
    assert model.council.vote_on_the_invasion().all()


def test_the_veto_blocks_only_in_the_worlds_where_stalin_casts_it():
    model = invaded(seated=True, worlds=100)
    vetoed = np.arange(100) % 3 == 0
    set_event(model, "soviet_veto", JUNE_1950, where=vetoed)
    authorises = model.council.vote_on_the_invasion()
    assert authorises is not None
    assert np.array_equal(authorises, ~vetoed)


def test_with_only_six_votes_in_favour_the_council_does_not_authorise(tmp_path):
    """Of the record's seven, Norway abstains: six yes votes, and no Soviet delegate to blame."""
    abstain = 'votes = { breach = "yes", aid = "abstain", unified_command = "abstain" }'
    model = invaded(seated=False)
    model.council.members = load_council(council_file(tmp_path, {"Norway": abstain}))
    in_favour, blocked = model.council.count_votes("aid")
    assert (in_favour == 6).all() and not blocked.any()
    assert not model.council.vote_on_the_invasion().any()
    assert not model.world.happened("un_authorization").any()


def test_a_council_swapped_in_after_a_vote_is_counted_as_it_is(tmp_path):
    """The fixed members' votes are counted once per council: a what-if council swapped in
    after a count, and the bundled one swapped back, are each counted afresh."""
    abstain = 'votes = { breach = "yes", aid = "abstain", unified_command = "abstain" }'
    model = invaded(seated=False)
    bundled = model.council.members
    assert (model.council.count_votes("aid")[0] == 7).all()
    model.council.members = load_council(council_file(tmp_path, {"Norway": abstain}))
    assert (model.council.count_votes("aid")[0] == 6).all()
    model.council.members = bundled
    assert (model.council.count_votes("aid")[0] == 7).all()


def test_two_members_abstaining_on_the_breach_still_leave_it_seven_votes(tmp_path):
    """The 25 June draft had nine: Ecuador and Norway abstaining leave seven, still enough."""
    abstain = 'votes = { breach = "abstain", aid = "yes", unified_command = "yes" }'
    model = invaded(seated=False)
    model.council.members = load_council(council_file(
        tmp_path, {"Norway": abstain, "Ecuador": abstain}))
    assert (model.council.count_votes("breach")[0] == 7).all()
    assert model.council.vote_on_the_invasion().all()


def test_a_smaller_majority_needed_lets_six_votes_pass(tmp_path):
    abstain = 'votes = { breach = "yes", aid = "abstain", unified_command = "yes" }'
    model = invaded(seated=False, params={"council_votes_needed": 6})
    model.council.members = load_council(council_file(tmp_path, {"Norway": abstain}))
    assert model.council.vote_on_the_invasion().all()


def test_the_council_does_not_meet_on_a_limited_operation():
    model = situation(month=JUNE_1950)
    model.world.phase[:] = 1
    set_event(model, "ongjin_operation", JUNE_1950)
    assert model.council.vote_on_the_invasion() is None
    assert not model.world.happened("un_authorization").any()


def test_a_unified_command_follows_a_month_after_authorisation_where_the_us_fights():
    model = situation(worlds=100, month=JUNE_1950 + 1)
    model.world.phase[:] = 1
    fighting = np.arange(100) % 2 == 0
    set_event(model, "un_authorization", JUNE_1950)
    set_event(model, "us_intervention", JUNE_1950, where=fighting)
    adopted = model.council.vote_on_unified_command()
    assert adopted is not None and np.array_equal(adopted, fighting)
    assert (model.council.count_votes("unified_command")[0] == 7).all()
    model.world.month += 1
    assert model.council.vote_on_unified_command() is None


def test_in_the_model_the_council_authorises_wherever_stalin_does_not_veto():
    """The Council's count reproduces the old flag exactly: invaded this month, no Soviet veto."""
    model = CrisisModel("baseline", "kim", replicates=2000, rng=5)
    model.run_model()
    events = model.world.events
    expected = (events["invasion"] >= 0) & (events["soviet_veto"] < 0)
    assert np.array_equal(events["un_authorization"] >= 0, expected)
    assert (events["un_authorization"][expected] == events["invasion"][expected]).all()
    command = events["un_unified_command"] >= 0
    assert (events["un_unified_command"][command] == events["un_authorization"][command] + 1).all()


def test_a_council_that_would_not_authorise_leaves_the_us_to_decide_alone(tmp_path):
    """A what-if member file (Norway abstaining on aid: six in favour) in a whole run."""
    changes = {"Norway": 'votes = { breach = "abstain", aid = "abstain", '
                         'unified_command = "abstain" }'}
    model = CrisisModel("baseline", "stueck", replicates=WORLDS, rng=9)
    model.council.members = load_council(council_file(tmp_path, changes))
    model.run_model()
    events = model.world.events
    assert not (events["un_authorization"] >= 0).any()
    invaded_worlds = events["invasion"] >= 0
    fought_then = (events["us_intervention"] == events["invasion"]) & invaded_worlds
    assert within(fought_then.sum() / invaded_worlds.sum(),
                  model.params["us_intervention_without_un"], int(invaded_worlds.sum()))


@pytest.mark.parametrize(("old", "new", "says"), [
    ('aid = "no"', 'aid = "maybe"', "expected one of yes, no, abstain, not_voting"),
    ('votes = { breach = "abstain", aid = "no", unified_command = "abstain" }',
     'votes = { breach = "abstain", aid = "no" }', "no vote on resolution 'unified_command'"),
    ('name = "Cuba"\npermanent = false', 'name = "Cuba"\npermanent = false\n'
     'veto_event = "soviet_veto"', "only a permanent member can veto"),
    ('seat_message = "soviet_seated"', 'seat_message = "soviet_sated"',
     "did you mean 'soviet_seated'"),
    ('name = "Norway"', 'name = "Cuba"', "is listed twice"),
    ('permanent = true', 'permanent = "yes"', "expected true or false"),
    ('month = "1950-07"', 'month = "July"', "expected YYYY-MM"),
])
def test_an_invalid_member_file_gives_a_one_line_input_error(tmp_path, old, new, says):
    text = council_path().read_text()
    assert old in text
    path = tmp_path / "bad_council.toml"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(InputError) as error:
        load_council(path)
    message = str(error.value)
    assert "\n" not in message and "bad_council.toml" in message and says in message
