"""Every write to training: one audited function per use case (see each module)."""

from accord.training.services.catalogue import (
    course_create,
    course_update,
    programme_create,
    programme_update,
    qualification_create,
    session_create,
    session_funding_commit,
    session_funding_set,
    session_quota_set,
    session_update,
)
from accord.training.services.certificates import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from accord.training.services.outcomes import (
    OutcomeValues,
    TargetValues,
    outcome_record,
    target_create,
)
from accord.training.services.pipeline import (
    attendance_record,
    nomination_create,
    nomination_grade,
    nomination_withdraw,
    trainee_match_confirm,
    trainee_match_reject,
)

__all__ = [
    "OutcomeValues",
    "TargetValues",
    "attendance_record",
    "certificate_issue",
    "certificate_reissue",
    "certificate_revoke",
    "course_create",
    "course_update",
    "nomination_create",
    "nomination_grade",
    "nomination_withdraw",
    "outcome_record",
    "programme_create",
    "programme_update",
    "qualification_create",
    "session_create",
    "session_funding_commit",
    "session_funding_set",
    "session_quota_set",
    "session_update",
    "target_create",
    "trainee_match_confirm",
    "trainee_match_reject",
]
