"""Every write of the council, one audited service per use case (see the submodules).

Other modules use these names: ``joint_action_link`` to point their records at a joint action.
"""

from accord.council.services.consultations import (
    amendment_decide,
    consultation_circulate,
    consultation_close_early,
    consultation_create,
    consultation_extend,
    consultation_revise,
    consultation_withdraw,
    consultations_close_due,
    consultations_remind,
    decision_counter_raise,
    silence_agree,
    silence_break,
)
from accord.council.services.follow_up import (
    action_result_create,
    action_result_milestone,
    action_result_progress,
    action_result_update,
)
from accord.council.services.meetings import (
    agenda_item_object,
    agenda_item_outcome,
    agenda_item_propose,
    calendar_feed_create,
    meeting_create,
    meeting_draft_next,
    meeting_minutes_record,
    meeting_update,
)
from accord.council.services.register import (
    body_members_sync,
    cooperation_set,
    decision_record,
    decision_review_set,
    decisions_review_remind,
    joint_action_link,
    joint_action_start,
    legal_basis_update,
    precondition_declare,
)

__all__ = [
    "action_result_create",
    "action_result_milestone",
    "action_result_progress",
    "action_result_update",
    "agenda_item_object",
    "agenda_item_outcome",
    "agenda_item_propose",
    "amendment_decide",
    "body_members_sync",
    "calendar_feed_create",
    "consultation_circulate",
    "consultation_close_early",
    "consultation_create",
    "consultation_extend",
    "consultation_revise",
    "consultation_withdraw",
    "consultations_close_due",
    "consultations_remind",
    "cooperation_set",
    "decision_counter_raise",
    "decision_record",
    "decision_review_set",
    "decisions_review_remind",
    "joint_action_link",
    "joint_action_start",
    "legal_basis_update",
    "meeting_create",
    "meeting_draft_next",
    "meeting_minutes_record",
    "meeting_update",
    "precondition_declare",
    "silence_agree",
    "silence_break",
]
