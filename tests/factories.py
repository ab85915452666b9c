"""Factories that build state the way users do: through the operations."""
from datetime import date, timedelta

import pyotp

from gezinsaanpak.auth.operations import create_user, find_or_create_team
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Neighbourhood
from gezinsaanpak.extensions import db
from tests.helpers import PASSWORD, TODAY


class World:
    """A municipality in miniature: two teams, their coaches and team leads, an administrator and a policy
    officer."""

    def __init__(self):
        self.team_a = find_or_create_team("Team Noord")
        self.team_b = find_or_create_team("Team Zuid")
        self.coach = create_user(None, "coach@example.nl", "Anna Coach", "coach", PASSWORD, self.team_a)
        self.colleague = create_user(None, "colleague@example.nl", "Bert Collega", "coach", PASSWORD, self.team_a)
        self.other_coach = create_user(None, "other@example.nl", "Chris Anders", "coach", PASSWORD, self.team_b)
        self.teamlead = create_user(None, "lead@example.nl", "Dana Teamleider", "teamlead", PASSWORD, self.team_a)
        self.other_teamlead = create_user(None, "lead2@example.nl", "Eva Teamleider", "teamlead", PASSWORD,
                                          self.team_b)
        self.admin = create_user(None, "admin@example.nl", "Fay Beheer", "admin", PASSWORD)
        self.admin.totp_secret = pyotp.random_base32()  # administrators must use two-step verification
        self.policy = create_user(None, "policy@example.nl", "Gert Beleid", "policy", PASSWORD)
        db.session.commit()

    def by_role(self, name):
        return getattr(self, name)


def neighbourhood(name="Tarwewijk", district=None) -> Neighbourhood:
    """An entry of the administrator's neighbourhood list (made when missing)."""
    entry = Neighbourhood.query.filter_by(name=name).one_or_none()
    if entry is None:
        entry = Neighbourhood(name=name, district=district)
        db.session.add(entry)
        db.session.flush()
    return entry


def make_household(coach, registered=True, pseudonym="Familie Tulp, Tarwewijk", children=2, registered_on=None,
                   **extra):
    """A household the way a coach builds one: contact track first, then registration with consent."""
    registered_on = registered_on or TODAY - timedelta(days=30)
    household = cases.open_contact_track(coach, pseudonym, "school", neighbourhood(extra.get("area", "Tarwewijk")).id,
                                         opened_on=registered_on - timedelta(days=30))
    if registered:
        members = [{"first_name": "Samira", "role": "parent", "date_of_birth": date(1988, 3, 14)}]
        members += [{"first_name": f"Kind{i}", "role": "child", "date_of_birth": date(2015 + i, 6, 1)}
                    for i in range(children)]
        cases.register_household(coach, household, registered_on, "Registratie en overleg met school", members,
                                 extra.get("income", "working"), registered_on=registered_on)
    db.session.commit()
    return household
