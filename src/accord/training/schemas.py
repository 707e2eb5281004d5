"""Per-operation schemas of training's API: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from accord.access import shown
from accord.inputs import ISO3, Input, Text
from accord.markings import Marking


def _code(related, attribute: str = "code"):
    # A reference the reader may not see arrives as None and is left out.
    return getattr(related, attribute) if related is not None else None


class QualificationOut(Schema):
    code: str
    name: str
    marking: Marking
    version: int


class TrainingProgrammeOut(Schema):
    code: str
    name: str
    kind: str
    executing_agency: str | None = None
    joint_action: str | None = None
    description: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_executing_agency(obj):
        return _code(shown(obj, "executing_agency"))

    @staticmethod
    def resolve_joint_action(obj):
        return _code(shown(obj, "joint_action"))


class TrainingProgrammeDetailOut(TrainingProgrammeOut):
    donors: list[str] = Field(alias="donor_codes")
    beneficiaries: list[str] = Field(alias="beneficiary_codes")
    courses: list[str] = Field(alias="course_codes")


class QuotaOut(Schema):
    nation: str = Field(alias="nation.iso3")
    seats: int
    seated: int


class FundingOut(Schema):
    donor: str = Field(alias="donor.iso3")
    amount_minor: int
    currency: str
    fund: str | None = Field(None, description="The trust fund paying it, if one does.")

    @staticmethod
    def resolve_fund(obj):
        # A fund the reader may not read is left out (the flag comes from the selector).
        return obj.fund.code if obj.fund_id and getattr(obj, "fund_shown", False) else None


class SessionOut(Schema):
    code: str
    course: str | None = None
    venue: str | None = None
    mobile_in: str | None = None
    starts: date
    ends: date
    capacity: int
    seated: int
    nominations_open: bool
    waitlist_open: bool
    cost_minor: int
    currency: str
    estimated: bool
    trained_count: int | None
    marking: Marking
    version: int

    @staticmethod
    def resolve_course(obj):
        return _code(shown(obj, "course"))

    @staticmethod
    def resolve_venue(obj):
        return _code(shown(obj, "venue"))

    @staticmethod
    def resolve_mobile_in(obj):
        return _code(shown(obj, "mobile_in"), "iso3")


class SessionDetailOut(SessionOut):
    instructors: str
    quotas: list[QuotaOut] = Field(alias="quota_rows")
    funding: list[FundingOut] = Field(alias="funding_rows")
    waiting: int = Field(alias="waiting_count")


class QuotaIn(Input):
    nation: ISO3
    seats: int = Field(ge=0, le=10_000)


class SessionIn(Input):
    course: Text
    code: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    venue: Text | None = None
    mobile_in: ISO3 | None = None
    starts: date
    ends: date
    instructors: str = Field("", max_length=2000)
    capacity: int = Field(ge=1, le=10_000)
    waitlist_open: bool = True
    quotas: list[QuotaIn] = []


class PersonIn(Input):
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    native_name: str = Field("", max_length=200)
    date_of_birth: date
    nation: ISO3
    national_id: str = Field("", max_length=40)
    rank: str = Field("", max_length=100)


class NominationIn(Input):
    """Nominate a known trainee (``trainee``) or a person (``person``), matched against the
    people already known; ``new_person`` says a suggested match is a different person."""

    trainee: int | None = Field(None, ge=1)
    person: PersonIn | None = None
    new_person: bool = False
    note: str = Field("", max_length=2000)


class NominationOut(Schema):
    id: int
    session: str = Field(alias="session.code")
    trainee: int = Field(alias="trainee_id")
    name: str
    nation: str = Field(alias="nation.iso3")
    status: str
    nominated_at: datetime
    grade: int | None
    note: str
    version: int

    @staticmethod
    def resolve_name(obj):
        return str(obj.trainee)


class AttendanceOut(Schema):
    day: date
    present: bool


class NominationDetailOut(NominationOut):
    attendance: list[AttendanceOut] = Field(alias="attendance_rows")


class WithdrawIn(Input):
    expected_version: int = Field(ge=1)


class AttendanceIn(Input):
    day: date
    present: bool = True


class GradeIn(Input):
    grade: int = Field(ge=-1_000_000, le=1_000_000)


class TraineeOut(Schema):
    id: int
    given_name: str
    family_name: str
    native_name: str
    date_of_birth: date
    nation: str = Field(alias="nation.iso3")
    national_id: str
    rank: str
    match_state: str
    matched: int | None = Field(alias="matched_id")
    version: int


class MatchIn(Input):
    same_person: bool


class CertificateOut(Schema):
    code: str
    trainee: int = Field(alias="trainee_id")
    course: str = Field(alias="course.code")
    issued_on: date
    expires_on: date | None
    revoked_on: date | None
    revocation_reason: str
    replaces: str | None = None
    version: int

    @staticmethod
    def resolve_replaces(obj):
        return obj.replaces.code if obj.replaces_id else None


class RevokeIn(Input):
    reason: str = Field(min_length=1, max_length=2000)


class ReissueIn(Input):
    renew: bool = False


class VerificationOut(Schema):
    code: str
    initials: str
    course: str
    issued_on: date
    expires_on: date | None
    revoked: bool
    valid_today: bool


class YearOut(Schema):
    year: int
    by_nation: dict[str, int]
    reported: int
    total: int


class YearTrainedOut(Schema):
    year: int
    by_nation: dict[str, int]  # "" for the reported figures that give no nation
    total: int


class CourseTrainedOut(Schema):
    programme: str
    course: str
    trained: int


class NationTrainedOut(Schema):
    nation: str | None
    trained: int


class TargetReachedOut(Schema):
    code: str
    programme: str
    kind: str
    due: date
    nation: str | None
    target: int
    trained: int


class DonorCostOut(Schema):
    donor: str
    currency: str
    given_minor: int
    sessions: int
    graduates: int
    per_graduate_minor: int


class StatisticsOut(Schema):
    """Counts and sums only: what anyone may know of the training they may read."""

    total: int
    years: list[YearTrainedOut]
    nations: list[NationTrainedOut]
    courses: list[CourseTrainedOut]
    targets: list[TargetReachedOut]
    costs: list[DonorCostOut]


class OutcomeIn(Input):
    agency: Text = Field(description="The reporting agency's code.")
    day: date
    kind: Text
    description: Text


class OutcomeOut(Schema):
    id: int
    graduate: int = Field(alias="graduate_id")
    nation: str = Field(alias="nation.iso3")
    agency: str | None
    day: date
    kind: str
    description: str
    marking: Marking

    @staticmethod
    def resolve_agency(obj):
        return obj.agency.code if getattr(obj, "agency_shown", True) else None


class FundingCommitIn(Input):
    fund: Text = Field(description="The trust fund's code.")
    donor: ISO3
    amount_minor: int = Field(gt=-(2**53), lt=2**53)
    day: date
