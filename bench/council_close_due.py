"""``close-due`` at scale, against the same rows written by plain SQL in the same run.

Prepares the council benchmark's database (``council_consultations.py``: one 30-member body,
``BENCH_CONSULTATIONS`` texts, default 10,000, each with its last circulation open and its deadline
passed), then:

- the anchor, in a transaction rolled back: plain SQL statements that write what close-due
  writes for these texts — the consultations claimed, their open circulations closed as adopted,
  one decision per text (numbered by ``row_number()``), one audit entry per text with its queue
  row (the digest a constant: SQL does no HMAC), and the decision's two rows of the search index
  (English and Russian, as close-due indexes each decision);
- ``council_close_due``: ``accord council close-due`` recording the same adoptions (decisions
  numbered from the counter row, audit entries written and sealed, members told), timed to its end.

Its ratio to the anchor is what Accord's rules, its audit digests and the members' notices cost
on top of the bare writes. E-mail is not in the path: members are told by one notice each per run
in their inbox, and the e-mails go out from the outbox (see ``notifications``).
"""

from __future__ import annotations

import io
import time

from benchlib import bench_environment, report
from council_consultations import CONSULTATIONS, prepare

# The vendors' spelling of the few things plain SQL says differently (PostgreSQL's jsonb column
# takes text only when cast).
_BYTES = {"postgresql": "convert_to({}, 'UTF8')", "sqlite": "CAST({} AS BLOB)"}
_JSON = {"postgresql": "CAST({} AS jsonb)", "sqlite": "{}"}
_NEWLINE = {"postgresql": "chr(10)", "sqlite": "char(10)"}
_TRIMMED = {"postgresql": "btrim({}, chr(10))", "sqlite": "trim({}, char(10))"}


def anchor_statements(vendor: str) -> list[str]:
    """What close-due writes for the due texts, as seven set-based statements, each writing one
    row per text (parameters: ``now`` where named)."""
    adopted = (
        "SELECT c.id AS consultation_id, ci.id AS circulation_id, c.body_id, c.title, "
        "c.title_ru, c.marking, c.owner_nation_id, v.text, v.text_ru, v.authentic_en, "
        "v.authentic_ru, row_number() OVER (ORDER BY c.deadline, c.id) AS n "
        "FROM council_consultation c "
        "JOIN council_circulation ci ON ci.consultation_id = c.id AND ci.outcome = 'adopted' "
        "JOIN council_textversion v ON v.id = ci.version_id "
        "WHERE c.closing_token = 'anchor'"
    )
    changes = (
        '\'{"decision":[null,"BB-anchor-\' || d.number || \'"],"state":["circulating","adopted"]}\''
    )
    return [
        "UPDATE council_consultation SET state = 'adopted', closing_token = 'anchor', "
        "version = version + 1 WHERE state = 'circulating' AND deadline <= %(now)s",
        "UPDATE council_circulation SET outcome = 'adopted', closed_at = %(now)s "
        "WHERE outcome = 'open' AND consultation_id IN "
        "(SELECT id FROM council_consultation WHERE closing_token = 'anchor')",
        "INSERT INTO council_decision (marking, owner_nation_id, version, body_id, year, number, "
        "reference, title, title_ru, text, text_ru, authentic_en, authentic_ru, adopted_on, "
        "adopted_by, consultation_id, circulation_id, estimated, rehearsal, review_note) "
        "SELECT marking, owner_nation_id, 1, body_id, %(year)s, n, 'BB-anchor-' || n, title, "
        "title_ru, text, text_ru, authentic_en, authentic_ru, %(day)s, 'silence', "
        f"consultation_id, circulation_id, false, false, '' FROM ({adopted}) a",
        "INSERT INTO audit_auditentry (occurred_at, actor_id, actor_name, action, outcome, "
        "error_code, object_type, object_id, object_repr, changes, marking, owner_nation_id, "
        "via, digest, canonical) "
        "SELECT %(now)s, NULL, 'system:close-due', 'consultation.adopt', 'done', '', "
        "'council.consultation', CAST(d.consultation_id AS TEXT), "
        f"'consultation ' || d.consultation_id, {_JSON[vendor].format(changes)}, d.marking, "
        "d.owner_nation_id, 'cli', "
        f"'{'0' * 64}', {_BYTES[vendor].format(changes)} "
        "FROM council_decision d WHERE d.reference LIKE 'BB-anchor-%%'",
        "INSERT INTO audit_auditpending (entry_id) SELECT id FROM audit_auditentry "
        "WHERE action = 'consultation.adopt' AND actor_name = 'system:close-due'",
        *(_search_rows(vendor, language) for language in ("en", "ru")),
    ]


def _search_rows(vendor: str, language: str) -> str:
    """The decisions' rows of the search index in one language, as close-due writes them: the
    title, the reference and the text (the Russian row titled by the decision's name, its
    reference and English title, when it has no Russian title)."""
    suffix = "_ru" if language == "ru" else ""
    named = "d.reference || ' ' || d.title"
    title = "d.title" if suffix == "" else f"COALESCE(NULLIF(d.title_ru, ''), {named})"
    newline = _NEWLINE[vendor]
    return (
        "INSERT INTO search_entry (kind, record_id, language, title, url, text) "
        f"SELECT 'decision', d.id, '{language}', {title}, "
        "'/council/decisions/' || d.reference || '/', "
        + _TRIMMED[vendor].format(
            f"d.title{suffix} || {newline} || d.reference || {newline} || d.text{suffix}"
        )
        + " "
        "FROM council_decision d WHERE d.reference LIKE 'BB-anchor-%%'"
    )


def measure_anchor(now) -> tuple[float, int]:
    """Seconds for the plain SQL writes (rolled back), and how many texts they adopted."""
    from django.db import connection, transaction

    params = {"now": now, "year": now.year, "day": now.date()}
    with transaction.atomic():
        started = time.perf_counter()
        with connection.cursor() as cursor:
            counts = []
            for sql in anchor_statements(connection.vendor):
                cursor.execute(sql, params)
                counts.append(cursor.rowcount)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    if len(set(counts)) != 1:
        raise SystemExit(f"close-due anchor: the statements wrote {counts} rows")
    return seconds, counts[0]


def main() -> None:
    bench_environment()
    prepared = prepare()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accord.audit.models import AuditPending
    from accord.council.models import Consultation, Decision

    now = timezone.now()
    due = Consultation.objects.filter(state="circulating", deadline__lte=now).count()
    anchor, written = measure_anchor(now)
    started = time.perf_counter()
    call_command("council", "close-due", "--now", now.isoformat(), stdout=io.StringIO())
    seconds = time.perf_counter() - started
    adopted = Decision.objects.filter(body__code="bench_body", rehearsal=False).count()
    if adopted != due or written != due:
        raise SystemExit(f"close-due: {due} due, {adopted} adopted, the anchor wrote {written}")
    print(
        f"# close-due on {connection.vendor}: {due:,} of {CONSULTATIONS:,} texts due, prepared "
        f"in {prepared:.0f} s; plain SQL {anchor * 1000:.0f} ms; "
        f"{AuditPending.objects.count():,} entries left to seal",
        flush=True,
    )
    report("council_close_due", seconds, "s", seconds / anchor, "the same rows by plain SQL")


if __name__ == "__main__":
    main()
