"""Fuzz the API from its own OpenAPI document: no input gives a 500, every answer fits the schema.

Runs every operation with generated input, valid (positive) and invalid (negative), as an
administrator (Bearer token), and every read as anonymous too, a bounded number of examples
each, against the mounted WSGI application, so middleware, authentication and error handlers
all run.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from accord.wsgi import application
from tests.conftest import IN_CI
from tests.matrix import api_table

pytestmark = pytest.mark.exhaustive

response_schema_conformance = schemathesis.checks.response_schema_conformance

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [not_a_server_error, response_schema_conformance]
# CI tries half the examples, as it does for every hypothesis property (tests/conftest.py), to
# stay within its time: every operation is still fuzzed in both modes, as each caller.
EXAMPLES = 6 if IN_CI else 12
# The same examples on every run, so that CI's verdict on a change is reproducible; set
# ACCORD_FUZZ_RANDOM=1 to explore new inputs (and add a test for each failure it finds).
DERANDOMIZE = not os.environ.get("ACCORD_FUZZ_RANDOM")


def _operations():
    return [result.ok() for result in SCHEMA.get_all_operations()]


def _fuzz(operation, headers, mode):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=DERANDOMIZE,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


OPERATIONS = _operations()
MATRIX = api_table()


@pytest.fixture
def _keep_the_test_connection():
    """Schemathesis calls the WSGI app directly; as Django's test client does, keep the request's
    start and end from closing the connection that holds the test's transaction (PostgreSQL)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def _answers_anonymous(operation) -> bool:
    """A read the access matrix lets anonymous callers make (the transparency portal's)."""
    row = MATRIX.get((operation.method.upper(), operation.path))
    return operation.method.upper() == "GET" and row is not None and row[2](None) != 401


# Anonymous callers are fuzzed on the reads that answer them with data. The others refuse them
# before reading their input (the API's authentication runs before its parameters are parsed),
# which the access matrix proves for each operation (tests/test_access_matrix_api.py): fuzzed,
# they would only answer 401 again and again.
CALLERS = [
    pytest.param("admin", operation, id=f"admin-{operation.label}") for operation in OPERATIONS
] + [
    pytest.param(None, operation, id=f"anonymous-{operation.label}")
    for operation in OPERATIONS
    if _answers_anonymous(operation)
]


@pytest.mark.parametrize("mode", list(GenerationMode), ids=str)
@pytest.mark.parametrize(("who", "operation"), CALLERS)
@pytest.mark.usefixtures("_keep_the_test_connection")
def test_no_input_gives_a_server_error_or_breaks_the_schema(matrix_records, operation, who, mode):
    # The persona's token made once in the snapshot (tests/conftest.py), not one more audited
    # write per test; every module, read and write, as a token made here would be.
    token = matrix_records["signed_in"][who]["token"] if who else None
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    _fuzz(operation, headers, mode)
