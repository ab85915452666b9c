"""Numbers and dates in the reader's language: decimal commas and Dutch months in Dutch, one date format per
language, on the pages a team lead reads."""
from datetime import date, datetime

from flask_babel import format_date, format_datetime

from gezinsaanpak.i18n import dateformat, force_locale, number, percent


def test_a_team_lead_reads_the_weighted_caseload_with_a_decimal_comma(client, auth, world, household):
    auth.login(world.teamlead)
    dutch = client.get("/team/").text
    assert "<td>1,0</td>" in dutch and "<td>1.0</td>" not in dutch
    client.post("/language", data={"lang": "en"})
    assert "<td>1.0</td>" in client.get("/team/").text


def test_one_date_format_per_language_the_same_pattern_in_both(app):
    with app.test_request_context():
        with force_locale("nl"):
            assert format_date(date(2027, 3, 5)) == "5 mrt 2027"
            assert format_datetime(datetime(2027, 3, 5, 14, 30), "short") == format_datetime(
                datetime(2027, 3, 5, 14, 30)) == "5 mrt 2027, 15:30"  # stored in UTC, shown in Amsterdam time
            assert format_date(date(2027, 3, 5), "full") == "vrijdag 5 mrt 2027"
        with force_locale("en"):
            assert format_date(date(2027, 3, 5)) == "5 Mar 2027"
            assert format_datetime(datetime(2027, 3, 5, 14, 30)) == "5 Mar 2027, 15:30"


def test_numbers_and_shares_in_either_language(app):
    with app.test_request_context():
        with force_locale("nl"):
            assert (number(2.14, 1), number(1250), number(6, 1), percent(2 / 3)) == ("2,1", "1.250", "6,0", "67%")
        with force_locale("en"):
            assert (number(2.14, 1), number(1250), number(None)) == ("2.1", "1,250", "–")


def test_a_document_in_the_other_language_writes_in_it_and_the_page_goes_on_in_its_own(app):
    """The reader's language is kept for the rest of the request once read; a PDF made in the other language
    (force_locale) writes in that one, and the page after it in the reader's again."""
    with app.test_request_context():
        assert number(1250) == "1.250" and dateformat(date(2027, 3, 5)) == "5 mrt 2027"  # Dutch, read and kept
        with force_locale("en"):
            assert number(1250) == "1,250" and dateformat(date(2027, 3, 5)) == "5 Mar 2027"
        assert number(1250) == "1.250" and dateformat(date(2027, 3, 5)) == "5 mrt 2027"
