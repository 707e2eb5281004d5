"""The oversight API's schemas: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from accord.inputs import Input
from accord.markings import Marking

MarkingIn = Literal["PUBLIC", "NRC", "NATO"]
SeverityIn = Literal["critical", "high", "medium", "low"]
ModuleIn = Literal[
    "registry",
    "council",
    "funds",
    "budget",
    "transit",
    "fleet",
    "training",
    "personnel",
    "situation",
    "other",
]
ClosureIn = Literal["remediated", "risk_accepted"]


class FindingIn(Input):
    title: str = Field("", max_length=200)
    severity: SeverityIn
    module: ModuleIn
    root_cause: str = Field("", max_length=4000)
    owner: str = Field("", max_length=150)
    due: dt.date | None = None
    found_on: dt.date | None = None
    marking: MarkingIn = "PUBLIC"


class FindingOut(Schema):
    id: int
    title: str
    severity: str
    module: str
    root_cause: str
    owner: str
    due: dt.date | None
    found_on: dt.date
    recorded_by: str
    marking: Marking
    version: int


class CitationOut(Schema):
    """A citation as the caller may see it (the others are left out)."""

    kind: str
    kind_name: str
    ident: int
    name: str
    url: str | None
    note: str


class AuditCitationIn(Input):
    position: int = Field(ge=1, le=2**63 - 1)
    note: str = Field("", max_length=500)


class RecordCitationIn(Input):
    kind: str = Field(max_length=60)
    key: str = Field(max_length=100)
    note: str = Field("", max_length=500)


class ActionOut(Schema):
    id: int
    description: str
    owner: str
    due: dt.date | None
    done_on: dt.date | None
    evidence: str
    evidence_url: str
    version: int


class RecommendationOut(Schema):
    id: int
    finding: int = Field(alias="finding_id")
    text: str
    owner: str
    due: dt.date | None
    opened_on: dt.date
    status: str
    closed_on: dt.date | None
    closed_by: str
    accepted_by: str
    closure_note: str
    closure_entry: int | None = Field(alias="closure_entry_id")
    closure_position: int | None = None
    actions: list[ActionOut] = Field(default_factory=list, alias="shown_actions")
    version: int


class FindingDetailOut(FindingOut):
    citations: list[CitationOut]
    recommendations: list[RecommendationOut]


class RecommendationIn(Input):
    text: str = Field("", max_length=4000)
    owner: str = Field("", max_length=150)
    due: dt.date | None = None


class CloseIn(Input):
    outcome: ClosureIn
    accepted_by: str = Field("", max_length=150)
    note: str = Field("", max_length=4000)
    expected_version: int


class ActionIn(Input):
    description: str = Field("", max_length=4000)
    owner: str = Field("", max_length=150)
    due: dt.date | None = None


class ActionEvidenceIn(Input):
    evidence: str = Field("", max_length=4000)
    evidence_url: str = Field("", max_length=500)
    done_on: dt.date | None = None
    expected_version: int


class ModuleRowOut(Schema):
    module: str
    counts: list[int]
    total: int


class DashboardOut(Schema):
    brackets: list[str]
    rows: list[ModuleRowOut]
    total: int


class CheckpointOut(Schema):
    made_at: dt.datetime
    head_seq: int
    head_hash: str
    entries: int
    signature: str
    destination: str
    standing: bool


class HeadOut(Schema):
    seq: int
    chain_hash: str
    sealed_at: dt.datetime


class ChainOut(Schema):
    head: HeadOut | None
    entries: int
    sealed: int
    checkpoints: list[CheckpointOut]
