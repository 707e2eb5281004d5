"""Checkpoints: the chain's head published outside the database, so that a cut tail shows.

The chain proves nothing inside it changed, but a chain whose newest seals and entries were
removed is still a valid chain. `accord audit checkpoint` publishes the signed head to a file or
a URL; `accord audit verify --against` fails, naming the checkpoint, once the chain no longer
passes through it.
"""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accord.access import system_principal
from accord.audit.models import AuditCheckpoint, AuditEntry, AuditSeal, Outcome
from accord.audit.services import audit_checkpoint_publish, audit_record, audit_seal_pending
from accord.core.models import Site
from accord.errors import PermissionDenied
from tests.audit.tampering import ENTRY, SEAL, triggers_off


def checkpoint(*args) -> str:
    out = StringIO()
    call_command("audit", "checkpoint", *args, stdout=out)
    return out.getvalue()


def verify_against(path) -> str:
    out = StringIO()
    call_command("audit", "verify", "--against", str(path), stdout=out)
    return out.getvalue()


def refused_against(path) -> str:
    with pytest.raises(CommandError) as caught:
        verify_against(path)
    return str(caught.value)


def write_more(n: int) -> list[int]:
    site = Site.objects.get(code="taac_west")
    ids = [
        audit_record(
            actor=system_principal("tests"), action="site.update", obj=site, changes={"n": i}
        ).pk
        for i in range(n)
    ]
    audit_seal_pending()
    return ids


def head() -> AuditSeal:
    return AuditSeal.objects.order_by("-seq").first()


@pytest.fixture
def published(trail, tmp_path):
    """A checkpoint of the sealed trail, written to a file; returns its path."""
    path = tmp_path / "checkpoint.json"
    out = checkpoint("--output", str(path))
    assert f"Checkpoint of seal {head().seq}" in out
    return path


def test_a_checkpoint_file_holds_the_signed_head_and_is_listed(published):
    data = json.loads(published.read_text())
    seal = AuditSeal.objects.get(seq=data["head_seq"])
    assert data["head_hash"] == seal.chain_hash
    assert data["entries"] == AuditSeal.objects.filter(seq__lte=seal.seq).count()
    assert len(data["signature"]) == 64
    row = AuditCheckpoint.objects.get()
    assert (row.head_seq, row.head_hash, row.signature) == (
        seal.seq,
        seal.chain_hash,
        data["signature"],
    )
    assert row.destination == str(published)
    entry = AuditEntry.objects.filter(action="audit.checkpoint").get()
    assert entry.object_id == str(row.pk)
    assert entry.changes["head_seq"] == seal.seq


def test_an_intact_chain_that_grew_since_still_extends_the_checkpoint(published):
    seq = json.loads(published.read_text())["head_seq"]
    write_more(3)
    out = verify_against(published)
    assert "The audit trail is intact" in out
    assert f"It extends the checkpoint of seal {seq} made " in out


def test_a_truncated_tail_passes_plain_verify_but_not_the_checkpoint(published, trail):
    """The intruder removes the newest seals and entries, triggers disabled: the shorter chain
    is still a valid chain, and only the published head shows what was cut."""
    data = json.loads(published.read_text())
    cut = AuditSeal.objects.filter(seq__gt=data["head_seq"] - 2)
    entry_ids = list(cut.values_list("entry_id", flat=True))
    with triggers_off(SEAL) as cursor:
        cursor.execute(f"DELETE FROM {SEAL} WHERE seq > %s", [data["head_seq"] - 2])
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"DELETE FROM {ENTRY} WHERE id IN ({','.join(['%s'] * len(entry_ids))})", entry_ids
        )
    plain = StringIO()
    call_command("audit", "verify", stdout=plain)
    assert "The audit trail is intact" in plain.getvalue()
    message = refused_against(published)
    label = f"the checkpoint of seal {data['head_seq']} made {data['made_at']}"
    assert f"no longer extends {label}" in message
    assert f"the chain now ends at seal {data['head_seq'] - 2}" in message
    assert "the newest 2 sealed entries were cut off" in message


def test_a_rewritten_head_is_caught(published):
    """Cut the tail, then let new entries grow the chain past the checkpoint's seal again."""
    data = json.loads(published.read_text())
    newest = head()
    with triggers_off(SEAL) as cursor:
        cursor.execute(f"DELETE FROM {SEAL} WHERE seq = %s", [newest.seq])
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"DELETE FROM {ENTRY} WHERE id = %s", [newest.entry_id])
    write_more(2)
    assert head().seq > data["head_seq"]
    message = refused_against(published)
    assert f"seal {data['head_seq']} no longer has the hash the checkpoint recorded" in message


def test_an_edited_checkpoint_file_fails_its_signature(published, trail):
    data = json.loads(published.read_text())
    data["head_seq"] -= 1
    data["head_hash"] = AuditSeal.objects.get(seq=data["head_seq"]).chain_hash
    published.write_text(json.dumps(data))
    assert "its signature does not match" in refused_against(published)


def test_a_broken_chain_is_named_before_the_checkpoint(published, trail):
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET actor_name = 'mallory' WHERE id = %s", [trail[1]])
    message = refused_against(published)
    assert f"The audit trail is broken at entry {trail[1]}" in message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "not json",
            "is not an audit checkpoint made by `accord audit checkpoint`: it is not JSON",
        ),
        ('{"format": "something else"}', "it does not say it is an accord-audit-checkpoint/1"),
        (
            '{"format": "accord-audit-checkpoint/1", "head_seq": "7"}',
            "its head_seq is missing or not a int",
        ),
    ],
    ids=["not-json", "other-format", "wrong-type"],
)
def test_a_file_that_is_not_a_checkpoint_is_refused_plainly(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert message in refused_against(path)


def test_a_missing_checkpoint_file_is_named(db, tmp_path):
    assert f"Cannot read the checkpoint {tmp_path / 'nope.json'}" in refused_against(
        tmp_path / "nope.json"
    )


class _Receiver(BaseHTTPRequestHandler):
    """A stand-in for the auditors' server: keeps what it is sent, answers ``status``."""

    received: list
    status = 201

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(
            (self.path, self.headers["Content-Type"], self.headers["Authorization"], body)
        )
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    server.received, server.status = [], 201
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_checkpoint_is_posted_to_a_url_without_listing_its_credentials(trail, receiver):
    port = receiver.server_address[1]
    out = checkpoint("--url", f"http://auditor:s3cret@127.0.0.1:{port}/checkpoints?token=abc")
    ((path, content_type, authorization, body),) = receiver.received
    assert (path, content_type) == ("/checkpoints?token=abc", "application/json")
    assert authorization == "Basic " + base64.b64encode(b"auditor:s3cret").decode()
    data = json.loads(body)
    assert (data["head_seq"], data["head_hash"]) == (head().seq, head().chain_hash)
    row = AuditCheckpoint.objects.get()
    assert row.destination == f"http://127.0.0.1:{port}/checkpoints"
    assert "s3cret" not in out
    assert "token" not in out


def test_a_checkpoint_the_server_refuses_is_not_listed_and_the_failure_is_recorded(trail, receiver):
    receiver.status = 500
    port = receiver.server_address[1]
    with pytest.raises(CommandError, match=r"refused the checkpoint \(HTTP 500\)"):
        checkpoint("--url", f"http://127.0.0.1:{port}/checkpoints")
    assert not AuditCheckpoint.objects.exists()
    refusal = AuditEntry.objects.filter(action="audit.checkpoint").get()
    assert (refusal.outcome, refusal.error_code) == (Outcome.REFUSED, "checkpoint_not_delivered")


def test_a_checkpoint_that_cannot_be_written_is_not_listed(trail, tmp_path):
    target = tmp_path / "no-such-directory" / "checkpoint.json"
    with pytest.raises(CommandError, match=r"could not be written to .*no-such-directory"):
        checkpoint("--output", str(target))
    assert not target.parent.exists()
    assert not AuditCheckpoint.objects.exists()
    assert AuditEntry.objects.filter(
        action="audit.checkpoint", outcome=Outcome.REFUSED, error_code="checkpoint_not_delivered"
    ).exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://auditors.example.org/x", "Send checkpoints to an http:// or https:// address"),
        ("/var/lib/checkpoints", "Send checkpoints to an http:// or https:// address"),
        ("http://auditors.example.org:port/x", "That is not a web address"),
    ],
    ids=["ftp", "a-path", "bad-port"],
)
def test_a_url_that_is_not_a_web_address_is_refused_plainly(trail, url, message):
    with pytest.raises(CommandError, match=message):
        checkpoint("--url", url)
    assert not AuditCheckpoint.objects.exists()
    assert AuditEntry.objects.filter(
        action="audit.checkpoint", outcome=Outcome.REFUSED, error_code="checkpoint_destination"
    ).exists()


def test_only_auditors_and_administrators_make_checkpoints(trail, tmp_path, persona):
    target = tmp_path / "checkpoint.json"
    with pytest.raises(PermissionDenied):
        audit_checkpoint_publish(actor=persona("delegation-usa"), output=str(target))
    assert not target.exists()
    assert not AuditCheckpoint.objects.exists()
    refusal = AuditEntry.objects.filter(action="audit.checkpoint").get()
    assert (refusal.actor_name, refusal.outcome) == ("delegation-usa", Outcome.REFUSED)
    row, _ = audit_checkpoint_publish(actor=persona("auditor"), output=str(target))
    assert row.actor_name == "auditor"


def test_the_auditors_page_lists_checkpoints_and_whether_the_chain_still_passes(
    published, client_as
):
    data = json.loads(published.read_text())
    page = client_as("auditor").get("/audit/checkpoints/")
    assert page.status_code == 200
    assert str(published) in page.text
    assert data["head_hash"][:10] in page.text
    assert ">yes<" in page.text
    newest = head()
    with triggers_off(SEAL) as cursor:
        cursor.execute(f"DELETE FROM {SEAL} WHERE seq = %s", [newest.seq])
    page = client_as("auditor").get("/audit/checkpoints/")
    assert "verify --against" in page.text
    assert ">yes<" not in page.text


def test_the_checkpoints_page_is_for_auditors_and_administrators(published, client_as):
    assert client_as("admin").get("/audit/checkpoints/").status_code == 200
    assert client_as("delegation-usa").get("/audit/checkpoints/").status_code == 403
    anonymous = client_as(None).get("/audit/checkpoints/")
    assert anonymous.status_code == 302
    assert str(published) not in anonymous.text


def verify_since(path) -> str:
    out = StringIO()
    call_command("audit", "verify", "--since", str(path), stdout=out)
    return out.getvalue()


def test_verifying_since_a_checkpoint_walks_only_what_was_added(published, walk):
    made = json.loads(published.read_text())["head_seq"]
    added = write_more(3)
    out = verify_since(published)
    assert f"intact since the checkpoint of seal {made}" in out
    # The three, and the entry recording the checkpoint itself (written after its head).
    assert "4 entries sealed after it, 0 awaiting" in out
    assert head().seq == made + 4
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET via = 'x' WHERE id = %s", [added[1]])
    with pytest.raises(CommandError) as caught:
        verify_since(published)
    seq = AuditSeal.objects.get(entry_id=added[1]).seq
    assert f"entry {added[1]} (seal {seq})" in str(caught.value)


def test_verifying_since_a_checkpoint_the_chain_no_longer_passes_through_fails(published):
    write_more(2)
    data = json.loads(published.read_text())
    with triggers_off(SEAL) as cursor:
        cursor.execute(
            f"UPDATE {SEAL} SET chain_hash = %s WHERE seq = %s", ["f" * 64, data["head_seq"]]
        )
    with pytest.raises(CommandError) as caught:
        verify_since(published)
    assert f"seal {data['head_seq']} no longer has the hash the checkpoint recorded" in str(
        caught.value
    )
