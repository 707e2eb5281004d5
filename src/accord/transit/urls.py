"""Transit pages, at /transit/: each sub-domain's views under one namespace."""

from django.urls import path

from accord.transit.agreements import views as agreements
from accord.transit.network import views as network
from accord.transit.overview import views as overview
from accord.transit.planning import views as planning
from accord.transit.routing import views as routing
from accord.transit.shipments import views as shipments

app_name = "transit"

urlpatterns = [
    path("", network.network, name="network"),
    path("nodes/new/", network.node_create, name="node-create"),
    path("nodes/<slug:code>/", network.node_detail, name="node-detail"),
    path("nodes/<slug:code>/edit/", network.node_edit, name="node-edit"),
    path("legs/new/", network.leg_create, name="leg-create"),
    path("legs/<slug:code>/", network.leg_detail, name="leg-detail"),
    path("legs/<slug:code>/edit/", network.leg_edit, name="leg-edit"),
    path("agreements/", agreements.agreements, name="agreements"),
    path("agreements/conflicts/", agreements.conflicts, name="conflicts"),
    path("agreements/new/", agreements.agreement_create, name="agreement-create"),
    path("leases/new/", planning.lease_create, name="lease-create"),
    path("closures/new/", agreements.closure_create, name="closure-create"),
    path("agreements/<slug:code>/", agreements.agreement_detail, name="agreement-detail"),
    path("agreements/<slug:code>/edit/", agreements.agreement_edit, name="agreement-edit"),
    path("map/", overview.network_map, name="map"),
    path("map/network.geojson", overview.map_data, name="map-data"),
    path("routes/", routing.routes, name="routes"),
    path("plans/", planning.plans, name="plans"),
    path("plans/demands/new/", planning.demand_create, name="demand-create"),
    path("plans/<int:pk>/", planning.plan_detail, name="plan-detail"),
    path("plans/periods/", planning.period_plans, name="period-plans"),
    path("plans/periods/<int:pk>/", planning.period_plan_detail, name="period-plan-detail"),
    path("shipments/", shipments.shipments, name="shipments"),
    path("shipments/new/", shipments.shipment_create, name="shipment-create"),
    path("shipments/import/", shipments.events_import, name="import"),
    path("shipments/<slug:reference>/", shipments.shipment_detail, name="shipment-detail"),
    path("shipments/<slug:reference>/events/", shipments.shipment_event, name="shipment-event"),
    path(
        "shipments/<slug:reference>/acknowledge/",
        shipments.shipment_acknowledge,
        name="shipment-acknowledge",
    ),
    path("charts/", overview.charts_page, name="charts"),
]
