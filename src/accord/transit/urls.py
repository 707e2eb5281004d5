"""Transit pages, at /transit/."""

from django.urls import path

from accord.transit import views

app_name = "transit"

urlpatterns = [
    path("", views.network, name="network"),
    path("nodes/new/", views.node_create, name="node-create"),
    path("nodes/<slug:code>/", views.node_detail, name="node-detail"),
    path("nodes/<slug:code>/edit/", views.node_edit, name="node-edit"),
    path("legs/new/", views.leg_create, name="leg-create"),
    path("legs/<slug:code>/", views.leg_detail, name="leg-detail"),
    path("legs/<slug:code>/edit/", views.leg_edit, name="leg-edit"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/conflicts/", views.conflicts, name="conflicts"),
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("leases/new/", views.lease_create, name="lease-create"),
    path("closures/new/", views.closure_create, name="closure-create"),
    path("agreements/<slug:code>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<slug:code>/edit/", views.agreement_edit, name="agreement-edit"),
    path("map/", views.network_map, name="map"),
    path("map/network.geojson", views.map_data, name="map-data"),
    path("routes/", views.routes, name="routes"),
    path("plans/", views.plans, name="plans"),
    path("plans/demands/new/", views.demand_create, name="demand-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("shipments/", views.shipments, name="shipments"),
    path("shipments/new/", views.shipment_create, name="shipment-create"),
    path("shipments/import/", views.events_import, name="import"),
    path("shipments/<slug:reference>/", views.shipment_detail, name="shipment-detail"),
    path("shipments/<slug:reference>/events/", views.shipment_event, name="shipment-event"),
    path(
        "shipments/<slug:reference>/acknowledge/",
        views.shipment_acknowledge,
        name="shipment-acknowledge",
    ),
    path("charts/", views.charts_page, name="charts"),
]
