"""Fleet pages, at /fleet/."""

from django.urls import path

from accord.fleet.views import aircraft, components, programme

app_name = "fleet"

urlpatterns = [
    path("", aircraft.aircraft_list, name="aircraft-list"),
    path("due/", aircraft.fleet_due, name="due"),
    path("aircraft/new/", aircraft.aircraft_create, name="aircraft-create"),
    path("aircraft/<str:tail>/", aircraft.aircraft_detail, name="aircraft-detail"),
    path("aircraft/<str:tail>/edit/", aircraft.aircraft_edit, name="aircraft-edit"),
    path("aircraft/<str:tail>/log/", aircraft.flight_log, name="flight-log"),
    path("aircraft/<str:tail>/done/", aircraft.compliance_new, name="compliance-new"),
    path("flight-logs/import/", aircraft.flight_log_import, name="flight-log-import"),
    path("types/", programme.type_list, name="types"),
    path("types/<slug:code>/", programme.type_detail, name="type-detail"),
    path("types/<slug:code>/tasks/new/", programme.task_create, name="task-create"),
    path("components/", components.component_list, name="components"),
    path("components/new/", components.component_create, name="component-create"),
    path("components/<str:serial>/", components.component_detail, name="component-detail"),
    path(
        "components/<str:serial>/install/", components.component_install, name="component-install"
    ),
    path("components/<str:serial>/remove/", components.component_remove, name="component-remove"),
]
