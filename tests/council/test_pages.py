"""The council's pages as made with the page toolkit: the create forms check as the user types and
answer HTMX with a redirect; a button on a record's page comes back to it with what happened;
forms are offered to whom ``access.may`` allows; a precondition takes its kind's own marking."""

import pytest
from django.contrib.messages import get_messages

from accord.council.models import Consultation, Precondition

pytestmark = pytest.mark.django_db

VALIDATE = {"HX-Request": "true", "X-Accord-Validate": "1"}


def test_the_new_consultation_form_checks_as_the_user_types_and_saves_nothing(client_as):
    before = Consultation.objects.count()
    response = client_as("secretariat").post(
        "/council/consultations/new/", {"body": "nowhere", "title": "Half"}, headers=VALIDATE
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="errors-body"' in page
    assert "not one of the available choices" in page
    # The draft text is not typed yet: not "required" while the user is still typing.
    assert "This field is required" not in page
    assert "<form" not in page  # only the error slots, never what the user is typing
    assert Consultation.objects.count() == before


def test_a_new_consultation_sent_by_htmx_answers_with_a_redirect(client_as):
    response = client_as("secretariat").post(
        "/council/consultations/new/",
        {"body": "nrc", "title": "Sent by HTMX", "text": "The Council agrees."},
        headers={"HX-Request": "true"},
    )
    consultation = Consultation.objects.get(title="Sent by HTMX")
    assert response["HX-Redirect"] == f"/council/consultations/{consultation.pk}/"


def test_an_incomplete_meeting_comes_back_as_the_form_alone_under_htmx(client_as):
    response = client_as("secretariat").post(
        "/council/meetings/new/", {"body": "nrc"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<form id="record-form"')
    assert "This field is required" in page


def test_an_incomplete_button_goes_back_to_the_page_saying_which_field(draft, client_as):
    consultation = draft()
    client = client_as("secretariat")
    response = client.post(f"/council/consultations/{consultation.pk}/extend/", {})
    assert response["Location"] == f"/council/consultations/{consultation.pk}/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "New deadline: This field is required."
    ]
    consultation.refresh_from_db()
    assert consultation.state == "draft"


def test_a_refused_button_says_why_with_its_code(draft, client_as):
    consultation = draft()
    response = client_as("secretariat").post(
        f"/council/consultations/{consultation.pk}/extend/", {"deadline": "2031-01-01T10:00"}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Only a text under silence has a deadline to extend. (code: not_circulating)"
    ]
    consultation.refresh_from_db()
    assert consultation.state == "draft"
    assert consultation.deadline is None


@pytest.mark.parametrize(
    ("username", "declares", "records"),
    [("delegation-deu", True, False), ("secretariat", False, True), ("trainer", False, False)],
)
def test_the_bodies_page_offers_each_form_to_whom_access_allows(
    client_as, username, declares, records
):
    context = client_as(username).get("/council/bodies/").context
    assert (context["precondition_form"] is not None) is declares
    assert (context["cooperation_form"] is not None) is records


def test_a_delegation_declares_a_precondition_from_the_page_under_the_kinds_marking(client_as):
    response = client_as("delegation-deu").post(
        "/council/preconditions/", {"requires_kind": "unscr", "area": "training"}
    )
    assert response["Location"] == "/council/bodies/"
    declared = Precondition.objects.get(nation__iso3="DEU", area="training")
    assert declared.marking == Precondition.default_marking == "NRC"


def test_a_deadline_in_the_year_9999_is_refused_in_words(draft, client_as):
    consultation = draft()
    response = client_as("secretariat").post(
        f"/council/consultations/{consultation.pk}/circulate/", {"deadline": "9999-12-31T10:00"}
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("a year at most" in text and "deadline_too_far" in text for text in said), said
    consultation.refresh_from_db()
    assert consultation.state == "draft"
