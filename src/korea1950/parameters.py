"""Every number the actors' rules and the war submodel use, with where it comes from.

Why a registry: a rule never hides a constant. Each parameter says what it
means, its default, the range a scenario may set it to, and either the
evidence ids it rests on or, where the documents are silent, the assumption
it is. ``docs/ODD.md`` lists the same table, and a test checks that every
cited id exists.

Two kinds live here:

* ``MODEL_PARAMETERS`` - Kim's, Mao's, the US's, the war's and the
  reading-independent parts of Stalin's behaviour. One value for every world;
  a scenario's ``[parameters]`` table may override them.
* ``STALIN_MOTIVE_PARAMETERS`` - what the two historians disagree about. Each
  reading (``seeds/readings/*.toml``) gives a prior distribution for every one
  of them, and each world draws its own values from it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Parameter:
    """One named number: meaning, default, allowed range and its source."""

    name: str
    default: float
    low: float
    high: float
    meaning: str
    evidence: tuple[str, ...] = ()
    assumption: str = ""


def _p(name: str, default: float, low: float, high: float, meaning: str, *,
       evidence: tuple[str, ...] = (), assumption: str = "") -> Parameter:
    return Parameter(name, default, low, high, meaning, evidence, assumption)


_MODEL = [
    # --- Kim ---------------------------------------------------------------
    _p("kim_initial_impatience", 0.35, 0.0, 1.0,
       "chance per month, in September 1949, that Kim presses Stalin again",
       evidence=("kim-sleepless", "kim-persists"),
       assumption="the documents show Kim pressing repeatedly but give no rate; 0.35 means "
                  "about one request a quarter at first"),
    _p("kim_impatience_growth", 0.06, 0.0, 0.5,
       "monthly growth of Kim's impatience while unification waits",
       evidence=("kim-fears-losing-trust", "kim-fears-losing-support-if-waiting"),
       assumption="linear growth is our simplification of 'if the matter ... is drawn out'"),
    _p("kim_china_boost", 0.25, 0.0, 1.0,
       "jump in Kim's impatience when the Communists win in China",
       evidence=("kim-china-liberated",)),
    _p("kim_acheson_boost", 0.15, 0.0, 1.0,
       "jump in Kim's impatience when Acheson leaves Korea outside the perimeter",
       evidence=("kim-emboldened-by-acheson",)),
    _p("kim_stalin_reachable", 0.85, 0.0, 1.0,
       "chance that Kim can put a request to Stalin in a given month (else he goes to Mao)",
       evidence=("kim-would-turn-to-mao", "soviet-delegates-advise-against"),
       assumption="how often a meeting or telegram exchange was possible is not documented"),
    _p("kim_accepts_mao_in_lieu", 0.0, 0.0, 1.0,
       "1 if Kim treats Mao's approval alone as a go-ahead; 0 if only Stalin's counts",
       evidence=("kim-disciplined", "kim-would-turn-to-mao"),
       assumption="the blog says Kim would secure 'at least Mao's approval in lieu of "
                  "Stalin's' but also that he would not act without Stalin; we default to "
                  "the stricter reading and expose the ambiguity as this switch"),
    _p("kim_attack_readiness", 0.6, 0.05, 1.0,
       "chance per month, from the month after the go-ahead, that the attack plan is ready",
       evidence=("support-secured-early-spring-1950", "invasion-25-june-1950"),
       assumption="spring approval and a 25 June attack imply one to three months of "
                  "preparation"),
    _p("kim_solo_attack_impatience", 1.2, 0.3, 3.0,
       "impatience at which Kim attacks without approval when he is not disciplined",
       assumption="only used by the kim_acts_alone lever; the documents say he would not"),
    _p("kim_ongjin_escalation", 0.35, 0.0, 1.0,
       "chance per month that a limited Ongjin operation grows into a general offensive",
       evidence=("kim-ongjin-partial-operation", "kim-seoul-in-three-days"),
       assumption="Kim meant Ongjin as the prelude to 'storming'; the rate is ours"),
    _p("kim_aid_front", 0.45, 0.0, 1.0,
       "share of the peninsula below which Kim, losing, asks Stalin for aid",
       evidence=("kim-requests-aid",),
       assumption="'losing' read as the North holding less than about its own half"),
    # --- Stalin (same under every reading) ---------------------------------
    _p("stalin_reconsider_lag", 2, 0, 12,
       "months after the Communist victory in China before Stalin reconsiders",
       evidence=("ccp-victory-changed-stalins-mind", "stalin-changes-tune"),
       assumption="the victory came in October 1949 and the change of tune 'midway'; "
                  "two months is our reading of that gap"),
    _p("stalin_boycott_lag", 3, 0, 12,
       "months after the Communist victory before the Soviet delegate leaves the Council",
       evidence=("gottwald-solidarity-with-china", "soviet-withdrawal-january-1950")),
    _p("stalin_veto_if_present", 0.95, 0.0, 1.0,
       "chance a Soviet delegate sitting on the Council vetoes UN action in Korea",
       assumption="the documents discuss only the absence; a present delegate vetoing "
                  "is the obvious reading of why the absence mattered"),
    _p("stalin_return_months", 1, 0, 12,
       "months of US entanglement before Stalin considers sending the delegate back",
       evidence=("stueck-return-in-august", "gottwald-returned-to-expose")),
    _p("stalin_return_chance", 0.6, 0.0, 1.0,
       "chance per month, once entangled, that the delegate returns",
       evidence=("gottwald-leave-and-return",),
       assumption="a return in August 1950, two months into the war, fixes only the order "
                  "of magnitude"),
    _p("stalin_air_cover_chance", 0.5, 0.0, 1.0,
       "chance per month that Stalin gives Soviet air cover once China fights",
       assumption="Soviet air cover is outside the documents; kept as an assumption for "
                  "the war submodel"),
    _p("stalin_ground_troops_chance", 0.05, 0.0, 1.0,
       "chance per month Stalin sends ground troops when the North collapses and China stays out",
       evidence=("stueck-feared-confrontation", "stalin-runs-to-mao"),
       assumption="he 'ran to Mao' rather than send his own army; kept small, not zero"),
    _p("rhee_attack_chance", 0.0015, 0.0, 0.2,
       "chance per month that Rhee attacks first (which Stalin said would justify a counterattack)",
       evidence=("rhee-must-be-aggressor", "kim-knows-north-stronger")),
    # --- Mao -----------------------------------------------------------------
    _p("mao_consent_chance", 0.55, 0.0, 1.0,
       "chance per month that Mao, urged by Stalin, consents to Kim's plan",
       evidence=("mao-reluctant-approval", "support-secured-early-spring-1950"),
       assumption="'reluctantly' read as consent that can take a month or two"),
    _p("mao_solo_consent_chance", 0.02, 0.0, 1.0,
       "chance that Mao consents when Kim comes without Stalin's approval",
       evidence=("mao-reluctant-approval",),
       assumption="Mao approved at Stalin's urging; alone he rarely would"),
    _p("mao_collapse_front", 0.35, 0.0, 0.5,
       "share held by the North below which Mao sees it as collapsing",
       evidence=("stalin-runs-to-mao",)),
    _p("mao_intervention_chance", 0.6, 0.0, 1.0,
       "chance per month Mao sends troops when the North collapses and UN forces are north",
       evidence=("stalin-runs-to-mao", "dkim-china-intervention-inevitable")),
    _p("mao_pressed_bonus", 0.25, 0.0, 1.0,
       "added chance when Stalin is pressing China to intervene",
       evidence=("stalin-runs-to-mao", "gottwald-pull-china-in")),
    _p("mao_unprovoked_intervention_chance", 0.01, 0.0, 1.0,
       "chance per month Mao sends troops while UN forces stay south of the 38th",
       assumption="the documents tie China's entry to the North's collapse; kept small"),
    # --- United States --------------------------------------------------------
    _p("us_intervention_with_un", 0.9, 0.0, 1.0,
       "chance the US fights for the South when the Council authorises action",
       evidence=("acheson-un-aid-outside-perimeter", "un-force-approved"),
       assumption="the swift US decision is outside the documents; near-certain given a UN flag"),
    _p("us_intervention_without_un", 0.55, 0.0, 1.0,
       "chance the US fights for the South when a Soviet veto blocks the Council",
       evidence=("acheson-un-aid-outside-perimeter",),
       assumption="Acheson promised aid through the UN; without its flag we halve the margin"),
    _p("us_response_to_limited_attack", 0.3, 0.0, 1.0,
       "chance the US fights over a limited Ongjin operation",
       assumption="a border operation is less clearly aggression than an invasion"),
    _p("us_buildup_months", 3.0, 0.5, 12.0,
       "months for US forces in Korea to reach full strength",
       evidence=("dkim-busan-perimeter",),
       assumption="FACTS.md: about 90,000 US troops by August 1950, two months in"),
    _p("incheon_chance", 0.65, 0.0, 1.0,
       "chance per month of an amphibious landing behind a deep North Korean advance",
       evidence=("macarthur-incheon",)),
    _p("us_cross_38th_chance", 0.85, 0.0, 1.0,
       "chance per month that UN forces, having regained the parallel, cross it",
       assumption="the crossing of 1 October 1950 is in FACTS.md, not the seed documents"),
    _p("us_europe_buildup_chance", 0.45, 0.0, 1.0,
       "chance per month of war that the US begins a general military build-up",
       evidence=("stueck-general-buildup", "stueck-unwanted-results")),
    _p("armistice_talks_chance", 0.4, 0.0, 1.0,
       "chance per month of stalemate that armistice talks open",
       assumption="talks from July 1951 (FACTS.md), months after the front settled"),
    _p("armistice_conclusion_chance", 0.3, 0.0, 1.0,
       "chance per month of talks that an armistice is signed, if Stalin does not block it",
       evidence=("armistice-after-stalins-death",)),
    # --- War submodel -----------------------------------------------------------
    _p("north_strength_1949", 1.4, 0.5, 3.0,
       "North Korean fighting power relative to the South's in September 1949",
       evidence=("stalin-north-not-strong-enough", "kim-knows-north-stronger"),
       assumption="FACTS.md puts the North at about 2:1 in men by June 1950"),
    _p("north_armament_rate", 0.06, 0.0, 0.5,
       "monthly growth of that ratio from Soviet deliveries before approval",
       evidence=("kim-persists",)),
    _p("north_armament_rate_approved", 0.15, 0.0, 0.5,
       "monthly growth after Stalin approves (he offers support)",
       evidence=("stalin-offers-support",)),
    _p("north_strength_cap", 2.4, 1.0, 5.0,
       "most the North's ratio can reach",
       assumption="FACTS.md: at least 2:1 in men and artillery, 6:1 in tanks"),
    _p("us_strength", 2.6, 0.0, 6.0,
       "US fighting power in Korea at full strength, relative to the South's army",
       assumption="FACTS.md: about 90,000 US troops by August, plus air supremacy"),
    _p("china_strength", 2.6, 0.0, 8.0,
       "Chinese fighting power in Korea, relative to the South's army",
       assumption="FACTS.md: about 200,000 men by late October 1950, few guns"),
    _p("air_cover_strength", 0.6, 0.0, 3.0,
       "added communist fighting power from Soviet air cover",
       assumption="offsets part of the US air supremacy"),
    _p("front_tempo", 0.6, 0.05, 2.0,
       "largest monthly movement of the front (share of the peninsula)",
       assumption="FACTS.md: Seoul in three days, the Pusan Perimeter in six weeks"),
    _p("front_noise", 0.03, 0.0, 0.3,
       "standard deviation of the front's monthly movement",
       assumption="chance in battle"),
    _p("supply_penalty", 0.4, 0.0, 1.0,
       "loss of fighting power at the far end of the peninsula from stretched supply",
       assumption="gives the Pusan and Yalu culminations; shape chosen for simplicity"),
    _p("south_losses", 1.0, 0.0, 5.0,
       "share of the South's strength lost per unit of peninsula given up in a month",
       assumption="FACTS.md: of 98,000 South Korean soldiers many were lost in the first "
                  "weeks; losing 20% of the peninsula costs 20% of the army here"),
    _p("north_attrition", 0.12, 0.0, 0.8,
       "monthly loss of North Korean strength while it fights the US",
       evidence=("us-air-supremacy",)),
    _p("incheon_cutoff", 0.35, 0.0, 1.0,
       "share of North Korean strength left after a landing cuts it off",
       evidence=("macarthur-incheon",),
       assumption="FACTS.md: 70,000 troops landed against 2,500; the KPA in the south collapsed"),
    _p("stalemate_band", 0.12, 0.0, 0.5,
       "distance from the 38th parallel within which a slow front counts as stalemate",
       assumption="the 1951-53 front ran near the parallel"),
]

MODEL_PARAMETERS: dict[str, Parameter] = {p.name: p for p in _MODEL}

STALIN_MOTIVE_PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in [
        _p("expects_us_intervention", 0.4, 0.0, 1.0,
           "Stalin's belief that the US would fight for the South, before any signal"),
        _p("values_us_entanglement", 0.4, 0.0, 1.0,
           "how far he counts a US war in Asia as a gain (1) rather than a cost (0)"),
        _p("risk_tolerance", 0.15, 0.0, 1.0,
           "the highest net risk of an unwanted US war he accepts when approving"),
        _p("required_superiority", 1.7, 1.0, 3.0,
           "North:South strength ratio he needs before the North is 'strong enough'"),
        _p("acheson_discount", 0.7, 0.0, 1.0,
           "factor by which the Acheson speech lowers his expectation of US intervention"),
        _p("veto_propensity", 0.1, 0.0, 1.0,
           "chance he sends the delegate back to veto when the invasion reaches the Council"),
        _p("china_pull", 0.2, 0.0, 1.0,
           "chance per month, once the US fights, that he presses Mao before any collapse"),
        _p("prolongs_war", 0.9, 0.0, 1.0,
           "chance per month, while alive, that he blocks an armistice"),
    ]
}
"""Each reading must give a prior for every one of these (checked when loaded)."""


def validate_override(name: str, value: object, where: str) -> float:
    """Return ``value`` as a float if ``name`` is a model parameter and value is in range.

    Raises ``InputError`` with a one-line message naming ``where`` otherwise.
    """
    from difflib import get_close_matches

    from korea1950.errors import InputError

    if name not in MODEL_PARAMETERS:
        close = get_close_matches(name, list(MODEL_PARAMETERS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise InputError(f"{where}: unknown parameter '{name}'{hint}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{where}: parameter '{name}' = {value!r}: expected a number")
    spec = MODEL_PARAMETERS[name]
    if not spec.low <= float(value) <= spec.high:
        raise InputError(
            f"{where}: parameter '{name}' = {value!r}: expected a number "
            f"between {spec.low:g} and {spec.high:g}"
        )
    return float(value)


def markdown_table() -> str:
    """The parameter table of docs/ODD.md, generated so the documentation cannot drift."""
    rows = ["| parameter | default | range | meaning | source |", "|---|---|---|---|---|"]
    for spec in MODEL_PARAMETERS.values():
        source = ", ".join(f"`{item}`" for item in spec.evidence)
        if spec.assumption:
            source = (source + "; " if source else "") + "**assumption:** " + spec.assumption
        rows.append(f"| `{spec.name}` | {spec.default:g} | {spec.low:g}–{spec.high:g} "
                    f"| {spec.meaning} | {source} |")
    return "\n".join(rows)
