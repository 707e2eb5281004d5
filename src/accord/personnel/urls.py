"""Personnel pages, at /personnel/."""

from django.urls import path
from django.views.decorators.http import require_POST

from accord.personnel.views import payroll, people, units

app_name = "personnel"

urlpatterns = [
    path("", units.unit_list, name="units"),
    path("units/new/", units.unit_create, name="unit-create"),
    path("units/<slug:code>/", units.unit_detail, name="unit-detail"),
    path("positions/", units.position_list, name="positions"),
    path("positions/new/", units.position_create, name="position-create"),
    path("positions/<int:pk>/", units.position_detail, name="position-detail"),
    path("strength/", units.strength, name="strength"),
    path("persons/", people.person_list, name="persons"),
    path("persons/new/", people.person_create, name="person-create"),
    path("persons/<int:pk>/", people.person_detail, name="person-detail"),
    path("persons/<int:pk>/confirm/", people.person_confirm, name="person-confirm"),
    path("persons/<int:pk>/advance/", people.person_advance, name="person-advance"),
    path("persons/<int:pk>/slot/", people.slot_request, name="slot-request"),
    path("persons/<int:pk>/attrition/", people.attrition_record, name="attrition-record"),
    path("persons/<int:pk>/graduate/", people.graduate_link, name="graduate-link"),
    path("slots/<int:pk>/confirm/", people.slot_confirm, name="slot-confirm"),
    path("payroll/", payroll.month_list, name="payroll"),
    path("payroll/import/", payroll.payroll_import, name="payroll-import"),
    path("payroll/<int:pk>/", payroll.month_detail, name="month-detail"),
    path("payroll/<int:pk>/lines/", payroll.month_lines, name="month-lines"),
    path(
        "payroll/<int:pk>/reconcile/",
        require_POST(payroll.month_reconcile),
        name="month-reconcile",
    ),
    path("lines/<int:pk>/", payroll.line_detail, name="line-detail"),
    path(
        "lines/<int:pk>/override/", require_POST(payroll.override_request), name="override-request"
    ),
    path(
        "lines/<int:pk>/confirm/", require_POST(payroll.override_confirm), name="override-confirm"
    ),
]
