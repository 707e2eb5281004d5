"""Attachments' pages: the upload, the replacement and the removal from a record's panel, the
download, the preview image.

A file is served only through these views, after the access check: as a download
(``Content-Disposition: attachment``) whatever it is, never shown inline, with ``nosniff`` and a
policy that lets nothing in it run; the preview is a PNG that Accord drew itself.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accord import access
from accord.audit.services import audit_refusal
from accord.documents import kinds, selectors, services, storage
from accord.documents.choices import PreviewState
from accord.documents.forms import RemoveForm, ReplaceForm, UploadForm
from accord.errors import PermissionDenied
from accord.web.pages import forbidden, record_action, record_or_404


@login_required
@require_POST
def upload(request, kind: str, key: str):
    actor = request.user
    found, record = record_or_404(selectors.record_get, actor=actor, kind=kind, key=key)
    back = found.page_of(record) + "#attachments"
    if not access.may(actor, "change", type(record), record):
        return forbidden(request, _("You may not add files to this record."))
    form = UploadForm(request.POST, request.FILES, actor=actor)
    return record_action(
        request,
        form=form,
        run=lambda actor, data: services.attachment_upload(
            actor=actor,
            record=record,
            name=data["file"].name,
            content=data["file"].read(),
            marking=data["marking"] or None,
            owner_nation=None,
        ),
        back_url=back,
        done=lambda attachment: _("“%(name)s” is attached.") % {"name": attachment.name},
        invalid_message=_("Choose a file to attach."),
    )


def _changing(request, pk: int, action: str):
    """The attachment, its record and the record's panel, for one who may change the record
    (the 404 page if they may not read it). For one who may only read it the record is ``None``
    and the refused attempt is audited, as the service would."""
    attachment, record = record_or_404(selectors.attachment_get, actor=request.user, pk=pk)
    back = kinds.named(attachment.kind).page_of(record) + "#attachments"
    try:
        access.require_change(request.user, record)
    except PermissionDenied as refused:
        audit_refusal(actor=request.user, action=action, error=refused, target=attachment)
        return attachment, None, back
    return attachment, record, back


@login_required
@require_POST
def replace(request, pk: int):
    attachment, record, back = _changing(request, pk, "attachment.replace")
    if record is None:
        return forbidden(request, _("You may not change the files of this record."))
    return record_action(
        request,
        form=ReplaceForm(request.POST, request.FILES),
        run=lambda actor, data: services.attachment_replace(
            actor=actor, attachment=attachment, name=data["file"].name, content=data["file"].read()
        ),
        back_url=back,
        done=lambda new: (
            _("“%(name)s” is replaced by “%(new)s”.") % {"name": attachment.name, "new": new.name}
        ),
        invalid_message=_("Choose the file of the new version."),
    )


@login_required
@require_POST
def remove(request, pk: int):
    attachment, record, back = _changing(request, pk, "attachment.remove")
    if record is None:
        return forbidden(request, _("You may not change the files of this record."))
    return record_action(
        request,
        form=RemoveForm(request.POST),
        run=lambda actor, data: services.attachment_remove(
            actor=actor, attachment=attachment, reason=data["reason"]
        ),
        back_url=back,
        done=lambda removed: _("“%(name)s” is removed.") % {"name": removed.name},
        invalid_message=_("Say why the file is removed."),
    )


@require_GET
def download(request, pk: int):
    attachment, _record = record_or_404(selectors.attachment_get, actor=request.user, pk=pk)
    return storage.served(
        attachment.stored_name, filename=attachment.name, media_type=attachment.media_type
    )


@require_GET
def preview(request, pk: int):
    attachment, _record = record_or_404(selectors.attachment_get, actor=request.user, pk=pk)
    if attachment.preview_state != PreviewState.READY:
        raise Http404(_("This attachment has no preview yet."))
    return storage.served(attachment.preview_name, media_type="image/png")
