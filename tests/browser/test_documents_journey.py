"""The secretariat attaches the minutes, a PDF, to a decision in Chromium: the file is listed
with its size, type, marking and hash, its preview is prepared and then shown once the worker
has drawn it; a web page renamed .pdf is refused in words."""

import re

import pytest
from playwright.sync_api import expect

from accord.council.models import Decision
from tests.browser.conftest import sign_in
from tests.documents import pdf
from tests.jobs import work_off

pytestmark = pytest.mark.browser


def test_secretariat_attaches_the_minutes_to_a_decision(page):
    decision = Decision.objects.filter(marking="NRC").order_by("pk").first()
    sign_in(page, "secretariat")
    page.goto(f"/council/decisions/{decision.reference}/")
    panel = page.locator("#attachments")
    expect(panel).to_contain_text("No attachments you may read.")

    panel.get_by_label("File").set_input_files(
        files=[{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
    )
    panel.get_by_role("button", name="Attach").click()
    expect(page.get_by_text("“minutes.pdf” is attached.")).to_be_visible()
    row = page.locator("#attachments tbody tr", has_text="minutes.pdf")
    expect(row).to_contain_text("application/pdf")
    expect(row).to_contain_text("NRC")
    expect(row).to_contain_text("Preview: preparing")

    work_off()  # the worker draws the first page
    page.reload()
    expect(row.locator("img.attachment-preview")).to_have_attribute("src", re.compile("preview"))

    panel.get_by_label("File").set_input_files(
        files=[{"name": "agenda.pdf", "mimeType": "application/pdf", "buffer": b"<html><p>x"}]
    )
    panel.get_by_role("button", name="Attach").click()
    expect(page.locator(".message-error")).to_contain_text("“agenda.pdf” was refused")
    expect(page.locator("#attachments tbody tr")).to_have_count(1)
