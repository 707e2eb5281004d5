"""Advising's API per role, through the mounted API: a spoke files and rates its own
counterpart's records; another spoke neither reads the report nor rates; bad input answers
problem+json with its code, and nothing is written."""

from accord.advising.models import EngagementReport, Rating


def _post(client, path, payload):
    return client.post(f"/api/v1/advising{path}", payload, content_type="application/json")


def test_a_spokes_report_through_the_api(north, client_as):
    code = north["counterpart"].code
    filed = _post(
        client_as("spoke-north"),
        "/reports",
        {
            "counterpart": code,
            "function": "EF2",
            "held_on": "2016-03-01",
            "advisors": "Maj. A (DEU)",
            "notes": "API report",
        },
    )
    assert filed.status_code == 201, filed.content
    body = filed.json()
    assert (body["marking"], body["site"], body["counterpart"]) == ("NATO", "taac_north", code)
    west = client_as("spoke-west")
    assert west.get(f"/api/v1/advising/reports/{body['id']}").status_code == 404
    listed = west.get("/api/v1/advising/reports").json()["items"]
    assert body["id"] not in [r["id"] for r in listed]
    assert client_as("auditor").get(f"/api/v1/advising/reports/{body['id']}").status_code == 200
    public = _post(
        client_as("spoke-north"),
        "/reports",
        {
            "counterpart": code,
            "function": "EF2",
            "held_on": "2016-03-02",
            "advisors": "Maj. A",
            "notes": "x",
            "marking": "PUBLIC",
        },
    )
    assert (public.status_code, public.json()["code"]) == (422, "report_marking")
    assert EngagementReport.objects.filter(counterpart=north["counterpart"]).count() == 1


def test_ratings_through_the_api(north, client_as):
    path = f"/milestones/{north['milestone'].pk}/ratings"
    spoke = client_as("spoke-north")
    assert _post(spoke, path, {"rated_on": "2016-04-01", "score": 3}).status_code == 201
    again = _post(spoke, path, {"rated_on": "2016-04-01", "score": 4})
    assert (again.status_code, again.json()["code"]) == (409, "rating_exists")
    high = _post(spoke, path, {"rated_on": "2016-04-02", "score": 9})
    assert (high.status_code, high.json()["code"]) == (422, "rating_out_of_scale")
    assert (
        _post(client_as("spoke-west"), path, {"rated_on": "2016-04-03", "score": 2}).status_code
        == 403
    )
    assert list(
        Rating.objects.filter(milestone=north["milestone"]).values_list("score", flat=True)
    ) == [3]
    trend = client_as("spoke-west").get("/api/v1/advising/trends/site").json()
    assert "taac_north" in [t["key"] for t in trend]


def test_teams_and_counterparts_through_the_api(north, client_as):
    """A spoke stands up a team and names a counterpart through the API, and renames both; the
    team's site does not move, and another spoke may not rename them."""
    client = client_as("spoke-north")
    made = _post(client, "/teams", {"code": "api-team", "name": "API team", "site": "taac_north"})
    assert made.status_code == 201, made.content
    assert (made.json()["site"], made.json()["version"]) == ("taac_north", 1)
    named = _post(
        client,
        "/counterparts",
        {"team": "api-team", "code": "api-corps", "name": "Corps", "kind": "corps"}
        | {"ministry": "mod"},
    )
    assert named.status_code == 201, named.content
    assert named.json()["site"] == "taac_north"

    def patch(who, path, payload):
        return who.patch(f"/api/v1/advising{path}", payload, content_type="application/json")

    renamed = patch(client, "/counterparts/api-corps", {"expected_version": 1, "name": "215th"})
    assert (renamed.status_code, renamed.json()["name"]) == (200, "215th")
    refused = patch(
        client_as("spoke-west"), "/teams/api-team", {"expected_version": 1, "name": "Ours"}
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    stale = patch(client, "/counterparts/api-corps", {"expected_version": 1, "name": "Old"})
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_version")
