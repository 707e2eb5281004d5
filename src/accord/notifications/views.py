"""The inbox (``/inbox/``) and the notification preferences (``/account/notifications/``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accord.notifications import selectors, services
from accord.notifications.forms import PreferencesForm
from accord.web.pages import acting, form_page, paginate, record_or_404, success_redirect


def _inbox_context(request):
    page = paginate(request, selectors.inbox(request.user))
    return {
        "page": page,
        "rows": selectors.shown(request.user, list(page.object_list)),
        "unread": selectors.unread_count(request.user),
    }


@login_required
@require_GET
def inbox(request):
    """The signed-in user's notifications, unread first; a record they may no longer read shows
    its kind alone."""
    template = "notifications/inbox.html"
    if getattr(request, "htmx", False):
        template += "#rows"
    return render(request, template, _inbox_context(request))


@login_required
@require_POST
def read(request, pk: int):
    """Mark one notification read; ``open`` goes on to its record when it may be shown."""
    # Another user's notification is none of this reader's: the same 404 as no notification.
    record_or_404(selectors.notification_get, request.user, pk)
    notification = services.notification_read(actor=acting(request), pk=pk)
    if request.POST.get("open"):
        shown = selectors.shown(request.user, [notification])[0]
        if shown.url:
            return success_redirect(request, shown.url)
    if getattr(request, "htmx", False):
        return render(request, "notifications/inbox.html#rows", _inbox_context(request))
    return success_redirect(request, "/inbox/")


@login_required
@require_POST
def read_all(request):
    """Mark every notification read."""
    count = services.notifications_read_all(actor=acting(request))
    if getattr(request, "htmx", False):
        return render(request, "notifications/inbox.html#rows", _inbox_context(request))
    return success_redirect(
        request, "/inbox/", _("%(count)s notifications marked read.") % {"count": count}
    )


@login_required
def preferences(request):
    """For each kind of notification: in the inbox or not, and by e-mail at once, in the daily
    digest or never."""
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        choices=selectors.preferences(request.user),
    )
    return form_page(
        request,
        form=form,
        run=lambda actor, data: services.notification_preferences_set(
            actor=actor, choices=form.service_data()
        ),
        template="notifications/preferences.html",
        success_url="/account/notifications/",
        success_message=_("Your notification preferences are saved."),
        invalid_status=422,
    )
