"""Funds pages, at /funds/."""

from django.urls import path

from accord.funds.models import EntryKind
from accord.funds.views import books, money, pages

app_name = "funds"


def _book_entry(segment: str, kind: str, name: str):
    """The page that records one of the fund's own entry kinds, told the kind by its URL."""
    return path(f"<slug:code>/{segment}/new/", books.book_entry_create, {"kind": kind}, name=name)


urlpatterns = [
    path("", pages.fund_list, name="list"),
    path("new/", money.fund_create, name="fund-create"),
    path("portal/", pages.portal, name="portal"),
    path("iati.xml", pages.iati_public, name="iati-public"),
    path("iati/import/", money.iati_import, name="iati-import"),
    path("external/", pages.external_list, name="external-list"),
    path("external/import/", money.external_import, name="external-import"),
    path("external/<int:pk>/", pages.external_detail, name="external-detail"),
    path("rates/", pages.rates, name="rates"),
    path("rates/new/", money.rate_create, name="rate-create"),
    path("rates/import/", money.rates_import, name="rates-import"),
    path("<slug:code>/", pages.fund_detail, name="detail"),
    path("<slug:code>/edit/", money.fund_edit, name="fund-edit"),
    path("<slug:code>/statement/", pages.fund_statement, name="statement"),
    path(
        "<slug:code>/statement.<str:fmt>",
        pages.statement_export,
        name="statement-export",
    ),
    path("<slug:code>/ledger.<str:fmt>", pages.entries_export, name="ledger-export"),
    path("<slug:code>/donors/<str:iso3>/", pages.donor_statement, name="donor"),
    path("<slug:code>/iati.xml", pages.fund_iati, name="iati"),
    path("<slug:code>/pledges/new/", money.pledge_create, name="pledge-create"),
    path("<slug:code>/contributions/new/", money.contribution_create, name="contribution-create"),
    path("<slug:code>/commitments/new/", money.commitment_create, name="commitment-create"),
    path(
        "<slug:code>/commitments/<str:key>/cancel/",
        money.commitment_cancel,
        name="commitment-cancel",
    ),
    path("<slug:code>/disbursements/new/", money.disbursement_create, name="disbursement-create"),
    path("<slug:code>/refunds/new/", money.refund_create, name="refund-create"),
    path("<slug:code>/conditions/new/", money.condition_create, name="condition-create"),
    path(
        "<slug:code>/conditions/<int:pk>/assess/", money.condition_assess, name="condition-assess"
    ),
    path("<slug:code>/entries/<str:key>/reverse/", money.entry_reverse, name="entry-reverse"),
    _book_entry("expenditure", EntryKind.EXPENDITURE, "expenditure-create"),
    _book_entry("interest", EntryKind.INTEREST, "interest-create"),
    _book_entry("fees", EntryKind.FEE, "fee-create"),
    _book_entry("direct-costs", EntryKind.DIRECT_COST, "direct-cost-create"),
    path("<slug:code>/revaluation/", books.revaluation, name="revaluation"),
    path("<slug:code>/reconciliation/", books.reconciliation, name="reconciliation"),
    path("<slug:code>/reconciliation/import/", books.bank_import, name="bank-import"),
    path(
        "<slug:code>/reconciliation/lines/<int:pk>/match/",
        books.bank_line_match,
        name="bank-line-match",
    ),
    path(
        "<slug:code>/reconciliation/lines/<int:pk>/unmatch/",
        books.bank_line_unmatch,
        name="bank-line-unmatch",
    ),
]
