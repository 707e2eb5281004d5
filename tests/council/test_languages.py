"""The council in its members' languages: notices in each recipient's own language, pages and
refusals in the reader's, the calendar feed in its owner's."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from icalendar import Calendar

from accord.core.models import User
from accord.council.services import consultation_circulate, silence_break
from accord.errors import AccordError

pytestmark = pytest.mark.django_db


def _mail_to(address: str):
    return next(m for m in mail.outbox if m.to == [address])


def test_each_member_is_told_in_its_own_language(
    draft, persona, emails, django_capture_on_commit_callbacks
):
    User.objects.filter(username="delegation-rus").update(language="ru", time_zone="Europe/Moscow")
    consultation = draft()
    deadline = timezone.now() + timedelta(days=2)
    # The secretariat acts in English; each notice is written in its recipient's language.
    with translation.override("en-gb"), django_capture_on_commit_callbacks(execute=True):
        consultation_circulate(
            actor=persona("secretariat"), consultation=consultation, deadline=deadline
        )
    russian = _mail_to("delegation-rus@example.org")
    english = _mail_to("delegation-usa@example.org")
    assert russian.subject.startswith("[NRC] На процедуре молчания до ")
    assert "по процедуре молчания" in russian.body
    # Times on each recipient's clock, the zone named: Moscow's for Russia's delegate.
    assert "(Москва · GMT+03:00)" in russian.subject
    assert "(Москва · GMT+03:00)" in russian.body
    assert english.subject.startswith("[NRC] Under silence until ")
    assert "(UTC)" in english.subject
    assert "under the silence procedure" in english.body


def test_a_break_is_announced_in_each_language(
    circulating, persona, emails, django_capture_on_commit_callbacks
):
    User.objects.filter(username="delegation-usa").update(language="ru")
    consultation = circulating()
    with django_capture_on_commit_callbacks(execute=True):
        silence_break(
            actor=persona("delegation-rus"), consultation=consultation, statement="Not yet."
        )
    russian = _mail_to("delegation-usa@example.org")
    assert "Молчание нарушено" in russian.subject
    assert "Заявление:" in russian.body
    assert "Statement:" in _mail_to("delegation-deu@example.org").body


def test_a_refusal_is_worded_in_the_readers_language(circulating, persona):
    consultation = circulating()
    # A service's own refusal is written in the reader's language where it is raised.
    with translation.override("ru"), pytest.raises(AccordError) as exc:
        silence_break(actor=persona("secretariat"), consultation=consultation, statement="No.")
    assert exc.value.code == "not_a_delegation"
    assert "национальная делегация" in exc.value.detail
    # The engine's refusal is translated where it is shown: here, on the page.
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(persona("secretariat"))
    later = (timezone.now() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/council/consultations/{consultation.pk}/circulate/", {"deadline": later})
    shown = [
        str(m) for m in client.get(f"/council/consultations/{consultation.pk}/").context["messages"]
    ]
    assert any("уже находится на процедуре молчания" in m for m in shown), shown


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["Процедура молчания", "Нарушить молчание", "Реестр решений"]),
        ("fa-af", ["طرزالعمل سکوت", "شکستن سکوت", "ثبت تصامیم"]),
        ("ps", ["د چوپتیا طرزالعمل", "چوپتیا ماتول", "د پرېکړو ثبت"]),
    ],
)
def test_a_consultation_page_reads_in_the_readers_language(circulating, persona, language, words):
    consultation = circulating()
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(persona("delegation-rus"))
    page = client.get(f"/council/consultations/{consultation.pk}/").content.decode()
    for word in words:
        assert word in page
    assert "The silence procedure" not in page


def test_joint_actions_say_why_not_in_the_readers_calendar(client_as):
    client = Client(HTTP_ACCEPT_LANGUAGE="fa-af")
    client.force_login(User.objects.get(username="delegation-usa"))
    page = client.get("/council/joint-actions/nrc_hmtf/").content.decode()
    # Suspended since 1 April 2014: 12 Hamal 1393 in the Solar Hijri calendar, Eastern digits.
    assert "همکاری عملی از ۱۲ حمل ۱۳۹۳" in page


def test_the_calendar_feed_is_in_its_owners_language(circulating, client_as):
    consultation = circulating(hours=30)
    User.objects.filter(username="delegation-usa").update(language="ru")
    client = client_as("delegation-usa")
    client.post("/council/calendar/feed/")
    messages = [str(m) for m in client.get("/council/").context["messages"]]
    url = next(m for m in messages if "/council/calendar/" in m).split(": ", 1)[1]
    # The calendar client sends no cookie and asks for English: the owner reads Russian.
    feed = Client(HTTP_ACCEPT_LANGUAGE="en").get(url.split("testserver", 1)[1])
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert f"Срок молчания: {consultation.title}" in summaries
