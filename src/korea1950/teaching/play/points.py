"""The decisions a student can take in role-play, with their options, hints and the record.

Each decision point is one rule's ``point`` (``simulation/agents/rules.py``):
option 1 is always "yes" (act), option 2 "no". Which actor decides, and the
lever that replays "no, every time" across many worlds, come from the rule's
declaration; this module adds only what a student reads. The hints are
evidence ids from ``seeds/evidence.toml``; the record is what the real actor did.
"""

from dataclasses import dataclass

from korea1950.simulation.agents.rules import Rule, rule_table


@dataclass(frozen=True)
class DecisionPoint:
    """A decision the played actor takes, as the student sees it."""

    actor: str
    question: str
    yes: str
    no: str
    hints: tuple[str, ...]
    record: str
    lever_if_never: tuple[str, object] | None = None
    """The scenario lever that reproduces "no, every time" across many worlds."""


@dataclass(frozen=True)
class Wording:
    """What the student reads at a point: the question, the two options, hints, the record."""

    question: str
    yes: str
    no: str
    hints: tuple[str, ...]
    record: str


WORDING: dict[str, Wording] = {
    "stalin.approve": Wording(
        "Kim asks for your go-ahead to attack the South.",
        "Approve (on condition that Mao agrees)", "Refuse: tell him to wait",
        ("stalin-advised-waiting", "stalin-north-not-strong-enough",
         "ccp-victory-changed-stalins-mind", "stueck-us-not-likely-to-intervene"),
        "Refused in 1949; approved in early 1950 after the Communist victory in China, "
        "on condition of Mao's consent."),
    "stalin.veto": Wording(
        "The North has invaded; the Security Council meets on UN action.",
        "Send the delegate back to veto", "Stay away: let the Council act",
        ("gottwald-free-hand", "stueck-decision-alone", "stueck-feared-confrontation"),
        "Stayed away (against his aides' advice); the Council authorised UN action."),
    "stalin.press_china": Wording(
        "US forces are fighting in Korea.",
        "Press Mao to send troops", "Leave China out for now",
        ("stalin-runs-to-mao", "gottwald-pull-china-in", "stueck-china-counterweight"),
        "Pressed Mao after Incheon, when the North was collapsing (October 1950)."),
    "stalin.allow_armistice": Wording(
        "Armistice talks are open and the front has settled near the parallel.",
        "Let an armistice be signed", "Keep the war going",
        ("armistice-after-stalins-death", "gottwald-third-world-war-postponed"),
        "The war went on while he lived; the armistice came four months after his death."),
    "kim.press": Wording(
        "The South is unliberated and Stalin has not approved.",
        "Press Stalin (or Mao) again for the go-ahead", "Wait this month",
        ("kim-sleepless", "kim-fears-losing-trust", "kim-would-turn-to-mao"),
        "Pressed repeatedly in 1949 and at the luncheon of 17 January 1950."),
    "kim.attack": Wording(
        "You hold the go-ahead you need, and the army is ready.",
        "Attack now", "Hold back this month",
        ("kim-disciplined", "kim-seoul-in-three-days", "invasion-25-june-1950"),
        "Attacked on 25 June 1950, once Stalin and Mao had agreed."),
    "mao.consent": Wording(
        "Kim presents his plan to attack the South.",
        "Consent", "Refuse",
        ("mao-reluctant-approval", "stalin-china-needed"),
        "Consented reluctantly, at Stalin's urging, in May 1950."),
    "mao.intervene": Wording(
        "The war goes badly for the North.",
        "Send Chinese troops", "Stay out this month",
        ("stalin-runs-to-mao", "dkim-china-intervention-inevitable"),
        "Sent troops in October 1950, after UN forces crossed the 38th parallel."),
}
"""The student's text for each rule's point, keyed by the point the rule declares."""

REFUSAL_AMOUNTS_TO: dict[str, str] = {"kim.press": "kim_attack"}
"""Points whose rule obeys no lever, but whose standing refusal another lever replays.

Why: a Kim who never presses never gets the go-ahead, so across many worlds he
never attacks.
"""


def _point(declared: Rule) -> DecisionPoint:
    assert declared.point is not None
    words = WORDING[declared.point]
    lever = declared.lever or REFUSAL_AMOUNTS_TO.get(declared.point)
    return DecisionPoint(declared.actor.lower(), words.question, words.yes, words.no,
                         words.hints, words.record, (lever, "never") if lever else None)


POINTS: dict[str, DecisionPoint] = {r.point: _point(r) for r in rule_table() if r.point}
"""Every role-play point, from the rules that declare one."""
