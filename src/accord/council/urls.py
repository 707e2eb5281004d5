"""Council pages, included at /council/ (namespace ``council``)."""

from django.urls import path

from accord.council.views import pages

app_name = "council"

urlpatterns = [
    path("", pages.index, name="index"),
    path("consultations/new/", pages.consultation_create, name="consultation-create"),
    path("consultations/<int:pk>/", pages.consultation_detail, name="consultation-detail"),
    path(
        "consultations/<int:pk>/circulate/",
        pages.consultation_circulate,
        name="consultation-circulate",
    ),
    path("consultations/<int:pk>/extend/", pages.consultation_extend, name="consultation-extend"),
    path("consultations/<int:pk>/break/", pages.consultation_break, name="consultation-break"),
    path("consultations/<int:pk>/revise/", pages.consultation_revise, name="consultation-revise"),
    path("decisions/", pages.decision_list, name="decisions"),
    path("decisions/<str:reference>/", pages.decision_detail, name="decision-detail"),
    path("legal-bases/", pages.legal_basis_list, name="legal-bases"),
    path("legal-bases/<slug:code>/", pages.legal_basis_detail, name="legal-basis-detail"),
    path("joint-actions/", pages.joint_action_list, name="joint-actions"),
    path("joint-actions/<slug:code>/", pages.joint_action_detail, name="joint-action-detail"),
    path("joint-actions/<slug:code>/start/", pages.joint_action_start, name="joint-action-start"),
    path("bodies/", pages.body_list, name="bodies"),
    path("bodies/<slug:code>/", pages.body_detail, name="body-detail"),
    path("meetings/", pages.meeting_list, name="meetings"),
    path("meetings/new/", pages.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", pages.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/minutes/", pages.meeting_minutes, name="meeting-minutes"),
    path("meetings/<int:pk>/decisions/", pages.decision_record, name="decision-record"),
    path("preconditions/", pages.precondition_declare, name="precondition-declare"),
    path("cooperation/", pages.cooperation_set, name="cooperation-set"),
    path("meetings/<int:pk>/agenda/", pages.agenda_propose, name="agenda-propose"),
    path("agenda-items/<int:pk>/object/", pages.agenda_object, name="agenda-object"),
    path("calendar/feed/", pages.calendar_feed, name="calendar-feed"),
    path("calendar/<str:secret>.ics", pages.calendar, name="calendar"),
]
