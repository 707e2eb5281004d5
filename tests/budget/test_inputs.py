"""The budget services' typed inputs: one per model, naming exactly the fields a writer sets."""

import inspect
from dataclasses import fields

import pytest

from accord.budget import inputs, models, services

VALUES = {
    inputs.MinistryValues: models.Ministry,
    inputs.ProgrammeValues: models.Programme,
    inputs.SubProgrammeValues: models.SubProgramme,
    inputs.BudgetLineValues: models.BudgetLine,
    inputs.SustainmentPledgeValues: models.SustainmentPledge,
}


def writable(model) -> set[str]:
    """The fields a writer gives: all but the key and the version the services keep."""
    concrete = {f.name for f in model._meta.concrete_fields if not f.primary_key}
    return (concrete | {f.name for f in model._meta.many_to_many}) - {"version"}


@pytest.mark.parametrize(("values", "model"), VALUES.items(), ids=lambda v: v.__name__)
def test_each_input_names_exactly_its_models_writable_fields(values, model):
    assert {f.name for f in fields(values)} == writable(model)


def test_no_budget_service_takes_an_untyped_mapping():
    # A use case's input is its typed Values (accord.budget.inputs), never a dict of fields.
    takes_data = [
        name
        for name, function in inspect.getmembers(services, inspect.isfunction)
        if function.__module__ == services.__name__
        and not name.startswith("_")
        and "data" in inspect.signature(function).parameters
    ]
    assert takes_data == []
