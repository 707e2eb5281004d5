"""Budget pages, at /budget/."""

from django.urls import path

from accord.budget import views

app_name = "budget"

urlpatterns = [
    path("", views.execution, name="execution"),
    path("fiscal-years/", views.fiscal_years, name="fiscal-years"),
    path("fiscal-years/<str:label>/close/", views.fiscal_year_close, name="fiscal-year-close"),
    path("lines/", views.lines, name="lines"),
    path("lines/new/", views.line_create, name="line-create"),
    path("lines/<int:pk>/", views.line_detail, name="line-detail"),
    path("lines/<int:pk>/entries/new/", views.entry_record, name="entry-record"),
    path("entries/<int:pk>/reverse/", views.entry_reverse, name="entry-reverse"),
    path("structure/", views.structure, name="structure"),
    path("sustainment/", views.sustainment, name="sustainment"),
    path("sustainment/<int:pk>/edit/", views.pledge_edit, name="pledge-edit"),
]
