"""Attachments in the canary crawl: canaries attached to a PUBLIC legal basis, so that their own
marking (NATO, or NATIONAL of the United States) is all that keeps them from a reader. Their name
and their content hold the token: the basis's attachments panel, the API's list and the
downloads must show neither to a reader of the basis who may not read the attachment."""

from accord.council.models import LegalBasis
from accord.documents import services
from accord.documents.models import Attachment
from tests.canary import ACTOR, Canary, route
from tests.documents import pdf


def _basis() -> LegalBasis:
    return LegalBasis.objects.filter(marking="PUBLIC").order_by("pk").first()


def _create(data, kind, made):
    token = data["name"].split("/", 1)[0]  # CANARY-ATTACHMENT-NATO
    return services.attachment_upload(
        actor=ACTOR,
        record=_basis(),
        name=f"{token}.pdf",
        content=pdf(token),
        marking=data["marking"],
        owner_nation=data.get("owner_nation"),
    )


CANARIES = {Attachment: Canary(create=_create)}

PAGES = {
    "documents:upload": route(LegalBasis, kind="=legal-basis", key="code"),
    "documents:replace": route(Attachment, pk="pk"),
    "documents:remove": route(Attachment, pk="pk"),
    "documents:download": route(Attachment, pk="pk"),
    "documents:preview": route(Attachment, pk="pk"),
}

API = {
    "/api/v1/documents/records/{kind}/{key}": route(LegalBasis, kind="=legal-basis", key="code"),
    "/api/v1/documents/attachments/{attachment_id}": route(Attachment, attachment_id="pk"),
    "/api/v1/documents/attachments/{attachment_id}/content": route(Attachment, attachment_id="pk"),
}
