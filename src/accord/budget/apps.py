from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.funds import budget_lines


class BudgetConfig(AppConfig):
    name = "accord.budget"
    label = "budget"
    verbose_name = "Budget"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Budget"), "budget:execution")]
    nav_group = "money"  # in the menu: under "Money" (accord.web.context_processors)

    def ready(self):
        # deferred: the selectors import the models, which load only after every app's config.
        from accord.budget import selectors

        budget_lines.provide(
            budget_lines.BudgetLineReads(
                get=selectors.budget_line_get, choices=selectors.budget_line_choices
            )
        )
