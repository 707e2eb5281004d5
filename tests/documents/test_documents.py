"""Attachments: kept through the storage with their hash in the audit trail; refused in words
(too large, web pages renamed .pdf, PDFs with scripts, a marking wider than the record's) with
nothing kept and the attempt audited; read only by whoever reads the record (the same 404 as a
missing one); served as downloads that nothing in them can run from; a PDF's first page drawn by
the worker; the panel on a decision's page."""

import base64
import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.council.models import Decision
from accord.documents import kinds, services, storage
from accord.documents.models import Attachment
from accord.errors import AccordError, Code
from accord.jobs.models import TaskRecord
from tests.documents import pdf
from tests.jobs import work_off

pytestmark = pytest.mark.django_db

API = "/api/v1/documents"


def _decision(marking: str) -> Decision:
    return Decision.objects.filter(marking=marking).order_by("pk").first()


def _upload(record, content=None, name="minutes.pdf", **kw) -> Attachment:
    return services.attachment_upload(
        actor=system_principal("test"), record=record, name=name, content=content or pdf(), **kw
    )


def _stored_files() -> set[str]:
    root = storage.store().location
    return {str(p) for p in Path(root).rglob("*") if p.is_file()}


def test_upload_keeps_the_file_with_its_hash_audited_and_asks_for_a_preview(persona):
    decision = _decision("NRC")
    content = pdf("Minutes of the 2005 meeting")
    attachment = services.attachment_upload(
        actor=persona("secretariat"), record=decision, name="../../etc/minutes.pdf", content=content
    )
    assert attachment.name == "minutes.pdf"  # no folders from the sender's name
    assert (attachment.marking, attachment.media_type) == ("NRC", "application/pdf")
    assert storage.read(attachment.stored_name) == content
    entry = AuditEntry.objects.get(action="attachment.upload", object_id=str(attachment.pk))
    assert entry.changes["sha256"] == hashlib.sha256(content).hexdigest() == attachment.sha256
    assert entry.changes["record"] == f"decision {decision.reference}"
    assert attachment.preview_state == "preparing"
    assert TaskRecord.objects.filter(kind="document_preview").exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("minutes.pdf", b"<!DOCTYPE html><script>alert(1)</script>", Code.DOCUMENT_ACTIVE_CONTENT),
        ("minutes.pdf", pdf(script=True), Code.DOCUMENT_ACTIVE_CONTENT),
        ("minutes.docx", pdf(), Code.DOCUMENT_TYPE_REFUSED),  # the extension lies
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 200, Code.DOCUMENT_ACTIVE_CONTENT),
    ],
    ids=["html-renamed-pdf", "pdf-with-javascript", "pdf-named-docx", "program"],
)
def test_refused_content_keeps_nothing_and_is_audited(persona, name, content, code):
    decision = _decision("NRC")
    files, rows = _stored_files(), Attachment.objects.count()
    with pytest.raises(AccordError) as refused:
        services.attachment_upload(
            actor=persona("secretariat"), record=decision, name=name, content=content
        )
    assert refused.value.code == code
    assert "attachment_" not in refused.value.detail
    assert name in refused.value.detail
    assert Attachment.objects.count() == rows
    assert _stored_files() == files
    entry = AuditEntry.objects.filter(action="attachment.upload").latest("pk")
    assert (entry.outcome, entry.error_code, entry.object_id) == (
        "refused",
        code,
        str(decision.pk),
    )


@override_settings(ACCORD_DOCUMENT_MAX_BYTES=1000, ACCORD_DOCUMENT_MAX_MB=0)
def test_a_file_over_the_limit_is_refused(persona):
    with pytest.raises(AccordError) as refused:
        _upload(_decision("NRC"), content=pdf("x" * 2000))
    assert refused.value.code == Code.DOCUMENT_TOO_LARGE


def test_marking_may_be_narrower_never_wider_than_the_records(persona):
    nato = _decision("NATO")
    with pytest.raises(AccordError) as refused:
        _upload(nato, marking="PUBLIC")
    assert refused.value.code == Code.DOCUMENT_MARKING_TOO_LOW
    assert _upload(_decision("NRC"), marking="NATO").marking == "NATO"
    assert _upload(nato).marking == "NATO"  # the record's, by default


def test_a_store_that_fails_after_the_file_is_kept_leaves_nothing(persona, monkeypatch):
    files, rows = _stored_files(), Attachment.objects.count()

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        _upload(_decision("NRC"))
    assert Attachment.objects.count() == rows
    assert _stored_files() == files


def test_a_reader_of_neither_record_nor_attachment_finds_nothing(client_as):
    hidden = _upload(_decision("NATO"))  # delegation-rus (an NRC member, not NATO) may not read it
    narrower = _upload(_decision("NRC"), marking="NATO")
    rus = client_as("delegation-rus")
    missing = rus.get(f"{API}/attachments/99999999")
    assert missing.status_code == 404
    for url in (
        f"{API}/attachments/{hidden.pk}",
        f"{API}/attachments/{hidden.pk}/content",
        f"{API}/records/decision/{_decision('NATO').reference}",
    ):
        response = rus.get(url)
        assert response.status_code == 404
        assert response.json()["detail"] == missing.json()["detail"]
    for url in (f"/documents/{hidden.pk}/download/", f"/documents/{hidden.pk}/preview.png"):
        assert rus.get(url).status_code == 404
    listed = rus.get(f"{API}/records/decision/{_decision('NRC').reference}").json()
    assert narrower.pk not in {row["id"] for row in listed}
    assert rus.get(f"/documents/{narrower.pk}/download/").status_code == 404


def test_download_is_an_attachment_nothing_in_it_runs(client_as):
    attachment = _upload(_decision("NRC"), content=b"a,b\n1,2\n", name="figures.csv")
    response = client_as("delegation-rus").get(f"/documents/{attachment.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"a,b\n1,2\n"


def test_the_worker_draws_the_first_page_and_the_page_shows_it(client_as, persona):
    decision = _decision("NRC")
    page = f"/council/decisions/{decision.reference}/"
    secretariat = client_as("secretariat")
    upload = SimpleUploadedFile("minutes.pdf", pdf(), content_type="application/pdf")
    response = secretariat.post(
        f"/documents/decision/{decision.reference}/upload/", {"file": upload, "marking": ""}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#attachments")
    attachment = Attachment.objects.get(kind="decision", record_id=str(decision.pk))
    assert "Preview: preparing" in secretariat.get(page).content.decode()
    work_off()
    attachment.refresh_from_db()
    assert attachment.preview_state == "ready"
    image = client_as("delegation-rus").get(f"/documents/{attachment.pk}/preview.png")
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG\r\n\x1a\n")
    shown = secretariat.get(page).content.decode()
    assert f"/documents/{attachment.pk}/preview.png" in shown
    assert "minutes.pdf" in shown
    # The upload form is offered to those who may change the decision only.
    assert 'enctype="multipart/form-data"' in shown
    assert (
        'enctype="multipart/form-data"'
        not in client_as("delegation-usa").get(page).content.decode()
    )


def test_api_upload_and_refusal_in_words(client_as, persona):
    decision = _decision("NRC")
    client = client_as("secretariat")
    url = f"{API}/records/decision/{decision.reference}"
    body = {"name": "agreement.pdf", "content_base64": base64.b64encode(pdf()).decode()}
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["sha256"]
    bad = {"name": "page.pdf", "content_base64": base64.b64encode(b"<svg onload=x>").decode()}
    refused = client.post(url, bad, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["code"] == "document_active_content"
    other = client_as("delegation-usa").post(url, body, content_type="application/json")
    assert other.status_code == 403


def test_every_registered_kind_shows_its_panel_on_its_page(client_as):
    admin = client_as("admin")
    missing, checked = [], set()
    for kind in kinds.all_kinds():
        record = kind.model._default_manager.order_by("pk").first()
        if record is None:
            continue  # the scenario has none of this kind
        checked.add(kind.name)
        page = admin.get(kind.page_of(record)).content.decode()
        if 'id="attachments"' not in page or f"/documents/{kind.name}/" not in page:
            missing.append(kind.name)
    assert not missing, f"no attachments panel on the page of: {missing}"
    assert len(kinds.all_kinds()) >= 11
    assert {"decision", "meeting", "legal-basis", "fund", "session"} <= checked


def test_replace_keeps_the_old_version_with_both_hashes_audited(client_as, persona):
    decision = _decision("NRC")
    old = services.attachment_upload(
        actor=persona("secretariat"), record=decision, name="draft.pdf", content=pdf("Draft")
    )
    content = pdf("Minutes as signed")
    new = services.attachment_replace(
        actor=persona("secretariat"), attachment=old, name="signed.pdf", content=content
    )
    assert (new.replaces_id, new.marking, new.sha256) == (
        old.pk,
        old.marking,
        hashlib.sha256(content).hexdigest(),
    )
    entry = AuditEntry.objects.get(action="attachment.replace", object_id=str(new.pk))
    assert entry.changes["sha256"] == [old.sha256, new.sha256]
    # The record's list shows the latest version; the old one is kept, and still downloaded.
    rus = client_as("delegation-rus")
    listed = rus.get(f"{API}/records/decision/{decision.reference}").json()
    assert [row["id"] for row in listed if row["id"] in (old.pk, new.pk)] == [new.pk]
    assert rus.get(f"/documents/{old.pk}/download/").status_code == 200
    page = client_as("secretariat").get(f"/council/decisions/{decision.reference}/").content
    assert f"/documents/{old.pk}/download/".encode() in page  # under "earlier versions"
    assert f"/documents/{new.pk}/remove/".encode() in page
    # The old version cannot be replaced again: only the latest can.
    with pytest.raises(AccordError) as refused:
        services.attachment_replace(
            actor=persona("secretariat"), attachment=old, name="x.pdf", content=pdf()
        )
    assert refused.value.code == Code.CONFLICT


def test_remove_withdraws_the_file_keeps_it_stored_and_says_who_and_why(client_as, persona):
    decision = _decision("NRC")
    attachment = _upload(decision)
    client = client_as("secretariat")
    response = client.post(f"/documents/{attachment.pk}/remove/", {"reason": "Wrong meeting"})
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.removed_by == persona("secretariat")
    assert attachment.removal_reason == "Wrong meeting"
    assert storage.read(attachment.stored_name)  # kept for the audit trail
    entry = AuditEntry.objects.get(action="attachment.remove", object_id=str(attachment.pk))
    assert (entry.changes["reason"], entry.changes["sha256"]) == (
        "Wrong meeting",
        [attachment.sha256],
    )
    assert client.get(f"/documents/{attachment.pk}/download/").status_code == 404
    listed = client.get(f"{API}/records/decision/{decision.reference}").json()
    assert attachment.pk not in {row["id"] for row in listed}


def test_replace_and_remove_are_refused_to_readers_who_may_not_change_the_record(client_as):
    decision = _decision("NRC")
    attachment = _upload(decision)
    usa = client_as("delegation-usa")  # reads the decision, may not change it
    body = {"name": "mine.pdf", "content_base64": base64.b64encode(pdf("Mine")).decode()}
    replaced = usa.post(
        f"{API}/attachments/{attachment.pk}/replace", body, content_type="application/json"
    )
    assert replaced.status_code == 403
    removed = usa.post(
        f"{API}/attachments/{attachment.pk}/remove",
        {"reason": "mine"},
        content_type="application/json",
    )
    assert removed.status_code == 403
    assert usa.post(f"/documents/{attachment.pk}/remove/", {"reason": "x"}).status_code == 403
    assert (
        AuditEntry.objects.filter(action="attachment.remove", outcome="refused")
        .filter(object_id=str(attachment.pk))
        .count()
        == 2  # through the API and the page
    )
    attachment.refresh_from_db()
    assert attachment.removed_at is None
    assert not Attachment.objects.filter(replaces=attachment).exists()
    refusals = AuditEntry.objects.filter(
        action__in=["attachment.replace", "attachment.remove"], outcome="refused"
    )
    assert {e.action for e in refusals} == {"attachment.replace", "attachment.remove"}
    # Through the API, by one who may: a new version (201), then a removal with its reason.
    secretariat = client_as("secretariat")
    new = secretariat.post(
        f"{API}/attachments/{attachment.pk}/replace", body, content_type="application/json"
    )
    assert (new.status_code, new.json()["replaces"]) == (201, attachment.pk)
    gone = secretariat.post(
        f"{API}/attachments/{new.json()['id']}/remove",
        {"reason": ""},
        content_type="application/json",
    )
    assert gone.status_code == 422  # a reason is required
    gone = secretariat.post(
        f"{API}/attachments/{new.json()['id']}/remove",
        {"reason": "Superseded"},
        content_type="application/json",
    )
    assert gone.status_code == 200
    assert (
        Attachment.objects.filter(
            pk__in=[attachment.pk, new.json()["id"]], removed_at__isnull=False
        ).count()
        == 2
    )
