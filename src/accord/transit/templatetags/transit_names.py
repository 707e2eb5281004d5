"""Transit's records by their names in its pages: ``{% load transit_names %}`` then
``{{ arc|leg_name:names }}``, ``{{ nodes|path_named:names }}``, ``{{ code|agreement_title:names }}``
with ``names`` a :class:`accord.transit.routing.explain.Names` the view read for its reader."""

from django import template

from accord.transit.models import Mode

register = template.Library()


@register.filter
def leg_name(arc, names):
    return names.leg(arc)


@register.filter
def node_name(code, names):
    return names.node(code)


@register.filter
def path_named(nodes, names):
    return names.path(nodes)


@register.filter
def agreement_title(code, names):
    return names.agreement(code)


@register.filter
def name_in(code, names: dict):
    """``code``'s name in a dict the view made (``{{ a.demand|name_in:demand_paths }}``)."""
    return names.get(code) or code


@register.filter
def mode_labels(modes):
    """Modes' codes (``rail``, ``air``) as the reader names them, joined."""
    return ", ".join(str(Mode(m).label) if m in Mode.values else m for m in modes or ())
