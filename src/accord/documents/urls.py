"""Attachments' pages, included at /documents/ (namespace ``documents``)."""

from django.urls import path

from accord.documents import views

app_name = "documents"

urlpatterns = [
    path("<slug:kind>/<str:key>/upload/", views.upload, name="upload"),
    path("<int:pk>/replace/", views.replace, name="replace"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/preview.png", views.preview, name="preview"),
]
