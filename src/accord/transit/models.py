"""The transit network, agreements, routes, flow plans and shipments: persistence only."""
