from django.apps import AppConfig


class TransitConfig(AppConfig):
    name = "accord.transit"
    label = "transit"
    verbose_name = "Transit"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [("Transit", "transit:network")]
