from accord.core.models import Nation, Site, TroopContribution


def test_the_scenario_gives_the_hub_and_four_spokes(db):
    assert Site.objects.filter(kind="spoke").count() == 4
    assert Site.objects.filter(kind="hub").count() == 2
    assert Nation.objects.get(iso3="RUS").nrc_member is True
    assert (
        TroopContribution.objects.filter(site__isnull=True, nation__iso3="GEO").get().personnel
        == 870
    )
