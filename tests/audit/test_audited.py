"""``@audited`` names a service's action once: inside the service, ``audited_action()`` says it."""

import pytest

from accord.access import system_principal
from accord.audit.services import audited, audited_action


@audited("probe.inner")
def _inner(*, actor) -> str:
    return audited_action()


@audited("probe.outer")
def _outer(*, actor) -> list[str]:
    return [audited_action(), _inner(actor=actor), audited_action()]


def test_a_service_reads_its_own_action_even_around_a_nested_one(db):
    assert _outer(actor=system_principal("test")) == ["probe.outer", "probe.inner", "probe.outer"]


def test_outside_a_service_there_is_no_action_to_read():
    with pytest.raises(RuntimeError, match="@audited"):
        audited_action()
