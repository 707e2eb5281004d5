"""The council's parts of the scenario file, validated (pure: pydantic, no Django).

Legal bases come from two sections: ``agreements_and_mandates`` (a timeline of events, of which
the instruments are consolidated below: the signing and the ratification of the SOFA and the
BSA are two events of two instruments) and ``transit_agreements`` (one instrument each, kept
under its own id). Accord's own ``council`` section adds bodies, meetings, decisions and joint
actions the file does not spell out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator

from accord.core.engine.scenario import Record

Slug = str


def loose_date(value: Any) -> date | None:
    """The first date in a free-text value ("2008-11 (DEU first); ESP 2009" -> 2008-11-01)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    if m := re.search(r"(\d{4})-(\d{2})-(\d{2})", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(r"(\d{4})-(\d{2})", text):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.search(r"(\d{4})", text):
        return date(int(m[1]), 1, 1)
    return None


class MandateEvent(Record):
    id: str
    date: Any = None
    what: str = ""


class TransitAgreementRecord(Record):
    id: str = Field(pattern=r"^[a-z0-9_]{1,60}$")
    parties: list[str] = Field(min_length=1)
    signed: Any = None
    ratified: Any = None
    in_force: Any = None
    effective: Any = None
    announced: Any = None
    revoked: Any = None
    valid_until: Any = None
    instrument: str = ""
    notes: str = ""
    conditions: str = ""
    cargo_classes: list[str] = []
    modes: list[str] = []

    def dates(self) -> dict:
        signed = loose_date(self.signed) or loose_date(self.announced)
        return {
            "signed": signed,
            "ratified": loose_date(self.ratified),
            "in_force": loose_date(self.in_force) or loose_date(self.effective),
            "expires": loose_date(self.valid_until),
            "revoked": loose_date(self.revoked),
        }


@dataclass(frozen=True)
class Instrument:
    """How an event of ``agreements_and_mandates`` becomes (part of) a legal basis."""

    code: str
    kind: str
    title: str
    reference: str = ""
    field: str = "signed"  # which date the event gives
    parties: str = ""  # "nrc", "nato", or ISO3/organisation codes separated by spaces
    territories: tuple[str, ...] = ()
    in_force_with: str = ""  # the date field that also marks entry into force
    # The title in Russian, and the languages in which the instrument's text is authentic (a
    # Russian title of an instrument not authentic in Russian is a translation, said to be one).
    title_ru: str = ""
    authentic: tuple[str, ...] = ("en",)


INSTRUMENTS: dict[str, tuple[Instrument, ...]] = {
    "unscr_1386": (
        Instrument(
            "unscr_1386",
            "unscr",
            "UN Security Council Resolution 1386 (ISAF)",
            "S/RES/1386 (2001)",
            territories=("AFG",),
            in_force_with="signed",
            title_ru="Резолюция 1386 (2001) Совета Безопасности ООН (МССБ)",
            authentic=("en", "ru"),
        ),
    ),
    "nrc_rome": (
        Instrument(
            "nrc_rome",
            "founding",
            "Rome Declaration: NATO-Russia Relations, a New Quality",
            parties="nrc",
            in_force_with="signed",
            title_ru="Римская декларация «Отношения Россия — НАТО: новое качество»",
            authentic=("en", "ru"),
        ),
    ),
    "unscr_1510": (
        Instrument(
            "unscr_1510",
            "unscr",
            "UN Security Council Resolution 1510 (ISAF countrywide)",
            "S/RES/1510 (2003)",
            territories=("AFG",),
            in_force_with="signed",
            title_ru=(
                "Резолюция 1510 (2003) Совета Безопасности ООН "
                "(МССБ на всей территории Афганистана)"
            ),
            authentic=("en", "ru"),
        ),
    ),
    "lisbon_nrc": (
        Instrument(
            "lisbon_nrc_2010",
            "summit",
            "Joint Statement of the NRC Lisbon Summit",
            parties="nrc",
            in_force_with="signed",
            title_ru="Совместное заявление Совета Россия — НАТО на встрече в верхах в Лиссабоне",
            authentic=("en", "ru"),
        ),
    ),
    "spa": (
        Instrument(
            "us_afg_spa_2012",
            "other",
            "US-Afghanistan Strategic Partnership Agreement",
            parties="USA AFG",
            territories=("AFG",),
            in_force_with="signed",
            title_ru="Соглашение о стратегическом партнёрстве между США и Афганистаном",
            authentic=("en",),
        ),
    ),
    "chicago": (
        Instrument(
            "chicago_2012",
            "summit",
            "Chicago Summit Declaration on Afghanistan",
            parties="nato",
            territories=("AFG",),
            in_force_with="signed",
            title_ru="Декларация Чикагского саммита по Афганистану",
            authentic=("en",),
        ),
    ),
    "wales": (
        Instrument(
            "wales_2014",
            "summit",
            "Wales Summit Declaration on Afghanistan",
            parties="nato",
            territories=("AFG",),
            in_force_with="signed",
            title_ru="Декларация Уэльского саммита по Афганистану",
            authentic=("en",),
        ),
    ),
    "bsa_sofa_signed": (
        Instrument(
            "nato_sofa_2014",
            "sofa",
            "NATO-Afghanistan Status of Forces Agreement",
            parties="nato_org AFG",
            territories=("AFG",),
            title_ru="Соглашение о статусе сил между НАТО и Афганистаном",
            authentic=("en",),
        ),
        Instrument(
            "us_bsa_2014",
            "bsa",
            "US-Afghanistan Bilateral Security Agreement",
            parties="USA AFG",
            territories=("AFG",),
            title_ru="Двустороннее соглашение о безопасности между США и Афганистаном",
            authentic=("en",),
        ),
    ),
    "bsa_sofa_ratified": (
        Instrument(
            "nato_sofa_2014",
            "sofa",
            "NATO-Afghanistan Status of Forces Agreement",
            field="ratified",
            parties="nato_org AFG",
            territories=("AFG",),
            title_ru="Соглашение о статусе сил между НАТО и Афганистаном",
            authentic=("en",),
        ),
        Instrument(
            "us_bsa_2014",
            "bsa",
            "US-Afghanistan Bilateral Security Agreement",
            field="ratified",
            parties="USA AFG",
            territories=("AFG",),
            title_ru="Двустороннее соглашение о безопасности между США и Афганистаном",
            authentic=("en",),
        ),
    ),
    "unscr_2189": (
        Instrument(
            "unscr_2189",
            "unscr",
            "UN Security Council Resolution 2189 (Resolute Support)",
            "S/RES/2189 (2014)",
            territories=("AFG",),
            in_force_with="signed",
            title_ru=(
                "Резолюция 2189 (2014) Совета Безопасности ООН (миссия «Решительная поддержка»)"
            ),
            authentic=("en", "ru"),
        ),
    ),
    "warsaw": (
        Instrument(
            "warsaw_2016",
            "summit",
            "Warsaw Summit Declaration on Afghanistan",
            parties="nato",
            territories=("AFG",),
            in_force_with="signed",
            title_ru="Декларация Варшавского саммита по Афганистану",
            authentic=("en",),
        ),
    ),
    "brussels": (
        Instrument(
            "brussels_2018",
            "summit",
            "Brussels Summit Declaration on Afghanistan",
            parties="nato",
            territories=("AFG",),
            in_force_with="signed",
            title_ru="Декларация Брюссельского саммита по Афганистану",
            authentic=("en",),
        ),
    ),
}

# Known in force dates the timeline does not carry: the SOFA and the BSA took effect on
# 1 January 2015 with the Resolute Support Mission (the timeline's rsm_start).
IN_FORCE_FROM_EVENT = {"nato_sofa_2014": "rsm_start", "us_bsa_2014": "rsm_start"}


class BodyRecord(Record):
    id: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    name: str
    short_name: str = ""
    level: Literal["ambassador", "minister", "summit", "committee"]
    organisation: str | None = None
    number_prefix: str = Field(pattern=r"^[A-Z][A-Z0-9-]{0,11}$")
    marking: Literal["PUBLIC", "NRC", "NATO"]
    members: str | list[str]
    since: Any = None


class CooperationRecord(Record):
    nation: str
    state: Literal["active", "suspended"]
    start: date
    end: date | None = None
    area: str = ""
    reason: str = ""

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date(cls, value):
        return loose_date(value)


class AgendaRecord(Record):
    title: str
    proposed_by: str
    objections: list[dict] = []


class MeetingRecord(Record):
    id: str
    body: str
    date: date
    place: str = ""
    chair: str = ""
    minutes: str = ""
    agenda: list[AgendaRecord] = []

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value):
        return loose_date(value)


class JointActionRecord(Record):
    id: str = Field(pattern=r"^[a-z0-9_]{1,60}$")
    name: str
    area: str = ""
    activity_kind: str = ""
    territory: str = ""
    status: Literal["proposed", "active", "suspended", "completed", "cancelled"]
    start: date | None = None
    end: date | None = None
    lead_nation: str | None = None
    marking: Literal["PUBLIC", "NRC", "NATO"]
    participants: str | list[str] = []
    legal_bases: list[str] = []
    description: str = ""

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date(cls, value):
        return loose_date(value)


class DecisionRecord(Record):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]*-\d{4}-\d{3}$")
    body: str
    meeting: str | None = None
    date: date
    title: str
    text: str
    title_ru: str = ""
    text_ru: str = ""
    # The languages its text is authentic in; the scenario's decisions are Accord's own
    # summaries of what was decided, authentic in none.
    authentic: list[Literal["en", "ru"]] = []
    legal_bases: list[str] = []
    joint_actions: list[str] = []

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value):
        return loose_date(value)

    @property
    def number(self) -> int:
        return int(self.id.rsplit("-", 1)[1])
