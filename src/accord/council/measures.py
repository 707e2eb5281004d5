"""What the modules serving a joint action report of it: money disbursed, shipments delivered,
aircraft available, officers trained. The figures an action's results are measured by.

The council sits below the modules that serve its joint actions (funds, transit, fleet,
training), so it may not import them (ADR 0007). A registry turns the dependency around, as the
funds' IATI results do: each app registers a provider from its ``AppConfig.ready``, and the
council asks every registered provider for the actions it shows. A provider reads through its
own app's selectors, so it reports only what the reader may read (the public portal asks as the
anonymous reader: PUBLIC figures only).

A provider is ``provider(*, actor, joint_actions) -> dict[action_pk, list[Figure]]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accord.l10n import format_number
from accord.money import format_money
from accord.registry import Registry


@dataclass(frozen=True)
class Figure:
    """What a module counts for an action: a whole number (aircraft, shipments, people), or,
    for money, integer minor units of ``currency``."""

    key: str  # stable: "<app>.<what>[.<currency>]", e.g. "funds.disbursed.USD"
    label: str  # in the reader's language
    value: int
    currency: str = ""  # money: the currency of ``value`` (minor units)
    of: int | None = None  # out of how many, when the figure is a share ("3 of 12 aircraft")

    def amount(self, value: int) -> str:
        """A value of this figure as the reader's language writes it."""
        return format_money(value, self.currency) if self.currency else format_number(value)

    @property
    def shown(self) -> str:
        if self.of is None:
            return self.amount(self.value)
        return _("%(value)s of %(total)s") % {
            "value": self.amount(self.value),
            "total": self.amount(self.of),
        }


Provider = Callable[..., dict[int, list[Figure]]]

_providers: Registry[Provider] = Registry("measure provider", on_repeat="replace")


def register(name: str, provider: Provider) -> None:
    """Let ``provider`` (known as ``name``: registering again replaces it) report figures."""
    _providers.add(name, provider)


def registered() -> tuple[str, ...]:
    return tuple(sorted(_providers.keys()))


def figures_for(*, actor, joint_actions: Iterable) -> dict[int, list[Figure]]:
    """Every registered provider's figures of each action, providers in the order of their
    names, so the page reads the same from one visit to the next."""
    actions = list(joint_actions)
    found: dict[int, list[Figure]] = {action.pk: [] for action in actions}
    if not actions:
        return found
    for name in registered():
        for action_pk, figures in _providers.get(name)(actor=actor, joint_actions=actions).items():
            if action_pk in found:
                found[action_pk].extend(figures)
    return found
