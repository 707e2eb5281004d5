from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "accord.budget"
    label = "budget"
    verbose_name = "Budget"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [("Budget", "budget:execution")]
