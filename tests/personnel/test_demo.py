"""The demo's payroll: every reason it promises is found, on the lines it says."""

from collections import Counter

from django.utils import timezone

from accord.access import system_principal
from accord.personnel.demo import MONTH, afghan_payroll
from accord.personnel.models import Override, PayrollLine, PayrollMonth
from accord.personnel.selectors import line_reasons


def test_the_demo_month_flags_each_reason_it_describes(db):
    said = afghan_payroll(system_principal("tests"), timezone.now())
    month = PayrollMonth.objects.get(month=MONTH)
    lines = list(PayrollLine.objects.filter(month=month))
    counts = Counter(reason for line in lines for reason in line_reasons(line))
    assert counts == {
        "no_person": 4,
        "not_slotted": 3 + 3,  # and the deserters, whose slots ended in March
        "duplicate_enrolment": 4,
        "separated": 3,
        "absent": 8 + 4,  # five absent, three deserters, and the four ghosts at 0 days
        "paid_twice": 4,
    }
    assert month.lines == len(lines) == 90 + 2 + 2 + 4
    assert month.flagged == sum(1 for line in lines if line.flagged)
    assert f"{month.flagged} flagged" in said
    assert Override.objects.filter(line__month=month, confirmed_at__isnull=True).count() == 1
    assert afghan_payroll(system_principal("tests"), timezone.now()) is None
