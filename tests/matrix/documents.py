"""Attachments' rows of the access matrices: a PUBLIC legal basis's attachments are read by
everyone, signed in or not, and added by those who change legal bases (the secretariat and
administrators; the others read the basis, so they hear 403); so are its attachment's replacement
by a new version and its removal. An attachment on a NATO decision is
not found by those who do not read NATO records, exactly as a missing one."""

import base64

from accord.access import system_principal
from accord.council.models import Decision, LegalBasis
from accord.documents import previews, services
from accord.markings import Role
from tests.documents import pdf
from tests.matrix import EVERYONE, NATO_READERS, api_rule, holding, page_change_rule

EDITORS = holding(Role.ADMINISTRATOR, Role.SECRETARIAT)


def records() -> dict:
    actor = system_principal("matrix")
    basis = LegalBasis.objects.filter(marking="PUBLIC").order_by("pk").first()
    shown = services.attachment_upload(
        actor=actor, record=basis, name="signed-text.pdf", content=pdf("Signed text")
    )
    previews.attachment_preview_render(actor=actor, attachment_id=shown.pk)
    decision = Decision.objects.filter(marking="NATO").order_by("pk").first()
    hidden = services.attachment_upload(
        actor=actor, record=decision, name="nato-minutes.pdf", content=pdf("NATO minutes")
    )
    return {
        "documents_basis": basis.code,
        "documents_attachment": str(shown.pk),
        "documents_hidden": str(hidden.pk),
    }


def _nato_only(username):
    return 200 if username in NATO_READERS else 404


UPLOAD = {"name": "matrix.pdf", "content_base64": base64.b64encode(pdf("Matrix")).decode()}

API = {
    ("GET", "/api/v1/documents/records/{kind}/{key}"): (
        "/documents/records/legal-basis/{documents_basis}",
        None,
        lambda username: 200,
    ),
    ("POST", "/api/v1/documents/records/{kind}/{key}"): (
        "/documents/records/legal-basis/{documents_basis}",
        UPLOAD,
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/documents/attachments/{attachment_id}"): (
        "/documents/attachments/{documents_hidden}",
        None,
        _nato_only,
    ),
    ("POST", "/api/v1/documents/attachments/{attachment_id}/replace"): (
        "/documents/attachments/{documents_attachment}/replace",
        UPLOAD,
        api_rule(EDITORS, 201),
    ),
    ("POST", "/api/v1/documents/attachments/{attachment_id}/remove"): (
        "/documents/attachments/{documents_attachment}/remove",
        {"reason": "Matrix"},
        api_rule(EDITORS, 200),
    ),
    ("GET", "/api/v1/documents/attachments/{attachment_id}/content"): (
        "/documents/attachments/{documents_attachment}/content",
        None,
        lambda username: 200,
    ),
}

PAGES = {
    "documents:upload": (
        "POST",
        "/documents/legal-basis/{documents_basis}/upload/",
        page_change_rule(EDITORS, EVERYONE, ok=302),
    ),
    "documents:replace": (
        "POST",
        "/documents/{documents_attachment}/replace/",
        page_change_rule(EDITORS, EVERYONE, ok=302),
    ),
    "documents:remove": (
        "POST",
        "/documents/{documents_attachment}/remove/",
        page_change_rule(EDITORS, EVERYONE, ok=302),
    ),
    "documents:download": ("GET", "/documents/{documents_hidden}/download/", _nato_only),
    "documents:preview": ("GET", "/documents/{documents_attachment}/preview.png", lambda u: 200),
}
