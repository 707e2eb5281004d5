"""The IATI Standard's ruleset over files (accord.funds.iati_rules): the official samples and
the rules a publisher breaks most (dates, percentages, budget periods, codelists)."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accord.funds import iati, iati_rules

SAMPLES = iati.data_dir() / "samples"
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*/*.xml")), ids=lambda p: p.name)
def test_official_samples_pass_or_fail_the_schema_and_the_rules_name_their_lines(path: Path):
    data = path.read_bytes()
    assert bool(iati.schema_errors(data)) == (path.parent.name == "should-fail")
    findings = iati_rules.check(data, today=TODAY)
    # The samples' codes are placeholders ("xx"), which the codelists flag; every finding is
    # on a line of the file.
    assert any(f.rule == "codelist" for f in findings)
    lines = data.count(b"\n") + 1
    assert all(f.line and 1 <= f.line <= lines for f in findings)


GOOD = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2014-01-01T00:00:00+00:00">
 <iati-activity xml:lang="en" default-currency="EUR" last-updated-datetime="2014-01-01T00:00:00Z">
  <iati-identifier>XM-DAC-5-7-T1</iati-identifier>
  <reporting-org ref="XM-DAC-5-7" type="10"><narrative>Germany</narrative></reporting-org>
  <title><narrative>Support to the ANA</narrative><narrative xml:lang="fa">Test</narrative></title>
  <description type="1"><narrative>Contribution to the trust fund</narrative></description>
  <participating-org role="1" ref="XM-DAC-5-7"><narrative>Germany</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2012-01-01"/>
  <activity-date type="2" iso-date="2012-02-01"/>
  <activity-date type="3" iso-date="2013-12-31"/>
  <recipient-country code="AF" percentage="100"/>
  <sector vocabulary="1" code="15210" percentage="70"/>
  <sector vocabulary="1" code="15220" percentage="30"/>
  <budget type="1" status="1">
   <period-start iso-date="2012-01-01"/><period-end iso-date="2012-12-31"/>
   <value currency="EUR" value-date="2012-01-01">1000</value>
  </budget>
  <budget type="1" status="1">
   <period-start iso-date="2013-01-01"/><period-end iso-date="2013-12-31"/>
   <value currency="EUR" value-date="2013-01-01">1000</value>
  </budget>
  <transaction>
   <transaction-type code="3"/><transaction-date iso-date="2012-06-01"/>
   <value currency="EUR" value-date="2012-06-01">500</value>
  </transaction>
 </iati-activity>
</iati-activities>
"""


def _broken(*swaps: tuple[bytes, bytes]) -> bytes:
    data = GOOD
    for old, new in swaps:
        assert old in data
        data = data.replace(old, new)
    return data


def test_a_sound_activity_breaks_no_rule():
    assert iati.schema_errors(GOOD) == []
    assert iati_rules.check(GOOD, today=TODAY) == []


@pytest.mark.parametrize(
    ("swaps", "rule", "line"),
    [
        ([(b'type="1" iso-date="2012-01-01"', b'type="1" iso-date="2014-01-01"')], "11.1.2", 12),
        ([(b'percentage="30"', b'percentage="20"')], "2.1.2", 14),
        ([(b'code="15220" percentage="30"', b'code="15220"')], "2.1.1", 15),
        (
            [
                (
                    b'<recipient-country code="AF" percentage="100"/>',
                    b'<recipient-country code="AF" percentage="60"/>'
                    b'<recipient-country code="PK" percentage="30"/>',
                )
            ],
            "3.1.2",
            13,
        ),
        (
            [
                (
                    b'<transaction-date iso-date="2012-06-01"/>',
                    b'<transaction-date iso-date="2011-06-01"/>',
                )
            ],
            "transaction-dates",
            25,
        ),
        (
            [
                (
                    b'<transaction-date iso-date="2012-06-01"/>',
                    b'<transaction-date iso-date="2027-06-01"/>',
                )
            ],
            "11.2.1",
            25,
        ),
        (
            [(b'<period-end iso-date="2013-12-31"/>', b'<period-end iso-date="2014-06-30"/>')],
            "7.5.3",
            20,
        ),
        (
            [(b'<period-start iso-date="2013-01-01"/>', b'<period-start iso-date="2012-12-31"/>')],
            "budget-overlap",
            20,
        ),
        ([(b'code="15220"', b'code="15200"')], "codelist", 15),
        ([(b'xml:lang="fa"', b'xml:lang="dari"')], "codelist", 6),
    ],
)
def test_each_rule_names_its_finding_and_line(swaps, rule, line):
    findings = iati_rules.check(_broken(*swaps), today=TODAY)
    assert [(f.rule, f.line, f.severity) for f in findings] == [(rule, line, "error")]
    assert findings[0].activity == "XM-DAC-5-7-T1"


def test_the_command_prints_the_findings_and_fails_on_errors(tmp_path, capsys):
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_bytes(GOOD)
    bad.write_bytes(_broken((b'percentage="30"', b'percentage="20"')))
    call_command("funds", "iati-check", str(good), "--day", "2026-12-01")
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("funds", "iati-check", str(bad), "--day", "2026-12-01")
    out = capsys.readouterr().out
    assert "line 14: the sector of vocabulary 1 percentages add up to 90, not 100" in out
