"""Shipments on the road: consignments, their carriers' status events (recorded one by one or
imported from CSV), their progress and ETA, and their re-check after an agreement or closure
changed."""
