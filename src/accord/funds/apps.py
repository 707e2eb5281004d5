from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "accord.funds"
    label = "funds"
    verbose_name = "Funds"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [("Trust funds", "funds:list")]
