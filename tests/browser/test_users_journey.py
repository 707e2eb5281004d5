"""User administration in Chromium: an administrator invites a delegate; the delegate opens the
link from the e-mail (Django's locmem outbox, the live server runs in this process), chooses a
password and signs in; their account page lists the session they signed in with."""

import re

import pytest
from django.core import mail
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
