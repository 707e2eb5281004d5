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


def test_the_plan_set_up_and_edited_through_the_forms(north, client_as):
    """A spoke's staff stand up a team, name its counterpart, set an objective and a milestone,
    then edit each; a stale edit and a second spoke are refused in words; every write audited."""
    from accord.advising.models import AdvisorTeam, Counterpart, Milestone, Objective
    from accord.audit.models import AuditEntry

    client = client_as("spoke-north")
    assert "New advisor team" in client.get("/advising/").content.decode()
    made = client.post(
        "/advising/teams/new/",
        {"code": "t-new", "name": "Police advisors", "site": "taac_north", "marking": "NATO"},
    )
    assert made.status_code == 302, made.content.decode()[-2000:]
    team = AdvisorTeam.objects.get(code="t-new")
    named = client.post(
        "/advising/teams/t-new/counterparts/new/",
        {"code": "t-pz", "name": "Police Zone 909", "kind": "police_zone", "ministry": "moi"}
        | {"unit": "", "marking": "NATO"},
    )
    assert named["Location"] == "/advising/counterparts/t-pz/"
    counterpart = Counterpart.objects.get(code="t-pz")
    assert counterpart.site_id == team.site_id
    base = "/advising/counterparts/t-pz/objectives/"
    client.post(f"{base}new/", {"function": "EF4", "code": "t-obj", "title": "Recruit"})
    client.post(f"{base}t-obj/milestones/new/", {"code": "t-ms", "title": "Vetting board"})
    milestone = Milestone.objects.get(objective__counterpart=counterpart, code="t-ms")
    edited = client.post(
        f"/advising/milestones/{milestone.pk}/edit/",
        {"code": "t-ms", "title": "Vetting board sits", "due": "2016-09-30", "expected_version": 1},
    )
    assert edited.status_code == 302
    stale = client.post(
        f"/advising/milestones/{milestone.pk}/edit/",
        {"code": "t-ms", "title": "Again", "expected_version": 1},
    )
    assert stale.status_code == 422
    assert "Someone changed this record after you opened it" in stale.content.decode()
    client.post(
        f"{base}t-obj/edit/",
        {"function": "EF1", "code": "t-obj", "title": "Recruit and pay", "expected_version": 1},
    )
    client.post(
        "/advising/counterparts/t-pz/edit/",
        {"code": "t-pz", "name": "Police Zone 909 (north)", "kind": "police_zone"}
        | {"ministry": "moi", "unit": "", "marking": "NATO", "expected_version": 1},
    )
    milestone.refresh_from_db()
    assert (milestone.title, str(milestone.due)) == ("Vetting board sits", "2016-09-30")
    objective = Objective.objects.get(pk=milestone.objective_id)
    assert (objective.title, objective.function.code) == ("Recruit and pay", "EF1")
    page = client.get("/advising/counterparts/t-pz/").content.decode()
    assert "Police Zone 909 (north)" in page
    assert "New objective" in page
    west = client_as("spoke-west")
    assert west.get("/advising/counterparts/t-pz/edit/").status_code == 403
    assert "New objective" not in west.get("/advising/counterparts/t-pz/").content.decode()
    actions = set(
        AuditEntry.objects.filter(
            action__in=[
                "advisor_team.create",
                "counterpart.create",
                "counterpart.update",
                "objective.create",
                "objective.update",
                "milestone.create",
                "milestone.update",
            ]
        ).values_list("action", flat=True)
    )
    assert len(actions) == 7
