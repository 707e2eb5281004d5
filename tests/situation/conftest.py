"""Situation fixtures: the real UCDP GED sample (135 Afghan events of GED 23.1) as CSV bytes,
and a way to write a changed copy of it (a "newer release")."""

import csv
import io
from importlib import resources

import pytest

SAMPLE = "ged231-sample-afghanistan.csv"


def sample_rows() -> tuple[list[str], list[dict]]:
    text = resources.files("accord.situation").joinpath("data", SAMPLE).read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames), list(reader)


def csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def ged_sample() -> bytes:
    return resources.files("accord.situation").joinpath("data", SAMPLE).read_bytes()


@pytest.fixture
def ged_rows():
    """The sample's header and rows, to change and write back with ``csv_bytes``."""
    return sample_rows()
