"""The lists behind the team lead's numbers: as many households as the number clicked, and beside each one the
figure that put it in the list (the last contact, the end of the support period, the referral that waits, ...)."""
import re
from datetime import timedelta

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases import support
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Domain
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.timeutil import add_months
from tests.factories import make_household
from tests.helpers import TODAY, clock_on
from tests.unit.referrals.helpers import funds


def opened(client, metric, coach):
    """The dashboard's number for `metric` in the coach's row, and the rows of the list it opens: {pseudonym: text
    of the row}. The number must be a link to exactly that list."""
    dashboard = client.get("/team/").text
    link = f"/team/households?metric={metric}&amp;coach={coach.id}"
    number = re.search(rf'href="{re.escape(link)}">(\d+)</a>', dashboard)
    assert number, f"no number links to {link}"
    listing = client.get(link.replace("&amp;", "&")).text
    rows = {pseudonym: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row, pseudonym in
            re.findall(r'(<tr><td><a href="/households/\d+">([^<]+)</a>.*?</tr>)', listing, re.S)}
    assert len(rows) == int(number.group(1)), (metric, number.group(1), rows)
    return rows, listing


def registered(app, world, pseudonym, registered_on=None, **extra):
    with app.app_context():
        return make_household(db.session.merge(world.coach), pseudonym=pseudonym,
                              registered_on=registered_on or TODAY - timedelta(days=30), **extra)


def test_no_contact_shows_the_last_contact_and_the_weeks_since(app, client, auth, world):
    quiet, seen, never = (registered(app, world, name) for name in ("Familie Stil", "Familie Gezien", "Familie Nooit"))
    with app.app_context():
        coach = db.session.merge(world.coach)
        cases.log_contact(coach, db.session.merge(quiet), "home_visit", TODAY - timedelta(days=40))
        cases.log_contact(coach, db.session.merge(seen), "home_visit", TODAY - timedelta(days=10))
        db.session.commit()
    auth.login(world.teamlead)
    rows, page = opened(client, "no_contact", world.coach)
    assert set(rows) == {"Familie Stil", "Familie Nooit"}
    assert "Laatste contact" in page and "Weken geleden" in page
    assert "10 apr 2026 5" in rows["Familie Stil"]  # 40 days ago: five whole weeks
    assert "geen sinds registratie op 20 apr 2026 4" in rows["Familie Nooit"]


def test_past_15_months_shows_the_months_and_the_end_of_the_period(app, client, auth, world):
    started = add_months(TODAY, -16)
    registered(app, world, "Familie Lang", registered_on=started + timedelta(days=30))
    registered(app, world, "Familie Kort")
    auth.login(world.teamlead)
    rows, page = opened(client, "past_15_months", world.coach)
    assert list(rows) == ["Familie Lang"]
    assert "Maanden in ondersteuning" in page and "Einde ondersteuningsperiode" in page
    assert "20 jan 2025 16 20 jul 2026" in rows["Familie Lang"]


def test_a_request_to_extend_shows_when_it_was_asked_and_until_when(app, client, auth, world):
    long = registered(app, world, "Familie Lang", registered_on=add_months(TODAY, -16) + timedelta(days=30))
    with app.app_context():
        support.request_extension(db.session.merge(world.coach), db.session.merge(long),
                                  TODAY.replace(month=12, day=31), "Schulden nog niet geregeld")
        db.session.commit()
    auth.login(world.teamlead)
    rows, page = opened(client, "extension_asked", world.coach)
    assert "Gevraagd op" in page
    assert "20 mei 2026 31 dec 2026 20 jul 2026" in rows["Familie Lang"]


def test_overdue_check_ins_show_the_oldest_one_and_how_late_it_is(app, client, auth, world):
    late = registered(app, world, "Familie Laat")
    with app.app_context():
        coach, household = db.session.merge(world.coach), db.session.merge(late)
        cases.plan_check_in(coach, household, TODAY - timedelta(days=3), "Hoe ging de afspraak bij de bank?")
        cases.plan_check_in(coach, household, TODAY - timedelta(days=10), "Hoe ging het met de sportclub?")
        cases.plan_check_in(coach, household, TODAY + timedelta(days=10), "Nog niet aan de beurt")
        db.session.commit()
    auth.login(world.teamlead)
    rows, page = opened(client, "overdue_check_ins", world.coach)
    assert "Oudste te late contactmoment" in page
    assert "Hoe ging het met de sportclub? 10 mei 2026 10" in rows["Familie Laat"]


def test_overdue_referrals_show_which_one_to_ask_about_and_since_when(app, client, auth, world):
    asked = registered(app, world, "Familie Vraag")
    with app.app_context():
        leergeld = funds()["leergeld"]
        referrals.create_referral(db.session.merge(world.coach), db.session.merge(asked), "Schoolspullen",
                                  fund_id=leergeld.id, on=TODAY - timedelta(days=20),
                                  follow_up_on=TODAY - timedelta(days=6))
        db.session.commit()
    auth.login(world.teamlead)
    rows, page = opened(client, "overdue_referrals", world.coach)
    assert "Navragen op" in page
    assert "Stichting Leergeld 14 mei 2026 6" in rows["Familie Vraag"]


def test_pending_referrals_show_the_one_waiting_longest_and_since_when(app, client, auth, world):
    waiting = registered(app, world, "Familie Wacht")
    with app.app_context():
        coach, household = db.session.merge(world.coach), db.session.merge(waiting)
        referrals.create_referral(coach, household, "Zwemles", organisation="Zwembad De Wel",
                                  on=TODAY - timedelta(days=5))
        referrals.create_referral(coach, household, "Fiets", organisation="Fietsenplan",
                                  on=TODAY - timedelta(days=22))
        db.session.commit()
    auth.login(world.teamlead)
    rows, page = opened(client, "pending_referrals", world.coach)
    assert "Wacht sinds" in page
    assert "Fietsenplan Nog aanvragen 28 apr 2026 3" in rows["Familie Wacht"]


def test_goals_past_their_target_date_show_the_goal_and_the_date(app, client, auth, world):
    behind = registered(app, world, "Familie Doel", registered_on=TODAY - timedelta(days=60))
    with app.app_context():
        load_catalogue("domains")
        theme = db.session.query(Domain).filter_by(scale="family").order_by(Domain.position).first()
        with clock_on(TODAY - timedelta(days=40)):
            plans.set_goal(db.session.merge(world.coach), db.session.merge(behind), None, theme,
                           "Elke week samen de post openen", TODAY - timedelta(days=8))
        db.session.commit()
    auth.login(world.teamlead)
    rows, page = opened(client, "overdue_goals", world.coach)
    assert "Streefdatum" in page
    assert "Elke week samen de post openen 12 mei 2026 8" in rows["Familie Doel"]


def test_a_stage_list_shows_since_when_each_household_is_in_it(app, client, auth, world):
    registered(app, world, "Familie Nieuw", registered_on=TODAY - timedelta(days=12))
    auth.login(world.teamlead)
    for metric in ("stage:registered", "open"):
        rows, page = opened(client, metric, world.coach)
        assert "In deze fase sinds" in page
        assert "8 mei 2026" in rows["Familie Nieuw"], metric


def test_the_csv_of_a_list_holds_the_figure(app, client, auth, world):
    quiet = registered(app, world, "Familie Stil")
    with app.app_context():
        cases.log_contact(db.session.merge(world.coach), db.session.merge(quiet), "home_visit",
                          TODAY - timedelta(days=40))
        db.session.commit()
    auth.login(world.teamlead)
    csv = client.get("/team/households?metric=no_contact&format=csv").text.lstrip("\ufeff").splitlines()
    assert csv[0].endswith(";Laatste contact;Weken geleden")
    assert csv[1].endswith(";2026-04-10;5")


def footer(table_html):
    """The cells of a table's totals row, as text."""
    foot = re.search(r"<tfoot>(.*?)</tfoot>", table_html, re.S)
    assert foot, "no totals row"
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", foot.group(1))]


def test_the_caseload_tables_end_with_the_team_s_totals(app, client, auth, world):
    for name in ("Familie Een", "Familie Twee"):
        registered(app, world, name)
    with app.app_context():
        cases.open_contact_track(db.session.merge(world.coach), "Familie Drie", "school")
        db.session.commit()
    registered(app, world, "Familie Vier", registered_on=add_months(TODAY, -16) + timedelta(days=30))
    auth.login(world.teamlead)  # the colleague, a coach of the team, has no households at all
    stages, attention = client.get("/team/").text.split("<h2>", 1)
    # trust building, registered, plan, carrying out, follow-up, aftercare; open; weighted (0.5 + 3 x 1)
    assert footer(stages) == ["Totaal", "1", "3", "0", "0", "0", "0", "4", "3,5"]
    # overdue check-ins, referrals, goals; no contact (the three registered: none since registration);
    # more than 15 months; asked to extend; pending referrals
    assert footer(attention) == ["Totaal", "0", "0", "0", "3", "1", "0", "0"]
    rows, _ = opened_team(client, "open", 4)
    assert len(rows) == 4


def opened_team(client, metric, number):
    """The list a total opens: the whole team's households for `metric`."""
    dashboard = client.get("/team/").text
    link = f"/team/households?metric={metric}"
    assert re.search(rf'<tfoot>.*href="{re.escape(link)}">{number}</a>.*</tfoot>', dashboard, re.S), link
    listing = client.get(link).text
    return re.findall(r'<tr><td><a href="/households/\d+">([^<]+)</a>', listing), listing
