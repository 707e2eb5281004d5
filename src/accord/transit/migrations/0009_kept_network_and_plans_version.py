"""Every write to the tables the route planner's network is read from sets the topic
``transit_network``'s version (``accord.kept``): the places, legs, agreements and closures, and
the council's legal bases (an agreement names one, shown only to those who may read it). The
planners kept per visibility class are keyed by it (and by ``core``'s, for the nations), where a
fingerprint of the four tables was read before each query; tests/transit/test_planner_cache.py
holds what the network reads against these topics.

And every write to the flow plans sets the topic ``transit``'s version: the map names the latest
plan the reader may read, kept per visibility class until a plan is written.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "transit_transitnode",
    "transit_transitleg",
    "transit_transitagreement",
    "transit_transitclosure",
    "council_legalbasis",
)


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0012_kept_panels_version"),
        ("transit", "0008_kept_panels_version"),
    ]
    operations = [
        bump_on_write("transit_network", *TABLES),
        bump_on_write("transit", "transit_flowplan"),
    ]
