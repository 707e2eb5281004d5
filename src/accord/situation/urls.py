"""Situation pages, at /situation/."""

from django.urls import path

from accord.situation.views import control, events, incidents, narcotics, places

app_name = "situation"

urlpatterns = [
    path("", events.event_list, name="events"),
    path("events/<int:pk>/", events.event_detail, name="event-detail"),
    path("map/", events.event_map, name="map"),
    path("map/data/", events.map_data, name="map-data"),
    path("map/places/", events.places_data, name="places-data"),
    path("counts/", events.event_counts, name="counts"),
    path("releases/", events.release_list, name="releases"),
    path("releases/import/", events.release_import, name="import"),
    path("releases/<int:pk>/", events.release_detail, name="release-detail"),
    path("places/", places.province_list, name="provinces"),
    path("places/<str:code>/", places.province_detail, name="province-detail"),
    path("districts/<str:code>/", places.district_detail, name="district-detail"),
    path("control/", control.control_board, name="control"),
    path("control/new/", control.claim_create, name="claim-create"),
    path("narcotics/", narcotics.figure_list, name="narcotics"),
    path("narcotics/map/", narcotics.narcotics_map, name="narcotics-map"),
    path("narcotics/map/data/", narcotics.narcotics_map_data, name="narcotics-map-data"),
    path("seizures/", narcotics.seizure_list, name="seizures"),
    path("seizures/new/", narcotics.seizure_create, name="seizure-create"),
    path("seizures/<int:pk>/", narcotics.seizure_detail, name="seizure-detail"),
    path("incidents/", incidents.incident_list, name="incidents"),
    path("incidents/new/", incidents.incident_create, name="incident-create"),
    path("incidents/<int:pk>/", incidents.incident_detail, name="incident-detail"),
    path("incidents/<int:pk>/tasks/", incidents.task_create, name="task-create"),
    path("tasks/<int:pk>/status/", incidents.task_status, name="task-status"),
    path("exposure/", incidents.exposure, name="exposure"),
    path("exposure/data/", incidents.exposure_data, name="exposure-data"),
]
