"""Transit: the Northern Distribution Network's places, legs and agreements, the route planner,
the month's flow plan and the shipments on the road.

One sub-package per sub-domain, each with the rooms of an app (``selectors.py`` reads,
``services.py`` writes, ``views.py``, ``api.py``, ``schemas.py``, ``forms.py`` interfaces):

- ``network``     places (nodes) and legs; the visibility rules every transit read shares
- ``agreements``  transit agreements (permits, prohibitions, caps), their conflicts, and the
                  closures of places, legs and borders
- ``routing``     the network as the engine sees it, and the route query
- ``planning``    the month's demands, leases (planes and trains) and the flow plan solve
- ``shipments``   consignments, their carriers' events (``events_import.py``: the CSV import;
                  ``progress.py``: status and ETA from the events), the re-check after a change
- ``overview``    the map and the charts, over the others' selectors

Shared by all: ``models.py`` (persistence), ``engine/`` (the rules as pure Python: routing,
agreements, the flow plan's solver), ``common.py``, ``references.py`` (codes resolved by the
services), ``pages.py`` and ``form_base.py`` (the pages' steps), ``api.py`` and ``urls.py``
(the sub-domains' routers and views mounted), ``scenario.py`` and ``demo.py``.
"""
