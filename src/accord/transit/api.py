"""Transit API, mounted at /api/v1/transit."""

from ninja import Router

router = Router(tags=["transit"])
