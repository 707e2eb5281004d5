"""The transit services' typed inputs: one per model, naming the fields a writer sets."""

import importlib
import inspect
from dataclasses import fields

import pytest

from accord.transit import models
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.planning.inputs import DemandValues, LeaseValues
from accord.transit.shipments.inputs import ShipmentValues

SERVICES = [
    importlib.import_module(f"accord.transit.{package}.services")
    for package in ("network", "agreements", "planning", "routing", "shipments")
]

# input -> (its model, fields it takes that are none of the model's, the model's fields the
# service computes and no caller gives)
VALUES = {
    NodeValues: (models.TransitNode, set(), set()),
    LegValues: (models.TransitLeg, set(), set()),
    AgreementValues: (models.TransitAgreement, set(), set()),
    # The API names the closed record by its code whatever its kind.
    ClosureValues: (models.TransitClosure, {"target"}, set()),
    LeaseValues: (models.TransitLease, set(), set()),
    DemandValues: (models.TransitDemand, set(), set()),
    ShipmentValues: (
        models.Shipment,
        set(),
        # the route's verdict, the ETA and the progress: shipment_create and the events' own
        {"eta", "route_ok", "route_problems", "status", "delayed", "current_node", "flagged"},
    ),
}


def writable(model) -> set[str]:
    concrete = {f.name for f in model._meta.concrete_fields if not f.primary_key}
    return (concrete | {f.name for f in model._meta.many_to_many}) - {"version"}


@pytest.mark.parametrize(
    ("values", "spec"), VALUES.items(), ids=lambda v: getattr(v, "__name__", "")
)
def test_each_input_names_its_models_writable_fields(values, spec):
    model, extra, computed = spec
    assert {f.name for f in fields(values)} == (writable(model) - computed) | extra


@pytest.mark.parametrize("module", SERVICES, ids=lambda m: m.__name__)
def test_no_transit_service_takes_an_untyped_mapping(module):
    # A use case's input is its typed Values (each sub-domain's inputs), never a dict of fields.
    takes_data = [
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and not name.startswith("_")
        and "data" in inspect.signature(function).parameters
    ]
    assert takes_data == []
