"""An administrator never knows a working password: accounts get a one-time activation code, the owner chooses the
password; no one changes their own role or team; every account change is logged for the team lead to see."""
from datetime import timedelta

import pytest

from gezinsaanpak.admin.operations import change_role, invite_user, reset_password
from gezinsaanpak.auth import activation
from gezinsaanpak.auth.changes import team_changes
from gezinsaanpak.auth.models import password_matches
from gezinsaanpak.auth.operations import set_active
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.timeutil import utcnow

NEW_PASSWORD = "mijn eigen lange zin"


def test_a_new_account_has_no_password_until_its_owner_chooses_one(world):
    user, code = invite_user(world.admin, "nieuw@example.nl", "Nina Nieuw", "teamlead", world.team_a)
    assert user.awaits_activation and not password_matches(user, code)
    assert user.activation_code_hash != code and code.replace("-", "") not in user.activation_code_hash
    assert abs(user.activation_expires_at - (utcnow() + timedelta(hours=72))) < timedelta(minutes=1)
    activated = activation.activate(" Nieuw@Example.nl ", code.lower().replace("-", " "), NEW_PASSWORD)
    assert activated is user and password_matches(user, NEW_PASSWORD) and not user.awaits_activation


def test_a_code_works_once(world):
    user, code = invite_user(world.admin, "nieuw@example.nl", "Nina Nieuw", "coach", world.team_a)
    activation.activate(user.email, code, NEW_PASSWORD)
    with pytest.raises(InvalidInput):
        activation.activate(user.email, code, "een ander wachtwoord van de beheerder")
    assert password_matches(user, NEW_PASSWORD)


def test_a_wrong_code_or_another_account_s_code_is_refused_and_the_right_one_still_works(world):
    user, code = invite_user(world.admin, "nieuw@example.nl", "Nina Nieuw", "coach", world.team_a)
    other, other_code = invite_user(world.admin, "ander@example.nl", "Otto Ander", "coach", world.team_a)
    for email, typed in ((user.email, "AAAA-BBBB-CCCC-DDDD"), (user.email, other_code), ("niemand@example.nl", code),
                         (user.email, "")):
        with pytest.raises(InvalidInput) as refused:
            activation.activate(email, typed, NEW_PASSWORD)
        assert refused.value.field == "code"
    assert activation.activate(user.email, code, NEW_PASSWORD) is user


def test_a_code_expires_after_72_hours(world, monkeypatch):
    user, code = invite_user(world.admin, "nieuw@example.nl", "Nina Nieuw", "coach", world.team_a)
    issued = utcnow()
    monkeypatch.setattr(activation, "utcnow", lambda: issued + timedelta(hours=72, minutes=1))
    with pytest.raises(InvalidInput) as refused:
        activation.activate(user.email, code, NEW_PASSWORD)
    assert str(refused.value) == str(activation._("This activation code has expired. Ask your administrator for a "
                                                  "new one."))
    monkeypatch.setattr(activation, "utcnow", lambda: issued + timedelta(hours=71, minutes=59))
    assert activation.activate(user.email, code, NEW_PASSWORD) is user


def test_a_short_password_is_refused_and_the_code_is_kept(world):
    user, code = invite_user(world.admin, "nieuw@example.nl", "Nina Nieuw", "coach", world.team_a)
    with pytest.raises(InvalidInput) as refused:
        activation.activate(user.email, code, "kort")
    assert refused.value.field == "new" and user.awaits_activation
    activation.activate(user.email, code, NEW_PASSWORD)


def test_a_reset_ends_the_password_and_gives_a_new_code(world):
    code = reset_password(world.admin, world.coach)
    assert not password_matches(world.coach, "correct horse battery staple")
    activation.activate(world.coach.email, code, NEW_PASSWORD)
    assert password_matches(world.coach, NEW_PASSWORD)


def test_a_new_code_replaces_the_one_before(world):
    user, first = invite_user(world.admin, "nieuw@example.nl", "Nina Nieuw", "coach", world.team_a)
    second = reset_password(world.admin, user)
    with pytest.raises(InvalidInput):
        activation.activate(user.email, first, NEW_PASSWORD)
    activation.activate(user.email, second, NEW_PASSWORD)


def test_no_one_changes_their_own_role_team_password_or_account(world):
    with pytest.raises(InvalidInput):
        change_role(world.admin, world.admin, "teamlead", world.team_a)
    with pytest.raises(InvalidInput):
        reset_password(world.admin, world.admin)
    with pytest.raises(InvalidInput):
        set_active(world.admin, world.admin, False)
    assert (world.admin.role, world.admin.team_id, world.admin.active) == ("admin", None, True)


def test_only_an_administrator_invites_resets_or_changes_roles(world):
    with pytest.raises(PermissionDenied):
        invite_user(world.teamlead, "nieuw@example.nl", "Nina Nieuw", "coach", world.team_a)
    with pytest.raises(PermissionDenied):
        reset_password(world.teamlead, world.coach)
    with pytest.raises(PermissionDenied):
        change_role(world.teamlead, world.colleague, "teamlead", world.team_a)


def test_the_team_lead_sees_new_accounts_and_moves_in_and_out_of_the_team(world):
    user, code = invite_user(world.admin, "nieuw@example.nl", "Nina Nieuw", "teamlead", world.team_a)
    activation.activate(user.email, code, NEW_PASSWORD)
    change_role(world.admin, world.colleague, "coach", world.team_b)
    seen_by_a = [(c.change, c.user.name, getattr(c.actor, "name", None)) for c in team_changes(world.team_a.id)]
    assert seen_by_a[:3] == [("role", "Bert Collega", "Fay Beheer"), ("activated", "Nina Nieuw", "Nina Nieuw"),
                             ("created", "Nina Nieuw", "Fay Beheer")]
    seen_by_b = [(c.change, c.user.name, c.old_team_id, c.team_id) for c in team_changes(world.team_b.id)]
    assert seen_by_b[0] == ("role", "Bert Collega", world.team_a.id, world.team_b.id)
    assert "Nina Nieuw" not in {c.user.name for c in team_changes(world.team_b.id)}
