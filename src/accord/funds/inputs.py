"""The trust funds' typed inputs: one ``Values`` per kind of record, taken by its services.

A field left ``UNSET`` takes the model's default on create and keeps the fund's value on update
(``accord.inputs.Values``). The ledger's own writes (pledges, contributions, commitments...) take
their few arguments by keyword instead: each is one posting, not a record's fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.core.models import Nation, Organisation, Source
    from accord.council.models import JointAction, LegalBasis


@dataclass(frozen=True, kw_only=True)
class FundValues(MarkedValues):
    """A trust fund; left unmarked, it gets ``TrustFund.default_marking``."""

    code: Value[str] = UNSET
    name: Value[str] = UNSET
    name_ru: Value[str] = UNSET  # the name in Russian, Dari and Pashto (accord.names); "" for none
    name_fa: Value[str] = UNSET
    name_ps: Value[str] = UNSET
    currency: Value[str] = UNSET  # ISO 4217; fixed once money has moved
    manager: Value[Organisation | None] = UNSET
    lead_nation: Value[Nation | None] = UNSET
    purpose: Value[str] = UNSET
    purpose_ru: Value[str] = UNSET
    purpose_fa: Value[str] = UNSET
    purpose_ps: Value[str] = UNSET
    joint_action: Value[JointAction | None] = UNSET
    legal_basis: Value[LegalBasis | None] = UNSET
    status: Value[str] = UNSET
    established: Value[date | None] = UNSET
    sector: Value[str] = UNSET  # OECD DAC 5-digit (IATI sector vocabulary 1); "" for none
    recipient_country: Value[str] = UNSET  # ISO 3166-1 alpha-2; "" for none
    donors: Value[Iterable[Nation]] = UNSET
    notes: Value[str] = UNSET
    sources: Value[Iterable[Source]] = UNSET


@dataclass(frozen=True, kw_only=True)
class DonorPayment:
    """One line of a batch of donors' money (``services.donor_payments_record``): a cash
    contribution received from ``nation`` (in ``currency``, the fund's if left empty), or with
    ``refund`` set, money paid back to it (always in the fund's currency)."""

    nation: Nation
    amount: object  # a decimal amount as the single services take it ("1000.00")
    day: date
    refund: bool = False
    currency: str = ""
    idempotency_key: str | None = None
    estimated: bool = False
    note: str = ""
