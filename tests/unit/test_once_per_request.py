"""What two parts of one page share is loaded once per page view, never across a change: a form that is refused
after a change is shown with what the change left."""
from gezinsaanpak.web import once_per_request


def test_a_page_view_loads_shared_data_once(app):
    loads = []
    with app.test_request_context("/households/1", method="GET"):
        first = once_per_request("goals", lambda: loads.append(1) or ["goal"])
        second = once_per_request("goals", lambda: loads.append(1) or ["other"])
    assert first is second and loads == [1]


def test_a_request_that_may_change_data_loads_afresh(app):
    with app.test_request_context("/households/1/home-visit", method="POST"):
        before = once_per_request("goals", lambda: ["before the change"])
        after = once_per_request("goals", lambda: ["after the change"])
    assert before == ["before the change"] and after == ["after the change"]


def test_each_page_view_loads_afresh(app):
    for value in ("first view", "second view"):
        with app.test_request_context("/households/1", method="GET"):
            assert once_per_request("goals", lambda v=value: v) == value
