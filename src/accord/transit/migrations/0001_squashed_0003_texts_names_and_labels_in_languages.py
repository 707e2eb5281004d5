"""The transit app's migrations 0001_initial to 0003_texts_names_and_labels_in_languages in one, regenerated from the models.

A fresh database is built from this one: the replaced migrations changed labels field by field
(hundreds of AlterField operations), each of which re-rendered every related model, which made a
fresh migrate take minutes. Databases that applied the old ones carry on from them unchanged.
"""

import django.db.models.deletion
from django.db import migrations, models

import accord.names


class Migration(migrations.Migration):
    replaces = [
        ("transit", "0001_initial"),
        ("transit", "0002_flowplan_bound_optional"),
        ("transit", "0003_texts_names_and_labels_in_languages"),
    ]

    initial = True

    dependencies = [
        ("core", "0001_squashed_0004_names_in_languages"),
        ("council", "0001_squashed_0005_texts_in_two_languages"),
    ]

    operations = [
        migrations.CreateModel(
            name="Shipment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "reference",
                    models.SlugField(max_length=40, unique=True, verbose_name="reference"),
                ),
                (
                    "cargo_class",
                    models.CharField(
                        choices=[
                            ("non_lethal", "Non-lethal"),
                            ("lethal", "Lethal"),
                            ("dual_use", "Dual-use"),
                        ],
                        max_length=12,
                        verbose_name="cargo class",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("to_afghanistan", "Towards Afghanistan"),
                            ("retrograde", "Retrograde (out of Afghanistan)"),
                        ],
                        max_length=16,
                        verbose_name="direction",
                    ),
                ),
                ("teu", models.PositiveIntegerField(verbose_name="TEU")),
                (
                    "tonnes",
                    models.DecimalField(decimal_places=1, max_digits=10, verbose_name="tonnes"),
                ),
                (
                    "route",
                    models.JSONField(
                        default=list,
                        help_text="The planned arcs in order: leg codes, '/r' for the reverse way.",
                        verbose_name="route",
                    ),
                ),
                (
                    "shipper",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Party codes the cargo belongs to (USA, NATO...); an agreement for other beneficiaries does not cover it. Empty: any.",
                        verbose_name="shipper",
                    ),
                ),
                ("departure", models.DateField(verbose_name="departure")),
                ("planned_arrival", models.DateField(verbose_name="planned arrival")),
                ("eta", models.DateField(verbose_name="expected arrival")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "Planned"),
                            ("in_transit", "In transit"),
                            ("at_border", "At a border"),
                            ("delayed", "Delayed"),
                            ("arrived", "Arrived"),
                        ],
                        default="planned",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("delayed", models.BooleanField(default=False, verbose_name="delayed")),
                ("route_ok", models.BooleanField(default=True, verbose_name="route allowed")),
                (
                    "route_problems",
                    models.JSONField(blank=True, default=list, verbose_name="route problems"),
                ),
                (
                    "flagged",
                    models.BooleanField(
                        default=False,
                        help_text="An agreement or closure changed since the route was checked.",
                        verbose_name="flagged",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "joint_action",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="council.jointaction",
                        verbose_name="joint action",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
            ],
            options={
                "verbose_name": "shipment",
                "verbose_name_plural": "shipments",
                "ordering": ["-departure", "reference"],
            },
        ),
        migrations.CreateModel(
            name="TransitNode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=200)),
                (
                    "name_ru",
                    models.CharField(
                        blank=True, default="", max_length=200, verbose_name="name (Russian)"
                    ),
                ),
                (
                    "name_fa",
                    models.CharField(
                        blank=True, default="", max_length=200, verbose_name="name (Dari)"
                    ),
                ),
                (
                    "name_ps",
                    models.CharField(
                        blank=True, default="", max_length=200, verbose_name="name (Pashto)"
                    ),
                ),
                (
                    "kinds",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Seaport, rail terminal...",
                        verbose_name="kinds",
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(decimal_places=5, max_digits=8, verbose_name="latitude"),
                ),
                (
                    "longitude",
                    models.DecimalField(decimal_places=5, max_digits=8, verbose_name="longitude"),
                ),
                (
                    "coords_estimated",
                    models.BooleanField(default=False, verbose_name="position estimated"),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "country",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                        verbose_name="country",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
            ],
            options={
                "verbose_name": "transit node",
                "verbose_name_plural": "transit nodes",
                "ordering": ["code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="transit_transitnode_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="transit_transitnode_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                        name="transit_node_lat_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                        name="transit_node_lon_range",
                    ),
                ],
            },
            bases=(accord.names.Multilingual, models.Model),
        ),
        migrations.CreateModel(
            name="TransitLeg",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                (
                    "route",
                    models.CharField(
                        blank=True,
                        help_text="The named route it belongs to.",
                        max_length=40,
                        verbose_name="route",
                    ),
                ),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("rail", "Rail"),
                            ("road", "Road"),
                            ("sea", "Sea"),
                            ("ferry", "Ferry"),
                            ("air", "Air"),
                        ],
                        max_length=8,
                        verbose_name="mode",
                    ),
                ),
                (
                    "distance_km",
                    models.DecimalField(
                        decimal_places=1, max_digits=8, verbose_name="distance (km)"
                    ),
                ),
                (
                    "days",
                    models.DecimalField(
                        decimal_places=2, max_digits=6, verbose_name="transit days"
                    ),
                ),
                (
                    "cost_per_teu",
                    models.PositiveIntegerField(default=0, verbose_name="cost per TEU (USD)"),
                ),
                (
                    "cost_per_tonne",
                    models.DecimalField(
                        decimal_places=2,
                        default=0,
                        max_digits=10,
                        verbose_name="cost per tonne (USD)",
                    ),
                ),
                ("capacity_teu_month", models.IntegerField(verbose_name="capacity (TEU a month)")),
                (
                    "capacity_tonnes_month",
                    models.DecimalField(
                        blank=True,
                        decimal_places=1,
                        max_digits=10,
                        null=True,
                        verbose_name="capacity (tonnes a month)",
                    ),
                ),
                ("operator", models.CharField(blank=True, max_length=200, verbose_name="operator")),
                ("two_way", models.BooleanField(default=True, verbose_name="both ways")),
                (
                    "countries",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="ISO3 codes of every country crossed, endpoints too.",
                        verbose_name="countries crossed",
                    ),
                ),
                (
                    "estimated",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Fields derived by a documented default.",
                        verbose_name="estimated",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
                (
                    "destination",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="legs_in",
                        to="transit.transitnode",
                        verbose_name="destination",
                    ),
                ),
                (
                    "origin",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="legs_out",
                        to="transit.transitnode",
                        verbose_name="origin",
                    ),
                ),
            ],
            options={
                "verbose_name": "transit leg",
                "verbose_name_plural": "transit legs",
                "ordering": ["code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="transit_transitleg_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="transit_transitleg_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("capacity_teu_month__gt", 0)),
                        name="transit_leg_capacity_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("capacity_tonnes_month__isnull", True),
                            ("capacity_tonnes_month__gt", 0),
                            _connector="OR",
                        ),
                        name="transit_leg_tonnage_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("distance_km__gt", 0)),
                        name="transit_leg_distance_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("days__gt", 0)), name="transit_leg_days_positive"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("cost_per_tonne__gte", 0),
                            models.Q(
                                ("cost_per_teu__gt", 0), ("cost_per_tonne__gt", 0), _connector="OR"
                            ),
                        ),
                        name="transit_leg_cost_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("origin", models.F("destination")), _negated=True),
                        name="transit_leg_two_ends",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("mode__in", ["rail", "road", "sea", "ferry", "air"])),
                        name="transit_leg_mode_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TransitDemand",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("code", models.SlugField(max_length=60, verbose_name="code")),
                (
                    "month",
                    models.DateField(help_text="The month's first day.", verbose_name="month"),
                ),
                (
                    "cargo_class",
                    models.CharField(
                        choices=[
                            ("non_lethal", "Non-lethal"),
                            ("lethal", "Lethal"),
                            ("dual_use", "Dual-use"),
                        ],
                        max_length=12,
                        verbose_name="cargo class",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("to_afghanistan", "Towards Afghanistan"),
                            ("retrograde", "Retrograde (out of Afghanistan)"),
                        ],
                        max_length=16,
                        verbose_name="direction",
                    ),
                ),
                ("teu", models.PositiveIntegerField(verbose_name="TEU")),
                (
                    "tonnes",
                    models.DecimalField(decimal_places=1, max_digits=10, verbose_name="tonnes"),
                ),
                (
                    "latest_days",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="latest arrival (days)"
                    ),
                ),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
                (
                    "destination",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="transit.transitnode",
                        verbose_name="destination",
                    ),
                ),
                (
                    "origin",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="transit.transitnode",
                        verbose_name="origin",
                    ),
                ),
            ],
            options={
                "verbose_name": "transit demand",
                "verbose_name_plural": "transit demands",
                "ordering": ["month", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="transit_transitdemand_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="transit_transitdemand_marking_valid",
                    ),
                    models.UniqueConstraint(fields=("month", "code"), name="transit_demand_unique"),
                    models.CheckConstraint(
                        condition=models.Q(("teu__gt", 0), ("tonnes__gt", 0)),
                        name="transit_demand_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("origin", models.F("destination")), _negated=True),
                        name="transit_demand_two_ends",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TransitClosure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("code", models.SlugField(max_length=60, unique=True, verbose_name="code")),
                (
                    "target_kind",
                    models.CharField(
                        choices=[("node", "Node"), ("leg", "Leg"), ("country", "Country")],
                        max_length=8,
                        verbose_name="closed",
                    ),
                ),
                ("start", models.DateField(verbose_name="start")),
                ("end", models.DateField(blank=True, null=True, verbose_name="end")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                (
                    "country",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                        verbose_name="country",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
                (
                    "leg",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="closures",
                        to="transit.transitleg",
                        verbose_name="leg",
                    ),
                ),
                (
                    "node",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="closures",
                        to="transit.transitnode",
                        verbose_name="node",
                    ),
                ),
            ],
            options={
                "verbose_name": "transit closure",
                "verbose_name_plural": "transit closures",
                "ordering": ["start", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="transit_transitclosure_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="transit_transitclosure_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end__isnull", True), ("end__gte", models.F("start")), _connector="OR"
                        ),
                        name="transit_closure_dates_ordered",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("country__isnull", True),
                                ("leg__isnull", True),
                                ("node__isnull", False),
                                ("target_kind", "node"),
                            ),
                            models.Q(
                                ("country__isnull", True),
                                ("leg__isnull", False),
                                ("node__isnull", True),
                                ("target_kind", "leg"),
                            ),
                            models.Q(
                                ("country__isnull", False),
                                ("leg__isnull", True),
                                ("node__isnull", True),
                                ("target_kind", "country"),
                            ),
                            _connector="OR",
                        ),
                        name="transit_closure_one_target",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ShipmentEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("departed", "Departed"),
                            ("at_border", "At border"),
                            ("crossed", "Crossed"),
                            ("delayed", "Delayed"),
                            ("arrived", "Arrived"),
                        ],
                        max_length=12,
                        verbose_name="event",
                    ),
                ),
                ("at", models.DateTimeField(verbose_name="when")),
                (
                    "delay_days",
                    models.DecimalField(
                        decimal_places=1, default=0, max_digits=6, verbose_name="delay (days)"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                (
                    "reported_by",
                    models.CharField(blank=True, max_length=100, verbose_name="reported by"),
                ),
                (
                    "shipment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="transit.shipment",
                        verbose_name="shipment",
                    ),
                ),
                (
                    "node",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="transit.transitnode",
                        verbose_name="node",
                    ),
                ),
            ],
            options={
                "verbose_name": "shipment event",
                "verbose_name_plural": "shipment events",
                "ordering": ["at", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("kind__in", ["departed", "at_border", "crossed", "delayed", "arrived"])
                        ),
                        name="transit_event_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("delay_days__gte", 0)), name="transit_event_delay"
                    ),
                    models.UniqueConstraint(
                        fields=("shipment", "kind", "at"), name="transit_event_unique"
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="shipment",
            name="current_node",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="transit.transitnode",
                verbose_name="current node",
            ),
        ),
        migrations.AddField(
            model_name="shipment",
            name="destination",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="transit.transitnode",
                verbose_name="destination",
            ),
        ),
        migrations.AddField(
            model_name="shipment",
            name="origin",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="transit.transitnode",
                verbose_name="origin",
            ),
        ),
        migrations.CreateModel(
            name="FlowPlan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("month", models.DateField(verbose_name="month")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "created_by",
                    models.CharField(blank=True, max_length=150, verbose_name="created by"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("optimal", "Optimal"), ("feasible", "Feasible")],
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "cost",
                    models.DecimalField(decimal_places=2, max_digits=16, verbose_name="cost (USD)"),
                ),
                ("objective", models.FloatField(verbose_name="objective")),
                (
                    "lp_bound",
                    models.FloatField(
                        help_text="Proven lower bound from the linear relaxation; empty if none.",
                        null=True,
                        verbose_name="lower bound",
                    ),
                ),
                ("gap", models.FloatField(null=True, verbose_name="gap")),
                ("solve_seconds", models.FloatField(verbose_name="solve time (seconds)")),
                ("demand_teu", models.PositiveIntegerField(default=0, verbose_name="demand (TEU)")),
                (
                    "unmet_teu",
                    models.PositiveIntegerField(default=0, verbose_name="unmet demand (TEU)"),
                ),
                (
                    "inputs",
                    models.JSONField(
                        default=dict,
                        help_text="The demands and leases the plan used.",
                        verbose_name="inputs",
                    ),
                ),
                (
                    "result",
                    models.JSONField(
                        default=dict,
                        help_text="Allocations, unmet demand, utilisation, capacity values.",
                        verbose_name="result",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
            ],
            options={
                "verbose_name": "flow plan",
                "verbose_name_plural": "flow plans",
                "ordering": ["-month", "-created_at"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="transit_flowplan_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="transit_flowplan_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("unmet_teu__lte", models.F("demand_teu"))),
                        name="transit_plan_unmet_le_demand",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TransitAgreement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("code", models.SlugField(max_length=120, unique=True, verbose_name="code")),
                (
                    "group",
                    models.SlugField(
                        help_text="The agreement the row belongs to.",
                        max_length=60,
                        verbose_name="agreement",
                    ),
                ),
                (
                    "title",
                    models.CharField(blank=True, max_length=300, verbose_name="title (English)"),
                ),
                (
                    "title_ru",
                    models.CharField(blank=True, max_length=300, verbose_name="title (Russian)"),
                ),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("rail", "Rail"),
                            ("road", "Road"),
                            ("sea", "Sea"),
                            ("ferry", "Ferry"),
                            ("air", "Air"),
                        ],
                        max_length=8,
                        verbose_name="mode",
                    ),
                ),
                (
                    "cargo_class",
                    models.CharField(
                        choices=[
                            ("non_lethal", "Non-lethal"),
                            ("lethal", "Lethal"),
                            ("dual_use", "Dual-use"),
                        ],
                        max_length=12,
                        verbose_name="cargo class",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("to_afghanistan", "Towards Afghanistan"),
                            ("retrograde", "Retrograde (out of Afghanistan)"),
                        ],
                        max_length=16,
                        verbose_name="direction",
                    ),
                ),
                (
                    "effect",
                    models.CharField(
                        choices=[("permit", "Permits"), ("deny", "Prohibits")],
                        default="permit",
                        max_length=8,
                        verbose_name="effect",
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid until")),
                (
                    "cap_amount",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="cap"
                    ),
                ),
                (
                    "cap_unit",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("flights_per_year", "Flights a year"),
                            ("flights_per_month", "Flights a month"),
                            ("teu_per_month", "TEU a month"),
                            ("tonnes_per_month", "Tonnes a month"),
                        ],
                        max_length=20,
                        verbose_name="cap unit",
                    ),
                ),
                (
                    "tonnes_per_flight",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=8,
                        null=True,
                        verbose_name="tonnes per flight",
                    ),
                ),
                (
                    "parties",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Beneficiaries: NATO, USA...",
                        verbose_name="beneficiaries",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note (English)")),
                ("note_ru", models.TextField(blank=True, verbose_name="note (Russian)")),
                (
                    "authentic_en",
                    models.BooleanField(default=False, verbose_name="English version authentic"),
                ),
                (
                    "authentic_ru",
                    models.BooleanField(default=False, verbose_name="Russian version authentic"),
                ),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                (
                    "country",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                        verbose_name="transit country",
                    ),
                ),
                (
                    "legal_basis",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transit_agreements",
                        to="council.legalbasis",
                        verbose_name="legal basis",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
            ],
            options={
                "verbose_name": "transit agreement",
                "verbose_name_plural": "transit agreements",
                "ordering": ["group", "code"],
                "indexes": [
                    models.Index(
                        fields=["country", "mode", "cargo_class", "direction"],
                        name="transit_tra_country_b9238c_idx",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="transit_transitagreement_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="transit_transitagreement_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True),
                            ("valid_to__gte", models.F("valid_from")),
                            _connector="OR",
                        ),
                        name="transit_agreement_dates_ordered",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_en", False),
                            models.Q(("title", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="transit_agreement_authentic_en_given",
                        violation_error_message="The English version is marked authentic but not given.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_ru", False),
                            models.Q(("title_ru", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="transit_agreement_authentic_ru_given",
                        violation_error_message="The Russian version is marked authentic but not given.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("cap_amount__isnull", True), ("cap_unit", "")),
                            models.Q(
                                ("cap_amount__gt", 0), models.Q(("cap_unit", ""), _negated=True)
                            ),
                            _connector="OR",
                        ),
                        name="transit_agreement_cap_complete",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("mode__in", ["rail", "road", "sea", "ferry", "air"])),
                        name="transit_agreement_mode_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("cargo_class__in", ["non_lethal", "lethal", "dual_use"])
                        ),
                        name="transit_agreement_cargo_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("direction__in", ["to_afghanistan", "retrograde"])),
                        name="transit_agreement_direction_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("effect__in", ["permit", "deny"])),
                        name="transit_agreement_effect_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TransitLease",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("code", models.SlugField(max_length=60, unique=True, verbose_name="code")),
                ("provider", models.CharField(max_length=200, verbose_name="provider")),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("rail", "Rail"),
                            ("road", "Road"),
                            ("sea", "Sea"),
                            ("ferry", "Ferry"),
                            ("air", "Air"),
                        ],
                        max_length=8,
                        verbose_name="mode",
                    ),
                ),
                ("teu_per_sortie", models.PositiveIntegerField(verbose_name="TEU per sortie")),
                (
                    "tonnes_per_sortie",
                    models.DecimalField(
                        decimal_places=1, max_digits=8, verbose_name="tonnes per sortie"
                    ),
                ),
                (
                    "cost_per_sortie",
                    models.PositiveIntegerField(verbose_name="cost per sortie (USD)"),
                ),
                (
                    "hours_per_sortie",
                    models.DecimalField(
                        decimal_places=1, max_digits=6, verbose_name="hours per sortie"
                    ),
                ),
                ("period_start", models.DateField(verbose_name="period start")),
                ("period_end", models.DateField(verbose_name="period end")),
                (
                    "availability",
                    models.CharField(
                        choices=[("full_time", "Full-time call"), ("notice", "On notice")],
                        max_length=10,
                        verbose_name="availability",
                    ),
                ),
                (
                    "notice_days",
                    models.PositiveIntegerField(default=0, verbose_name="notice (days)"),
                ),
                (
                    "quota_hours_year",
                    models.DecimalField(
                        decimal_places=1,
                        default=0,
                        max_digits=8,
                        verbose_name="quota (hours a year)",
                    ),
                ),
                (
                    "quota_group",
                    models.SlugField(
                        blank=True,
                        help_text="Leases of one group draw on one quota (SALIS).",
                        max_length=40,
                        verbose_name="quota group",
                    ),
                ),
                (
                    "max_sorties_month",
                    models.PositiveIntegerField(default=30, verbose_name="most sorties a month"),
                ),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                        verbose_name="participant",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
                (
                    "legs",
                    models.ManyToManyField(
                        blank=True,
                        related_name="leases",
                        to="transit.transitleg",
                        verbose_name="legs",
                    ),
                ),
            ],
            options={
                "verbose_name": "transit lease",
                "verbose_name_plural": "transit leases",
                "ordering": ["code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="transit_transitlease_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="transit_transitlease_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("period_end__gte", models.F("period_start"))),
                        name="transit_lease_period",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("teu_per_sortie__gt", 0),
                            ("tonnes_per_sortie__gt", 0),
                            ("cost_per_sortie__gt", 0),
                            ("hours_per_sortie__gt", 0),
                        ),
                        name="transit_lease_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("availability", "full_time"), ("notice_days__gt", 0), _connector="OR"
                        ),
                        name="transit_lease_notice_days",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("availability__in", ["full_time", "notice"])),
                        name="transit_lease_availability_valid",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="shipment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("marking", "NATIONAL"), _negated=True),
                    ("owner_nation__isnull", False),
                    _connector="OR",
                ),
                name="transit_shipment_national_has_owner",
            ),
        ),
        migrations.AddConstraint(
            model_name="shipment",
            constraint=models.CheckConstraint(
                condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                name="transit_shipment_marking_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="shipment",
            constraint=models.CheckConstraint(
                condition=models.Q(("teu__gt", 0), ("tonnes__gt", 0)),
                name="transit_shipment_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="shipment",
            constraint=models.CheckConstraint(
                condition=models.Q(("planned_arrival__gte", models.F("departure"))),
                name="transit_shipment_arrival_after_departure",
            ),
        ),
        migrations.AddConstraint(
            model_name="shipment",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin", models.F("destination")), _negated=True),
                name="transit_shipment_two_ends",
            ),
        ),
        migrations.AddConstraint(
            model_name="shipment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["planned", "in_transit", "at_border", "delayed", "arrived"])
                ),
                name="transit_shipment_status_valid",
            ),
        ),
    ]
