"""Advising's pages: a report filed and a milestone rated through the forms; bad input comes
back with the error in words (422) and writes nothing; another spoke's staff get no form."""

from accord.advising.models import EngagementReport, Rating


def test_a_report_filed_through_the_form(north, client_as):
    client = client_as("spoke-north")
    form = {
        "counterpart": north["counterpart"].code,
        "function": "EF2",
        "held_on": "2016-05-02",
        "advisors": "Capt. L. Weber (DEU)",
        "notes": "Roster reviewed.",
        "marking": "NATO",
    }
    answered = client.post("/advising/reports/new/", form)
    report = EngagementReport.objects.get(counterpart=north["counterpart"])
    assert answered.status_code == 302
    assert answered["Location"] == f"/advising/reports/{report.pk}/"
    page = client.get(answered["Location"])
    assert "Roster reviewed." in page.content.decode()
    assert client_as("spoke-west").get(answered["Location"]).status_code == 404


def test_a_report_dated_tomorrow_comes_back_in_words(north, client_as):
    form = {
        "counterpart": north["counterpart"].code,
        "function": "EF2",
        "held_on": "2999-01-01",
        "advisors": "Capt. L. Weber (DEU)",
        "notes": "Roster reviewed.",
        "marking": "NATO",
    }
    answered = client_as("spoke-north").post("/advising/reports/new/", form)
    assert answered.status_code == 422
    assert "is in the future: give today or earlier" in answered.content.decode()
    assert not EngagementReport.objects.filter(counterpart=north["counterpart"]).exists()


def test_a_milestone_rated_through_the_form(north, client_as):
    url = f"/advising/milestones/{north['milestone'].pk}/rate/"
    assert client_as("spoke-west").get(url).status_code == 403
    client = client_as("spoke-north")
    answered = client.post(url, {"rated_on": "2016-06-01", "score": "4", "note": "Good"})
    assert answered.status_code == 302
    again = client.post(url, {"rated_on": "2016-06-01", "score": "5"})
    assert again.status_code == 422
    assert "is rated on 2016-06-01 already" in again.content.decode()
    assert list(
        Rating.objects.filter(milestone=north["milestone"]).values_list("score", flat=True)
    ) == [4]
    page = client.get(f"/advising/milestones/{north['milestone'].pk}/").content.decode()
    assert "Good" in page
    assert "Rate the milestone" in page
