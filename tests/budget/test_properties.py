"""Invariants over random sequences of budget entries (hypothesis), on the real database.

- Every roll-up node (ministry, programme, sub-programme) equals the sum of its budget lines,
  and the grand total the sum of all lines.
- Every execution rate is expended / allotted.
- The services never let commitments, or expenditures without over-allotment, exceed the
  allotment; the stored totals equal a replay of the entries that were accepted.
"""

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.access import system_principal
from accord.budget import selectors, services
from accord.budget.inputs import (
    BudgetLineValues,
    MinistryValues,
    ProgrammeValues,
    SubProgrammeValues,
)
from accord.budget.models import FiscalYear
from accord.errors import AccordError

pytestmark = pytest.mark.django_db
SYSTEM = system_principal("property")
KINDS = ["requirement", "allotment", "commitment", "expenditure"]

operation = st.tuples(
    st.integers(0, 3),  # which line
    st.sampled_from([*KINDS, "reverse"]),
    st.integers(1, 50_000),
    st.booleans(),  # over-allotment flag on an expenditure
)


def _tree():
    """Two programmes under one ministry, three sub-programmes, four lines in FY 1395."""
    fy = FiscalYear.objects.get(label="1395")
    ministry = services.ministry_create(
        actor=SYSTEM, values=MinistryValues(code="prop", name="Property")
    )
    lines = []
    for p_code, subs in (("a", ("x", "y")), ("b", ("z",))):
        programme = services.programme_create(
            actor=SYSTEM, values=ProgrammeValues(ministry=ministry, code=p_code, name=p_code)
        )
        for s_code in subs:
            sub = services.sub_programme_create(
                actor=SYSTEM,
                values=SubProgrammeValues(programme=programme, code=s_code, name=s_code),
            )
            lines.append(sub)
    subs = [lines[0], lines[0], lines[1], lines[2]]
    return ministry, [
        services.budget_line_create(
            actor=SYSTEM,
            values=BudgetLineValues(
                sub_programme=sub, fiscal_year=fy, code=f"l{i}", name=f"line {i}", currency="USD"
            ),
        )
        for i, sub in enumerate(subs)
    ]


def _rate(allotted, spent):
    if allotted == 0:
        return None
    return (Decimal(spent) / Decimal(allotted)).quantize(Decimal("0.0001"), ROUND_HALF_EVEN)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, max_size=25))
def test_rollups_equal_sums_and_rates_are_expended_over_allotted(ops):
    with transaction.atomic():
        ministry, lines = _tree()
        model = {line.pk: dict.fromkeys(KINDS, 0) for line in lines}
        over = dict.fromkeys(model, 0)
        accepted = []
        for index, kind, amount, flag in ops:
            line = lines[index]
            try:
                if kind == "reverse":
                    if not accepted:
                        continue
                    entry = accepted[amount % len(accepted)]
                    services.budget_entry_reverse(actor=SYSTEM, entry=entry, reason="property")
                    model[entry.line_id][entry.kind] -= entry.amount_minor
                    if entry.over_allotment:
                        over[entry.line_id] -= entry.amount_minor
                    accepted.remove(entry)
                else:
                    flagged = flag and kind == "expenditure"
                    entry = services.budget_entry_record(
                        actor=SYSTEM,
                        line=line,
                        kind=kind,
                        date=date(2016, 3, 1),
                        amount_minor=amount,
                        over_allotment=flagged,
                        justification="property" if flagged else "",
                    )
                    model[line.pk][kind] += amount
                    if flagged:
                        over[line.pk] += amount
                    accepted.append(entry)
            except AccordError:
                pass
            for pk, totals in model.items():
                assert totals["commitment"] <= totals["allotment"]
                assert totals["expenditure"] <= totals["allotment"] + over[pk]

        fy = FiscalYear.objects.get(label="1395")
        result = selectors.execution_get(
            actor=SYSTEM, fiscal_year=fy, currency="USD", ministry=ministry
        )
        stored = selectors.visible_line_totals(actor=SYSTEM, lines=lines)
        assert stored == model  # the database equals a replay of what was accepted
        for node in result.rollup.walk():
            under = [
                line
                for line in lines
                if (
                    "prop",
                    line.sub_programme.programme.code,
                    line.sub_programme.code,
                    line.code,
                )[: len(node.path)]
                == node.path
            ]
            for kind in KINDS:
                assert getattr(node.figures, kind) == sum(model[line.pk][kind] for line in under)
            assert node.execution_rate == _rate(node.figures.allotment, node.figures.expenditure)
        for kind in KINDS:
            assert getattr(result.rollup.total, kind) == sum(t[kind] for t in model.values())
        transaction.set_rollback(True)
