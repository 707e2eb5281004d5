"""Transit pages."""

app_name = "transit"

urlpatterns: list = []
