"""Finding what each app contributes: ``accord.<app>.<module>`` modules imported by convention.

Seed generators, scenario sections and demo steps register themselves when their module is
imported; importing every installed Accord app's module of that name means no central list needs
editing when a module is added.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def import_app_modules(module: str) -> None:
    """Import ``accord.<app>.<module>`` for every installed Accord app that has one."""
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("accord.") and module_has_submodule(
            app_config.module, module
        ):
            import_module(f"{app_config.name}.{module}")
