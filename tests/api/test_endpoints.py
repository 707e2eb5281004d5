"""Every endpoint of /api/v1 for every persona and anonymous, through the mounted API.

Denied writes leave the record as it was. Errors answer problem+json with a stable code.
"""

from datetime import date

import pytest
from django.forms.models import model_to_dict
from django.test import Client

from accord.core.models import ApiToken, Nation, Organisation, Site, TroopContribution
from accord.core.services import api_token_create
from tests.api.conftest import Api
from tests.conftest import ALL_PERSONAS

EVERYONE = [*ALL_PERSONAS, None]
PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}


def problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS
    assert (body["status"], body["code"]) == (status, code)
    return body


def state(obj) -> dict:
    fresh = type(obj).objects.get(pk=obj.pk)
    return model_to_dict(fresh) | {"version": fresh.version}


# Which persona each read answers is the API access matrix's to say
# (tests/test_access_matrix_api.py); this module holds what the matrix does not check: bodies,
# codes and what a write leaves behind.


@pytest.mark.parametrize("who", EVERYONE)
def test_account_endpoints_need_a_signed_in_caller(db, api_as, who):
    api = api_as(who)
    if who is None:
        for response in (api.get("/me"), api.get("/tokens"), api.post("/tokens", {"name": "x"})):
            body = problem(response, 401, "not_authenticated")
            assert response["WWW-Authenticate"].startswith("Bearer")
        assert body["detail"]
        return
    me = api.get("/me").json()
    assert me["username"] == who
    assert api.get("/tokens").status_code == 200


@pytest.mark.parametrize("who", EVERYONE)
def test_the_audit_trail_is_for_auditors_and_administrators(db, api_as, who):
    api = api_as(who)
    for path in ("/audit/entries", "/audit/verify"):
        response = api.get(path)
        if who is None:
            problem(response, 401, "not_authenticated")
        elif who in {"auditor", "admin"}:
            assert response.status_code == 200
        else:
            problem(response, 403, "permission_denied")


@pytest.fixture
def marked(db):
    nation = Nation.objects.get(iso3="DEU")
    site = Site.objects.get(code="taac_north")
    made = {}
    for day, marking in enumerate(["PUBLIC", "NRC", "NATO", "NATIONAL"], start=1):
        made[marking] = TroopContribution.objects.create(
            nation=nation,
            site=site,
            as_of=date(2002, 1, day),
            personnel=day,
            marking=marking,
            owner_nation=nation if marking == "NATIONAL" else None,
        )
    return made


def _reads(who):
    if who is None:
        return {"PUBLIC"}
    if who == "admin":
        return {"PUBLIC", "NRC", "NATO", "NATIONAL"}
    if who == "delegation-rus":
        return {"PUBLIC", "NRC"}
    if who in {"afg-budget", "afg-technician"}:
        return {"PUBLIC"}  # Afghanistan is neither an ally nor an NRC member
    return {"PUBLIC", "NRC", "NATO"} | (
        {"NATIONAL"} if who in {"delegation-deu", "fund-manager", "spoke-north"} else set()
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_lists_and_details_show_exactly_what_the_caller_may_read(db, api_as, marked, who):
    api = api_as(who)
    listed = api.get("/contributions", as_of_after="2002-01-01", as_of_before="2002-01-31").json()
    assert {item["marking"] for item in listed["items"]} == _reads(who)
    assert listed["count"] == len(_reads(who))
    for marking, obj in marked.items():
        response = api.get(f"/contributions/{obj.pk}")
        if marking in _reads(who):
            assert response.json()["id"] == obj.pk
        else:
            problem(response, 404, "not_found")


CONTRIBUTION_WRITERS = {"admin", "spoke-north", "delegation-deu"}


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_patch_a_contribution(db, api_as, marked, who):
    obj = marked["PUBLIC"]
    before = state(obj)
    response = api_as(who).patch(
        f"/contributions/{obj.pk}", {"expected_version": 1, "personnel": 9}
    )
    if who in CONTRIBUTION_WRITERS:
        assert response.status_code == 200
        assert (response.json()["personnel"], response.json()["version"]) == (9, 2)
        return
    problem(
        response,
        401 if who is None else 403,
        "not_authenticated" if who is None else "permission_denied",
    )
    assert state(obj) == before


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_patch_a_site(db, api_as, who):
    site = Site.objects.get(code="taac_north")
    before = state(site)
    response = api_as(who).patch(
        "/sites/taac_north", {"expected_version": site.version, "notes": "n"}
    )
    if who in {"admin", "spoke-north"}:
        assert response.json()["notes"] == "n"
        return
    assert response.status_code == (401 if who is None else 403)
    assert state(site) == before


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_create_an_organisation_and_a_site(db, api_as, who):
    api = api_as(who)
    org = api.post("/organisations", {"code": "zz_org", "name": "Zed", "kind": "agency"})
    site = api.post(
        "/sites",
        {"code": "zz_site", "name": "Zed", "kind": "port", "latitude": "1.5", "longitude": "2.5"},
    )
    assert (org.status_code == 201) is (who in {"admin", "secretariat"})
    assert (site.status_code == 201) is (who == "admin")
    assert Organisation.objects.filter(code="zz_org").exists() is (who in {"admin", "secretariat"})
    assert Site.objects.filter(code="zz_site").exists() is (who == "admin")
    if who is None:
        problem(org, 401, "not_authenticated")


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_patch_a_nation(db, api_as, who):
    nation = Nation.objects.get(iso3="DEU")
    before = state(nation)
    response = api_as(who).patch("/nations/DEU", {"expected_version": 1, "notes": "x"})
    assert (response.status_code == 200) is (who == "admin")
    if who != "admin":
        assert state(nation) == before


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_create_and_delete_a_contribution(db, api_as, who):
    api = api_as(who)
    payload = {"nation": "DEU", "site": "taac_north", "as_of": "2003-03-03", "personnel": 3}
    response = api.post("/contributions", payload)
    allowed = who in CONTRIBUTION_WRITERS
    assert (response.status_code == 201) is allowed
    if not allowed:
        assert not TroopContribution.objects.filter(as_of=date(2003, 3, 3)).exists()
        return
    pk = response.json()["id"]
    problem(api.delete(f"/contributions/{pk}", expected_version=5), 409, "stale_version")
    assert api.delete(f"/contributions/{pk}", expected_version=1).status_code == 204
    assert not TroopContribution.objects.filter(pk=pk).exists()


def test_a_stale_patch_is_409_and_changes_nothing(db, api_as, marked):
    obj = marked["PUBLIC"]
    api = api_as("admin")
    assert (
        api.patch(f"/contributions/{obj.pk}", {"expected_version": 1, "personnel": 5}).status_code
        == 200
    )
    before = state(obj)
    body = problem(
        api.patch(f"/contributions/{obj.pk}", {"expected_version": 1, "personnel": 6}),
        409,
        "stale_version",
    )
    assert "Reload" in body["detail"]
    assert state(obj) == before


def test_moving_a_contribution_away_from_ones_site_is_refused(db, api_as, marked):
    obj = marked["PUBLIC"]
    before = state(obj)
    response = api_as("spoke-north").patch(
        f"/contributions/{obj.pk}", {"expected_version": 1, "site": "taac_west"}
    )
    problem(response, 403, "permission_denied")
    assert state(obj) == before


def test_bad_input_is_422_with_field_errors(db, api_as, marked):
    api = api_as("admin")
    body = problem(
        api.post("/sites", {"code": "Bad Code!", "name": "", "kind": "castle"}),
        422,
        "validation_failed",
    )
    assert {"code", "name", "kind"} <= set(body["errors"]) or "code" in body["detail"]
    body = problem(
        api.post("/contributions", {"nation": "ZZZ", "as_of": "2003-01-01"}),
        422,
        "unknown_reference",
    )
    assert body["errors"] == {"nation": ["unknown code"]}
    problem(api.get("/contributions", as_of_after="yesterday"), 422, "invalid_filter")
    problem(api.get("/sites", sort="nonsense"), 422, "invalid_filter")
    problem(api.get("/nations", page=0), 422, "validation_failed")
    problem(api.get("/nations", page_size=501), 422, "validation_failed")
    problem(api.get("/nations", page=10**30), 422, "validation_failed")
    obj = marked["PUBLIC"]
    before = state(obj)
    problem(
        api.patch(
            f"/contributions/{obj.pk}",
            {"expected_version": 1, "personnel_low": 9, "personnel_high": 2},
        ),
        422,
        "validation_failed",
    )
    assert state(obj) == before


def test_a_reference_the_caller_cannot_read_is_unknown_to_it(db, api_as):
    secret = Site.objects.get(code="taac_west")
    Site.objects.filter(pk=secret.pk).update(marking="NATO")
    api = api_as("delegation-rus")
    problem(api.get("/sites/taac_west"), 404, "not_found")
    body = problem(
        api.post("/contributions", {"nation": "RUS", "site": "taac_west", "as_of": "2003-01-01"}),
        422,
        "unknown_reference",
    )
    assert "taac_west" in body["detail"]


def test_lists_paginate_and_filter(db, api_as):
    api = api_as(None)
    total = api.get("/nations").json()["count"]
    assert total == Nation.objects.filter(marking="PUBLIC").count()
    first = api.get("/nations", page_size=5, sort="iso3").json()
    second = api.get("/nations", page_size=5, page=2, sort="iso3").json()
    assert [n["iso3"] for n in first["items"] + second["items"]] == list(
        Nation.objects.order_by("iso3").values_list("iso3", flat=True)[:10]
    )
    assert api.get("/nations", page=10_000).json() == {"items": [], "count": total}
    nato = api.get("/nations", nato="true", page_size=500).json()
    assert nato["count"] == Nation.objects.filter(nato_accession__isnull=False).count()
    sites = api.get("/sites", kind="spoke").json()
    assert {s["code"] for s in sites["items"]} == {
        "taac_north",
        "taac_west",
        "taac_south",
        "taac_east",
    }
    deu = api.get("/contributions", nation="DEU").json()
    assert {c["nation"] for c in deu["items"]} == {"DEU"}
    mission_wide = api.get("/contributions", mission_wide="true", page_size=500).json()
    assert all(c["site"] is None for c in mission_wide["items"])
    assert api.get("/organisations", q="corps").json()["count"] >= 6


# --- tokens and sessions -----------------------------------------------------------------------


def test_a_token_is_created_once_listed_without_its_secret_and_revoked(db, api_as):
    api = api_as("logistician")
    created = api.post("/tokens", {"name": "transit planner"})
    assert created.status_code == 201
    secret = created.json()["secret"]
    listed = api.get("/tokens").json()
    assert secret not in str(listed)
    assert "secret" not in listed[0]
    own = Api(secret)
    assert own.get("/me").json()["username"] == "logistician"
    assert own.post(f"/tokens/{created.json()['id']}/revoke").json()["revoked_at"]
    problem(own.get("/me"), 401, "not_authenticated")
    # A dead token is refused even where anonymous callers are welcome.
    problem(own.get("/nations"), 401, "not_authenticated")


def test_someone_elses_token_is_not_found(db, api_as, persona):
    token, _secret = api_token_create(actor=persona("auditor"), name="x")
    problem(api_as("logistician").post(f"/tokens/{token.pk}/revoke"), 404, "not_found")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_session_write_needs_the_csrf_token(db, persona):
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("admin"))
    assert client.get("/api/v1/me").status_code == 200
    response = client.post("/api/v1/tokens", data={"name": "x"}, content_type="application/json")
    problem(response, 403, "csrf_failed")
    assert not ApiToken.objects.filter(name="x").exists()


def test_an_unknown_url_under_the_api_is_problem_json(db, api_as):
    problem(api_as("admin").get("/contributions/999999999"), 404, "not_found")
    problem(api_as("admin").get("/nations/XYZ"), 404, "not_found")


def test_times_with_any_iso_offset_or_none_are_understood(db, api_as):
    """PostgreSQL refuses offsets beyond 15:59 that ISO 8601 allows; Accord stores UTC."""
    api = api_as("admin")
    created = api.post("/tokens", {"name": "far", "expires_at": "2999-01-01T00:00:00-21:56"})
    assert created.status_code == 201
    assert created.json()["expires_at"].startswith("2999-01-01T21:56")
    naive = api.post("/tokens", {"name": "naive", "expires_at": "2999-01-01T00:00:00"})
    assert naive.status_code == 201
    entries = api.get("/audit/entries", since="2000-01-01T00:00:00-21:56", until="2999-01-01T00:00")
    assert entries.status_code == 200
    assert entries.json()["count"] > 0


def test_nul_characters_are_bad_input_not_a_server_error(db, api_as):
    """PostgreSQL cannot store NUL; it must be refused as input on every kind of parameter."""
    api = api_as("admin")
    assert api.get("/audit/entries", outcome="a\x00b").status_code == 422
    assert api.get("/sites", q="a\x00b").status_code == 422
    assert api.get("/nations/A%00B").status_code in {404, 422}
    assert api.get("/organisations/a%00b").status_code in {404, 422}
    body = {"code": "zz_nul", "name": "Z\x00", "kind": "agency", "notes": "n\x00"}
    problem(api.post("/organisations", body), 422, "validation_failed")
    assert not Organisation.objects.filter(code="zz_nul").exists()
    patch = api.patch("/sites/taac_north", {"expected_version": 1, "notes": "x\x00"})
    problem(patch, 422, "validation_failed")
