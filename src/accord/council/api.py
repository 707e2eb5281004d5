"""Council API, mounted at /api/v1/council."""

from ninja import Router

router = Router(tags=["council"])
