"""The vocabulary of what happens: every event the model records and every message it passes.

Why in the inputs layer: the record's facts, the scenarios' outcomes and the
reports name events; they must be able to check a name without importing the
simulation that records it.
"""

EVENTS: dict[str, str] = {
    "ccp_victory": "the Communists' victory in China is complete",
    "acheson_speech": "Acheson leaves Korea outside the US defensive perimeter",
    "soviet_boycott": "the Soviet delegate leaves the Security Council",
    "kim_proposes_ongjin": "Kim asks to seize the Ongjin peninsula, a partial operation "
                           "(the first such request in the world)",
    "kim_asks_for_general_offensive": "Kim asks for the go-ahead to a general offensive "
                                      "(the first such request in the world)",
    "stalin_advises_waiting": "Stalin refuses Kim's request and advises him to wait",
    "stalin_invites_kim": "Stalin agrees in principle and invites Kim to Moscow to talk",
    "kim_in_moscow": "Kim holds talks with Stalin in Moscow",
    "stalin_approves": "Stalin approves Kim's plan (on condition of Mao's consent)",
    "kim_visits_mao": "Kim visits Mao to put the plan Stalin approved to him",
    "mao_consents": "Mao consents to Kim's plan",
    "attack_plan_ready": "the North's operational plan for the attack is ready",
    "border_clash": "the South's forces clash with the North's along the 38th parallel "
                    "(the first such clash in the world)",
    "rhee_attacks": "Rhee's forces attack across the parallel first",
    "ongjin_operation": "the North launches a limited operation on the Ongjin peninsula",
    "invasion": "the North launches a general invasion of the South (counted also where it "
                "answers a first strike by Rhee, as a counterattack: 'Rhee attacks first' "
                "tells the two apart)",
    "soviet_veto": "a Soviet delegate vetoes UN action on Korea",
    "un_authorization": "the Security Council authorises UN action for the South",
    "us_intervention": "US forces fight for the South",
    "un_unified_command": "the Security Council puts the forces aiding the South under a "
                          "unified command led by the US",
    "kim_requests_aid": "Kim, losing, asks Stalin for aid",
    "stalin_presses_china": "Stalin presses Mao to send troops",
    "soviet_return": "the Soviet delegate returns to the Security Council",
    "gottwald_letter": "Stalin tells an ally that staying away from the Council achieved all "
                       "its goals (the Gottwald letter)",
    "us_europe_buildup": "the US begins a general military build-up (Europe included)",
    "incheon_landing": "a US amphibious landing behind the North's lines",
    "un_crosses_38th": "UN forces cross the 38th parallel northward",
    "china_intervention": "Chinese troops enter the war",
    "soviet_air_cover": "Soviet aircraft cover the communist forces",
    "soviet_ground_troops": "Soviet ground troops enter the war",
    "armistice_talks": "armistice talks open",
    "mao_accepts_terms": "Mao accepts armistice terms (the prisoners' question settled)",
    "kim_accepts_terms": "Kim, fighting without China, accepts armistice terms",
    "us_presses_rhee": "the US presses Rhee to accept an armistice that leaves Korea divided",
    "rhee_accepts_armistice": "Rhee, pressed, stops resisting an armistice that leaves Korea "
                              "divided",
    "stalin_death": "Stalin dies",
    "armistice": "an armistice ends the fighting",
    "north_unifies": "the North conquers the whole peninsula",
    "south_unifies": "the South (with the UN) conquers the whole peninsula",
    "limited_war_ends": "a limited operation ends without a general war",
    "war_start": "fighting begins",
    "war_end": "fighting ends",
}
"""Every event the model records, with a reader's description."""

MESSAGES: dict[str, str] = {
    "kim_asks_stalin": "Kim asks Stalin for the go-ahead to attack",
    "kim_asks_mao": "Kim asks Mao for the go-ahead (in person once Stalin has approved, "
                    "else because he cannot reach Stalin)",
    "kim_asks_for_aid": "Kim, losing, asks Stalin for aid",
    "stalin_tells_kim_to_wait": "Stalin refuses Kim; Kim reads the answer the next month",
    "stalin_urges_mao": "Stalin, having approved, asks Mao to agree to Kim's plan",
    "stalin_presses_china": "Stalin presses Mao to send troops",
    "stalin_promises_air_cover": "Stalin, pressing Mao, promises that Soviet aircraft will "
                                 "cover Chinese troops",
    "stalin_allows_armistice": "Stalin lets the communist side sign an armistice",
    "mao_accepts_armistice": "Mao stands by the armistice terms he has accepted",
    "kim_accepts_armistice": "Kim, fighting without China, stands by the terms he has accepted",
    "soviet_seated": "the Soviet delegate sits at the Security Council this month",
    "rhee_accepts_armistice": "Rhee no longer resists an armistice that leaves Korea divided",
}
"""What one actor asks of or grants another, read by the other in the same month.

Why in the world and not on the actors: an actor learns of a request the way
it learns of an event, from the shared state, so no rule reads another actor's
attributes. Messages are not events: they are repeated each month they hold
and are not tallied.
"""
