"""A delegate sees the unread count in the header, opens the inbox and follows a notification to
the circulated text."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accord.core.models import User
from accord.council.models import Body
from accord.council.services import consultation_circulate, consultation_create
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

TITLE = "Statement on the inbox journey"


def test_a_delegate_follows_a_notification_to_the_circulated_text(page):
    secretariat = User.objects.get(username="secretariat")
    consultation = consultation_create(
        actor=secretariat, body=Body.objects.get(code="nrc"), title=TITLE, text="The text."
    )
    consultation_circulate(
        actor=secretariat,
        consultation=consultation,
        deadline=timezone.now() + timedelta(days=2),
    )
    sign_in(page, "delegation-deu")
    badge = page.locator("#inbox-link .badge")
    expect(badge).to_be_visible()
    unread = int(badge.get_attribute("data-unread"))
    assert unread >= 1
    page.locator("#inbox-link").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    page.get_by_role("button", name=re.compile(TITLE)).first.click()
    expect(page).to_have_url(re.compile(f"/council/consultations/{consultation.pk}/$"))
    expect(page.locator("#inbox-link .badge")).to_have_attribute("data-unread", str(unread - 1))
