"""Amounts are typed the way people write them at a kitchen table, and stored in cents."""
import pytest

from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.referrals.operations import parse_amount
from gezinsaanpak.timeutil import add_months


@pytest.mark.parametrize("typed, cents", [
    ("125,50", 12550), ("125.50", 12550), ("125", 12500), ("€ 125,5", 12550), ("1.250,00", 125000),
    ("1,250.00", 125000), ("1.250", 125000), ("0,99", 99), ("75,-", 7500), ("", None), ("   ", None), ("€", None),
])
def test_amounts_in_euros_become_cents(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize("typed", ["twaalf", "12,345", "-5", "12,3,4", "1.2.3"])
def test_what_is_not_an_amount_is_refused_with_an_example(typed):
    with pytest.raises(InvalidInput) as error:
        parse_amount(typed)
    assert "125,50" in str(error.value) and error.value.field == "amount"


def test_an_amount_above_the_limit_is_refused():
    with pytest.raises(InvalidInput):
        parse_amount("1.000.000")


def test_months_are_added_to_the_end_of_shorter_months():
    from datetime import date
    assert add_months(date(2026, 3, 10), 11) == date(2027, 2, 10)
    assert add_months(date(2026, 3, 31), 11) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
