"""``accord seed``: same seed, same data; counts follow the scale; the audit chain holds."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.audit.selectors import audit_verify
from accord.core.models import Site, TroopContribution
from accord.core.seed import GENERATORS, generators, seed_digest, seed_run
from accord.errors import PermissionDenied

SCALE = 25  # one synthetic site, 25 contributions, 251 audit entries


class _Undo(Exception):
    pass


def seeded_digest(*, seed: int, batch_size: int = 7) -> str:
    """Seed inside a savepoint, take the digest, and roll the seed back."""
    digest = ""
    try:
        with transaction.atomic():
            seed_run(actor=system_principal("tests"), scale=SCALE, seed=seed, batch_size=batch_size)
            digest = seed_digest()
            raise _Undo
    except _Undo:
        return digest


def test_the_same_seed_gives_the_same_data_whatever_the_batch_size(db):
    first = seeded_digest(seed=42, batch_size=7)
    assert seeded_digest(seed=42, batch_size=1000) == first
    assert seeded_digest(seed=43) != first


def test_seeding_writes_what_the_scale_says_and_the_chain_verifies(db):
    before = AuditEntry.objects.count()
    written = seed_run(actor=system_principal("tests"), scale=SCALE, seed=1, batch_size=10)

    # The fleet adds ceil(25/100) = 1 aircraft with a year of weekly flights and its entry, and
    # an open work order on it with its entry; training 2 sessions of up to 20 and 25 trainees,
    # 2 + 2 + 2·25 audit entries; the situation 25 conflict events in one release and its entry.
    assert written == {
        "core.sites": 1,
        "core.contributions": 25,
        "fleet.aircraft": 1,
        "fleet.flight_logs": 52,
        "fleet.work_orders": 1,
        "training.sessions": 2,
        "training.trainees": 25,
        "situation.events": 25,
        "audit.entries": 252 + 55 + 1,
    }
    assert Site.objects.filter(code="syn-site-00001").count() == 1
    contributions = TroopContribution.objects.filter(site__code__startswith="syn-")
    assert contributions.count() == 25
    # Every nation's synthetic figure is one per site and date: the unique constraints hold.
    assert contributions.values("nation", "site", "as_of").distinct().count() == 25
    # 252 + 55 + 1 synthetic entries and the run's own summary.
    assert AuditEntry.objects.count() == before + 252 + 55 + 1 + 1
    summary = AuditEntry.objects.get(action="seed.run")
    assert summary.actor_name == "system:tests"
    assert summary.changes["scale"] == [None, 25]
    assert summary.changes["core.contributions"] == [None, 25]

    report = audit_verify()
    assert report.ok, report.first_break
    assert report.pending == 0
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "The audit trail is intact" in out.getvalue()


def test_a_synthetic_history_ends_at_the_contributions_figure(db):
    seed_run(actor=system_principal("tests"), scale=3, seed=5)
    contribution = TroopContribution.objects.filter(site__code__startswith="syn-").first()
    history = AuditEntry.objects.filter(
        object_type="core.troopcontribution", object_id=str(contribution.pk)
    ).order_by("id")
    assert [e.action for e in history] == ["contribution.create"] + ["contribution.update"] * 9
    assert history.last().changes["personnel"][1] == contribution.personnel


def test_seeding_twice_is_refused_and_writes_nothing(db):
    call_command("seed", "--scale", "5", "-v", "0", stdout=StringIO())
    counts = (Site.objects.count(), TroopContribution.objects.count())
    with pytest.raises(CommandError, match="Synthetic data is already here"):
        call_command("seed", "--scale", "5", "-v", "0", stdout=StringIO())
    assert (Site.objects.count(), TroopContribution.objects.count()) == counts


def test_only_administrators_seed(db, persona):
    with pytest.raises(PermissionDenied):
        seed_run(actor=persona("hub-staff"), scale=2)
    assert not Site.objects.filter(code__startswith="syn-").exists()


def test_the_command_lists_its_plan_without_writing(db):
    out = StringIO()
    call_command("seed", "--scale", "100000", "--plan", stdout=out)
    assert "100 sites, 100,000 contributions, 1,000,100 audit entries" in out.getvalue()
    assert not Site.objects.filter(code__startswith="syn-").exists()


def test_every_installed_generator_is_registered_once():
    names = [reg.name for reg in generators()]
    assert names[0] == "core"
    assert sorted(names) == sorted(GENERATORS)
