"""Transit's prices and costs in its pages, written by :mod:`accord.money` in the reader's
language: ``{% load transit_money %}`` then ``{{ leg.cost_per_teu|usd }}`` (whole dollars) or
``{{ leg.cost_per_tonne|usd:2 }}`` (with cents). Every transit amount is in US dollars; see
``accord.transit.common`` for how a stored price and a solver's cost become cents."""

from django import template

from accord import money
from accord.transit.common import CURRENCY, usd_minor

register = template.Library()


@register.filter
def usd(amount, places=0):
    """Dollars as the reader writes the figure, to ``places`` decimals (half to even): a stored
    price exactly, a cost a solver computed from its cents. 17,000 in English, 17 000 in
    Russian."""
    if amount is None or amount == "":
        return "—"
    return money.format_amount(usd_minor(amount), CURRENCY, places=int(places))
