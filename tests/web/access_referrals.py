"""Identifiers of the referrals area, for the access walk in test_access.py."""
from sqlalchemy import select

from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations
from gezinsaanpak.referrals.models import Fund


def _referral(household, actor):
    fund = db.session.scalar(select(Fund).where(Fund.code == "access_walk"))
    if fund is None:
        fund = Fund(code="access_walk", name="Stichting Toegang", provides_nl="Test", provides_en="Test")
        db.session.add(fund)
        db.session.flush()
    child = next((m for m in household.members if m.role == "child"), None)
    referral = operations.create_referral(actor, household, "Lidmaatschap van de voetbalclub", fund_id=fund.id,
                                          member_id=child.id if child else None)
    db.session.flush()
    return referral.id


FACTORIES = {"referral_id": _referral}
