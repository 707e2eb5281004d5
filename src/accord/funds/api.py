"""Funds API, mounted at /api/v1/funds."""

from ninja import Router

router = Router(tags=["funds"])
