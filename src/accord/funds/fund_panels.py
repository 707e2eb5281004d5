"""What the money bought, shown beside it: panels other apps add to a fund's page.

A fund's page shows its money; what the money was for (the fleet it keeps flying, for the
Helicopter Maintenance Trust Fund) belongs to apps above the funds, which the funds may not
import (docs/adr/0007-one-direction-between-apps.md). An app registers a panel when it starts
(``FleetConfig.ready``): a function of the request and the fund that returns the panel's HTML,
rendered by that app through its own selectors (so under the reader's access), or None when it
has nothing to say of that fund. Without such an app, a fund's page shows its money alone.
"""

from collections.abc import Callable

from accord.registry import Registry

Panel = Callable[..., str | None]  # panel(request, fund) -> HTML, or None

_panels: Registry[Panel] = Registry("fund panel", on_repeat="keep")


def provide(panel: Panel) -> None:
    """Called once by an app when it is ready."""
    _panels.add(panel, panel)


def panels_for(request, fund) -> list[str]:
    """The panels the apps give for this fund, in the order they registered."""
    return [html for panel in _panels if (html := panel(request, fund))]
