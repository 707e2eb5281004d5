"""``collector.set_aside``: the collector's set-aside and thresholds put back after the block."""

import gc

from accord import collector


def test_the_collector_is_put_back_after_the_block():
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    with collector.set_aside(young=20_000):
        assert gc.get_threshold() == (20_000, *thresholds[1:])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == frozen
