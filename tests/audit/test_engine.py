"""The audit chain's pure rules: canonical bytes, digests, chain hashes and the verifier."""

import json
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from accord.audit import engine

KEY = b"test-key"


def _entry(n: int, **changes) -> dict:
    entry = {
        "id": n,
        "occurred_at": datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=n),
        "actor_id": 1,
        "actor_name": "ada",
        "action": "site.update",
        "outcome": "done",
        "error_code": "",
        "object_type": "core.site",
        "object_id": str(n),
        "object_repr": "Site",
        "changes": {"name": ["a", "b"]},
        "marking": "PUBLIC",
        "owner_nation_id": None,
        "via": "web",
        **changes,
    }
    entry["digest"] = engine.entry_digest(entry, KEY)
    return entry


def _chain(entries: list[dict]) -> list[tuple[dict, dict]]:
    links, prev = [], engine.GENESIS
    for seq, entry in enumerate(entries, start=1):
        link = engine.chain_hash(prev, entry["id"], entry["digest"])
        seal = {"seq": seq, "entry_id": entry["id"], "prev_hash": prev, "chain_hash": link}
        links.append((seal, entry))
        prev = link
    return links


def test_the_canonical_form_ignores_key_order_and_time_zone():
    entry = _entry(1)
    shifted = dict(reversed(list(entry.items())))
    shifted["occurred_at"] = entry["occurred_at"].astimezone(
        timezone(timedelta(hours=4, minutes=30))
    )
    assert engine.canonical_bytes(shifted) == engine.canonical_bytes(entry)
    assert b'"occurred_at":"2024-01-01T00:00:01.000000Z"' in engine.canonical_bytes(entry)


def test_a_bulk_write_encodes_each_entry_as_one_entry_alone_is_encoded():
    # Values shared by entries (written once for all) and their look-alikes: 1 and True,
    # 0.0 and -0.0, None; texts that JSON escapes; times in other zones.
    entries = [
        _entry(1, changes={"flag": [1, True], "x": [0.0, -0.0], "t": ['"\\\u2028', None]}),
        _entry(2, actor_id=None, owner_nation_id=True, object_repr="Сайт «1»"),
        _entry(3, object_id=1, occurred_at=datetime(2024, 1, 1, tzinfo=timezone.min)),
    ]
    for entry, (canonical, changes) in zip(entries, engine.canonical_many(entries), strict=True):
        assert canonical == engine.canonical_bytes(entry)
        assert changes == json.dumps(entry["changes"], cls=engine.CanonicalJSONEncoder)


def test_the_digest_depends_on_every_covered_field_and_the_key():
    entry = _entry(1)
    for name in engine.DIGEST_FIELDS:
        changed = dict(entry)
        changed[name] = (
            entry[name] + timedelta(microseconds=1) if name == "occurred_at" else f"x{entry[name]}"
        )
        assert engine.entry_digest(changed, KEY) != entry["digest"], name
    assert engine.entry_digest(entry, b"another key") != entry["digest"]
    # The id is bound by the seal, not the digest.
    assert engine.entry_digest({**entry, "id": 99}, KEY) == entry["digest"]


def test_an_intact_chain_verifies_and_batches_carry_on():
    links = _chain([_entry(n) for n in range(1, 11)])
    whole = engine.verify_chain(links, KEY)
    assert whole.ok
    assert whole.sealed_checked == 10
    report = engine.verify_chain(links[:4], KEY)
    report = engine.verify_chain(links[4:], KEY, report)
    assert (report.ok, report.sealed_checked, report.head_hash) == (True, 10, whole.head_hash)


def test_an_edited_entry_is_named():
    links = _chain([_entry(n) for n in range(1, 6)])
    links[2][1]["actor_name"] = "mallory"
    report = engine.verify_chain(links, KEY)
    assert report.sealed_checked == 2
    assert (report.first_break.seq, report.first_break.entry_id) == (3, 3)
    assert "content does not match its digest" in str(report.first_break)


def test_a_deleted_entry_a_deleted_seal_and_a_forged_seal_are_named():
    links = _chain([_entry(n) for n in range(1, 6)])
    missing_entry = [(s, None if s["seq"] == 2 else e) for s, e in links]
    assert "entry is missing" in engine.verify_chain(missing_entry, KEY).first_break.reason
    without_seal = links[:1] + links[2:]
    broken = engine.verify_chain(without_seal, KEY).first_break
    assert "seal 2 is missing" in broken.reason
    forged = [dict(seal) for seal, _ in links]
    forged[3]["prev_hash"] = "f" * 64
    broken = engine.verify_chain(list(zip(forged, [e for _, e in links], strict=True)), KEY)
    assert broken.first_break.seq == 4
    re_digested = _chain([_entry(n) for n in range(1, 4)])
    re_digested[1][1]["digest"] = engine.entry_digest(re_digested[1][1], KEY)[::-1]
    assert engine.verify_chain(re_digested, KEY).first_break.entry_id == 2


def _fields(canonical: bytes, **edited) -> list:
    """An entry's fields with the time and the changes as text, as the SQL gives them."""
    stored = {**json.loads(canonical), **edited}
    fields = [stored[name] for name in engine.DIGEST_FIELDS]
    fields[engine.DIGEST_FIELDS.index("changes")] = json.dumps(stored["changes"])
    return fields


def _unsealed_row(entry: dict, **edited) -> tuple:
    """An unsealed entry as the verifier's query reads it (``engine.UNSEALED_COLUMNS``): its
    stored bytes, and whether its fields say what they say."""
    canonical = engine.canonical_bytes(entry)
    same = engine.fields_match(canonical, _fields(canonical, **edited))
    return (entry["id"], entry["digest"], canonical, same)


def test_fields_match_their_bytes_in_any_encoding_and_not_when_edited():
    canonical = engine.canonical_bytes(_entry(3))
    assert engine.fields_match(canonical, _fields(canonical))
    assert not engine.fields_match(canonical, _fields(canonical, actor_name="mallory"))
    assert not engine.fields_match(canonical, _fields(canonical, changes={"x": [1, 2]}))
    assert not engine.fields_match(b"\xff not JSON", _fields(canonical))
    assert not engine.fields_match(None, _fields(canonical))


def test_unsealed_entries_need_a_valid_digest():
    rows = [_unsealed_row(_entry(7)), _unsealed_row(_entry(8))]
    report = engine.check_unsealed(rows, KEY, engine.Report())
    assert (report.ok, report.pending) == (True, 2)
    forged = _unsealed_row({**_entry(9), "digest": "0" * 64})
    report = engine.check_unsealed([rows[0], forged], KEY, engine.Report())
    assert report.first_break.entry_id == 9
    assert "not written by Accord" in str(report.first_break)
    edited = _unsealed_row(_entry(10), actor_name="mallory")
    assert engine.check_unsealed([edited], KEY, engine.Report()).first_break.entry_id == 10


@given(st.integers(1, 30), st.data())
def test_any_single_tampering_is_caught_at_its_own_link(length, data):
    links = _chain([_entry(n) for n in range(1, length + 1)])
    at = data.draw(st.integers(0, length - 1))
    field = data.draw(st.sampled_from(["actor_name", "action", "object_id", "changes"]))
    links[at][1][field] = {"tampered": True} if field == "changes" else "tampered"
    report = engine.verify_chain(links, KEY)
    assert report.first_break.seq == at + 1
    assert report.sealed_checked == at


# --- re-marking: what the entry of a widening write may say ---------------------------------------

W = engine.WITHHELD_PREFIX


def test_a_write_that_opens_a_nato_record_to_the_public_withholds_the_old_values():
    changes = {"notes": ["SECRET", "released"], "marking": ["NATO", "PUBLIC"], "detail": "why"}
    assert engine.withhold_if_widened(changes, "PUBLIC", None) == {
        "notes": [f"{W} NATO)", "released"],
        "marking": ["NATO", "PUBLIC"],
        "detail": "why",
    }


def test_handing_a_national_record_to_another_nation_withholds_the_old_values():
    changes = {"notes": ["ours", "yours"], "owner_nation": [1, 2]}
    assert engine.withhold_if_widened(changes, "NATIONAL", 2) == {
        "notes": [f"{W} NATIONAL)", "yours"],
        "owner_nation": [f"{W} NATIONAL)", 2],
    }


def test_narrowing_nato_to_nrc_is_counted_as_widening_and_withheld():
    """NRC adds Russia to NATO's readers: wider, and anything but same-or-PUBLIC is treated so."""
    changes = {"notes": ["a", "b"], "marking": ["NATO", "NRC"]}
    assert engine.withhold_if_widened(changes, "NRC", None)["notes"] == [f"{W} NATO)", "b"]


def test_writes_that_widen_nothing_keep_their_old_values():
    same = {"notes": ["a", "b"]}
    assert engine.withhold_if_widened(same, "NATO", None) == same
    from_public = {"notes": ["a", "b"], "marking": ["PUBLIC", "NATO"]}
    assert engine.withhold_if_widened(from_public, "NATO", None) == from_public
    created = {"notes": [None, "a"], "marking": [None, "NATO"]}
    assert engine.withhold_if_widened(created, "NATO", None) == created


MARKINGS = st.sampled_from(["PUBLIC", "NRC", "NATO", "NATIONAL"])
VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=8))


@given(
    before=MARKINGS,
    after=MARKINGS,
    owners=st.tuples(st.none() | st.integers(1, 3), st.none() | st.integers(1, 3)),
    fields=st.dictionaries(
        st.text(min_size=1, max_size=6).filter(
            lambda name: name not in ("marking", "owner_nation", "owner_nation_id")
        ),
        st.tuples(st.text(min_size=3, max_size=8).map(lambda s: f"old:{s}"), VALUES),
        max_size=5,
    ),
)
def test_a_widening_entry_never_shows_an_old_value_and_always_the_new_ones(
    before, after, owners, fields
):
    changes = {name: [old, new] for name, (old, new) in fields.items()}
    changes["marking"] = [before, after]
    changes["owner_nation"] = list(owners)
    result = engine.withhold_if_widened(changes, after, owners[1])
    widened = before != "PUBLIC" and (before, owners[0]) != (after, owners[1])
    for name, (old, new) in fields.items():
        assert result[name][1] == new
        assert result[name][0] == (f"{W} {before})" if widened else old)
    assert result["marking"] == [before, after]


# --- checkpoints ----------------------------------------------------------------------------------

MADE = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)


def _checkpoint(**overrides) -> dict:
    values = {"head_seq": 5, "head_hash": "a" * 64, "entries": 5, "made_at": MADE, "key": KEY}
    return engine.checkpoint_make(**{**values, **overrides})


def _problem(checkpoint, *, last_seq=5, seal_hash="a" * 64, sealed_up_to=5, key=KEY):
    return engine.checkpoint_problem(
        checkpoint, key, last_seq=last_seq, seal_hash=seal_hash, sealed_up_to=sealed_up_to
    )


def test_a_checkpoint_round_trips_through_its_text_and_is_extended_by_its_chain():
    checkpoint = engine.checkpoint_parse(engine.checkpoint_text(_checkpoint()))
    assert checkpoint["made_at"] == "2026-11-30T13:00:00.000000Z"
    assert engine.parse_time(checkpoint["made_at"]) == MADE
    assert _problem(checkpoint) is None
    assert _problem(checkpoint, last_seq=9) is None


def test_what_a_checkpoint_catches():
    checkpoint = _checkpoint()
    assert "the newest 2 sealed entries were cut off" in _problem(
        checkpoint, last_seq=3, seal_hash=None, sealed_up_to=3
    )
    assert "the newest 1 sealed entry was cut off" in _problem(
        checkpoint, last_seq=4, seal_hash=None, sealed_up_to=4
    )
    assert "seal 5 no longer has the hash" in _problem(checkpoint, seal_hash="b" * 64)
    assert "holds 4 sealed entries up to seal 5" in _problem(checkpoint, sealed_up_to=4)
    # A check of what was added since does not count the seals before it.
    assert _problem(checkpoint, sealed_up_to=None) is None
    assert "seal 5 no longer has the hash" in _problem(
        checkpoint, seal_hash="b" * 64, sealed_up_to=None
    )
    assert "signature does not match" in _problem(checkpoint, key=b"another key")
    assert (
        _problem(_checkpoint(head_seq=0, entries=0, head_hash=engine.GENESIS), last_seq=0) is None
    )


@given(
    field=st.sampled_from(["head_seq", "head_hash", "entries", "made_at"]),
    value=st.one_of(st.integers(0, 10**6), st.text(min_size=1, max_size=64)),
)
def test_any_edit_of_a_checkpoint_breaks_its_signature(field, value):
    checkpoint = _checkpoint()
    if checkpoint[field] == value:
        return
    checkpoint[field] = value
    assert "signature does not match" in _problem(checkpoint)
