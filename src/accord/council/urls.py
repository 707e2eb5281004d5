"""Council pages, included at /council/ (namespace ``council``)."""

from django.urls import path

from accord.council.views import consultations, follow_up, meetings, register

app_name = "council"

urlpatterns = [
    path("", consultations.index, name="index"),
    path("consultations/new/", consultations.consultation_create, name="consultation-create"),
    path("consultations/<int:pk>/", consultations.consultation_detail, name="consultation-detail"),
    path(
        "consultations/<int:pk>/circulate/",
        consultations.consultation_circulate,
        name="consultation-circulate",
    ),
    path(
        "consultations/<int:pk>/extend/",
        consultations.consultation_extend,
        name="consultation-extend",
    ),
    path(
        "consultations/<int:pk>/break/", consultations.consultation_break, name="consultation-break"
    ),
    path(
        "consultations/<int:pk>/revise/",
        consultations.consultation_revise,
        name="consultation-revise",
    ),
    path(
        "consultations/<int:pk>/agree/", consultations.consultation_agree, name="consultation-agree"
    ),
    path(
        "consultations/<int:pk>/close-early/",
        consultations.consultation_close_early,
        name="consultation-close-early",
    ),
    path(
        "consultations/<int:pk>/withdraw/",
        consultations.consultation_withdraw,
        name="consultation-withdraw",
    ),
    path(
        "consultations/<int:pk>/amendments/<int:amendment_id>/decide/",
        consultations.amendment_decide,
        name="amendment-decide",
    ),
    path(
        "consultations/<int:pk>/difference/",
        consultations.versions_difference,
        name="versions-difference",
    ),
    path("decisions/", register.decision_list, name="decisions"),
    path("decisions/<str:reference>/", register.decision_detail, name="decision-detail"),
    path("decisions/<str:reference>/review/", register.decision_review, name="decision-review"),
    path("legal-bases/", register.legal_basis_list, name="legal-bases"),
    path("legal-bases/<slug:code>/", register.legal_basis_detail, name="legal-basis-detail"),
    path("joint-actions/", register.joint_action_list, name="joint-actions"),
    path("joint-actions/<slug:code>/", register.joint_action_detail, name="joint-action-detail"),
    path(
        "joint-actions/<slug:code>/start/", register.joint_action_start, name="joint-action-start"
    ),
    path(
        "joint-actions/<slug:code>/results/new/",
        follow_up.result_create,
        name="result-create",
    ),
    path("results/<int:pk>/edit/", follow_up.result_edit, name="result-edit"),
    path("results/<int:pk>/progress/", follow_up.result_progress, name="result-progress"),
    path("results/<int:pk>/milestones/new/", follow_up.result_milestone, name="result-milestone"),
    path("follow-up/", follow_up.public_follow_up, name="public-follow-up"),
    path("bodies/", meetings.body_list, name="bodies"),
    path("bodies/<slug:code>/", meetings.body_detail, name="body-detail"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting-minutes"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/outcome/", meetings.agenda_outcome, name="agenda-outcome"),
    path("meetings/<int:pk>/draft-next/", meetings.meeting_draft_next, name="meeting-draft-next"),
    path("meetings/<int:pk>/decisions/", meetings.decision_record, name="decision-record"),
    path("preconditions/", meetings.precondition_declare, name="precondition-declare"),
    path("cooperation/", meetings.cooperation_set, name="cooperation-set"),
    path("meetings/<int:pk>/agenda/", meetings.agenda_propose, name="agenda-propose"),
    path("agenda-items/<int:pk>/object/", meetings.agenda_object, name="agenda-object"),
    path("calendar/feed/", consultations.calendar_feed, name="calendar-feed"),
    path("calendar/<str:secret>.ics", consultations.calendar, name="calendar"),
]
