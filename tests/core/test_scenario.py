"""Loading the scenario: idempotent, all or nothing; a bad file named by file, line and field."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.core.engine.scenario import parse_scenario
from accord.core.management.commands.load_scenario import packaged_scenario
from accord.core.models import (
    MissionStrength,
    Nation,
    Organisation,
    Site,
    Source,
    TroopContribution,
)
from accord.core.services import scenario_load
from accord.errors import Conflict, PermissionDenied, ScenarioInvalid, ValidationFailed

SYSTEM = system_principal("tests")
TEXT, NAME = packaged_scenario()
MODELS = (Source, Nation, Organisation, Site, TroopContribution, MissionStrength)


def fingerprint() -> dict:
    """Every registry row and its version, and the trail's successful entries."""
    rows = {m.__name__: sorted(m.objects.values_list(*_key(m))) for m in MODELS}
    rows["done"] = AuditEntry.objects.filter(outcome="done").count()
    return rows


def _key(model):
    if model is Source:
        return ("code", "citation")
    return ("pk", "version")


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_loading_the_same_scenario_again_changes_nothing(db):
    before = fingerprint()
    audit_head = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    counts = scenario_load(actor=SYSTEM, text=TEXT, filename=NAME)
    assert counts["created"] == 0
    assert counts["changed"] == 0
    # Every registry record was matched (the modules' sections add their own records on top).
    assert counts["unchanged"] >= sum(
        m.objects.count() for m in (Nation, Organisation, Site, TroopContribution, MissionStrength)
    )
    assert fingerprint() == before
    assert (
        not AuditEntry.objects.filter(outcome="done")
        .exclude(action="scenario.load")
        .filter(pk__gt=audit_head)
        .exists()
    ), "a reload wrote something"


def test_a_changed_figure_is_one_audited_change(db):
    text = TEXT.replace("{nation: GEO, count: 870,", "{nation: GEO, count: 885,", 1)
    contribution = TroopContribution.objects.get(nation__iso3="GEO", site__isnull=True)
    counts = scenario_load(actor=SYSTEM, text=text, filename=NAME)
    assert (counts["created"], counts["changed"]) == (0, 1)
    contribution.refresh_from_db()
    assert (contribution.personnel, contribution.version) == (885, 2)
    entry = AuditEntry.objects.get(action="contribution.update", object_id=str(contribution.pk))
    assert entry.changes == {"personnel": [870, 885]}
    assert scenario_load(actor=SYSTEM, text=text, filename=NAME)["changed"] == 0


def test_partner_nations_are_loaded_and_their_change_audited(db):
    east = Site.objects.get(code="taac_east")
    assert list(east.partner_nations.values_list("iso3", flat=True)) == ["POL"]
    text = TEXT.replace("    partner_nations: [POL]\n", "    partner_nations: [POL, ROU]\n", 1)
    assert scenario_load(actor=SYSTEM, text=text, filename=NAME)["changed"] == 1
    assert set(east.partner_nations.values_list("iso3", flat=True)) == {"POL", "ROU"}
    entry = AuditEntry.objects.get(action="site.update", object_id=str(east.pk))
    assert set(entry.changes) == {"partner_nations"}


def test_an_organisation_listed_before_its_parent_still_gets_it(db):
    first = "  - {id: nato, name: North Atlantic Treaty Organization"
    child = "  - {id: zz_unit, name: Zed Unit, kind: agency, parent: zz_parent, source: []}\n"
    parent = "  - {id: zz_parent, name: Zed Parent, kind: agency, source: []}\n"
    text = TEXT.replace(first, child + parent + first, 1)
    scenario_load(actor=SYSTEM, text=text, filename=NAME)
    assert Organisation.objects.get(code="zz_unit").parent.code == "zz_parent"
    assert scenario_load(actor=SYSTEM, text=text, filename=NAME)["changed"] == 0


BAD = {
    "not YAML": (
        ("  - {iso3: BEL, name: Belgium,", "  - {iso3: BEL, name: [Belgium,"),
        "  - {iso3: BEL",
        "not valid YAML",
    ),
    "latitude 95": (("    lat: 34.53\n", "    lat: 95\n"), "    lat: 95", "sites[0].lat"),
    "unknown nation": (
        ("{nation: GEO, count: 870", "{nation: XYZ, count: 870"),
        "{nation: XYZ",
        "troop_contributions[1].nation: nation XYZ is not in the nations section",
    ),
    "malformed nation code": (
        ("{nation: GEO, count: 870", "{nation: geo, count: 870"),
        "{nation: geo",
        "troop_contributions[1].nation",
    ),
    "unknown lead nation": (
        ("    lead_nation: USA\n", "    lead_nation: XYZ\n"),
        "    lead_nation: XYZ",
        "sites[0].lead_nation: nation XYZ",
    ),
    "unknown source": (
        (
            '{iso3: BEL, name: Belgium, names: {ru: "Бельгия"}, nato_accession: "1949-04-04", '
            "nrc_member: true, source: [S-105]}",
            "{iso3: BEL, name: Belgium, source: [S-999]}",
        ),
        "{iso3: BEL",
        "nations[1].source: source S-999 is not in the sources section",
    ),
    "missing section": (("\nsites:\n", "\nsitez:\n"), None, "sites: the section 'sites' is"),
    "entries not a list": (
        ("  entries:\n", "  entries: 5\n  old_entries:\n"),
        "  entries: 5",
        "troop_contributions.entries: must be a list",
    ),
    "programme not a mapping": (
        ("training_programmes:\n", "training_programmes:\n  - just text\n"),
        "  - just text",
        "training_programmes[0]: must be a mapping",
    ),
    "venue without a name": (
        ("training_programmes:\n", "training_programmes:\n  - {venue: {lat: 1, lon: 2}}\n"),
        "  - {venue:",
        "training_programmes[0].venue.name",
    ),
    "organisation cycle": (
        (
            "  - {id: nato, name: North Atlantic Treaty Organization,",
            "  - {id: nato, parent: rsm, name: North Atlantic Treaty Organization,",
        ),
        "  - {id: nato, parent",
        "organisations[0].parent: organisation nato sits under itself",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=str)
def test_a_malformed_scenario_is_refused_naming_file_line_and_field(db, case):
    (old, new), line_of, message = BAD[case]
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    before = fingerprint()
    with pytest.raises(ScenarioInvalid) as caught:
        scenario_load(actor=SYSTEM, text=text, filename="mission.yaml")
    line = _line_of(text, line_of) if line_of else 1
    assert caught.value.detail.startswith(f"mission.yaml, line {line}"), caught.value.detail
    assert message in caught.value.detail
    assert caught.value.code == "scenario_invalid"
    assert caught.value.errors
    assert fingerprint() == before
    refusal = AuditEntry.objects.latest("id")
    assert (refusal.action, refusal.outcome, refusal.error_code) == (
        "scenario.load",
        "refused",
        "scenario_invalid",
    )


def test_a_failure_while_writing_leaves_nothing_half_loaded(db):
    """The file parses, but a new nation takes a name already used: nothing of it is kept."""
    marker = "  # Non-NRC states in the scenario"
    additions = (
        "  - {iso3: ZZA, name: Zedland, source: [S-999]}\n"
        "  - {iso3: ZZB, name: Germany, source: []}\n"
    )
    text = TEXT.replace(marker, additions + marker, 1).replace(
        "\nsources:\n", '\nsources:\n  S-999: "A source new in this file"\n', 1
    )
    before = fingerprint()
    with pytest.raises((ValidationFailed, Conflict)):
        scenario_load(actor=SYSTEM, text=text, filename=NAME)
    assert fingerprint() == before
    assert not Nation.objects.filter(iso3__in=["ZZA", "ZZB"]).exists()
    assert not Source.objects.filter(code="S-999").exists()


def test_only_administrators_load_a_scenario(db, persona):
    before = fingerprint()
    with pytest.raises(PermissionDenied):
        scenario_load(actor=persona("secretariat"), text=TEXT, filename=NAME)
    assert fingerprint() == before
    assert AuditEntry.objects.latest("id").error_code == "permission_denied"


# --- whatever the file holds, the parser answers with a scenario or ScenarioInvalid ----------

MINIMAL = {
    "sources": {"S-1": "a source"},
    "nations": [{"iso3": "AAA", "name": "A", "source": ["S-1"]}],
    "sites": [{"id": "s", "name": "S", "kind": "hub", "lat": 1, "lon": 2, "lead_nation": "AAA"}],
    "troop_contributions": {"entries": [{"nation": "AAA", "as_of": "2015", "count": 1}]},
    "organisations": [{"id": "o", "name": "O", "kind": "agency"}],
    "training_programmes": [{"venue": {"name": "V", "lat": 1, "lon": 1}}],
}
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "iso3", "name", "lat", "source", "venue", "x"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    section=st.sampled_from(sorted(MINIMAL)),
    path=st.lists(
        st.integers(0, 3) | st.sampled_from(["name", "lat", "venue", "entries"]), max_size=2
    ),
    value=JSONISH,
)
def test_any_document_parses_or_is_refused_as_scenario_invalid(section, path, value):
    document = yaml.safe_load(yaml.safe_dump(MINIMAL))
    node, key = document, section
    for part in path:
        child = node.get(key) if isinstance(node, dict) else node[key]
        into_list = isinstance(child, list) and isinstance(part, int) and part < len(child)
        into_dict = isinstance(child, dict) and isinstance(part, str)
        if not (into_list or into_dict):
            break
        node, key = child, part
    node[key] = value
    text = yaml.safe_dump(document)
    error = None
    try:
        parse_scenario(text, "fuzz.yaml")
    except ScenarioInvalid as refused:
        error = refused
    assert error is None or error.detail.startswith("fuzz.yaml, line ")
