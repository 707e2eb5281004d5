"""How the funds' records and statements are shown: the API's dicts and the pages' rows."""

from __future__ import annotations

from accord import access
from accord.funds.selectors import FIGURES, FundReferences, FundStatement
from accord.money import plain_amount as amount
from accord.names import names_of
from accord.plausible import today


def fund_dict(fund, refs: FundReferences) -> dict:
    """A fund for the API; its references as ``selectors.fund_references`` gave them (what the
    reader may not see is None or left out)."""
    return {
        "code": fund.code,
        "name": fund.name,
        "names": fund.names,
        "local_name": fund.local_name,
        "purposes": names_of(fund, "purpose"),
        "currency": fund.currency,
        "status": fund.status,
        "marking": fund.marking,
        "purpose": fund.purpose,
        "manager": refs.manager.code if refs.manager else None,
        "lead_nation": refs.lead_nation.iso3 if refs.lead_nation else None,
        "joint_action": refs.joint_action.code if refs.joint_action else None,
        "legal_basis": refs.legal_basis.code if refs.legal_basis else None,
        "established": fund.established,
        "sector": fund.sector,
        "recipient_country": fund.recipient_country,
        "donors": [n.iso3 for n in refs.donors],
        "version": fund.version,
    }


def record_dict(obj, actor, remaining: dict | None = None) -> dict:
    fund = obj.fund
    nation = access.reachable(actor, getattr(obj, "nation", None))
    out = {
        "entry": obj.entry_id,
        "fund": fund.code,
        "day": obj.day,
        "amount": amount(obj.amount_minor, obj.currency),
        "currency": obj.currency,
        "fund_amount": amount(obj.fund_amount_minor, fund.currency),
        "nation": nation.iso3 if nation else None,
        "payee": getattr(obj, "payee", None),
        "kind": getattr(obj, "kind", None),
        "estimated": obj.estimated,
        "note": obj.note,
    }
    if remaining is not None:
        out["remaining"] = amount(remaining.get(obj.entry_id, 0), fund.currency)
    return out


def figures(values: dict[str, int] | None, currency: str) -> dict | None:
    if values is None:
        return None
    return {name: amount(values[name], currency) for name in FIGURES}


def statement_dict(fs: FundStatement) -> dict:
    cur = fs.fund.currency
    s = fs.statement
    return {
        "fund": fs.fund.code,
        "currency": cur,
        "at": fs.at,
        "figures": figures(fs.figures(), cur),
        "minor": fs.figures(),
        "in_eur": figures(fs.converted.get("EUR"), "EUR"),
        "in_usd": figures(fs.converted.get("USD"), "USD"),
        "rate_problem": fs.rate_problem,
        "donors": [
            {
                "nation": d.nation,
                "name": fs.english.get(d.nation, d.nation),
                "local_name": fs.nations.get(d.nation, d.nation),
                "pledged": amount(d.pledged, cur),
                "received": amount(d.received, cur),
                "outstanding": amount(d.outstanding, cur),
                "over_paid": amount(d.over_paid, cur),
            }
            for d in s.donors
        ],
        "by_kind": {name: amount(value, cur) for name, value in fs.by_kind().items()},
    }


def condition_dict(c, actor) -> dict:
    """A donor's condition as the API answers it, with whether it is overdue today."""
    # A donor the caller may not read is not named (the condition stays, as a pledge's).
    nation = access.reachable(actor, c.nation)
    return {
        "id": c.pk,
        "fund": c.fund.code,
        "nation": nation.iso3 if nation else None,
        "pledge": c.pledge.entry_id if c.pledge else None,
        "text": c.text,
        "due": c.due,
        "overdue": c.overdue(today()),
        "status": c.status,
        "evidence": c.evidence,
        "assessed_by": c.assessed_by,
        "assessed_on": c.assessed_on,
        "version": c.version,
    }


def movement_dict(entry, fund) -> dict:
    """An entry of the kinds the MPTF Office Gateway reports, with its amount."""
    moved = max((t.amount for t in entry.transfers.all()), default=0)
    return {
        "entry": entry.pk,
        "fund": fund.code,
        "kind": entry.kind,
        "day": entry.value_date,
        "amount": amount(moved, fund.currency),
        "currency": fund.currency,
        "description": entry.description,
    }


def bank_line_dict(line) -> dict:
    return {
        "id": line.pk,
        "statement": line.statement_id,
        "line": line.line,
        "day": line.day,
        "amount": amount(line.amount_minor, line.currency),
        "currency": line.currency,
        "reference": line.reference,
        "description": line.description,
        "status": line.status,
        "entry": line.entry_id,
        "matched_by": line.matched_by,
    }
