"""The audit chain's pure rules: canonical bytes, digests, chain hashes and the verifier."""

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


def test_unsealed_entries_need_a_valid_digest():
    report = engine.check_unsealed([_entry(7), _entry(8)], KEY, engine.Report())
    assert (report.ok, report.pending) == (True, 2)
    forged = {**_entry(9), "digest": "0" * 64}
    report = engine.check_unsealed([_entry(7), forged], KEY, engine.Report())
    assert report.first_break.entry_id == 9
    assert "not written by Accord" in str(report.first_break)


@given(st.integers(1, 30), st.data())
def test_any_single_tampering_is_caught_at_its_own_link(length, data):
    links = _chain([_entry(n) for n in range(1, length + 1)])
    at = data.draw(st.integers(0, length - 1))
    field = data.draw(st.sampled_from(["actor_name", "action", "object_id", "changes"]))
    links[at][1][field] = {"tampered": True} if field == "changes" else "tampered"
    report = engine.verify_chain(links, KEY)
    assert report.first_break.seq == at + 1
    assert report.sealed_checked == at
