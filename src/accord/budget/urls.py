"""Budget pages."""

app_name = "budget"

urlpatterns: list = []
