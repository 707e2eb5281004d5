"""User administration in Chromium: an administrator invites a delegate; the delegate opens the
link from the e-mail (Django's locmem outbox, the live server runs in this process), chooses a
password and signs in; their account page lists the session they signed in with. A user sets up
two-factor sign-in and signs in with their authenticator's code."""

import re
import time
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import TOTP
from playwright.sync_api import expect

from accord.core.models import User
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "Kandahar-Dawn-2012!"


def _sign_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def _invitation_link(address: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [address]]
    return re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)


def test_an_administrator_invites_a_delegate_who_sets_a_password_and_signs_in(page):
    mail.outbox.clear()
    sign_in(page, "admin")
    page.locator("nav summary", has_text="Administration").click()
    page.get_by_role("link", name="Users", exact=True).click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    page.get_by_role("link", name="Invite a user").click()
    page.get_by_label("Username").fill("dana-two")
    page.get_by_label("Full name").fill("Dana Second")
    page.get_by_label("E-mail").fill("dana.two@example.org")
    page.get_by_label("National delegation").check()
    page.get_by_label("Nation", exact=True).select_option("USA")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("the link is on its way to dana.two@example.org")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("dana-two"))).to_be_visible()
    expect(page.locator(".badge", has_text="invited")).to_be_visible()
    _sign_out(page)

    page.goto(_invitation_link("dana.two@example.org"))
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password_again").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()

    sign_in(page, "dana-two", PASSWORD)
    expect(page.locator(".userbox")).to_contain_text("Dana Second")
    expect(page.get_by_role("link", name="Users", exact=True)).to_have_count(0)
    page.goto("/account/")
    expect(page.get_by_text("this session")).to_be_visible()
    user = User.objects.get(username="dana-two")
    assert user.nation.iso3 == "USA"
    assert list(user.role_grants.values_list("role", flat=True)) == ["delegation"]


def _code(typed_key: str, *, steps_ahead: int = 0) -> str:
    """What the user's authenticator app shows for the key the page offered for typing."""
    totp = TOTP(b32decode(typed_key.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_a_user_sets_up_two_factor_sign_in_and_signs_in_with_a_code(page):
    sign_in(page, "trainer")
    page.goto("/account/")
    page.get_by_role("link", name="Set it up").click()
    expect(page.get_by_role("heading", name="Set up an authenticator")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    typed_key = page.locator(".qr-code + p code").inner_text()
    page.get_by_label("Code").fill(_code(typed_key))
    page.get_by_role("button", name="Turn two-factor sign-in on").click()
    expect(page.get_by_text("Two-factor sign-in is on")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    _sign_out(page)

    sign_in(page, "trainer")
    expect(page.get_by_role("heading", name="Your sign-in code")).to_be_visible()
    page.get_by_label("Code").fill(_code(typed_key, steps_ahead=1))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.locator(".userbox")).to_contain_text("Tarik Trainer")
