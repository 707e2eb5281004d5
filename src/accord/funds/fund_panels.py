"""What the money bought, shown beside it: panels other apps add to a fund's page.

A fund's page shows its money; what the money was for (the fleet it keeps flying, for the
Helicopter Maintenance Trust Fund) belongs to apps above the funds, which the funds may not
import (docs/adr/0007-one-direction-between-apps.md). An app registers a panel when it starts
(``FleetConfig.ready``): a function of the request and the fund that returns the panel's HTML,
rendered by that app through its own selectors (so under the reader's access), or None when it
has nothing to say of that fund. Without such an app, a fund's page shows its money alone.
Like the first page's, a panel naming the topics it reads is kept per reader, fund and their
versions (``accord.web.panels.Provided``).
"""

from collections.abc import Callable

from accord.registry import Registry
from accord.web.panels import Provided

Panel = Callable[..., str | None]  # panel(request, fund) -> HTML, or None

_panels: Registry[Provided] = Registry("fund panel", on_repeat="keep")


def provide(panel: Panel, *, topics: tuple[str, ...] = ()) -> None:
    """Called once by an app when it is ready; ``topics`` as for the first page's panels."""
    _panels.add(panel, Provided(panel, tuple(topics)))


def panels_for(request, fund) -> list[str]:
    """The panels the apps give for this fund, in the order they registered."""
    return [html for provided in _panels if (html := provided.html(request, fund, key=fund.pk))]


def provided_panels() -> list[Provided]:
    return list(_panels)
