"""The kinds of notification, registered by the apps that raise them.

Notifications sit below the apps that tell people things (the council, training, the fleet), so
they cannot name those apps' events. Each app registers its kinds when it starts
(``CouncilConfig.ready``) with a label its users read in the inbox and on the preferences page;
``services.notify`` refuses a kind nobody registered, so a typo never sends mail unseen.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from accord.registry import Registry


@dataclass(frozen=True)
class Kind:
    """One kind of notification: its code (``council.circulated``) and its label."""

    code: str
    label: str | Promise


_kinds: Registry[Kind] = Registry("notification kind", on_repeat="keep")


def provide(code: str, label: str | Promise) -> None:
    """Called once by an app when it is ready, for each kind it raises."""
    _kinds.add(code, Kind(code, label))


def registered() -> list[Kind]:
    """Every kind, in the order the apps registered them."""
    return list(_kinds)


def known(code: str) -> bool:
    return code in _kinds


def label_of(code: str) -> str | Promise:
    kind = _kinds.get(code)
    return kind.label if kind else code
