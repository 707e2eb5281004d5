"""People and work, end to end in Chromium (issue 16's journey): an administrator invites a
delegate, who sets a password and an authenticator, signs in with its code, is told in the inbox
of a text circulated to the NRC, opens the draft attached to it, finds a decision by a word of its
Russian text from the header's search box (a NATO-only decision with the same word stays hidden),
and breaks silence.

The invitation is read from Django's locmem outbox: the live server runs in this process. The
circulation and its attachment are made through the services, as the secretariat's pages would;
their pages have journeys of their own (test_council_journey, test_documents_journey).
"""

import re
import time
from base64 import b32decode
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import TOTP
from playwright.sync_api import expect

from accord.core.models import User
from accord.council.models import Body
from accord.council.services import consultation_circulate, consultation_create
from accord.documents.services import attachment_upload
from tests.browser.conftest import sign_in
from tests.documents import pdf

pytestmark = pytest.mark.browser

PASSWORD = "Kandahar-Dawn-2012!"
TITLE = "Statement on counter-narcotics training in 2014"
DRAFT = pdf("Draft statement: 300 officers trained in 2014")


def _sign_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def _invitation_link(address: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [address]]
    return re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)


def _code(typed_key: str, *, steps_ahead: int = 0) -> str:
    """What the user's authenticator app shows for the key the page offered for typing."""
    totp = TOTP(b32decode(typed_key.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _invite(page) -> None:
    sign_in(page, "admin")
    page.locator("nav summary", has_text="Administration").click()
    page.get_by_role("link", name="Users", exact=True).click()
    page.get_by_role("link", name="Invite a user").click()
    page.get_by_label("Username").fill("dana-two")
    page.get_by_label("Full name").fill("Dana Second")
    page.get_by_label("E-mail").fill("dana.two@example.org")
    page.get_by_label("National delegation").check()
    page.get_by_label("Nation", exact=True).select_option("USA")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("the link is on its way to dana.two@example.org")).to_be_visible()
    expect(page.locator(".badge", has_text="invited")).to_be_visible()
    _sign_out(page)


def _set_password_and_authenticator(page) -> str:
    page.goto(_invitation_link("dana.two@example.org"))
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password_again").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()
    sign_in(page, "dana-two", PASSWORD)
    page.goto("/account/")
    page.get_by_role("link", name="Set it up").click()
    expect(page.locator(".qr-code svg")).to_be_visible()
    typed_key = page.locator(".qr-code + p code").inner_text()
    page.get_by_label("Code").fill(_code(typed_key))
    page.get_by_role("button", name="Turn two-factor sign-in on").click()
    expect(page.get_by_text("Two-factor sign-in is on")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    _sign_out(page)
    return typed_key


def _circulate_with_a_draft():
    """The secretariat opens a consultation in the NRC, attaches its draft and circulates it."""
    secretariat = User.objects.get(username="secretariat")
    consultation = consultation_create(
        actor=secretariat,
        body=Body.objects.get(code="nrc"),
        title=TITLE,
        text="The Council agrees to train 300 officers in 2014.",
    )
    attachment_upload(
        actor=secretariat, record=consultation, name="draft-statement.pdf", content=DRAFT
    )
    consultation_circulate(
        actor=secretariat, consultation=consultation, deadline=timezone.now() + timedelta(days=2)
    )
    return consultation


def test_an_invited_delegate_is_told_opens_the_draft_searches_and_breaks_silence(page):
    mail.outbox.clear()
    _invite(page)
    typed_key = _set_password_and_authenticator(page)
    consultation = _circulate_with_a_draft()

    # Signing in takes the password, then the authenticator's code.
    sign_in(page, "dana-two", PASSWORD)
    expect(page.get_by_role("heading", name="Your sign-in code")).to_be_visible()
    page.get_by_label("Code").fill(_code(typed_key, steps_ahead=1))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".userbox")).to_contain_text("Dana Second")

    # The inbox: the circulation, the one thing unread, counted in the header; its link opens
    # the text, and the count is gone.
    badge = page.locator("#inbox-link .badge")
    expect(badge).to_have_attribute("data-unread", "1")
    page.locator("#inbox-link").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    page.get_by_role("button", name=re.compile(TITLE)).first.click()
    expect(page).to_have_url(re.compile(f"/council/consultations/{consultation.pk}/$"))
    expect(badge).to_have_count(0)
    url = page.url

    # The attached draft opens as a download of exactly the file the secretariat attached.
    attachments = page.locator("#attachments")
    with page.expect_download() as download:
        attachments.get_by_role("link", name="draft-statement.pdf", exact=True).click()
    assert download.value.suggested_filename == "draft-statement.pdf"
    assert Path(download.value.path()).read_bytes() == DRAFT

    # The header's search box finds a decision by another form of a word of its Russian text;
    # NAC-2014-001 («Приостановка практического сотрудничества с Россией») is marked NATO and
    # the USA reads NATO, so both are found; the count says how many.
    box = page.get_by_role("searchbox", name="Search every module")
    box.fill("сотрудничество")
    box.press("Enter")
    decisions = page.locator("h2.search-kind[data-kind=decision]")
    hits = decisions.locator("xpath=following-sibling::ol[1]")
    expect(hits).to_contain_text("Обратный транзит и дальнейшее сотрудничество по Афганистану")
    expect(hits.locator("mark").first).to_have_text(re.compile("сотрудничеств", re.I))

    # Back to the circulated text: the delegate breaks silence.
    page.goto(url)
    page.get_by_label("Statement").fill("The United States asks for the 2013 figures first.")
    page.get_by_role("button", name="Break silence").click()
    expect(page.locator("#state")).to_contain_text("Silence broken")
    expect(page.locator("#circulations")).to_contain_text("asks for the 2013 figures")


def test_russias_delegate_does_not_find_a_nato_only_decision(page):
    """The same word as Russia's delegate types it: the NATO-only decision is neither listed nor
    counted, and the result opens the decision's page."""
    sign_in(page, "delegation-rus")
    box = page.get_by_role("searchbox", name="Search every module")
    box.fill("сотрудничество")
    box.press("Enter")
    decisions = page.locator("h2.search-kind[data-kind=decision]")
    expect(decisions).to_contain_text("(1)")
    expect(page.locator("#search-results")).not_to_contain_text("Приостановка")
    hits = decisions.locator("xpath=following-sibling::ol[1]")
    hits.get_by_role("link", name=re.compile("Обратный транзит")).click()
    expect(page.locator("h1")).to_contain_text("NRC-S-2010-001")


def test_a_passkey_added_on_the_account_page_signs_in_alone(page, live_server, settings):
    """Chromium's virtual authenticator (a platform one, as a laptop's fingerprint reader): the
    trainer adds a passkey on the account page, signs out, and signs in with it alone."""
    settings.ACCORD_WEBAUTHN_RP_ID = "localhost"
    settings.ACCORD_WEBAUTHN_ORIGIN = [live_server.url]
    webauthn = page.context.new_cdp_session(page)
    webauthn.send("WebAuthn.enable")
    webauthn.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, "trainer")
    page.goto("/account/")
    page.get_by_label("Name of the new passkey").fill("Office laptop")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("The passkey “Office laptop” is added.")).to_be_visible()
    expect(page.locator("#passkeys tbody")).to_contain_text("Office laptop")
    _sign_out(page)

    page.goto("/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.locator(".userbox a.user")).to_be_visible()
    page.goto("/account/")
    expect(page.locator("#passkeys tbody")).not_to_contain_text("never")
