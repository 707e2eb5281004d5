"""Funds pages, at /funds/."""

from django.urls import path

from accord.funds import views

app_name = "funds"

urlpatterns = [
    path("", views.fund_list, name="list"),
    path("new/", views.fund_create, name="fund-create"),
    path("portal/", views.portal, name="portal"),
    path("iati.xml", views.iati_public, name="iati-public"),
    path("iati/import/", views.iati_import, name="iati-import"),
    path("<slug:code>/", views.fund_detail, name="detail"),
    path("<slug:code>/edit/", views.fund_edit, name="fund-edit"),
    path("<slug:code>/statement/", views.fund_statement, name="statement"),
    path(
        "<slug:code>/statement.<str:fmt>",
        views.statement_export,
        name="statement-export",
    ),
    path("<slug:code>/ledger.<str:fmt>", views.entries_export, name="ledger-export"),
    path("<slug:code>/donors/<str:iso3>/", views.donor_statement, name="donor"),
    path("<slug:code>/iati.xml", views.fund_iati, name="iati"),
    path("<slug:code>/pledges/new/", views.pledge_create, name="pledge-create"),
    path("<slug:code>/contributions/new/", views.contribution_create, name="contribution-create"),
    path("<slug:code>/commitments/new/", views.commitment_create, name="commitment-create"),
    path(
        "<slug:code>/commitments/<str:key>/cancel/",
        views.commitment_cancel,
        name="commitment-cancel",
    ),
    path("<slug:code>/disbursements/new/", views.disbursement_create, name="disbursement-create"),
    path("<slug:code>/refunds/new/", views.refund_create, name="refund-create"),
    path("<slug:code>/entries/<str:key>/reverse/", views.entry_reverse, name="entry-reverse"),
]
