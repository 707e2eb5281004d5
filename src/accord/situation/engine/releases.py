"""What a newer release of an event source changes against the events stored from earlier ones.

An event is known by its source's id; a release's row for an id already stored is a modification
when its content differs (its digest, or for ACLED a newer ``timestamp``), an id no longer in the
release is withdrawn, a new id is added. The diff reads digests only, so it is the same for
135 events or 200,000.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field


def row_digest(values: dict) -> str:
    """A digest of an event's content as imported (keys sorted, values as text)."""
    text = json.dumps({k: str(v) for k, v in values.items()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Diff:
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.added or self.modified or self.withdrawn)


def diff(stored: dict[str, str], incoming: dict[str, str]) -> Diff:
    """Compare ``{source id: digest}`` of the stored (not withdrawn) events with a release's."""
    result = Diff()
    for source_id, digest in incoming.items():
        if source_id not in stored:
            result.added.append(source_id)
        elif stored[source_id] != digest:
            result.modified.append(source_id)
        else:
            result.unchanged.append(source_id)
    result.withdrawn = sorted(set(stored) - set(incoming))
    return result


def changed_fields(before: dict, after: dict) -> list[str]:
    """The names of the fields whose values differ (for the report of a modification)."""
    return sorted(name for name in after if str(before.get(name)) != str(after[name]))
