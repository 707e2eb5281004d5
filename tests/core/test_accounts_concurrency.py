"""Two administrators removing each other at once, on PostgreSQL: one succeeds, the other is
refused, and an administrator remains (accord.core.accounts).

Which refusal depends on timing, and both are right: if both pass the administrator check before
either commits, the second is refused as the last administrator; if one commits before the other
is checked, the other is no longer an administrator at all (a revoked role) and is refused as not
permitted."""

import threading

import pytest
from django.db import connection

from accord.core import accounts
from accord.core.models import User, UserRole
from accord.errors import Conflict, PermissionDenied


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second", ["deactivate", "revoke"])
def test_two_administrators_cannot_remove_each_other_at_once(mission, second):
    first_admin = User.objects.get(username="admin")
    other = User.objects.get(username="auditor")
    accounts.role_grant(actor=first_admin, user=other, role="administrator")
    # So that the administrator's role is not their last: revoking it is then a fair question.
    accounts.user_place(actor=other, user=first_admin, nation=other.nation, site=None)
    accounts.role_grant(actor=other, user=first_admin, role="auditor")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def remove(actor_name: str, target_name: str, how: str) -> None:
        try:
            actor = User.objects.get(username=actor_name)
            target = User.objects.get(username=target_name)
            barrier.wait(timeout=30)
            if how == "deactivate":
                accounts.user_deactivate(actor=actor, user=target)
            else:
                accounts.role_revoke(actor=actor, user=target, role="administrator")
            outcomes.append("done")
        except (Conflict, PermissionDenied) as refused:
            outcomes.append(refused.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=remove, args=("admin", "auditor", "deactivate")),
        threading.Thread(target=remove, args=("auditor", "admin", second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 2, f"a thread failed otherwise: {outcomes}"
    done, refused = sorted(outcomes)
    assert done == "done"
    assert refused in {"last_administrator", "permission_denied"}
    admins = UserRole.objects.filter(role="administrator", user__is_active=True)
    assert admins.count() == 1
