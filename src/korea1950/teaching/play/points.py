"""The decisions a student can take in role-play, with their options, hints and the record.

Each decision point is one rule's decision (see ``Actor.decide``): option 1 is
always "yes" (act), option 2 "no". The hints are evidence ids from
``seeds/evidence.toml``; the record is what the real actor did.
"""

from dataclasses import dataclass


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


POINTS: dict[str, DecisionPoint] = {
    "stalin.approve": DecisionPoint(
        "stalin", "Kim asks for your go-ahead to attack the South.",
        "Approve (on condition that Mao agrees)", "Refuse: tell him to wait",
        ("stalin-advised-waiting", "stalin-north-not-strong-enough",
         "ccp-victory-changed-stalins-mind", "stueck-us-not-likely-to-intervene"),
        "Refused in 1949; approved in early 1950 after the Communist victory in China, "
        "on condition of Mao's consent.", ("stalin_approval", "never")),
    "stalin.veto": DecisionPoint(
        "stalin", "The North has invaded; the Security Council meets on UN action.",
        "Send the delegate back to veto", "Stay away: let the Council act",
        ("gottwald-free-hand", "stueck-decision-alone", "stueck-feared-confrontation"),
        "Stayed away (against his aides' advice); the Council authorised UN action.",
        ("soviet_veto", "never")),
    "stalin.press_china": DecisionPoint(
        "stalin", "US forces are fighting in Korea.",
        "Press Mao to send troops", "Leave China out for now",
        ("stalin-runs-to-mao", "gottwald-pull-china-in", "stueck-china-counterweight"),
        "Pressed Mao after Incheon, when the North was collapsing (October 1950)."),
    "stalin.allow_armistice": DecisionPoint(
        "stalin", "Armistice talks are open and the front has settled near the parallel.",
        "Let an armistice be signed", "Keep the war going",
        ("armistice-after-stalins-death", "gottwald-third-world-war-postponed"),
        "The war went on while he lived; the armistice came four months after his death."),
    "kim.press": DecisionPoint(
        "kim", "The South is unliberated and Stalin has not approved.",
        "Press Stalin (or Mao) again for the go-ahead", "Wait this month",
        ("kim-sleepless", "kim-fears-losing-trust", "kim-would-turn-to-mao"),
        "Pressed repeatedly in 1949 and at the luncheon of 17 January 1950.",
        ("kim_attack", "never")),
    "kim.attack": DecisionPoint(
        "kim", "You hold the go-ahead you need, and the army is ready.",
        "Attack now", "Hold back this month",
        ("kim-disciplined", "kim-seoul-in-three-days", "invasion-25-june-1950"),
        "Attacked on 25 June 1950, once Stalin and Mao had agreed.", ("kim_attack", "never")),
    "mao.consent": DecisionPoint(
        "mao", "Kim presents his plan to attack the South.",
        "Consent", "Refuse",
        ("mao-reluctant-approval", "stalin-china-needed"),
        "Consented reluctantly, at Stalin's urging, in May 1950.", ("mao_consent", "never")),
    "mao.intervene": DecisionPoint(
        "mao", "The war goes badly for the North.",
        "Send Chinese troops", "Stay out this month",
        ("stalin-runs-to-mao", "dkim-china-intervention-inevitable"),
        "Sent troops in October 1950, after UN forces crossed the 38th parallel.",
        ("china_intervention", "never")),
}
