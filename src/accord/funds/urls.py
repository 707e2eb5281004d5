"""Funds pages."""

app_name = "funds"

urlpatterns: list = []
