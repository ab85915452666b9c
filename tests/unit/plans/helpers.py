"""Scores as the assessment form sends them, for the plans tests."""


def steps(domains, **by_code):
    """{domain id: {"value": step}} from keyword arguments such as debts=2 (bridge.debts)."""
    return {domains[f"bridge.{code}"].id: {"value": str(step)} for code, step in by_code.items()}


def colours(domains, **by_code):
    """{domain id: {"value": colour}} from keyword arguments such as social_emotional="orange"."""
    return {domains[f"child.{code}"].id: {"value": colour} for code, colour in by_code.items()}
