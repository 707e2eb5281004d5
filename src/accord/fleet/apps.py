from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.funds import fund_panels


class FleetConfig(AppConfig):
    name = "accord.fleet"
    label = "fleet"
    verbose_name = _("Fleet")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Fleet"), "fleet:aircraft-list")]

    def ready(self):
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.fleet.panels import fund_readiness_panel

        fund_panels.provide(fund_readiness_panel)

        # The due maintenance: a kind of notification, and events in the council's feed.
        from accord.council import calendar  # deferred: see above
        from accord.fleet.due_notices import KIND, LABEL, due_events  # deferred: see above
        from accord.notifications import kinds  # deferred: see above

        kinds.provide(KIND, LABEL)
        calendar.provide(due_events)
