"""Detail, edit, create and delete pages: the access policy, versions, validation and history."""

import pytest

from accord.access import system_principal
from accord.audit.selectors import audit_history
from accord.core.models import Nation, Site, TroopContribution
from tests.web.conftest import OWN_AS_OF, OWN_PERSONNEL, form_data
from tests.web.conftest import contribution_make as contribution

pytestmark = pytest.mark.django_db


def test_detail_pages_show_fields_sources_and_related_records(client_as):
    client = client_as("spoke-north")
    site = client.get("/sites/taac_north/").text
    assert "Mongolia" in site  # a contribution at the site
    assert "Sources" in site
    assert "data-map" in site
    nation = client.get("/nations/DEU/").text
    assert "Train Advise Assist Command - North" in nation
    assert client.get("/organisations/nato/").status_code == 200
    c = contribution("DEU", "taac_north")
    assert str(OWN_PERSONNEL) in client.get(f"/contributions/{c.pk}/").text


def test_spoke_staff_edit_their_own_sites_contribution_and_it_shows_in_history(client_as):
    c = contribution("DEU", "taac_north")
    client = client_as("spoke-north")
    response = client.post(f"/contributions/{c.pk}/edit/", form_data(c, personnel=912))
    assert response.status_code == 302
    assert response["Location"] == f"/contributions/{c.pk}/"
    c.refresh_from_db()
    assert (c.personnel, c.version) == (912, 2)
    page = client.get(f"/contributions/{c.pk}/").text
    assert "contribution.update" in page
    assert "spoke-north" in page
    assert str(OWN_PERSONNEL) in page
    assert "912" in page
    entry = audit_history(actor=system_principal("test"), obj=c).first()
    assert entry.changes["personnel"] == [OWN_PERSONNEL, 912]
    assert entry.via == "web"


def test_editing_another_spokes_contribution_is_403_and_changes_nothing(client_as):
    c = contribution("ITA", "taac_west")
    client = client_as("spoke-north")
    assert client.get(f"/contributions/{c.pk}/edit/").status_code == 403
    response = client.post(f"/contributions/{c.pk}/edit/", form_data(c, personnel=1))
    assert response.status_code == 403
    assert "hub or spoke staff of its site" in response.text
    c.refresh_from_db()
    assert (c.personnel, c.version) == (OWN_PERSONNEL, 1)
    assert "/edit/" not in client.get(f"/contributions/{c.pk}/").text


def test_a_stale_version_shows_the_conflict_and_changes_nothing(client_as):
    c = contribution("DEU", "taac_north")
    stale = form_data(c, personnel=999)
    # Someone else saves first.
    client_as("admin").post(f"/contributions/{c.pk}/edit/", form_data(c, personnel=860))
    response = client_as("spoke-north").post(f"/contributions/{c.pk}/edit/", stale)
    assert response.status_code == 200
    assert "Someone changed this record after you opened it" in response.text
    assert "Reload the current values" in response.text
    c.refresh_from_db()
    assert (c.personnel, c.version) == (860, 2)


def test_htmx_validation_returns_errors_without_saving(client_as):
    c = contribution("DEU", "taac_north")
    response = client_as("spoke-north").post(
        f"/contributions/{c.pk}/edit/",
        form_data(c, personnel_low=900, personnel_high=800, personnel=850),
        headers={"HX-Request": "true", "X-Accord-Validate": "1"},
    )
    assert response.status_code == 200
    # Only the error slots come back, swapped out of band: what the user types is kept.
    assert "<form" not in response.text
    assert 'id="errors-personnel_high" hx-swap-oob="true"' in response.text
    assert "The upper bound must be at least the lower bound." in response.text
    c.refresh_from_db()
    assert (c.personnel_low, c.personnel_high, c.version) == (None, None, 1)


def test_htmx_validation_of_a_valid_form_saves_nothing(client_as):
    c = contribution("DEU", "taac_north")
    response = client_as("spoke-north").post(
        f"/contributions/{c.pk}/edit/",
        form_data(c, personnel=1000),
        headers={"HX-Request": "true", "X-Accord-Validate": "1"},
    )
    assert response.status_code == 200
    assert 'class="error"' not in response.text
    c.refresh_from_db()
    assert (c.personnel, c.version) == (OWN_PERSONNEL, 1)


def test_a_successful_htmx_save_answers_with_hx_redirect(client_as):
    c = contribution("DEU", "taac_north")
    response = client_as("spoke-north").post(
        f"/contributions/{c.pk}/edit/", form_data(c, note="Checked"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/contributions/{c.pk}/"
    c.refresh_from_db()
    assert c.note == "Checked"


def test_moving_a_contribution_out_of_ones_site_is_a_form_error(client_as, persona):
    c = contribution("DEU", "taac_north")
    west = persona("spoke-west").site
    response = client_as("spoke-north").post(
        f"/contributions/{c.pk}/edit/", form_data(c, site=west.pk)
    )
    assert response.status_code == 200
    assert "outside what you may change" in response.text
    c.refresh_from_db()
    assert (c.site.code, c.version) == ("taac_north", 1)


def test_unreadable_records_are_404_even_on_the_edit_page(client_as, nato_site):
    client = client_as("delegation-rus")
    assert client.get(f"/sites/{nato_site.code}/edit/").status_code == 404
    assert client.post(f"/sites/{nato_site.code}/edit/", {"name": "x"}).status_code == 404
    nato_site.refresh_from_db()
    assert nato_site.name == "Allied Supply Depot"


def test_anonymous_visitors_are_sent_to_sign_in(client_as):
    c = contribution("DEU", "taac_north")
    response = client_as(None).get(f"/contributions/{c.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_spoke_staff_create_a_contribution_at_their_site(client_as, persona):
    me = persona("spoke-north")
    data = {
        "nation": me.nation_id,
        "site": me.site_id,
        "as_of": "2017-01-01",
        "personnel": "880",
        "marking": "PUBLIC",
    }
    response = client_as("spoke-north").post("/contributions/new/", data)
    assert response.status_code == 302
    created = TroopContribution.objects.get(site=me.site, nation=me.nation, as_of="2017-01-01")
    assert created.personnel == 880
    assert response["Location"] == f"/contributions/{created.pk}/"


def test_creating_a_duplicate_is_a_form_error(client_as, persona):
    c = contribution("DEU", "taac_north")
    before = TroopContribution.objects.count()
    response = client_as("spoke-north").post(
        "/contributions/new/",
        {
            "nation": c.nation_id,
            "site": c.site_id,
            "as_of": c.as_of.isoformat(),
            "marking": "PUBLIC",
        },
    )
    assert response.status_code == 200
    assert 'class="form-errors"' in response.text or 'class="error"' in response.text
    assert TroopContribution.objects.count() == before


def test_spoke_staff_cannot_create_at_another_site(client_as, persona):
    me, west = persona("spoke-north"), persona("spoke-west")
    data = {"nation": me.nation_id, "site": west.site_id, "as_of": "2017-01-01",
            "marking": "PUBLIC"}  # fmt: skip
    response = client_as("spoke-north").post("/contributions/new/", data)
    assert response.status_code == 200
    assert "You may not create this troop contribution" in response.text
    assert not TroopContribution.objects.filter(as_of="2017-01-01").exists()


def test_admin_creates_a_site_and_an_organisation(client_as):
    client = client_as("admin")
    response = client.post(
        "/sites/new/",
        {
            "code": "camp_test",
            "name": "Camp Test",
            "kind": "spoke",
            "latitude": "35.0",
            "longitude": "66.0",
            "marking": "NRC",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/sites/camp_test/"
    response = client.post(
        "/organisations/new/",
        {"code": "test-org", "name": "Test Organisation", "kind": "agency", "marking": "PUBLIC"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/organisations/test-org/"


@pytest.mark.parametrize("url", ["/sites/new/", "/organisations/new/"])
def test_create_pages_refuse_roles_without_the_right(client_as, url):
    assert client_as("spoke-north").get(url).status_code == 403


def test_contribution_delete_needs_confirmation_and_the_right(client_as):
    c = contribution("MNG", "taac_north")
    client = client_as("spoke-north")
    confirm = client.get(f"/contributions/{c.pk}/delete/")
    assert confirm.status_code == 200
    assert "Delete this troop contribution?" in confirm.text
    assert TroopContribution.objects.filter(pk=c.pk).exists()
    other = contribution("ITA", "taac_west")
    assert (
        client.post(f"/contributions/{other.pk}/delete/", {"expected_version": 1}).status_code
        == 403
    )
    assert TroopContribution.objects.filter(pk=other.pk).exists()
    response = client.post(f"/contributions/{c.pk}/delete/", {"expected_version": c.version})
    assert response.status_code == 302
    assert response["Location"] == "/contributions/"
    assert not TroopContribution.objects.filter(pk=c.pk).exists()


def test_nation_edit_is_for_administrators(client_as):
    from accord.core.models import Nation

    deu = Nation.objects.get(iso3="DEU")
    assert client_as("delegation-deu").get("/nations/DEU/edit/").status_code == 403
    response = client_as("admin").post(
        "/nations/DEU/edit/", form_data(deu, notes="Lead nation, TAAC-N")
    )
    assert response.status_code == 302
    deu.refresh_from_db()
    assert deu.notes == "Lead nation, TAAC-N"


def test_date_fields_render_in_the_format_date_inputs_accept(client_as):
    c = contribution("DEU", "taac_north")
    page = client_as("spoke-north").get(f"/contributions/{c.pk}/edit/").text
    assert f'type="date" name="as_of" value="{OWN_AS_OF.isoformat()}"' in page


def test_a_national_record_names_its_nation_with_its_marking():
    germany = Nation(pk=1, name="Germany", iso3="DEU")
    assert Site(marking="NATIONAL", owner_nation=germany).marking_label == (
        "National (one nation) (Germany)"
    )
    assert Site(marking="NATO", owner_nation=germany).marking_label == "NATO"
    assert Site(marking="PUBLIC").marking_label == "Public"


def test_a_broken_database_rule_reads_in_the_users_words(client_as):
    """The form names what is wrong and what to do, never the database constraint."""
    site = Site.objects.get(code="taac_north")
    answer = client_as("spoke-north").post(
        "/sites/taac_north/edit/", form_data(site, latitude="123")
    )
    text = answer.content.decode()
    assert "A latitude is between -90 and 90 degrees." in text
    assert "Constraint" not in text
    assert "site_latitude_range" not in text
    site.refresh_from_db()
    assert site.latitude != 123


def test_a_fact_recorded_beside_the_fields_is_named_in_words_in_the_history():
    """A break's entry holds its statement and nation beside the consultation's fields: the
    history names them as the model says them (in the reader's language), never as attributes."""
    from django.utils import translation

    from accord.council.models import Consultation
    from accord.web.pages.records import change_rows

    changes = {"statement": [None, "Not yet."], "first_break": [None, True], "new_fact": [0, 1]}
    with translation.override("ru"):
        labels = [row["field"] for row in change_rows(changes, model=Consultation)]
    assert labels == ["Первое нарушение молчания в этой рассылке", "New fact", "Заявление"]
