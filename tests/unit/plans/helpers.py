"""Scores as the assessment form sends them, for the plans tests."""
from gezinsaanpak.plans.assessments import benchmarks_of


def steps(domains, **by_code):
    """{domain id: {"value": step}} from keyword arguments such as debts=2 (bridge.debts)."""
    return {domains[f"bridge.{code}"].id: {"value": str(step)} for code, step in by_code.items()}


def colours(domains, band="by_11", **by_code):
    """Every benchmark of the band in a domain the same colour, from keyword arguments such as
    social_emotional="orange": {domain id: {"benchmarks": {benchmark id: colour}}}."""
    return {domains[f"child.{code}"].id: {"benchmarks": {b.id: colour for b in benchmarks_of(band)
                                                         if b.domain_id == domains[f"child.{code}"].id}}
            for code, colour in by_code.items()}
