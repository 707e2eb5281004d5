"""The IATI import page says a file over the upload limit is too large, not that none was sent."""

from accord.funds.models import LedgerEntry, TrustFund
from tests.transit.test_uploads import MB, GeneratedUpload, post_upload


def test_an_iati_file_over_the_limit_is_refused_with_the_limit_named(db, client_as):
    before = (TrustFund.objects.count(), LedgerEntry.objects.count())
    body = GeneratedUpload(100 * MB)
    response = post_upload(client_as("fund-manager"), "/funds/iati/import/", body)
    page = response.content.decode()
    assert response.status_code == 422
    assert "The file is over 25 MB" in page
    assert "This field is required" not in page
    assert body.read_bytes < MB
    assert (TrustFund.objects.count(), LedgerEntry.objects.count()) == before
