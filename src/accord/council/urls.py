"""Council pages."""

app_name = "council"

urlpatterns: list = []
