from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from accord.bilingual import register_sqlite_functions
from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class CouncilConfig(AppConfig):
    name = "accord.council"
    label = "council"
    verbose_name = "Council"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Council"), "council:index")]

    def ready(self) -> None:
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.council.models import Consultation, Decision, LegalBasis, Meeting

        documents.provide(
            Kind("decision", Decision, key="reference", page="council:decision-detail"),
            Kind("consultation", Consultation, key="pk", page="council:consultation-detail"),
            Kind("meeting", Meeting, key="pk", page="council:meeting-detail"),
            Kind("legal-basis", LegalBasis, key="code", page="council:legal-basis-detail"),
        )

        # The searches of texts in Russian fold case in SQL; SQLite's own LOWER is ASCII-only.
        connection_created.connect(register_sqlite_functions, dispatch_uid="accord_fold")
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.council.home_panels import home_panel

        panels.provide(home_panel, order=10, topics=("council", "core"))
        # The kinds of notification the council raises, for the inbox and the preferences.
        # deferred: the notify module imports the selectors, loaded after every app's config.
        from accord.council.services.notify import KINDS  # deferred: see above
        from accord.notifications import kinds  # deferred: see above

        for code, label in KINDS.items():
            kinds.provide(f"council.{code}", label)
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.council import models
        from accord.council.facts import consultation_path, decision_path
        from accord.search.kinds import Kind, fields, register

        register(
            Kind(
                key="decision",
                model=models.Decision,
                label=_("Decisions"),
                order=10,
                texts=fields(
                    en=("title", "reference", "text"), ru=("title_ru", "reference", "text_ru")
                ),
                url=lambda d: decision_path(d.reference),
            )
        )
        register(
            Kind(
                key="consultation",
                model=models.Consultation,
                label=_("Consultations"),
                order=20,
                texts=_consultation_texts,
                prefetch=("versions",),
                url=lambda c: consultation_path(c.pk),
            )
        )
        register(
            Kind(
                key="legal-basis",
                model=models.LegalBasis,
                label=_("Legal bases"),
                order=30,
                texts=fields(
                    en=("title", "code", "summary"), ru=("title_ru", "code", "summary_ru")
                ),
                url=lambda b: reverse("council:legal-basis-detail", args=[b.code]),
            )
        )
        register(
            Kind(
                key="meeting",
                model=models.Meeting,
                label=_("Meetings"),
                order=40,
                texts=_meeting_texts,
                url=lambda m: reverse("council:meeting-detail", args=[m.pk]),
            )
        )
        register(
            Kind(
                key="joint-action",
                model=models.JointAction,
                label=_("Joint actions"),
                order=50,
                texts=fields(en=("name", "code", "area", "description")),
                url=lambda a: reverse("council:joint-action-detail", args=[a.code]),
            )
        )


def _meeting_texts(meeting) -> dict[str, tuple[str, str]]:
    """A meeting is found by its place, chair and minutes, in each working language; titled by
    its day and place (its own texts only: the body's name is the body's)."""
    title = " ".join(part for part in (meeting.starts_at.date().isoformat(), meeting.place) if part)
    return {
        "en": (title, f"{meeting.chair}\n{meeting.minutes}"),
        "ru": (title, f"{meeting.chair}\n{meeting.minutes_ru}"),
    }


def _consultation_texts(consultation) -> dict[str, tuple[str, str]]:
    """A consultation is found by its title and its latest text, in each working language."""
    # All versions, then the latest in Python: the search reindexes consultations in batches with
    # their versions prefetched, one query for the batch instead of one per consultation.
    latest = max(consultation.versions.all(), key=lambda version: version.number, default=None)
    return {
        "en": (consultation.title, latest.text if latest else ""),
        "ru": (consultation.title_ru, latest.text_ru if latest else ""),
    }
