"""A ledger entry's description: stored in English for every reader, shown in the reader's."""

from django.utils import translation

from accord.funds import descriptions as d


def test_a_description_is_stored_in_english_whatever_the_posters_language():
    with translation.override("ru"):
        assert d.written(d.PLEDGE, party="Germany") == "Pledge of Germany"


def test_a_stored_description_is_shown_in_the_readers_language():
    with translation.override("ru"):
        assert d.shown("Pledge of Germany") == "Объявленный взнос: Germany"
        assert d.shown("Contribution of Czech Republic in kind") == (
            "Взнос в натуральной форме: Czech Republic"
        )
        assert d.shown("Reversal of u4~k1: typed twice: the second") == (
            "Сторнирование u4~k1: typed twice: the second"
        )
    with translation.override("ps"):
        assert d.shown("Cancellation of Commitment u7~c1 to Kazan Helicopters") == (
            "د Kazan Helicopters لپاره د u7~c1 تخصیص لغوه"
        )


def test_english_readers_and_unknown_shapes_see_the_text_as_stored():
    with translation.override("en-gb"):
        assert d.shown("Disbursement to Kazan Helicopters") == "Disbursement to Kazan Helicopters"
    with translation.override("ru"):
        assert d.shown("Opening balance, 2011") == "Opening balance, 2011"
        assert d.shown("") == ""
