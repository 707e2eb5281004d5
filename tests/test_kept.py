"""The last values built, kept per key: at most ``size``, the least recently used out first."""

from hypothesis import given
from hypothesis import strategies as st

from accord.kept import KeptRecent


@given(keys=st.lists(st.integers(min_value=0, max_value=9), max_size=60))
def test_a_key_is_built_only_when_not_among_the_last_used(keys):
    kept: KeptRecent[str] = KeptRecent(size=3)
    recent: list[int] = []  # the model: most recently used last
    for key in keys:
        built: list[int] = []

        def build(key=key, built=built):
            built.append(key)
            return f"value {key}"

        assert kept.get_or_build(key, build) == f"value {key}"
        assert built == ([] if key in recent else [key])
        recent = [*(k for k in recent if k != key), key][-3:]
        assert len(kept) == len(recent)
