"""Fleet pages, at /fleet/."""

from django.urls import path

from accord.fleet.views import aircraft, components, programme, readiness, requests, stock, work

app_name = "fleet"

urlpatterns = [
    path("", aircraft.aircraft_list, name="aircraft-list"),
    path("due/", aircraft.fleet_due, name="due"),
    path("aircraft/new/", aircraft.aircraft_create, name="aircraft-create"),
    path("aircraft/<str:tail>/", aircraft.aircraft_detail, name="aircraft-detail"),
    path("aircraft/<str:tail>/edit/", aircraft.aircraft_edit, name="aircraft-edit"),
    path("aircraft/<str:tail>/log/", aircraft.flight_log, name="flight-log"),
    path("aircraft/<str:tail>/done/", aircraft.compliance_new, name="compliance-new"),
    path("aircraft/<str:tail>/work-order/", work.work_order_new, name="work-order-new"),
    path("aircraft/<str:tail>/defect/", work.defect_new, name="defect-new"),
    path("work-orders/", work.work_order_list, name="work-orders"),
    path("work-orders/<str:number>/", work.work_order_detail, name="work-order-detail"),
    path("work-orders/<str:number>/draw/", work.part_draw, name="part-draw"),
    path("work-orders/<str:number>/defect/", work.defect_found, name="defect-found"),
    path(
        "work-orders/<str:number>/items/<int:item>/sign-off/",
        work.item_sign_off,
        name="item-sign-off",
    ),
    path("work-orders/<str:number>/close/", work.work_order_close, name="work-order-close"),
    path("defects/", work.defect_list, name="defects"),
    path("parts/", stock.part_list, name="parts"),
    path("parts/new/", stock.part_create, name="part-create"),
    path("stock/", stock.stock, name="stock"),
    path("stock/receive/", stock.stock_receive, name="stock-receive"),
    path("parts-orders/", stock.parts_order_list, name="parts-orders"),
    path("parts-orders/new/", stock.parts_order_create, name="parts-order-create"),
    path("parts-orders/<str:number>/", stock.parts_order_detail, name="parts-order-detail"),
    path(
        "parts-orders/<str:number>/deliver/", stock.parts_order_deliver, name="parts-order-deliver"
    ),
    path("parts-orders/<str:number>/cancel/", stock.parts_order_cancel, name="parts-order-cancel"),
    path("service-requests/", requests.service_request_list, name="service-requests"),
    path("service-requests/new/", requests.service_request_create, name="service-request-create"),
    path(
        "service-requests/<str:number>/",
        requests.service_request_detail,
        name="service-request-detail",
    ),
    path(
        "service-requests/<str:number>/edit/",
        requests.service_request_edit,
        name="service-request-edit",
    ),
    path(
        "service-requests/<str:number>/withdraw/",
        requests.service_request_withdraw,
        name="service-request-withdraw",
    ),
    path(
        "service-requests/<str:number>/review/",
        requests.service_request_review,
        name="service-request-review",
    ),
    path(
        "service-requests/<str:number>/decide/",
        requests.service_request_decide,
        name="service-request-decide",
    ),
    path(
        "service-requests/<str:number>/fund/",
        requests.service_request_fund,
        name="service-request-fund",
    ),
    path(
        "service-requests/<str:number>/work-orders/",
        requests.service_request_work_orders,
        name="service-request-work-orders",
    ),
    path("readiness/", readiness.readiness_page, name="readiness"),
    path("hangars/", readiness.hangar_list, name="hangars"),
    path("hangars/new/", readiness.hangar_create, name="hangar-create"),
    path("hangars/<str:site>/edit/", readiness.hangar_edit, name="hangar-edit"),
    path("readiness/schedule/", readiness.schedule_request, name="schedule-request"),
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
    path("components/<str:serial>/repair/", components.repair_send, name="repair-send"),
    path("repairs/", components.repair_list, name="repairs"),
    path("repairs/<str:number>/", components.repair_detail, name="repair-detail"),
    path("repairs/<str:number>/return/", components.repair_return, name="repair-return"),
    path("repairs/<str:number>/cancel/", components.repair_cancel, name="repair-cancel"),
]
