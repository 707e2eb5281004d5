"""Training's synthetic data for benchmarks and load tests (``accord seed --scale N``).

For a scale N: one synthetic programme (``syn-training``) with one course, ``ceil(N / 20)``
sessions of twenty seats (weekly from 5 January 2015, their seats shared among the beneficiary
nations), N trainees (``syn-`` national identifiers) each nominated once, seated and graded
(about four in five pass), and one audit entry per session, trainee and nomination: so
N/20 sessions, N trainees, N nominations and 2·N + N/20 + 2 audit entries. At ``--scale 100000``
that is 5,000 sessions and 100,000 trainees, the figures of the statistics benchmark.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _

from accord import access
from accord.audit.selectors import audit_entry_list
from accord.core import selectors as core_selectors
from accord.core.seed import PREFIX, SeedRun, register
from accord.errors import Code, ValidationFailed
from accord.markings import Marking
from accord.training.choices import NominationStatus
from accord.training.engine.names import name_key
from accord.training.models import Course, Nomination, Programme, SeatQuota, Session, Trainee

SEATS = 20
SYNTHETIC_TITLE = PREFIX + "course"  # data, not a text of the interface
BASE_DATE = date(2015, 1, 5)
BASE_TIME = datetime(2015, 1, 5, 6, 0, tzinfo=UTC)
BENEFICIARIES = ("AFG", "KAZ", "KGZ", "PAK", "TJK", "TKM", "UZB")
GIVEN = ("Ahmad", "Mohammad", "Abdul", "Gul", "Wali", "Najib", "Farid", "Hamid", "Rahim", "Ivan")
FAMILY = ("Zadran", "Karimi", "Noori", "Safi", "Popal", "Wardak", "Amiri", "Rahimi", "Hotak")


@register(
    "training",
    order=30,
    ratios="ceil(N/20) sessions, N trainees, N nominations, 2·N + N/20 + 2 audit entries",
)
class TrainingGenerator:
    def plan(self, scale: int) -> dict[str, int]:
        sessions = math.ceil(scale / SEATS)
        return {
            "training sessions": sessions,
            "trainees": scale,
            "nominations": scale,
            "audit entries": 2 * scale + sessions + 2,
        }

    def existing(self) -> int:
        return Programme.objects.filter(code__startswith=PREFIX).count()

    def run(self, seed_run: SeedRun) -> None:
        nations = [core_selectors.nation_find(iso3=c) for c in BENEFICIARIES]
        if any(n is None for n in nations):
            raise ValidationFailed(
                _(
                    "The registry has no beneficiary nations: load the scenario first (accord "
                    "demo, or accord load_scenario)."
                ),
                code=Code.SEED_NEEDS_SCENARIO,
            )
        _Writer(seed_run, nations).write()

    def digest_rows(self) -> Iterable[tuple]:
        sessions = Session.objects.filter(code__startswith=PREFIX)
        yield from sessions.order_by("code").values_list("code", "starts", "capacity", "seated")
        yield from (
            Nomination.objects.filter(session__in=sessions)
            .order_by("trainee__national_id")
            .values_list(
                "trainee__national_id",
                "trainee__given_name",
                "trainee__family_name",
                "trainee__date_of_birth",
                "nation__iso3",
                "session__code",
                "status",
                "grade",
            )
            .iterator(chunk_size=5000)
        )
        entries = audit_entry_list(actor=access.system_principal("seed"), filters={}).filter(
            actor_name=f"{PREFIX}trainer"
        )
        yield from (
            entries.order_by("id")
            .values_list("occurred_at", "action", "object_type", "object_repr", "changes")
            .iterator(chunk_size=5000)
        )


class _Writer:
    def __init__(self, seed_run: SeedRun, nations: list):
        self.run, self.rng, self.nations = seed_run, seed_run.rng, nations
        self.clock = BASE_TIME

    def _entry(self, action: str, obj, changes: dict) -> dict:
        # A fixed step, in record order: the data must not depend on the batch size.
        self.clock += timedelta(seconds=60)
        return {
            "occurred_at": self.clock,
            "actor_id": None,
            "actor_name": f"{PREFIX}trainer",
            "action": action,
            "outcome": "done",
            "error_code": "",
            "object_type": obj._meta.label_lower,
            "object_id": str(obj.pk),
            "object_repr": str(obj)[:200],
            "changes": changes,
            "marking": obj.marking,
            "owner_nation_id": obj.owner_nation_id,
            "via": "cli",
        }

    def write(self) -> None:
        with self.run.batch():
            programme = Programme.objects.create(
                code=f"{PREFIX}training", name=f"{PREFIX}Training programme", kind="technicians"
            )
            programme.beneficiaries.set(self.nations)
            course = Course.objects.create(
                programme=programme,
                code=f"{PREFIX}course",
                title=SYNTHETIC_TITLE,
                hours=80,
                pass_mark=60,
                language="ru",
            )
            self.run.audit_append(
                [
                    self._entry("programme.create", programme, {"code": [None, programme.code]}),
                    self._entry("course.create", course, {"code": [None, course.code]}),
                ]
            )
        sessions = math.ceil(self.run.scale / SEATS)
        per_batch = max(1, self.run.batch_size // SEATS)
        for first in range(0, sessions, per_batch):
            self._sessions(course, first, min(first + per_batch, sessions))

    def _sessions(self, course, first: int, stop: int) -> None:
        with self.run.batch():
            sessions = Session.objects.bulk_create(
                [
                    Session(
                        course=course,
                        code=f"{PREFIX}session-{n + 1:06d}",
                        starts=BASE_DATE + timedelta(weeks=n),
                        ends=BASE_DATE + timedelta(weeks=n, days=11),
                        capacity=SEATS,
                        nominations_open=False,
                        marking=Marking.PUBLIC,
                    )
                    for n in range(first, stop)
                ]
            )
            trainees, nominations, quotas = [], [], []
            for n, session in enumerate(sessions, start=first):
                seats = min(SEATS, self.run.scale - n * SEATS)
                counts: dict = {}
                for i in range(seats):
                    nation = self.nations[self.rng.randrange(len(self.nations))]
                    counts[nation] = counts.get(nation, 0) + 1
                    k = n * SEATS + i
                    given, family = self.rng.choice(GIVEN), self.rng.choice(FAMILY)
                    trainees.append(
                        Trainee(
                            given_name=given,
                            family_name=family,
                            date_of_birth=date(1970 + k % 30, 1 + k % 12, 1 + k % 28),
                            nation=nation,
                            national_id=f"{PREFIX}{k + 1:08d}",
                            name_key=name_key(given, family),
                            marking=Marking.NATIONAL,
                            owner_nation=nation,
                        )
                    )
                    grade = self.rng.randint(30, 100)
                    nominations.append(
                        Nomination(
                            session=session,
                            nation=nation,
                            status=NominationStatus.PASSED if grade >= 60 else "failed",
                            nominated_at=BASE_TIME + timedelta(weeks=n),
                            grade=grade,
                            marking=Marking.NATIONAL,
                            owner_nation=nation,
                        )
                    )
                session.seated = seats
                quotas += [
                    SeatQuota(session=session, nation=nation, seats=c, seated=c)
                    for nation, c in counts.items()
                ]
            Session.objects.bulk_update(sessions, ["seated"])
            SeatQuota.objects.bulk_create(quotas)
            Trainee.objects.bulk_create(trainees)
            for trainee, nomination in zip(trainees, nominations, strict=True):
                nomination.trainee = trainee
            Nomination.objects.bulk_create(nominations)
            entries, people = [], iter(zip(trainees, nominations, strict=True))
            for session in sessions:
                entries.append(
                    self._entry("session.create", session, {"code": [None, session.code]})
                )
                for _seat in range(session.seated):
                    trainee, nomination = next(people)
                    entries.append(self._entry("nomination.create", trainee, {"registered": True}))
                    entries.append(
                        self._entry(
                            "nomination.grade", nomination, {"grade": [None, nomination.grade]}
                        )
                    )
            self.run.audit_append(entries)
            self.run.count("training.sessions", len(sessions))
            self.run.count("training.trainees", len(trainees))
        self.run.advance(len(trainees) + len(nominations) + len(sessions))
