"""Transit reads in a request go through the policy with the requesting actor (issue 9, §1)."""

from accord.access import system_principal
from accord.council import selectors as council_selectors
from accord.council.inputs import LegalBasisValues
from accord.council.services.register import legal_basis_update
from accord.transit.models import TransitAgreement


def _agreement_for_russia_on_a_nato_basis() -> tuple[TransitAgreement, str, str]:
    """An NRC agreement Russia reads, whose legal basis the council re-marks NATO."""
    agreement = (
        TransitAgreement.objects.filter(marking="NRC", legal_basis__isnull=False)
        .select_related("legal_basis")
        .order_by("code")
        .first()
    )
    basis = agreement.legal_basis
    legal_basis_update(
        actor=system_principal("tests"),
        legal_basis=basis,
        values=LegalBasisValues(marking="NATO"),
        expected_version=basis.version,
    )
    return agreement, basis.code, basis.title


def test_an_agreement_does_not_name_a_legal_basis_its_reader_may_not_see(client_as):
    # (Agreement codes begin with their group's name, which may echo the basis's code: the
    # test looks at the legal basis field and at the basis's title.)
    agreement, basis, title = _agreement_for_russia_on_a_nato_basis()
    rus = client_as("delegation-rus")
    api = rus.get(f"/api/v1/transit/agreements/{agreement.code}")
    assert api.status_code == 200
    assert api.json()["legal_basis"] is None
    listed = rus.get("/api/v1/transit/agreements?country=RUS&limit=500").json()["items"]
    assert agreement.code in {row["code"] for row in listed}
    assert basis not in {row["legal_basis"] for row in listed}
    for page in (f"/transit/agreements/{agreement.code}/", "/transit/agreements/?country=RUS"):
        response = rus.get(page)
        assert response.status_code == 200
        assert title not in response.content.decode()
        assert f"<td>{basis}</td>" not in response.content.decode()
    # A reader of NATO records still sees it.
    usa = client_as("delegation-usa").get(f"/api/v1/transit/agreements/{agreement.code}")
    assert usa.json()["legal_basis"] == basis
    assert council_selectors.legal_basis_get(system_principal("tests"), basis).marking == "NATO"


def test_the_event_form_offers_only_places_on_legs_the_reader_may_read(client_as):
    # The shipment page's event form lists the places on the shipment's route, read as the
    # logistician reads the legs (no system reader inside a request).
    page = client_as("logistician").get("/transit/shipments/ndn-2013-0001/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'value="saryagash"' in text
    assert 'value="karachi"' not in text
