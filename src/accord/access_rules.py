"""The declaration each model makes of who may change it (read by ``accord.access``).

Kept free of Django so that models can declare it without importing the policy itself.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AccessRule:
    """Who may change records of one kind, beyond what their marking lets them read.

    - ``change_roles``: roles that may change every record of this kind they can read.
    - ``site_roles`` with ``site_field``: hub and spoke staff may change records of their own site
      (``site_field`` names the attribute holding the site's id; ``"pk"`` for a site itself).
    - ``nation_roles`` with ``nation_field``: holders of these roles may change records of their
      own nation (a delegation edits its nation's contributions).
    - ``actions``: the kind's own actions beyond viewing and changing, each with the roles that
      may take it (``{"verify": {Role.AUDITOR, Role.ADMINISTRATOR}}``), asked as
      ``access.may(actor, "verify", AuditEntry)``.
    - ``personal_readers`` (personal data: a trainee, their nominations and certificates): when
      set, a record of the kind is read, whatever its marking, by administrators, holders of
      these roles, and holders of ``nation_roles`` or ``personal_nation_readers`` for a record
      of their own nation (``nation_field``), and by no one else.
    - ``site_confined``: roles confined to their own site for reading (an engagement report of
      one spoke is not read at another): a reader whose every role is among these reads only the
      records of their own site (``site_field``), on top of what the marking allows.
    - ``read_through``: the (non-null) foreign key to the parent whose marking the record carries
      (a fund's ledger rows, a body's meetings): the record is read only while its parent is
      readable too, so a re-marking of the parent reaches every row it holds at once.
    """

    change_roles: frozenset = field(default_factory=frozenset)
    site_roles: bool = False
    site_field: str | None = None
    nation_roles: frozenset = field(default_factory=frozenset)
    nation_field: str | None = None
    read_through: str | None = None
    personal_readers: frozenset = field(default_factory=frozenset)
    personal_nation_readers: frozenset = field(default_factory=frozenset)
    site_confined: frozenset = field(default_factory=frozenset)
    actions: dict = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "change_roles", frozenset(self.change_roles))
        object.__setattr__(self, "nation_roles", frozenset(self.nation_roles))
        object.__setattr__(self, "personal_readers", frozenset(self.personal_readers))
        object.__setattr__(self, "personal_nation_readers", frozenset(self.personal_nation_readers))
        object.__setattr__(self, "site_confined", frozenset(self.site_confined))
        object.__setattr__(
            self, "actions", {name: frozenset(roles) for name, roles in self.actions.items()}
        )
        if (self.site_roles or self.site_confined) and not self.site_field:
            raise ValueError("site_roles needs site_field")
        if (self.nation_roles or self.personal_nation_readers) and not self.nation_field:
            raise ValueError("nation_roles needs nation_field")

    @property
    def personal(self) -> bool:
        """Whether the kind is personal data, read by roles rather than by marking."""
        return bool(self.personal_readers or self.personal_nation_readers)
