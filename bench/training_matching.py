"""Matching nominees to people already known, across scripts and spellings (issue §10).

Synthetic Afghan officers: ``BENCH_SCALE`` records in all (100,000 by default), half of them
the register of people already known (Latin names, half with the Dari spelling beside them,
two in five with a national identifier), half of them nominees. Half the nominees are people
of the register written again as an instructor or a ministry writes them: another romanisation
and perhaps the family name first, in Cyrillic, or in Dari; the other half are new people
(who may share a name and a birthday with someone known, as people do).

Each nominee is matched as ``training``'s pipeline matches it (the people of its nation born
the same day, then ``engine.names.matches``: certain by nation and identifier, suggested by a
name key in common) and, as the anchor, by an exact-match join on the written names, the date
of birth and the nation. Printed: recall (duplicates found), precision (of the people named,
how many are the same person) and the time, each beside the exact join's in the same run.

    python bench/training_matching.py
"""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from accord.training.engine import names
from benchlib import median, report

SCALE = int(os.environ.get("BENCH_SCALE", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
NATION = "AFG"

# (Latin spellings, Cyrillic, Dari): the same name as each script writes it.
GIVEN = [
    (("Mohammad", "Muhammad", "Mohammed"), "Мухаммад", "محمد"),
    (("Ahmad", "Ahmed"), "Ахмад", "احمد"),
    (("Karim", "Kareem"), "Карим", "کریم"),
    (("Abdul Wahid", "Abdulwahid"), "Абдул Вахид", "عبدالواحد"),
    (("Gul Agha",), "Гуль Ага", "گل آغا"),
    (("Wali",), "Вали", "ولی"),
    (("Najib", "Najeeb"), "Наджиб", "نجیب"),
    (("Farid", "Fareed"), "Фарид", "فرید"),
    (("Hamid", "Hameed"), "Хамид", "حمید"),
    (("Rahim", "Raheem"), "Рахим", "رحیم"),
    (("Jawad", "Javad"), "Джавад", "جواد"),
    (("Nasir", "Naser"), "Насир", "ناصر"),
    (("Khalid", "Khaled"), "Халид", "خالد"),
    (("Rashid", "Rasheed"), "Рашид", "رشید"),
    (("Sharif", "Shareef"), "Шариф", "شریف"),
    (("Yousuf", "Yusuf"), "Юсуф", "یوسف"),
    (("Mahmud", "Mahmood"), "Махмуд", "محمود"),
    (("Hakim", "Hakeem"), "Хаким", "حکیم"),
    (("Aziz", "Azeez"), "Азиз", "عزیز"),
    (("Bashir", "Basheer"), "Башир", "بشیر"),
    (("Habib", "Habeeb"), "Хабиб", "حبیب"),
    (("Qasim", "Kasim"), "Касым", "قاسم"),
    (("Omar", "Umar"), "Умар", "عمر"),
    (("Ali",), "Али", "علی"),
    (("Hassan", "Hasan"), "Хасан", "حسن"),
    (("Hussain", "Hussein", "Husain"), "Хусейн", "حسین"),
    (("Javid", "Jawid"), "Джавид", "جاوید"),
    (("Zahir", "Zaher"), "Захир", "ظاهر"),
    (("Ismail", "Esmail"), "Исмаил", "اسماعیل"),
    (("Shah",), "Шах", "شاه"),
]
FAMILY = [
    (("Karimi",), "Карими", "کریمی"),
    (("Noori", "Nuri"), "Нури", "نوری"),
    (("Safi",), "Сафи", "صافی"),
    (("Popal",), "Попал", "پوپل"),
    (("Zadran",), "Задран", "زدران"),
    (("Ahmadzai",), "Ахмадзай", "احمدزی"),
    (("Wardak", "Wardag"), "Вардак", "وردک"),
    (("Sultani",), "Султани", "سلطانی"),
    (("Hashimi", "Hashemi"), "Хашими", "هاشمی"),
    (("Rahimi",), "Рахими", "رحیمی"),
    (("Stanekzai",), "Станекзай", "ستانکزی"),
    (("Amiri",), "Амири", "امیری"),
    (("Haidari", "Haideri"), "Хайдари", "حیدری"),
    (("Rasuli", "Rasouli"), "Расули", "رسولی"),
    (("Mohammadi", "Muhammadi"), "Мохаммади", "محمدی"),
    (("Sadat",), "Садат", "سادات"),
    (("Barakzai",), "Баракзай", "بارکزی"),
    (("Jalali",), "Джалали", "جلالی"),
    (("Yusufzai", "Yousufzai"), "Юсуфзай", "یوسفزی"),
    (("Nazari",), "Назари", "نظری"),
]
HOW = ("re-spelled", "Cyrillic", "Dari")


@dataclass(frozen=True)
class Record:
    person: int  # the true person (what the bench knows and the matching does not)
    given: str
    family: str
    native: str
    born: date
    national_id: str
    how: str = ""  # a duplicate: how it was written again


def _someone(rng: random.Random, person: int) -> tuple:
    given, family = rng.randrange(len(GIVEN)), rng.randrange(len(FAMILY))
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
    nid = f"AF-{rng.randrange(10**8):08d}" if rng.random() < 0.4 else ""
    return person, given, family, born, nid


def _known(person, given, family, born, nid, rng) -> Record:
    native = f"{GIVEN[given][2]} {FAMILY[family][2]}" if rng.random() < 0.5 else ""
    return Record(person, GIVEN[given][0][0], FAMILY[family][0][0], native, born, nid)


def _written_again(person, given, family, born, nid, rng) -> Record:
    """The same person as another hand writes them; the identifier, when given, with other
    separators."""
    how = rng.choice(HOW)
    nid = nid.replace("-", " ").lower() if nid and rng.random() < 0.7 else ""
    if how == "re-spelled":
        first, last = rng.choice(GIVEN[given][0]), rng.choice(FAMILY[family][0])
        if rng.random() < 0.5:  # family name first, as a list writes it
            return Record(person, last.upper() + ",", first, "", born, nid, how)
        return Record(person, first, last, "", born, nid, how)
    column = 1 if how == "Cyrillic" else 2
    return Record(person, GIVEN[given][column], FAMILY[family][column], "", born, nid, how)


def build(seed: int = 1) -> tuple[list[Record], list[Record]]:
    rng = random.Random(seed)
    known_count = SCALE // 2
    people = [_someone(rng, n) for n in range(known_count)]
    known = [_known(*p, rng) for p in people]
    nominees = []
    for n in range(SCALE - known_count):
        if n % 2 == 0:
            nominees.append(_written_again(*rng.choice(people), rng))
        else:
            person, given, family, born, nid = _someone(rng, known_count + n)
            nominees.append(Record(person, GIVEN[given][0][0], FAMILY[family][0][0], "", born, nid))
    return known, nominees


def _engine_person(record: Record, pk: int | None) -> names.Person:
    return names.person(
        pk, record.given, record.family, record.native, record.born, NATION, record.national_id
    )


def match_by_keys(known: list[Record], nominees: list[Record]) -> list[set[int]]:
    """The known records each nominee may be, as the pipeline finds them."""
    by_day: dict[date, list[names.Person]] = defaultdict(list)
    for pk, record in enumerate(known):
        by_day[record.born].append(_engine_person(record, pk))
    return [
        {m.id for m in names.matches(_engine_person(n, None), by_day.get(n.born, []))}
        for n in nominees
    ]


def match_exactly(known: list[Record], nominees: list[Record]) -> list[set[int]]:
    """The anchor: an exact join on the written names, the date of birth and the nation."""
    index: dict[tuple, set[int]] = defaultdict(set)
    for pk, r in enumerate(known):
        index[(r.given.casefold(), r.family.casefold(), r.born, NATION)].add(pk)
    return [
        index.get((n.given.casefold(), n.family.casefold(), n.born, NATION), set())
        for n in nominees
    ]


def scored(known, nominees, found) -> tuple[float, float, dict[str, float]]:
    """Precision (named records that are the same person), recall (duplicates found), and the
    recall per way of writing."""
    named = right = 0
    duplicates: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for nominee, ids in zip(nominees, found, strict=True):
        named += len(ids)
        hits = sum(1 for pk in ids if known[pk].person == nominee.person)
        right += hits
        if nominee.how:
            duplicates[nominee.how][0] += 1
            duplicates[nominee.how][1] += 1 if hits else 0
    total = sum(d[0] for d in duplicates.values())
    recall = sum(d[1] for d in duplicates.values()) / total
    return right / named if named else 1.0, recall, {h: d[1] / d[0] for h, d in duplicates.items()}


def timed(match, known, nominees) -> tuple[float, list[set[int]]]:
    times, found = [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        found = match(known, nominees)
        times.append(time.perf_counter() - started)
    return median(times), found


def main() -> None:
    known, nominees = build()
    duplicates = sum(1 for n in nominees if n.how)
    keys_s, by_keys = timed(match_by_keys, known, nominees)
    exact_s, exactly = timed(match_exactly, known, nominees)
    precision, recall, per_how = scored(known, nominees, by_keys)
    exact_precision, exact_recall, exact_per_how = scored(known, nominees, exactly)
    ways = ", ".join(f"{how} {per_how[how]:.3f} (exact {exact_per_how[how]:.3f})" for how in HOW)
    print(
        f"# {len(known):,} known people, {len(nominees):,} nominees of whom {duplicates:,} are"
        f" known people written again; median of {ROUNDS} rounds; exact-match join"
        f" {exact_s * 1000:.0f} ms, recall {exact_recall:.3f}, precision {exact_precision:.3f}",
        flush=True,
    )
    print(f"# recall by way of writing: {ways}", flush=True)
    report("training_matching_recall", recall, "", recall / exact_recall, "exact-match join")
    report(
        "training_matching_precision",
        precision,
        "",
        precision / exact_precision,
        "exact-match join",
    )
    report("training_matching_time", keys_s * 1000, "ms", keys_s / exact_s, "exact-match join")


if __name__ == "__main__":
    main()
