"""Shared setup for the referrals unit tests: the shipped fund catalogue and a child of a chosen age."""
from datetime import date

from sqlalchemy import select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import funds as catalogue
from gezinsaanpak.referrals.models import Fund


def funds() -> dict:
    """The shipped catalogue, loaded as a deployment does, by code."""
    load_catalogue("funds")
    return {fund.code: fund for fund in db.session.scalars(select(Fund))}


def set_yearly(admin, fund, yearly=True):
    """What the administrator does on the fund's form: switch yearly renewal on (or off) for this municipality."""
    values = {key: getattr(fund, key) for key in catalogue.EDITABLE}
    return catalogue.update_fund(admin, fund, **{**values, "is_yearly": yearly})


def born(years_ago: int, birthday_in_days: int, on: date) -> date:
    """A date of birth: `years_ago` years old on `on`, with the next birthday `birthday_in_days` later."""
    from datetime import timedelta
    birthday = on + timedelta(days=birthday_in_days)
    return birthday.replace(year=birthday.year - years_ago - 1)


def add_child(coach, household, name, date_of_birth, school=None):
    return cases.add_member(coach, household, name, "child", date_of_birth, school)
