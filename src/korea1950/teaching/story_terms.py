"""What a rule weighed, said in words: one small table of phrasings, one entry per term.

Why a table: the rules record their terms under code names ("net_gain",
"reached_stalin"); a student should read "on balance, acting was worth +0.71
to him" rather than "net gain = 0.71". Every term a rule records has an entry
here (``tests/test_story.py`` checks this for the baseline under both
readings), so a new term shows up as a failing test, not as a raw name.

A yes/no term has two phrasings (``None`` where the answer is not worth
saying, as "not a limited operation"); a number has one, with ``{v}`` for its
value. ``BY_RULE`` overrides the table where the same name means different
things in different rules ("chance"), ``BY_FLAG`` where it depends on another term
(Stalin's gain from afar or in Moscow). ``AFTER_STALIN`` rewrites or hides the
terms that speak of Stalin once he is dead: the rules still draw them (the
model must not change), but the story does not pretend he can be reached.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

type Render = Callable[[object], str | None]


@dataclass(frozen=True)
class Said:
    """How one term reads: ``yes``/``no`` for a flag, ``number`` for a value."""

    yes: str | None = None
    no: str | None = None
    number: str | Render | None = None

    def __call__(self, value: object) -> str | None:
        """The phrase for ``value`` (None: nothing worth saying)."""
        if isinstance(value, bool):
            return self.yes if value else self.no
        if callable(self.number):
            return self.number(value)
        if self.number is None or value is None:
            return None
        return self.number.format(v=value)


def _months(after: str) -> Render:
    """'3 months after X', or nothing where the count is negative (it never happened)."""
    def say(value: object) -> str | None:
        count = int(value)  # type: ignore[call-overload]
        if count < 0:
            return None
        return f"{count} month{'s' if count != 1 else ''} after {after}"
    return say


def _refusal(value: object) -> str:
    count = int(value)  # type: ignore[call-overload]
    if count < 0:
        return "Stalin had not yet refused him"
    return f"Stalin's last refusal reached him {count} month{'s' if count != 1 else ''} ago"


def _small(template: str) -> Render:
    """A chance said with two decimals, or three where two would round it to 0.00."""
    def say(value: object) -> str:
        chance = float(value)  # type: ignore[arg-type]
        return template.format(f"{chance:.3f}" if 0 < chance < SMALL else f"{chance:.2f}")
    return say


SMALL = 0.01
"""Below this a chance is shown with three decimals, so that it does not read as zero."""


def _gain(value: object) -> str:
    gain = float(value)  # type: ignore[arg-type]
    leaning = "for" if gain > 0 else "against"
    return f"on balance acting was worth {gain:+.2f} to him (he leans {leaning} it)"


def _war_gain(when: str) -> Render:
    """Kim's request: Stalin's gain from a war, weighed ``when`` (see ``BY_FLAG``)."""
    def say(value: object) -> str:
        gain = float(value)  # type: ignore[arg-type]
        leaning = "for" if gain > 0 else "against"
        return f"on balance a war was worth {gain:+.2f} to him, {when} (he leans {leaning} it)"
    return say


PHRASES: dict[str, Said] = {
    # Kim Il Sung
    "impatience": Said(number="his impatience stood at {v:.2f}"),
    "willing": Said(number="the chance he would press this month was {v:.2f}"),
    "months_since_refusal": Said(number=_refusal),
    "emboldened_since": Said("Acheson's speech had emboldened him since", None),
    "asks": Said("he asked", "he did not ask"),
    "reached_stalin": Said("his request reached Stalin",
                           "he could not reach Stalin, so he turned to Mao"),
    "ongjin_only": Said("he asked only for the Ongjin operation", None),
    "months_since_invitation": Said(number=_months("Stalin's invitation")),
    "months_since_approval": Said(number=_months("Stalin's approval")),
    "go_ahead": Said("he held the go-ahead he needed (Stalin's and Mao's)",
                     "he did not yet hold both Stalin's and Mao's go-ahead"),
    "north_strength": Said(number="the North was {v:.2f} times as strong as the South"),
    "attacks": Said("he attacked", "he launched no offensive of his own"),
    "counterattack": Said("it was a counterattack: Rhee had struck first", None),
    "limited": Said("only a limited operation", None),
    "escalates": Said("he turned it into a general offensive", "he kept it limited"),
    "front": Said(number="the North held {v:.0%} of the peninsula"),
    "accepts": Said("the terms were accepted", "the terms were refused"),
    "imposed": Said("the scenario imposed it, whatever he weighed",
                    "the scenario ruled it out, whatever he weighed"),
    # Mao
    "stalin_leave": Said("Stalin had given his leave", "Stalin withheld his leave"),
    "urged_by_stalin": Said("Stalin had urged it", None),
    "kim_alone": Said("Kim Il Sung came without Stalin's word", None),
    "consents": Said("he consented", "he refused"),
    "un_north_of_38th": Said("UN forces had crossed the 38th parallel",
                             "UN forces had not crossed the 38th parallel"),
    "stalin_pressing": Said("Stalin was pressing him", "Stalin was not pressing him"),
    "air_cover_promised": Said("Stalin had promised air cover", "no air cover was promised"),
    "enters": Said("he sent troops", "he stayed out"),
    # Stalin
    "china_ready": Said("the new China was a settled ally", "the new China was not yet settled"),
    "in_moscow": Said("Kim Il Sung asked in Moscow", "Kim Il Sung asked from afar"),
    "quick_victory": Said(number="he gave a quick victory a chance of {v:.2f}"),
    "us_fights": Said(number="he expected the US to fight with a chance of {v:.2f}"),
    "moment_ripe": Said("the moment was ripe", "the moment was not ripe"),
    "net_gain": Said(number=_gain),
    "says_yes": Said("he said yes", "he said no"),
    "invites": Said("he invited Kim Il Sung to Moscow", None),
    "approves": Said("he approved the attack", None),
    "urging": Said("he urged it", None),
    "leaves": Said("he walked out", "he kept his seat"),
    "seated": Said("his delegate was in the Council", "his delegate was away (the boycott)"),
    "veto": Said("he vetoed", "he let the Council act"),
    "came_back": Said("he sent the delegate back to cast it", None),
    "returns": Said("he sent the delegate back", "he stayed away"),
    "candour": Said(number="how candid he is with allies: {v:.2f}"),
    "writes": Said("he wrote the letter", "he did not write it"),
    "peril": Said(number="the North had lost {v:.0%} of its own half"),
    "presses": Said("he pressed Mao", "he did not press Mao"),
    "promises": Said("he promised air cover", "he withheld it"),
    "covers": Said("his aircraft covered them", "he kept his aircraft back"),
    "sends": Said("he sent troops", "he sent none"),
    "allows": Said("he let an armistice be signed", "he kept the war going"),
    # the Security Council
    "soviet_seated": Said("the Soviet delegate was in his seat", "the Soviet seat was empty"),
    "breach_votes_in_favour": Said(number="{v} votes for naming a breach of the peace"),
    "breach_vetoed": Said("that resolution was vetoed", None),
    "aid_votes_in_favour": Said(number="{v} votes for aid to the South"),
    "aid_vetoed": Said("the aid resolution was vetoed", None),
    "authorises": Said("it authorised UN action", "it did not authorise UN action"),
    "unified_command_votes_in_favour": Said(number="{v} votes for a unified command"),
    "unified_command_vetoed": Said("the unified command was vetoed", None),
    "adopts": Said("it set up the unified command", "it set up no unified command"),
    # Syngman Rhee's South Korea
    "clashes_so_far": Said(number=lambda v: f"{v} clash{'' if v == 1 else 'es'} so far"),
    "clashes": Said("the two sides clashed", "no clash"),
    "us_restrains": Said("the US was restraining him", "the US did not restrain him"),
    "chance": Said(number=_small("the chance of it was {}")),
    "strikes": Said("he struck first", "he held back"),
    "pressed_by_us": Said("the US pressed him", "the US did not press him"),
    "accepted_before": Said("he had accepted before", None),
    # the United States
    "un_authorised": Said("the UN had authorised action", "without UN authorisation"),
    "fights": Said("it fought for the South", "it stayed out"),
    "north_thrown_back": Said("the North had been thrown back", "the North still held out"),
    "china_or_ussr_in": Said("China or the USSR had entered", "neither China nor the USSR was in"),
    "crosses": Said("it crossed", "it stopped at the parallel"),
    "lands": Said("it landed", "it did not land"),
    "starts": Said("it began", None),
    "terms_accepted": Said("the communist side had accepted the terms",
                           "the communist side had not accepted the terms"),
    "rhee_accepts": Said("Rhee accepted", "Rhee did not accept"),
    "signs": Said("the armistice was signed", "no armistice yet"),
}
"""One phrasing per term name the rules record."""

BY_RULE: dict[tuple[str, str, str], Said] = {
    ("SouthKorea", "march_north", "chance"): Said(number=_small("the chance of a first "
                                                               "strike was {}")),
    ("UnitedStates", "respond_to_attack", "chance"): Said(number="the chance it would fight "
                                                                "was {v:.2f}"),
    ("Stalin", "write_to_gottwald", "chance"): Said(number="the chance of such a letter was "
                                                           "{v:.2f}"),
    ("Mao", "accept_armistice_terms", "accepts"): Said("he accepted the terms",
                                                       "he refused the terms"),
    ("Kim", "accept_armistice_terms", "accepts"): Said("he accepted the terms",
                                                       "he refused the terms"),
    ("SouthKorea", "resist_armistice", "accepts"): Said("he accepted the armistice",
                                                        "he resisted it"),
}
"""(actor, rule, term) -> a phrasing where the table's is too vague for that rule."""

BY_FLAG: dict[tuple[str, str, str], tuple[str, Said, Said]] = {
    ("Stalin", "answer_kim", "net_gain"): (
        "in_moscow", Said(number=_war_gain("weighed as things stood")),
        Said(number=_war_gain("weighed at the best moment he foresaw"))),
}
"""(actor, rule, term) -> (flag term, phrasing where it holds, where not): one rule, two cases.

Why: from afar Stalin weighs a war at the best moment he foresees, in Moscow as things
stand. The story lists the quick victory's chance as it stands, and a gain the same in
January (chance 0.47) and April (0.99) read as a broken number unless it says which."""

AFTER_STALIN: dict[str, Said | None] = {
    "reached_stalin": None,
    "stalin_leave": Said("Stalin was dead: no leave was needed", "Stalin was dead"),
    "urging": Said("his word, given before his death, still stood", None),
    "urged_by_stalin": Said("Stalin's word, given before his death, still stood", None),
}
"""Terms that speak of Stalin, once he is dead: hidden (None) or said otherwise."""


ONLY_IF: dict[str, str] = {"net_gain": "moment_ripe"}
"""Terms said only where another term is not "no": an unripe moment's gain is recorded as 0."""


def phrasing(actor: str, rule: str, term: str, stalin_dead: bool = False) -> Said | None:
    """The phrasing of ``term`` in ``actor``'s ``rule`` (None: not to be said at all)."""
    if stalin_dead and term in AFTER_STALIN:
        return AFTER_STALIN[term]
    return BY_RULE.get((actor, rule, term), PHRASES.get(term))


def in_words(actor: str, rule: str, terms: Mapping[str, object],
             stalin_dead: bool = False) -> list[str]:
    """The terms a rule weighed, each as a phrase; unknown terms as 'name: value'."""
    phrases = []
    for term, value in terms.items():
        if term in ONLY_IF and terms.get(ONLY_IF[term]) is False:
            continue
        said = phrasing(actor, rule, term, stalin_dead)
        if (actor, rule, term) in BY_FLAG:
            flag, holds, not_so = BY_FLAG[actor, rule, term]
            said = holds if terms.get(flag) is True else not_so
        if said is None:
            if term not in PHRASES and not (stalin_dead and term in AFTER_STALIN):
                phrases.append(f"{term.replace('_', ' ')}: {value}")
            continue
        text = said(value)
        if text:
            phrases.append(text)
    return phrases


def shown_terms(terms: Mapping[str, object], stalin_dead: bool) -> dict[str, object]:
    """The terms the story may show: those about reaching Stalin dropped once he is dead."""
    return {k: v for k, v in terms.items()
            if not (stalin_dead and k in AFTER_STALIN and AFTER_STALIN[k] is None)}
