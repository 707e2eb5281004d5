"""Budget API, mounted at /api/v1/budget."""

from ninja import Router

router = Router(tags=["budget"])
