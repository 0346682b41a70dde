"""How sure a hint is: a starting value for how the entry matched, then named steps up or down.

Every step is a rule a trainer can read, so a hint can say why it is 0.55 and not 0.90. Context that used to
be all-or-nothing can lower a hint instead of removing it, and a threshold (a setting of the service) decides
what is shown.
"""

from __future__ import annotations

BASE = {"phrases": 0.9, "tokens": 0.8, "dependency": 0.7}
"""A fixed phrase is the trainers' exact wording; a token pattern generalises over word forms and so reaches
sentences nobody checked; a dependency pattern also relies on the parse being right."""
DEFAULT_BASE = 0.8
"""A span whose pattern kind is unknown (a pipeline saved before patterns carried their kind)."""

FACTORS = {
    "owned step": -0.3,
    "way forward": -0.2,
    "our own team": -0.3,
    "reason given": -0.2,
    "remedy done": -0.3,
    "unresolved pronoun": -0.1,
    "hedged": -0.15,
    "corroborated": 0.1,
}
"""owned step: the entry says `owned_step: lowers` and the agent commits to a next step nearby.
way forward: a way forward is offered nearby ("you can download it again from your account", "we recommend
    setting up a new one"),
    where the rubric's deflection gives "no reason and no path".
our own team: a hand-off to a unit of ours with the way to reach it right there (a link, a number, an
    address; the entry says `own_team: lowers`): the brand keeps ownership, which docs/LABELLING.md calls
    borderline. Without the route it is the rubric's "reach out to our X team" and stays a hand-off.
reason given: a limit stated with its reason (the entry says `reason: lowers`): the rubric's borderline "a
    constraint stated flatly but with a real reason".
remedy done: the brand already did its part ("the refund was sent on the 3rd"), so pointing at the bank
    for their side is information, not a hand-off (the entry says `remedy_done: lowers`).
unresolved pronoun: the match's subject is "they"/"she" with nothing before it to refer to; we assumed the
    company side (the faceless "they" usually is, so this costs less than a hedge).
hedged: "may"/"might"/"perhaps" softens the match into a suggestion.
corroborated: another entry matched the same words."""

Step = list  # [name, value]: lists, not tuples, so a hint is the same after a JSON round trip


def score(kind: str | None, prior: float | None, factors: list[str]) -> tuple[float, list[Step]]:
    """The confidence in [0, 1] (two decimals) and the steps that made it, starting value first."""
    if prior is not None:
        steps: list[Step] = [["entry prior", prior]]
    else:
        steps = [[kind or "match", BASE.get(kind or "", DEFAULT_BASE)]]
    steps += [[name, FACTORS[name]] for name in dict.fromkeys(factors)]
    value = sum(step[1] for step in steps)
    return round(min(1.0, max(0.0, value)), 2), steps


def explain(steps: list[Step]) -> str:
    """'phrases 0.90, owned step -0.30'."""
    first, *rest = steps
    return ", ".join([f"{first[0]} {first[1]:.2f}", *(f"{name} {value:+.2f}" for name, value in rest)])
