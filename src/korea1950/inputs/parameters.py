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
    kind: str = ""
    """For Stalin's parameters: "goal", "belief" or "observation" (how he writes letters)."""
    shared: bool = False
    """For Stalin's parameters: True if neither historian speaks to it (every reading agrees)."""


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
    # --- Stalin: the calendar and the terms of his shared decision rule -----------
    # What he wants and believes is drawn per world from the readings' priors
    # (STALIN_MOTIVE_PARAMETERS below); these numbers are the same under every reading.
    _p("stalin_reconsider_lag", 3, 0, 12,
       "months after the Communist victory in China before China counts as a settled ally",
       evidence=("ccp-victory-changed-stalins-mind", "stalin-changes-tune"),
       assumption="calibrated on the record fact 'stalin-approves-early-1950' (use = "
                  "calibration): the victory came in October 1949 and Stalin changed his tune "
                  "in January 1950, while Mao was in Moscow negotiating the alliance"),
    _p("stalin_boycott_lag", 3, 0, 12,
       "months after the Communist victory before the Council's seat question comes to a head",
       evidence=("soviet-withdrawal-january-1950",),
       assumption="calibrated on the record fact 'soviet-boycott-january-1950' (the Council's "
                  "calendar, use = calibration)"),
    _p("stalin_return_months", 1, 0, 12,
       "months of US fighting after which the Council's flag serves as the US's 'smokescreen'",
       evidence=("stueck-return-in-august", "gottwald-returned-to-expose"),
       assumption="calibrated on the record fact 'soviet-return-august-1950' (use = "
                  "calibration)"),
    _p("stalin_decision_noise", 0.1, 0.01, 1.0,
       "spread of Stalin's stances around his best option (logit scale, in units of his goals)",
       assumption="one value for every choice and every reading: across worlds, a net gain of "
                  "0.1 (a tenth of a goal's weight) turns into the act in 73% of them; each "
                  "world's stance on a question is drawn once, not every month; not in the "
                  "documents"),
    _p("stalin_patience", 0.8, 0.0, 1.0,
       "share of the best foreseeable moment's gain that waiting for it is worth to him",
       evidence=("ccp-victory-changed-stalins-mind",),
       assumption="calibrated on 'stalin-approves-early-1950' (use = calibration): he waited "
                  "while the moment could still improve - China's victory, the North's "
                  "rearmament - and approved when it came close to the best he foresaw"),
    _p("stalin_quick_win_width", 0.1, 0.01, 1.0,
       "how sharply his belief in a quick victory rises as the North passes the ratio he needs",
       assumption="a logistic curve around required_superiority; the documents give only "
                  "'not strong enough' in 1949"),
    _p("stalin_no_china_factor", 0.2, 0.0, 1.0,
       "his chance of a quick victory without a settled communist China, relative to with one",
       evidence=("stalin-china-needed",),
       assumption="'only possible with the intervention of China' read as a fifth of the chance"),
    _p("stalin_win_against_us", 0.3, 0.0, 1.0,
       "his chance that the North still unifies Korea if the US fights",
       assumption="not in the documents; a US war makes unification unlikely but not hopeless "
                  "with China as 'counterweight'"),
    _p("stalin_short_war_factor", 0.1, 0.0, 1.0,
       "how far a US war in Korea without China able to join ties the US down, relative to with "
       "it",
       evidence=("dkim-china-envisioned-from-start",),
       assumption="without China the US would win quickly, its prestige intact, and stay free; "
                  "the value is ours"),
    _p("stalin_pacific_diversion", 0.3, 0.0, 1.0,
       "how far a US response in the western Pacific alone (no war in Korea) ties the US down",
       evidence=("stueck-anticipated-pacific-response",),
       assumption="Taiwan, Indochina and Japan divert less than a war; the share is ours"),
    _p("stalin_legitimacy_value", 0.3, 0.0, 1.0,
       "what denying the Council's decisions legitimacy is worth to him",
       evidence=("gottwald-illegitimate",),
       assumption="the letter's third reason: his absence already renders the Council's "
                  "decisions illegitimate, so this counts only for a seated delegate, whose "
                  "veto is the way to deny them; the size is ours"),
    _p("stalin_expose_value", 0.5, 0.0, 1.0,
       "what a seat at the Council is worth to him once the US fights under its flag",
       evidence=("gottwald-returned-to-expose",),
       assumption="larger than the boycott's solidarity value at its prior mean (0.3), so that "
                  "most worlds' Stalin returns once the US fights; the size is ours"),
    _p("stalin_troops_rescue", 0.8, 0.0, 1.0,
       "how far fresh troops (Chinese, or his own) would restore a collapsing North, in his eyes",
       assumption="not in the documents (that he 'ran to Mao' is a test fact of the record, so "
                  "it is not cited here); the figure is ours"),
    _p("stalin_air_cover_help", 0.2, 0.0, 1.0,
       "how much Soviet air cover adds to the communist side's prospects, in his eyes",
       assumption="Soviet air cover is outside the documents"),
    _p("stalin_air_cover_clash_risk", 0.15, 0.0, 1.0,
       "his chance that Soviet air cover brings a direct clash with the US",
       assumption="Soviet pilots over Korea risk a clash; outside the documents"),
    _p("stalin_ground_troops_clash_risk", 1.0, 0.0, 1.0,
       "his chance that Soviet ground troops in Korea bring a direct clash with the US",
       assumption="near-certain: Soviet and US soldiers would meet in battle; not in the "
                  "documents"),
    _p("stalin_buildup_sustained", 0.5, 0.0, 1.0,
       "how much of a US build-up in Europe, once begun, each further month of war sustains",
       evidence=("stueck-general-buildup",),
       assumption="the build-up would go on in part without the war; half is our choice"),
    _p("stalin_monthly_clash_risk", 0.01, 0.0, 0.2,
       "his chance per month of a stalemated war with the US that it becomes a direct clash",
       assumption="not in the documents; small"),
    _p("stalin_desperate_front", 0.15, 0.0, 0.5,
       "share of the peninsula below which he considers sending his own ground troops",
       assumption="only in extremity, with China out; the threshold is ours"),
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

def _stalin(name: str, kind: str, shared: bool, default: float, meaning: str,
            low: float = 0.0, high: float = 1.0) -> Parameter:
    return Parameter(name, default, low, high, meaning, kind=kind, shared=shared)


STALIN_MOTIVE_PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in [
        # Goals: the weight he puts on each consequence (a gain, or for a fear a cost).
        _stalin("values_unified_korea", "goal", False, 0.6,
                "how much he values Korea unified under the North"),
        _stalin("values_us_tied_down", "goal", False, 0.6,
                "how much he values the US tied down in Asia, away from Europe"),
        _stalin("values_china_against_us", "goal", False, 0.5,
                "how much he values China at odds with the US and dependent on Moscow"),
        _stalin("values_boycott_solidarity", "goal", True, 0.3,
                "what staying away from the Council over China's seat is worth to him"),
        _stalin("fears_direct_clash", "goal", True, 0.8,
                "how much he fears a direct military clash with the US"),
        _stalin("fears_europe_buildup", "goal", True, 0.6,
                "how much he fears a US and NATO military build-up in Europe"),
        _stalin("war_burden", "goal", True, 0.3,
                "what a month of stalemated war costs him (supplies, risk, China's demands)"),
        _stalin("cost_of_asking_mao", "goal", True, 0.4,
                "what asking Mao for troops costs him (a debt to Beijing, weakness shown)"),
        # Beliefs: what he expects his choices to bring about.
        _stalin("expects_us_to_fight", "belief", False, 0.4,
                "his belief that the US would fight for the South, before any signal"),
        _stalin("un_flag_effect", "belief", False, 0.3,
                "how far a Council authorisation (his absence) raises Washington's will to fight"),
        _stalin("acheson_effect", "belief", True, 0.7,
                "factor by which Acheson's speech scales his expectation that the US fights"),
        _stalin("required_superiority", "belief", True, 1.65,
                "North:South strength ratio at which he believes a quick victory likely",
                low=1.0, high=3.0),
        _stalin("war_ties_us_down", "belief", False, 0.5,
                "how far a US war in Korea, beyond a Pacific response, ties the US down in Asia"),
        _stalin("expects_china_to_join", "belief", False, 0.6,
                "his belief that China would send troops if the US fought"),
        _stalin("north_lost_if_us_fights", "belief", True, 0.5,
                "his belief that a US war would cost him the North, China not joining"),
        _stalin("expects_clash_if_us_fights", "belief", True, 0.1,
                "his belief that a US war in Korea brings a direct Soviet-US clash"),
        _stalin("expects_clash_if_he_returns", "belief", False, 0.1,
                "his belief that coming back to the Council to veto risks a direct clash"),
        _stalin("expects_europe_buildup", "belief", True, 0.25,
                "his belief that a US war in Korea brings a US build-up in Europe"),
        # How his letters to allies relate to what he thought (the Gottwald letter).
        _stalin("letter_candour", "observation", False, 0.5,
                "how far a letter to an ally renders his calculations rather than reassures"),
        _stalin("reassurance_rate", "observation", False, 0.6,
                "how likely a letter reassuring a nervous ally claims every goal achieved"),
    ]
}
"""Stalin's goals and beliefs: each reading gives a prior for every one (checked when loaded).

A reading may not set how often he vetoes or how long he prolongs the war: his
acts follow from these through one decision rule (``agents/stalin_calculus.py``).
``shared`` marks what neither historian speaks to; the bundled readings give
those the same prior (a test checks it)."""


def validate_override(name: str, value: object, where: str) -> float:
    """Return ``value`` as a float if ``name`` is a model parameter and value is in range.

    Raises ``InputError`` with a one-line message naming ``where`` otherwise.
    """
    from korea1950.inputs.errors import InputError, did_you_mean, shown

    if name not in MODEL_PARAMETERS:
        raise InputError(f"{where}: unknown parameter {shown(name)}"
                         f"{did_you_mean(name, list(MODEL_PARAMETERS))}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{where}: parameter '{name}' = {shown(value)}: expected a number")
    spec = MODEL_PARAMETERS[name]
    if not spec.low <= float(value) <= spec.high:
        raise InputError(
            f"{where}: parameter '{name}' = {shown(value)}: expected a number "
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
