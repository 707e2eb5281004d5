"""The council through its API and pages: problem codes, the NATO-only wall, exports, the feed."""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from accord.core.models import User
from accord.core.services import api_token_create
from accord.council.models import Consultation, Decision

pytestmark = pytest.mark.django_db


def api(username):

    _, secret = api_token_create(actor=User.objects.get(username=username), name="t")
    client = Client()

    def call(method, path, payload=None):
        return client.generic(
            method,
            "/api/v1/council" + path,
            data=json.dumps(payload) if payload is not None else "",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )

    return call


def test_the_silence_procedure_through_the_api():
    secretariat, usa = api("secretariat"), api("delegation-usa")
    created = secretariat("POST", "/consultations", {"body": "nrc", "title": "T", "text": "Draft."})
    assert created.status_code == 201
    cid = created.json()["id"]
    assert created.json()["state"] == "draft"
    deadline = (timezone.now() + timedelta(days=1)).isoformat()
    circulated = secretariat("POST", f"/consultations/{cid}/circulate", {"deadline": deadline})
    assert circulated.json()["state"] == "circulating"
    assert 0 < circulated.json()["seconds_left"] <= 86400
    broken = usa("POST", f"/consultations/{cid}/break", {"statement": "Not yet."})
    assert broken.json()["state"] == "broken"
    assert broken.json()["circulations"][0]["breaks"][0]["nation"] == "USA"
    again = usa("POST", f"/consultations/{cid}/break", {"statement": "Still not."})
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert again.json()["code"] == "silence_already_broken"


def test_a_past_deadline_is_a_422_with_its_code():
    secretariat = api("secretariat")
    cid = secretariat("POST", "/consultations", {"body": "nrc", "title": "T", "text": "x"}).json()[
        "id"
    ]
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    response = secretariat("POST", f"/consultations/{cid}/circulate", {"deadline": past})
    assert response.status_code == 422
    assert response.json()["code"] == "deadline_in_past"
    missing = secretariat("POST", f"/consultations/{cid}/circulate", {})
    assert missing.json()["code"] == "deadline_missing"
    assert Consultation.objects.get(pk=cid).state == "draft"


def test_russia_gets_404_for_a_nato_only_consultation_by_id(circulating, nac):
    consultation = circulating(body=nac)
    rus = api("delegation-rus")
    assert rus("GET", f"/consultations/{consultation.pk}").status_code == 404
    assert (
        rus("POST", f"/consultations/{consultation.pk}/break", {"statement": "x"}).status_code
        == 404
    )
    ids = [c["id"] for c in rus("GET", "/consultations?page_size=500").json()["items"]]
    assert consultation.pk not in ids
    assert api("delegation-usa")("GET", f"/consultations/{consultation.pk}").status_code == 200


def test_russia_gets_404_for_the_nato_only_page(circulating, nac, client_as):
    consultation = circulating(body=nac)
    assert (
        client_as("delegation-rus").get(f"/council/consultations/{consultation.pk}/").status_code
        == 404
    )
    page = client_as("delegation-usa").get(f"/council/consultations/{consultation.pk}/")
    assert page.status_code == 200
    assert b"Under silence" in page.content


def test_the_register_exports_csv_and_xlsx(client_as):
    client = client_as("delegation-usa")
    csv = client.get("/council/decisions/?format=csv")
    body = b"".join(csv.streaming_content).decode()
    assert body.splitlines()[0].startswith("Reference,Title,Body")
    assert "NRC-FM-2011-001" in body
    xlsx = client.get("/council/decisions/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    rus = b"".join(
        client_as("delegation-rus").get("/council/decisions/?format=csv").streaming_content
    )
    assert b"NAC-2014-001" not in rus


def test_pages_show_deadlines_in_the_viewers_time_zone(circulating, client_as, persona):
    now = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
    consultation = circulating(now=now - timedelta(hours=1), hours=100)
    User.objects.filter(username="delegation-deu").update(time_zone="Europe/Berlin")
    page = client_as("delegation-deu").get(f"/council/consultations/{consultation.pk}/")
    deadline = consultation.deadline.astimezone(ZoneInfo("Europe/Berlin"))
    assert deadline.strftime("%H:%M").encode() in page.content
    # The zone is named beside the time, as the reader's language names it.
    assert "(Berlin · GMT+01:00)".encode() in page.content


def test_the_calendar_feed_by_secret_url(circulating, client_as):
    consultation = circulating(hours=30)
    client = client_as("delegation-usa")
    client.post("/council/calendar/feed/")
    messages = [str(m) for m in client.get("/council/").context["messages"]]
    url = next(m for m in messages if "/council/calendar/" in m).split(": ", 1)[1]
    path = url.split("testserver", 1)[1]

    feed = Client().get(path)  # no cookies: the URL is the key
    assert feed.status_code == 200
    cal = Calendar.from_ical(feed.content)
    summaries = [str(e.get("summary")) for e in cal.walk("VEVENT")]
    assert f"Silence deadline: {consultation.title}" in summaries
    assert Client().get("/council/calendar/cal_wrong.ics").status_code == 404


def test_the_api_calendar_needs_a_token_and_hides_nato_for_russia(circulating, nac):
    consultation = circulating(body=nac)
    feed = api("delegation-rus")("GET", "/calendar.ics")
    assert feed.status_code == 200
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert f"Silence deadline: {consultation.title}" not in summaries
    usa = Calendar.from_ical(api("delegation-usa")("GET", "/calendar.ics").content)
    assert f"Silence deadline: {consultation.title}" in [
        str(e.get("summary")) for e in usa.walk("VEVENT")
    ]


def test_close_due_command_is_idempotent(circulating, capsys):
    consultation = circulating(hours=1)
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    call_command("council", "close-due", "--now", later, "--rehearsal")
    assert "1 text(s) adopted." in capsys.readouterr().out
    call_command("council", "close-due", "--now", later, "--rehearsal")
    assert "0 text(s) adopted." in capsys.readouterr().out
    assert Decision.objects.filter(consultation=consultation).count() == 1


def test_remind_command(circulating, capsys, emails):
    circulating(hours=10)
    call_command("council", "remind")
    assert "1 reminder(s) sent." in capsys.readouterr().out
    call_command("council", "remind")
    assert "0 reminder(s) sent." in capsys.readouterr().out


def test_a_delegation_breaks_silence_from_the_page(circulating, client_as):
    consultation = circulating()
    client = client_as("delegation-deu")
    response = client.post(
        f"/council/consultations/{consultation.pk}/break/", {"statement": "Germany asks for time."}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.state == "broken"
    # A second try is refused with its code shown, and nothing changes.
    client.post(f"/council/consultations/{consultation.pk}/break/", {"statement": "Again."})
    page = client.get(f"/council/consultations/{consultation.pk}/")
    assert b"silence_already_broken" in page.content


def test_the_secretariat_circulates_from_the_page_in_its_own_time_zone(draft, client_as):
    consultation = draft()
    User.objects.filter(username="secretariat").update(time_zone="Europe/Brussels")
    local = (timezone.now() + timedelta(days=2)).astimezone(ZoneInfo("Europe/Brussels"))
    client_as("secretariat").post(
        f"/council/consultations/{consultation.pk}/circulate/",
        {"deadline": local.strftime("%Y-%m-%dT%H:%M")},
    )
    consultation.refresh_from_db()
    assert consultation.state == "circulating"
    assert abs((consultation.deadline - local).total_seconds()) < 60


def test_joint_action_page_lists_participation_and_reasons(client_as):
    page = client_as("delegation-usa").get("/council/joint-actions/nrc_hmtf/")
    assert b"practical cooperation suspended since 1 Apr 2014" in page.content


def test_every_page_renders_for_a_delegation(client_as, circulating):
    consultation = circulating()
    client = client_as("delegation-usa")
    for path in [
        "/council/",
        f"/council/consultations/{consultation.pk}/",
        "/council/decisions/?q=transit",
        "/council/decisions/NRC-S-2008-001/",
        "/council/legal-bases/",
        "/council/legal-bases/nato_sofa_2014/",
        "/council/joint-actions/",
        "/council/joint-actions/nrc_transit/",
        "/council/bodies/",
        "/council/bodies/nrc/",
        "/council/meetings/",
    ]:
        assert client.get(path).status_code == 200, path


def test_a_delegation_declares_a_precondition_and_the_action_shows_it_unmet():
    turkey = api("trainer")  # not a delegation: refused
    assert turkey("POST", "/preconditions", {"requires_kind": "unscr"}).status_code == 403
    deu = api("delegation-deu")
    made = deu("POST", "/preconditions", {"requires_kind": "unscr", "reason": "UN mandate"})
    assert made.status_code == 201
    assert made.json()["nation"] == "DEU"
    action = deu("GET", "/joint-actions/nrc_hmtf").json()
    germany = next(r for r in action["participation"] if r["nation"] == "DEU")
    assert germany["participating"] is False
    assert "unscr" in germany["reason"]
    other = deu("POST", "/preconditions", {"nation": "USA", "requires_kind": "unscr"})
    assert other.status_code == 403


def test_the_secretariat_records_cooperation_status_and_delegations_cannot():
    payload = {"nation": "RUS", "state": "active", "start": "2030-01-01", "area": "transit"}
    assert api("delegation-rus")("POST", "/cooperation", payload).status_code == 403
    made = api("secretariat")("POST", "/cooperation", payload)
    assert made.status_code == 201
    assert made.json()["state"] == "active"


def test_the_secretariat_minutes_a_meeting_and_records_a_decision_from_the_page(nrc, client_as):
    secretariat = api("secretariat")
    starts = (timezone.now() + timedelta(days=3)).isoformat()
    meeting = secretariat("POST", "/meetings", {"body": "nrc", "starts_at": starts}).json()
    minuted = secretariat(
        "POST",
        f"/meetings/{meeting['id']}/minutes",
        {"expected_version": 1, "minutes": "Ambassadors met.", "attendees": ["USA", "RUS"]},
    )
    assert minuted.json()["minutes"] == "Ambassadors met."
    stale = secretariat(
        "POST", f"/meetings/{meeting['id']}/minutes", {"expected_version": 1, "minutes": "x"}
    )
    assert stale.json()["code"] == "stale_version"
    response = client_as("secretariat").post(
        f"/council/meetings/{meeting['id']}/decisions/",
        {
            "title": "Agreed at the table",
            "text": "The Council agrees.",
            "adopted_on": "2031-02-03",
            "legal_bases": ["nrc_rome"],
            "joint_actions": ["nrc_cnt_training"],
        },
    )
    decision = Decision.objects.get(title="Agreed at the table")
    assert response["Location"] == f"/council/decisions/{decision.reference}/"
    assert decision.reference == "NRC-2031-001"
    assert decision.adopted_by == "meeting"
    assert list(decision.legal_bases.values_list("code", flat=True)) == ["nrc_rome"]


def test_legal_basis_corrections_need_the_version_read():
    secretariat = api("secretariat")
    basis = secretariat("GET", "/legal-bases/unscr_1510").json()
    done = secretariat(
        "PATCH",
        "/legal-bases/unscr_1510",
        {"expected_version": basis["version"], "in_force": "2003-10-13"},
    )
    assert done.json()["in_force"] == "2003-10-13"
    again = secretariat(
        "PATCH", "/legal-bases/unscr_1510", {"expected_version": basis["version"], "summary": "x"}
    )
    assert again.status_code == 409
    assert (
        api("delegation-usa")(
            "PATCH", "/legal-bases/unscr_1510", {"expected_version": 2, "summary": "x"}
        ).status_code
        == 403
    )
