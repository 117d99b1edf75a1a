"""South Korea (Syngman Rhee): the wish to march north, the border war, no divided peace.

Each month, in this order: weigh a first strike (his wish to march north, held
back by the US); clash with the North along the 38th parallel while at peace;
in armistice talks, resist an armistice that leaves Korea divided until the US
presses him.

Why first in the month: his first strike used to be the model's scheduled
draw, taken before any actor moved; South Korea steps where that draw was,
so the first strike keeps its place in the random stream. The clashes are
drawn after it (and not at all when ``rhee_clash_chance`` is 0). His consent
to an armistice reaches the US as a message (``rhee_accepts_armistice``); the
US's pressure reaches him as the event ``us_presses_rhee``, which it records
later in the month, so he answers it from the next month on.
"""

import numpy as np

from korea1950.simulation.agents.base import Actor
from korea1950.simulation.agents.rules import Decision, rule


class SouthKorea(Actor):
    """Syngman Rhee, President of the Republic of Korea, and his forces."""

    PER_WORLD = ("clashes",)

    def __init__(self, model) -> None:
        super().__init__(model)
        self.clashes = np.zeros(model.replicates, dtype=np.int32)
        """Per world, how many months of peace have seen a clash along the parallel."""

    def step(self) -> None:
        """Rhee's month: weigh a first strike, clash at the parallel, resist a divided peace."""
        self.march_north()
        self.raid_across_parallel()
        self.resist_armistice()

    @rule(title="weighs marching north (a first strike)",
          evidence=("rhee-must-be-aggressor", "kim-knows-north-stronger",
                    "kim-fears-losing-support-if-waiting", "stalin-feared-southern-aggression"),
          assumption="US restraint, not the documents: Muccio's warning to Rhee after the "
                     "Kaesong clash (FRUS 1949 vol. VII pt. 2 doc. 242, 7 May 1949); his wish "
                     "to strike in his letter to Robert Oliver of 30 September 1949 (Wilson "
                     "Center, captured document)",
          reads=("rhee_attack_chance", "rhee_unrestrained_attack_chance", "us_restrains_rhee"),
          outcome="strikes", records="rhee_attacks")
    def march_north(self) -> Decision:
        """Attack across the parallel first: a wish to march north, rarely acted on.

        Source: Stalin allowed Kim only a counterattack - "Syngmann Rhee would
        have to have been the aggressor" (rhee-must-be-aggressor) - having
        "feared some form of aggression from the people of the South"
        (stalin-feared-southern-aggression); but Kim "knew his forces were
        stronger than Rhee's, so an attack from Rhee was not likely"
        (kim-knows-north-stronger) and would not "wait for Rhee to attack"
        (kim-fears-losing-support-if-waiting). Beyond the documents: Rhee wrote
        to Robert Oliver on 30 September 1949 that it was the psychologically
        best moment for aggressive steps against the North (letter captured in
        Seoul, Soviet translation, Wilson Center Digital Archive), and the US
        held him back (Muccio to Rhee, 7 May 1949, FRUS 1949 vol. VII pt. 2
        doc. 242).

        Choice: at peace, a first strike with ``rhee_attack_chance`` a month
        while the US restrains him (``us_restrains_rhee`` = 1, the record) and
        ``rhee_unrestrained_attack_chance`` if it does not. Kim's attack rule
        answers it with a counterattack. One draw over the worlds at peace, in
        the place in the month's random stream where the scheduled first strike
        was drawn before South Korea became an actor.
        """
        world = self.world
        restrained = self.switch("us_restrains_rhee")
        held_back = self.param("rhee_attack_chance")
        unchecked = self.param("rhee_unrestrained_attack_chance")
        chance = held_back if restrained else unchecked
        peace = world.at_peace
        strike = self.chance(chance, among=peace)
        return Decision(strike, peace, {"us_restrains": restrained, "chance": chance},
                        told=strike)

    @rule(title="clashes with the North along the parallel",
          evidence=("stalin-feared-southern-aggression", "stalin-counterattack-only"),
          assumption="the rate is archival: 37 incidents on the parallel from 1 January to "
                     "15 April 1949 put on the South by the Soviet General Staff (Shtemenko "
                     "and Vasilevsky to Stalin, 20 April 1949, APRF f.3 op.1 d.839); large "
                     "clashes at Kaesong in May and Ongjin in August 1949 (FRUS 1949 vol. VII "
                     "pt. 2 doc. 242; Cumings 2010)",
          reads=("rhee_clash_chance",), outcome="clashes", records="border_clash")
    def raid_across_parallel(self) -> Decision:
        """Raid and clash along the 38th parallel while there is no war.

        Source: Stalin "had feared some form of aggression from the people of
        the South" and told Kim to "wait for the time for a counterattack"
        (stalin-feared-southern-aggression, stalin-counterattack-only). Beyond
        the documents: a Soviet General Staff report counted 37 violations of
        the parallel from 1 January to 15 April 1949, all put on the South
        (Shtemenko and Vasilevsky to Stalin, 20 April 1949, APRF f.3 op.1 d.839
        ll.13-14); an ROK unit went about 4 km north near Kaesong on 6 May 1949
        (FRUS 1949 vol. VII pt. 2 doc. 242) and two ROK companies were destroyed
        at Ongjin on 4 August 1949 (Cumings 2010).

        Choice: a clash large enough to reach the capitals comes with
        ``rhee_clash_chance`` in each month of peace (about one a quarter in
        1949); none during or after the war. The event ``border_clash`` records
        the first; ``clashes`` counts them. Drawn after the first strike, and
        not drawn at all at a chance of 0, so switching the rule off leaves the
        rest of the random stream as it was. A clash is not a first strike:
        the fighting was two-sided and neither capital treated it as the war.
        """
        world = self.world
        chance = self.param("rhee_clash_chance")
        peace = world.at_peace
        clash = self.chance(chance, among=peace) if chance > 0 else np.zeros_like(peace)
        self.clashes += clash
        return Decision(clash, peace, {"clashes_so_far": self.clashes.copy()}, told=clash)

    @rule(title="weighs an armistice that leaves Korea divided",
          assumption="Rhee's resistance is archival, not in the documents: he opposed the "
                     "cease-fire in July 1951 (FRUS 1951 vol. VII pt. 1 doc. 413), asked a "
                     "defence pact as his price (6 June 1953) and released about 25,000 "
                     "prisoners on 18 June 1953 (FRUS 1952-54 vol. XV pt. 2 doc. 606); the "
                     "armistice followed on 27 July 1953",
          reads=("rhee_accepts_armistice_chance",), outcome="accepts",
          records="rhee_accepts_armistice", sends="rhee_accepts_armistice")
    def resist_armistice(self) -> Decision:
        """Refuse an armistice that leaves Korea divided, until the US presses him.

        Source: beyond the documents. Rhee and his officials opposed the 1951
        cease-fire, fearing a return to 1945-50 and abandonment (Muccio, 7 July
        1951, FRUS 1951 vol. VII pt. 1 doc. 413); on 6 June 1953 he named a
        mutual defence pact and a continued ROK build-up as his conditions; on
        18 June 1953 he had about 25,000 anti-communist prisoners released from
        UN camps the day the text was finished (FRUS 1952-54 vol. XV pt. 2 doc.
        606); pressed by the US and promised the pact, he let the armistice be
        signed on 27 July 1953 without signing it himself.

        Choice: any armistice leaves Korea divided (a war that unifies it ends
        otherwise), so in talks he refuses until the US has pressed him (the
        event ``us_presses_rhee``, recorded by the US's armistice rule in an
        earlier month); pressed, he gives way with
        ``rhee_accepts_armistice_chance`` a month (about six weeks on average,
        as from the prisoners' release to the signing). Once he has given way
        he does not take it back: his consent is sent to the US each month
        (``rhee_accepts_armistice``).
        """
        world = self.world
        talking = world.at_war & world.happened("armistice_talks")
        pressed = talking & world.happened_before("us_presses_rhee")
        consented = talking & world.happened("rhee_accepts_armistice")
        undecided = pressed & ~consented
        gives_way = self.chance(self.param("rhee_accepts_armistice_chance"), among=undecided)
        return Decision(consented | gives_way, undecided,
                        {"pressed_by_us": pressed, "accepted_before": consented},
                        told=undecided)
