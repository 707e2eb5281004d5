"""The audit trail's entries are not made by copying: every canary's service writes its own
entries (with the canary's tokens in their field changes and the canary's marking), so the crawl
reads them wherever a history or the trail shows."""

from accord.audit.models import AuditEntry
from tests.canary import Canary

CANARIES = {AuditEntry: Canary(derived=True)}
