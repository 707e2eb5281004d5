"""The OpenAPI document names each response and request shape once.

django-ninja names a component after its class, so two modules each declaring, say, ``EntryOut``
would silently share one schema in the document, and clients would be told the wrong shape.
"""

from collections import defaultdict

from ninja import Schema

from accord.api import api


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_api_schemas_share_a_name():
    api.get_openapi_schema()  # imports every router's schemas
    by_name = defaultdict(set)
    for cls in _subclasses(Schema):
        # A nested class (``Pages.Input``) is ninja's own plumbing, never a component.
        if cls.__module__.startswith("accord.") and "." not in cls.__qualname__:
            by_name[cls.__name__].add(cls.__module__)
    shared = {name: sorted(mods) for name, mods in by_name.items() if len(mods) > 1}
    assert not shared, f"rename one of each: {shared}"
