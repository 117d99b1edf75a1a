"""The glossary at the end of the report: every term and every outcome the report shows.

Why: a teacher hands the report to students who have not read the model's
documentation; each outcome label in a table ("UN Security Council authorises
force") and each term ("Bayes factor", "prior family") is explained once, here,
from the one table of labels (``korea1950.inputs.labels``) and the events'
descriptions (``labels.event_description``: the events' own, or a fuller definition
where the event's only repeats its label, as "fighting ends" would).
"""

from korea1950.inputs.labels import GLOSSARY, event_description, outcome_label
from korea1950.reporting.study.context import StudyContext
from korea1950.running.summary import OUTCOMES, TIMINGS

ORDER = 90
TITLE = "Glossary"


def shown_outcomes() -> list[str]:
    """Every outcome in the tables and every event whose timing is reported, in table order."""
    return list(dict.fromkeys([*OUTCOMES, *TIMINGS.values()]))


def build(context: StudyContext) -> str:
    """Markdown: the terms, then the outcomes with what each means."""
    terms = [f"- **{term[:1].upper()}{term[1:]}**: {meaning}"
             for term, meaning in GLOSSARY.items()]
    outcomes = []
    for name in shown_outcomes():
        label = outcome_label(name)
        outcomes.append(f"- **{label[:1].upper()}{label[1:]}**: {event_description(name)}.")
    readings = [f"- **{context.reading_label(r.name)}**: {r.title}."
                for r in context.comparison.readings]
    return "\n".join([f"## {TITLE}", "", "### Terms", "", *terms, "", "### Readings", "",
                      *readings, "", "### Outcomes and events", "",
                      "Each is counted in a world if it happened at least once before December "
                      "1956; timings are over the worlds where it happened.", "",
                      *outcomes]) + "\n"
