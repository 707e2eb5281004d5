"""Training pages, included at /training/ (namespace ``training``)."""

from django.urls import path

from accord.training.views import catalogue, people, statistics

app_name = "training"

urlpatterns = [
    path("", catalogue.index, name="index"),
    path("programmes/", catalogue.programme_list, name="programmes"),
    path("programmes/<slug:code>/", catalogue.programme_detail, name="programme-detail"),
    path("sessions/<slug:code>/", catalogue.session_detail, name="session-detail"),
    path("sessions/<slug:code>/nominate/", people.nominate, name="nominate"),
    path("nominations/<int:pk>/", people.nomination_detail, name="nomination-detail"),
    path("nominations/<int:pk>/withdraw/", people.nomination_withdraw, name="nomination-withdraw"),
    path("nominations/<int:pk>/attendance/", people.attendance_record, name="attendance-record"),
    path("nominations/<int:pk>/grade/", people.nomination_grade, name="nomination-grade"),
    path("nominations/<int:pk>/certificate/", people.certificate_issue, name="certificate-issue"),
    path("trainees/", people.trainee_list, name="trainees"),
    path("trainees/<int:pk>/", people.trainee_detail, name="trainee-detail"),
    path("trainees/<int:pk>/match/", people.trainee_match, name="trainee-match"),
    path("trainees/<int:pk>/outcomes/", people.outcome_record, name="outcome-record"),
    path("certificates/<str:code>/", people.certificate_detail, name="certificate-detail"),
    path("certificates/<str:code>/revoke/", people.certificate_revoke, name="certificate-revoke"),
    path(
        "certificates/<str:code>/reissue/",
        people.certificate_reissue,
        name="certificate-reissue",
    ),
    path("statistics/", statistics.statistics, name="statistics"),
    path("verify/", catalogue.verify, name="verify"),
]
