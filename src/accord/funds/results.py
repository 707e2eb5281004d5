"""What a trust fund's money achieved, as IATI ``result`` elements, reported by the modules that
know it.

Funds sits below the modules that spend its money (training pays sessions from it, the fleet
buys parts), so it may not import them, yet its IATI file should carry what they achieved: the
people trained in the sessions a fund paid for. A provider registry turns the dependency
around: an app above registers a provider from its ``AppConfig.ready`` (so registering happens
once, whichever way Django starts, and only for installed apps), and ``iati_file`` asks every
registered provider for the funds it publishes. A settings list of dotted paths would do the
same, but it would be a second place to keep in step with INSTALLED_APPS, and a typo there would
only show at the first export.

A provider is ``provider(*, actor, funds) -> dict[fund_pk, list[iati.Result]]``: it reads
through its own selectors, so it reports only what the actor may read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from accord.funds import iati
from accord.registry import Registry

ResultProvider = Callable[..., dict[int, list[iati.Result]]]

_providers: Registry[ResultProvider] = Registry("result provider", on_repeat="replace")


def register(name: str, provider: ResultProvider) -> None:
    """Let ``provider`` (known as ``name``: registering again replaces it) report results."""
    _providers.add(name, provider)


def registered() -> tuple[str, ...]:
    return tuple(sorted(_providers.keys()))


def results_for(*, actor, funds: Iterable) -> dict[int, list[iati.Result]]:
    """Every registered provider's results of each fund, providers in the order of their names
    (so the file is the same from one export to the next)."""
    funds = list(funds)
    found: dict[int, list[iati.Result]] = {fund.pk: [] for fund in funds}
    for name in registered():
        for fund_pk, results in _providers.get(name)(actor=actor, funds=funds).items():
            found.setdefault(fund_pk, []).extend(results)
    return found
