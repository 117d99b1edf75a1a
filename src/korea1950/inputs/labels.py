"""One table of the names a reader sees: outcomes, timings, actors, readings and terms.

Why one table: the report, the page, the story and the debrief must call the
same thing by the same name, and none of them may show a raw identifier
("us_europe_buildup", "kim"). "kim" is the worst of them: it names both a
historian's reading (Donggil Kim) and an actor (Kim Il Sung). Here the two
never meet: readings are labelled by their historian, the actor by his name.

Why in the inputs layer: every layer above it labels things; none may import
the reporting layer to do so. A name missing from the table is an error
(``KeyError``), not a silent fallback to the raw identifier; a test checks that
every outcome, timing and event has a label.
"""

from korea1950.inputs.events import EVENTS
from korea1950.inputs.parameters import MODEL_PARAMETERS, STALIN_MOTIVE_PARAMETERS

OUTCOME_LABELS: dict[str, str] = {
    "ccp_victory": "Communist victory in China",
    "acheson_speech": "Acheson's perimeter speech",
    "soviet_boycott": "Soviet boycott of the Security Council",
    "kim_proposes_ongjin": "Kim Il Sung asks to take Ongjin",
    "kim_asks_for_general_offensive": "Kim Il Sung asks for a general offensive",
    "stalin_advises_waiting": "Stalin tells Kim Il Sung to wait",
    "stalin_invites_kim": "Stalin invites Kim Il Sung to Moscow",
    "kim_in_moscow": "Kim Il Sung's talks in Moscow",
    "stalin_approves": "Stalin approves the attack",
    "kim_visits_mao": "Kim Il Sung visits Mao",
    "mao_consents": "Mao consents",
    "attack_plan_ready": "the North's attack plan is ready",
    "border_clash": "border clashes at the 38th parallel",
    "rhee_attacks": "Rhee attacks first",
    "ongjin_operation": "limited attack on Ongjin",
    "invasion": "North Korean invasion",
    "soviet_veto": "Soviet veto at the Security Council",
    "un_authorization": "UN Security Council authorises force",
    "us_intervention": "US intervention",
    "un_unified_command": "UN unified command under the US",
    "kim_requests_aid": "Kim Il Sung asks Stalin for aid",
    "stalin_presses_china": "Stalin presses China to intervene",
    "soviet_return": "Soviet delegate returns to the Council",
    "gottwald_letter": "Stalin's letter to Gottwald",
    "us_europe_buildup": "US military build-up (Europe included)",
    "incheon_landing": "Incheon landing",
    "un_crosses_38th": "UN forces cross the 38th parallel",
    "china_intervention": "Chinese intervention",
    "soviet_air_cover": "Soviet air cover",
    "soviet_ground_troops": "Soviet ground troops",
    "armistice_talks": "armistice talks open",
    "mao_accepts_terms": "Mao accepts armistice terms",
    "kim_accepts_terms": "Kim Il Sung accepts armistice terms",
    "us_presses_rhee": "the US presses Rhee to accept",
    "rhee_accepts_armistice": "Rhee accepts the armistice",
    "stalin_death": "Stalin's death",
    "armistice": "armistice",
    "north_unifies": "the North unifies Korea",
    "south_unifies": "the South unifies Korea",
    "limited_war_ends": "a limited operation ends without general war",
    "war_start": "fighting begins",
    "war_end": "fighting ends",
    "still_at_war": "still at war at the horizon (1956)",
}
"""Short labels for every event the model records, and for the outcomes built from them."""

TIMING_LABELS: dict[str, str] = {
    "stalin_approval_month": "when Stalin approves",
    "mao_consent_month": "when Mao consents",
    "invasion_month": "when the North invades",
    "us_intervention_month": "when the US intervenes",
    "incheon_month": "when the Incheon landing comes",
    "china_intervention_month": "when China intervenes",
    "armistice_month": "when the armistice is signed",
    "war_end_month": "when the fighting ends",
}
"""Labels for the timings a summary reports (``korea1950.running.summary.TIMINGS``)."""

ACTOR_NAMES: dict[str, str] = {
    "kim": "Kim Il Sung",
    "stalin": "Stalin",
    "mao": "Mao Zedong",
    "us": "the United States",
    "rhee": "Syngman Rhee's South Korea",
    "council": "the UN Security Council",
}
"""The actors (agents), by their own names: "kim" here is always Kim Il Sung."""

READING_HISTORIANS: dict[str, str] = {
    "kim": "Donggil Kim",
    "stueck": "William Stueck",
}
"""The historian behind each bundled reading; a reading from a file is labelled by its title."""

GLOSSARY: dict[str, str] = {
    "world": "one simulated history from September 1949: every actor decides month by month, "
             "with chance where the sources leave the outcome open.",
    "seed": "the number that starts the simulation's random draws; the same seed gives the "
            "same worlds, so anyone can reproduce a figure exactly.",
    "share of worlds": "how often something happened among many simulated worlds; with its "
                       "95% interval (about two standard errors either side), which measures "
                       "the simulation's sampling error only, not the uncertainty of the "
                       "model's inputs.",
    "percentage point": "the unit of a difference between two shares: from 20% to 25% is a "
                        "change of 5 percentage points (not of 5%).",
    "median": "the middle value: half the worlds (where the event happens) have it at this "
              "month or earlier, half at this month or later.",
    "10th–90th percentile": "the range holding the middle 80% of worlds: one world in ten "
                            "comes before its start and one in ten after its end.",
    "90% interval": "the range holding the middle 90% of the values (from the 5th to the "
                    "95th percentile); used for the posterior, where a 95% interval is used "
                    "for sampling error elsewhere.",
    "reading": "a historian's account of Stalin's goals and beliefs, written as the priors of "
               "his shared decision rule (Donggil Kim's or William Stueck's).",
    "scenario": "a what-if: one or more levers set otherwise than in history.",
    "lever": "one thing a scenario changes, such as whether Acheson speaks or Stalin dies.",
    "cotenability": "what else must be true for a what-if to hang together: the changes to "
                    "the rest of history that its lever brings with it.",
    "baseline": "the scenario with every lever as in history; what follows is simulated, so "
                "its figures are the model's rendering of history, not the record itself.",
    "same worlds": "the setting shown is the baseline itself, so there is no change to show.",
    "never here": "the event happens in the baseline but in no world of this setting, so it "
                  "has no month to compare.",
    "only here": "the event happens in this setting but in no world of the baseline, so "
                 "there is no month to compare it with.",
    "timing shift": "how many months later (positive) or earlier (negative) the median world "
                    "sees an event than under the baseline; where the share of worlds in "
                    "which the event happens changes markedly (the tables mark such rows "
                    "and give the rule), the two medians are over different sets of worlds "
                    "and are not comparable.",
    "record": "the facts of what happened (seeds/record.toml) that the readings are weighed "
              "against; a fact that weighs the readings may not cite the same evidence ids "
              "as a reading's prior (the check compares evidence ids, not what they mean).",
    "prior": "what a reading assumes about one of Stalin's goals or beliefs before the "
             "record is consulted: a range of values and how likely each is.",
    "posterior": "what the reading's prior becomes once only the worlds that match the "
                 "record are kept.",
    "Bayes factor": "how much more likely the record is under one reading than the other; a "
                    "Bayes factor of 2 means the record is twice as likely under the first.",
    "log Bayes factor": "the natural logarithm of the Bayes factor: 0 is even, positive "
                        "favours the first reading; +1 means odds of about 2.7 : 1, -1 "
                        "about 1 : 2.7.",
    "tail probability": "the share of a reading's own simulated records that are no more "
                        "probable than the actual record; a small value (below 0.05) means "
                        "the record is unusually improbable under that reading.",
    "prior family": "the range of priors a reading could reasonably have had; a verdict whose "
                    "sign changes across it is not settled by the record.",
    "Jensen–Shannon divergence": "how different two readings' predictions of the same "
                                 "what-if are, from 0 (identical) to 1 bit (no outcome "
                                 "pattern in common).",
    "Shapley share": "how much the probability of war depended on each actor's enabling "
                     "decision in the model, from switching those decisions off in every "
                     "combination; not a measure of blame.",
    "Sobol index": "the share of an outcome's variance due to one parameter (first order) or to "
                   "it with everything it interacts with (total order).",
    "Morris screening": "the cheaper alternative to Sobol indices offered by `korea1950 "
                        "sensitivity --method morris`: it moves one parameter at a time along "
                        "random paths and ranks the parameters by the mean size of the change "
                        "in an outcome (mu*); it ranks, but does not split the variance.",
}
"""Terms the report, the page and the story use, explained once for a reader new to them."""

PARAMETER_LABELS: dict[str, str] = {
    "values_unified_korea": "value of a Korea unified by the North",
    "values_us_tied_down": "value of the US tied down in Asia",
    "values_china_against_us": "value of China at odds with the US",
    "values_boycott_solidarity": "value of the boycott (solidarity with China)",
    "fears_direct_clash": "fear of a direct clash with the US",
    "fears_europe_buildup": "fear of a US build-up in Europe",
    "war_burden": "monthly cost of a stalemated war",
    "cost_of_asking_mao": "cost of asking Mao for troops",
    "expects_us_to_fight": "belief the US would fight",
    "un_flag_effect": "belief a UN flag raises the US will to fight",
    "acheson_effect": "weight of Acheson's speech in that belief",
    "required_superiority": "North's edge needed for a quick victory",
    "war_ties_us_down": "belief a Korean war ties the US down",
    "expects_china_to_join": "belief China would join",
    "north_lost_if_us_fights": "belief a US war costs him the North",
    "expects_clash_if_us_fights": "belief a US war brings a direct clash",
    "expects_clash_if_he_returns": "belief a veto risks a direct clash",
    "expects_europe_buildup": "belief a Korean war brings a build-up in Europe",
    "letter_candour": "candour of his letters to allies",
    "reassurance_rate": "readiness to reassure a nervous ally",
}
"""Short labels of Stalin's goals and beliefs, for figures and tables where the registry's
full meaning (``parameter_words``) is too long; a test checks every one has a label."""

PRIOR_CHANGES: dict[str, str] = {
    "mean-low": "mean at the low end of its range",
    "mean-high": "mean at the high end of its range",
    "concentration-half": "concentration halved",
    "concentration-double": "concentration doubled",
}
"""How a member of the prior family changes a prior (the last part of its id), in words that
hold for any prior; ``prior_change`` says whose range it is when the prior is known."""

RANGE_WORDS: dict[bool, str] = {True: "cited range", False: "assumed range (no source)"}
"""Whose range a prior's mean moves in: one its evidence gives (True), or the modellers'
assumption, for a prior that cites no evidence (False). Why: a range no historian gave must
not read as "cited"."""


def range_words(sourced: bool | None) -> str:
    """"cited range", "assumed range (no source)", or plain "range" when it is not known
    (a change to many priors at once, some sourced and some not)."""
    return "range" if sourced is None else RANGE_WORDS[sourced]


def prior_change(change: str, sourced: bool | None = None) -> str:
    """A change of the prior family in words, naming whose range a moved mean sits in
    ("mean at the low end of its assumed range (no source)")."""
    words = PRIOR_CHANGES.get(change, change)
    return words.replace("its range", f"its {range_words(sourced)}")


FRONT_AXIS = "front: share of the\npeninsula's length\nheld by the North"
"""The front line's axis in every figure (report and page): a north-south position along the
peninsula (0.5 is roughly the 38th parallel), not a share of its area."""


def outcome_label(name: str) -> str:
    """The reader's label of an outcome or event (``KeyError`` if it has none)."""
    return OUTCOME_LABELS[name]


INVASION_COUNTS_COUNTERATTACKS = ("The North Korean invasion includes the North's "
                                  "counterattacks where Rhee attacked first.")
"""Said beside any table of shares holding the invasion (the page's, ``korea1950 run``'s): a
reader would otherwise take every invasion for one Kim chose, and in "Mao withholds his
consent" every one is a counterattack."""

COUNTERATTACK = "North Korean invasion, as a counterattack: Rhee had struck first"
"""The invasion where Rhee's first strike came before it (``said_event``)."""


def said_event(name: str, rhee_struck_first: bool = False) -> str:
    """An event as a story or a role-play tells it, starting with a capital.

    Why the counterattack: the model records the North's general offensive as
    ``invasion`` whoever struck first (Stalin allowed a counterattack if Rhee were
    the aggressor); in a lesson asking who started the war, a world where Rhee
    struck first must not read as a plain invasion.
    """
    if name == "invasion" and rhee_struck_first:
        return COUNTERATTACK
    return first_upper(outcome_label(name))


def timing_label(name: str) -> str:
    """The reader's label of a timing such as ``invasion_month``."""
    return TIMING_LABELS[name]


def actor_name(name: str) -> str:
    """An actor's own name: ``kim`` is Kim Il Sung."""
    return ACTOR_NAMES[name]


READING_TITLES: dict[str, str] = {}
"""The titles of the readings loaded from files in this process, by name (``remember_title``).

Why kept here: a weighing, a sensitivity run or a story labels its readings in
dozens of places that carry only the name; the loader notes each file's title
once, so every command names a reading from a file as ``run`` and ``compare`` do."""


def remember_title(name: str, title: str) -> None:
    """Note the title of a reading loaded from a file (the loader calls it on every load)."""
    if name not in READING_HISTORIANS and title and title != name:
        READING_TITLES[name] = title


def reading_label(name: str, title: str | None = None) -> str:
    """A reading by its historian ("Donggil Kim's reading"), never by the bare ``kim``.

    A reading loaded from a file names no bundled historian; its title (given, or
    noted when it was loaded) is used, and failing that its name.
    """
    historian = READING_HISTORIANS.get(name)
    if historian:
        return f"{historian}'s reading"
    title = title or READING_TITLES.get(name)
    return title if title and title != name else f"reading '{name}'"


EVENT_DEFINITIONS: dict[str, str] = {
    "war_end": "the fighting stops: by an armistice, by the conquest of the whole peninsula "
               "by either side (the North or the South unifies Korea), or, for a limited "
               "operation, by its ending without a general war",
    "still_at_war": "the war is still being fought in December 1956, when the simulated "
                    "years end",
}
"""Fuller definitions where an event's own description only repeats its label ("fighting
ends: fighting ends"), or where an outcome is not an event the model records."""


def event_description(name: str) -> str:
    """The long description of an event or outcome, for glossaries."""
    return EVENT_DEFINITIONS.get(name) or EVENTS[name]


def parameter_words(name: str) -> str:
    """A parameter of the registry by its meaning ("his belief that the US would fight ...")."""
    spec = STALIN_MOTIVE_PARAMETERS.get(name) or MODEL_PARAMETERS.get(name)
    return spec.meaning if spec is not None else name.replace("_", " ")


def pair_label(a: str, b: str) -> str:
    """Two readings in the order of a log Bayes factor: "A over B"."""
    return f"{reading_label(a)} over {reading_label(b)}"


def first_upper(text: str) -> str:
    """A label at the start of a sentence: its first letter raised ("US intervention" keeps
    its capitals, which ``str.capitalize`` would lower)."""
    return text[:1].upper() + text[1:]


def abridged(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters: whole if it fits, else cut with an ellipsis
    after its last whole word (a single word too long is cut where it must be).

    Why a word boundary: a label cut mid-word ("achieved al…") reads as a typo or
    another word; one cut after a word reads as what it is, an abridgement.
    """
    if len(text) <= width:
        return text
    head = text[:width - 1]
    if text[width - 1] != " " and " " in head:  # its last word is cut: leave it out
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-–(") + "…"


def in_series(items: "list[str] | tuple[str, ...]") -> str:
    """Items as a sentence lists them: "A", "A and B", "A, B and C"."""
    return " and ".join(filter(None, (", ".join(items[:-1]), items[-1]))) if items else ""


def unsigned_zero(value: float, spec: str) -> str:
    """``value`` formatted by ``spec`` ("0.00", "+.2f"), with no sign on a figure that rounds
    to zero: "-0.00" reads as a finding (something negative) where there is none, and
    "+0.00" as a rise."""
    text = format(value, spec)
    return text[1:] if text[:1] in "+-" and float(text) == 0 else text


def without_negative_zero(value: float) -> float:
    """``value`` with the sign of a zero dropped, for a number written to a table: -0.0 is
    written "-0.0", which reads as a fall (``unsigned_zero``'s rule, for a number)."""
    return value + 0.0


def parameter_label(name: str) -> str:
    """A goal or belief of Stalin's by its short label; any other parameter by its meaning."""
    return PARAMETER_LABELS.get(name) or parameter_words(name)
