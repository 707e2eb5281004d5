"""Accord's errors: one catalogue of stable codes, and a small tree of exceptions that carry them.

The catalogue is ``Code``: every code Accord answers with, each with the HTTP status it answers
with and a message in the user's words that says what to do. Programs branch on the code, which
never changes once published; people read the message (and the raise site's ``detail``, which
names the record or value at fault). ``docs/api.md`` lists the catalogue, generated from it by
``accord errors --markdown``; a test fails when a code is raised but not catalogued, when an entry
is never used, or when the document is out of date.

The tree::

    AccordError                      base; ``code`` is a ``Code``, ``status`` is the HTTP status
    ├── PermissionDenied  (403)      permission_denied: the access policy refuses the action
    ├── NotFound          (404)      not_found: absent, or outside the reader's reach (no 403 leak)
    ├── ValidationFailed  (422)      validation_failed and friends: bad input, with field errors
    │   └── ScenarioInvalid          scenario_invalid: a scenario file names file, line and field
    └── Conflict          (409)      conflict, stale_version, duplicate...: the state forbids it

A raise site names its code from the catalogue (``Conflict(detail, code=Code.STALE_VERSION)``)
and the class whose status the catalogue gives that code. The API answers every one of them as
problem+json; the pages as a form error.

This module is pure Python: the engines import it, and they must not import Django. So the
messages are marked for translation with a local ``gettext_noop`` (the name Django's
``makemessages`` looks for) and translated where they are shown.
"""

from __future__ import annotations

from enum import StrEnum


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it here (as Django's own
    ``gettext_noop`` does, without importing Django); it is translated where it is shown."""
    return message


_ = gettext_noop


class Code(StrEnum):
    """Every stable error code, with its HTTP ``status`` and its ``message``.

    A member is its code's string (``Code.STALE_VERSION == "stale_version"``), so it goes into
    JSON, the audit trail and comparisons as the plain code always did.
    """

    status: int
    message: str

    def __new__(cls, value: str, status: int, message: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.status = status
        member.message = message
        return member

    # --- any request ---------------------------------------------------------------------------
    ACCORD_ERROR = (
        "accord_error",
        400,
        _("The request could not be completed; check what you sent and try again."),
    )
    BAD_REQUEST = (
        "bad_request",
        400,
        _("The request is malformed: check its headers and body and send it again."),
    )
    HTTP_ERROR = (
        "http_error",
        400,
        _("The request was refused as sent (the status says how); the detail says why."),
    )
    NOT_AUTHENTICATED = (
        "not_authenticated",
        401,
        _("You are not signed in: sign in, or send 'Authorization: Bearer <token>'."),
    )
    CSRF_FAILED = (
        "csrf_failed",
        403,
        _(
            "The form's security check failed: reload the page and send it again, or use a Bearer "
            "token."
        ),
    )
    PERMISSION_DENIED = (
        "permission_denied",
        403,
        _(
            "You may not do this: ask an administrator, or the record's site or nation staff, to "
            "do it."
        ),
    )
    NOT_FOUND = (
        "not_found",
        404,
        _("There is no such record, or it is outside your reach: go back to the list."),
    )
    CONFLICT = (
        "conflict",
        409,
        _("The record's current state does not allow this: reload it and check its state."),
    )
    STALE_VERSION = (
        "stale_version",
        409,
        _(
            "Someone changed this record after you opened it: reload it, check their change and "
            "make yours again."
        ),
    )
    DUPLICATE = (
        "duplicate",
        409,
        _(
            "Such a record exists already: change the values that identify it (nation, site, date "
            "or code)."
        ),
    )
    IN_USE = ("in_use", 409, _("Other records refer to this one: remove or change them first."))
    BODY_TOO_LARGE = (
        "body_too_large",
        413,
        _("The request body is larger than the API accepts: send less in one request."),
    )
    UPLOAD_TOO_LARGE = (
        "upload_too_large",
        413,
        _(
            "The file is larger than Accord accepts in one upload: split it and send the parts one "
            "by one."
        ),
    )
    VALIDATION_FAILED = (
        "validation_failed",
        422,
        _("Some of the input is not valid: correct the fields named and send it again."),
    )
    LANGUAGE_UNKNOWN = (
        "language_unknown",
        422,
        _("Accord speaks English, Russian, Dari and Pashto: choose one of them."),
    )
    TIME_ZONE_UNKNOWN = (
        "time_zone_unknown",
        422,
        _("Choose a time zone from the list, such as Asia/Kabul or Europe/Moscow."),
    )
    INVALID_FILTER = (
        "invalid_filter",
        422,
        _("A filter's value is not valid: correct it (dates as YYYY-MM-DD) and search again."),
    )
    UNKNOWN_REFERENCE = (
        "unknown_reference",
        422,
        _("The input names a record that does not exist or that you may not read: check its code."),
    )
    NUL_CHARACTER = (
        "nul_character",
        422,
        _(
            "The input contains a NUL character, which Accord does not keep: remove it and send it "
            "again."
        ),
    )
    DATE_INVALID = ("date_invalid", 422, _("A date is not valid: give it as YYYY-MM-DD."))
    INTERNAL_ERROR = (
        "internal_error",
        500,
        _(
            "Something went wrong on Accord's side, not in what you sent: try again later, and "
            "quote the error id if it keeps failing."
        ),
    )
    DATABASE_BUSY = (
        "database_busy",
        503,
        _(
            "The database was busy and nothing was changed: send the same request again after the "
            "seconds Retry-After gives."
        ),
    )

    # --- registry (core) -----------------------------------------------------------------------
    SITE_REQUIRED = ("site_required", 422, _("Hub and spoke staff need a site: choose one."))
    NATION_REQUIRED = ("nation_required", 422, _("This role needs a nation: choose one."))
    ORGANISATION_CYCLE = (
        "organisation_cycle",
        422,
        _(
            "An organisation cannot sit under itself or under one of its own units: choose another "
            "parent."
        ),
    )
    SCENARIO_INVALID = (
        "scenario_invalid",
        422,
        _(
            "The scenario file is not valid: correct the file, line and field named and load it "
            "again."
        ),
    )
    SEED_EXISTS = (
        "seed_exists",
        409,
        _(
            "Synthetic data is here already, and the audit trail cannot be rolled back: seed a "
            "fresh database."
        ),
    )
    SEED_NEEDS_SCENARIO = (
        "seed_needs_scenario",
        422,
        _("Synthetic data builds on the scenario: load the scenario first."),
    )

    # --- users and accounts (core) ---------------------------------------------------------------
    LAST_ADMINISTRATOR = (
        "last_administrator",
        409,
        _(
            "This is the last active administrator: make another user an administrator first, "
            "so that someone can still manage users."
        ),
    )
    OWN_RIGHTS = (
        "own_rights",
        403,
        _("You may not change your own roles, nation or site: ask another administrator."),
    )
    ROLE_REQUIRED = (
        "role_required",
        422,
        _("A user keeps at least one role: grant the new role before you revoke the last one."),
    )
    EMAIL_REQUIRED = (
        "email_required",
        422,
        _("An invitation is sent by e-mail: give the person's e-mail address."),
    )
    INVITATION_INVALID = (
        "invitation_invalid",
        422,
        _(
            "This invitation link has expired or was used already: ask an administrator to "
            "invite you again."
        ),
    )
    PASSWORD_REJECTED = (
        "password_rejected",
        422,
        _("This password is too weak: choose a longer one that is not common or like your name."),
    )
    PASSWORD_INCORRECT = (
        "password_incorrect",
        422,
        _("Your current password is not correct: type it again."),
    )
    TWO_FACTOR_CODE_INCORRECT = (
        "two_factor_code_incorrect",
        422,
        _(
            "This code is not correct, or was used already: type the six digits your "
            "authenticator shows now, or one of your unused recovery codes."
        ),
    )
    TWO_FACTOR_ALREADY_ON = (
        "two_factor_already_on",
        409,
        _("Two-factor sign-in is on already: turn it off first to set up another authenticator."),
    )
    TWO_FACTOR_OFF = (
        "two_factor_off",
        409,
        _("Two-factor sign-in is not on: set up an authenticator first."),
    )
    PASSKEY_NOT_ACCEPTED = (
        "passkey_not_accepted",
        422,
        _(
            "Your passkey was not accepted: try again, or sign in with your password. If it "
            "keeps failing, remove that passkey from your account and add it again."
        ),
    )
    PASSKEY_REQUEST_EXPIRED = (
        "passkey_request_expired",
        422,
        _("The passkey request expired or was used already: try again."),
    )
    PASSKEY_NEEDS_VERIFIED_SESSION = (
        "passkey_needs_verified_session",
        403,
        _(
            "Your account has two-factor sign-in: sign out and in again with your code or a "
            "passkey before adding a passkey."
        ),
    )
    SIGN_IN_LOCKED = (
        "sign_in_locked",
        403,
        _(
            "There were too many failed sign-in attempts from this address, so Accord has "
            "stopped accepting them for a while."
        ),
    )
    SIGN_ON_REFUSED = (
        "sign_on_refused",
        403,
        _(
            "Your organisation's sign-in did not say who you are in Accord: ask its "
            "administrators to give you a nation and a role for Accord."
        ),
    )

    TOKEN_OUT_OF_SCOPE = (
        "token_out_of_scope",
        403,
        _(
            "This API token may not use this part of the API: create a token with it in its "
            "scope on your account page."
        ),
    )
    TOKEN_READ_ONLY = (
        "token_read_only",
        403,
        _(
            "This API token may only read this part of the API: create a token that may read "
            "and write it on your account page."
        ),
    )
    TOKEN_SCOPE_INVALID = (
        "token_scope_invalid",
        422,
        _(
            'A token\'s scope names modules of the API, each "read" or "write" ("*" for every '
            "module): correct the scopes and create it again."
        ),
    )

    # --- audit trail -----------------------------------------------------------------------------
    CHECKPOINT_DESTINATION = (
        "checkpoint_destination",
        422,
        _(
            "Give one place to send the checkpoint to: a file, or a web address such as "
            "https://auditors.example.org/checkpoints."
        ),
    )
    CHECKPOINT_NOT_DELIVERED = (
        "checkpoint_not_delivered",
        502,
        _(
            "The checkpoint could not be written or posted: check the file's folder or the URL's "
            "server, then publish it again."
        ),
    )

    # --- council -------------------------------------------------------------------------------
    AUTHENTIC_VERSION_MISSING = (
        "authentic_version_missing",
        422,
        _(
            "A version marked authentic is not given: give its text, or do not mark it "
            "authentic (a missing version stays missing; none is filled in by a machine)."
        ),
    )
    LEGAL_BASIS_MISSING = (
        "legal_basis_missing",
        422,
        _("Name the legal basis this rests on: choose one from the register."),
    )
    JOINT_ACTION_NOT_PROPOSED = (
        "joint_action_not_proposed",
        409,
        _("Only a proposed joint action can start: check its status."),
    )
    JOINT_ACTION_CANCELLED = (
        "joint_action_cancelled",
        409,
        _("The joint action was cancelled: nothing more can be linked to it."),
    )
    NOT_A_JOINT_ACTION_LINK = (
        "not_a_joint_action_link",
        422,
        _("That record cannot be linked to a joint action: link a decision or a legal basis."),
    )
    NOT_A_MEMBER = (
        "not_a_member",
        409,
        _("That nation is not a member of the body: add it to the body's members first."),
    )
    NOT_A_DELEGATION = (
        "not_a_delegation",
        403,
        _("Only a member's delegation may do this: sign in as a delegate of a member nation."),
    )
    MEETING_STARTED = (
        "meeting_started",
        409,
        _("The meeting has started: its agenda can no longer change."),
    )
    ALREADY_OBJECTED = (
        "already_objected",
        409,
        _("That nation has objected to this item already."),
    )
    MEETING_NOT_HELD = (
        "meeting_not_held",
        409,
        _("The meeting has not been held yet: record outcomes and draft the next one after it."),
    )
    ITEM_OFF_AGENDA = (
        "item_off_agenda",
        409,
        _("The item was kept off the agenda: it has no outcome."),
    )
    NEXT_MEETING_DRAFTED = (
        "next_meeting_drafted",
        409,
        _("The next meeting was drafted from this one already: open it and change it there."),
    )
    MEETING_DATE_INVALID = (
        "meeting_date_invalid",
        422,
        _("The next meeting must come after this one: give a later day."),
    )
    BODY_EMPTY = (
        "body_empty",
        409,
        _("The body has no members to consult: add its members first."),
    )
    TEXT_ADOPTED = (
        "text_adopted",
        409,
        _(
            "The text was adopted when its deadline passed: start a new consultation to change the "
            "decision."
        ),
    )
    CONSULTATION_ADOPTED = (
        "consultation_adopted",
        409,
        _("The consultation's text is adopted: start a new consultation to change it."),
    )
    TEXT_UNDER_SILENCE = (
        "text_under_silence",
        409,
        _("The text is under silence: wait for the deadline, or for a break, before revising it."),
    )
    ALREADY_CIRCULATING = (
        "already_circulating",
        409,
        _("The text is under silence already: wait for its deadline or extend it."),
    )
    NOT_CIRCULATING = (
        "not_circulating",
        409,
        _("The text is not under silence: circulate it first."),
    )
    SILENCE_ALREADY_BROKEN = (
        "silence_already_broken",
        409,
        _("Silence on this text is broken already: revise the text and circulate it again."),
    )
    ALREADY_AGREED = (
        "already_agreed",
        409,
        _("Your nation has already expressly agreed to this text."),
    )
    NOT_EVERYONE_AGREED = (
        "not_everyone_agreed",
        409,
        _("Not every member has expressly agreed: the text cannot be closed early."),
    )
    CONSULTATION_WITHDRAWN = (
        "consultation_withdrawn",
        409,
        _("The secretariat withdrew this text: nothing more can be done with it."),
    )
    AMENDMENT_NOT_FOUND = (
        "amendment_not_found",
        422,
        _("The words an amendment changes are not in the text as it stands."),
    )
    AMENDMENT_AMBIGUOUS = (
        "amendment_ambiguous",
        422,
        _("The words an amendment changes occur more than once: quote more of them."),
    )
    AMENDMENT_DECIDED = (
        "amendment_decided",
        409,
        _("The amendment was accepted or rejected already."),
    )
    REVIEW_DATE_INVALID = (
        "review_date_invalid",
        422,
        _("The review date must come after the decision's adoption."),
    )
    DEADLINE_MISSING = ("deadline_missing", 422, _("Give a deadline for the silence procedure."))
    DEADLINE_IN_PAST = (
        "deadline_in_past",
        422,
        _("The deadline is in the past: give a later one."),
    )
    DEADLINE_TOO_FAR = (
        "deadline_too_far",
        422,
        _("A silence deadline lies within a year: give an earlier one, and extend it later."),
    )
    DEADLINE_NOT_LATER = (
        "deadline_not_later",
        422,
        _("An extension must move the deadline later: give a later one."),
    )
    DEADLINE_PASSED = (
        "deadline_passed",
        409,
        _("The deadline has passed: the text was adopted, and silence can no longer be broken."),
    )
    STATEMENT_MISSING = (
        "statement_missing",
        422,
        _("Say why silence is broken: a break needs a statement."),
    )
    NOW_IN_FUTURE = (
        "now_in_future",
        422,
        _("The time given is ahead of the clock: run a rehearsal to look ahead."),
    )

    # --- trust funds ---------------------------------------------------------------------------
    AMOUNT_INVALID = (
        "amount_invalid",
        422,
        _("The amount is not a number: write it with digits and a decimal point."),
    )
    AMOUNT_NOT_POSITIVE = (
        "amount_not_positive",
        422,
        _("The amount must be greater than zero: corrections are made by reversing an entry."),
    )
    AMOUNT_PRECISION = (
        "amount_precision",
        422,
        _("The amount has more decimal places than its currency has: round it."),
    )
    AMOUNT_TOO_LARGE = (
        "amount_too_large",
        422,
        _("The amount is more than Accord keeps in one entry: split it."),
    )
    UNKNOWN_CURRENCY = (
        "unknown_currency",
        422,
        _(
            "That is not an ISO 4217 currency Accord knows: use a three-letter code such as EUR or "
            "USD."
        ),
    )
    EXCHANGE_RATE_MISSING = (
        "exchange_rate_missing",
        422,
        _("There is no recent exchange rate for that day: record one first."),
    )
    RATE_INVALID = (
        "rate_invalid",
        422,
        _("Give a positive exchange rate in units per euro (below a billion, at most 8 decimals)."),
    )
    RATES_FILE_INVALID = (
        "rates_file_invalid",
        422,
        _(
            "Nothing was kept: the exchange-rate file has lines Accord cannot read. Correct the "
            "lines named and upload it again."
        ),
    )
    EXPENDITURE_EXCEEDS_DISBURSED = (
        "expenditure_exceeds_disbursed",
        409,
        _("Implementers cannot report spending more than the fund has disbursed to them."),
    )
    FEE_PERCENT_INVALID = (
        "fee_percent_invalid",
        422,
        _("Give the fee as an amount, or as a percentage above 0 and at most 100, not both."),
    )
    FEE_NOTHING_DUE = (
        "fee_nothing_due",
        409,
        _("No fee is due: the fees charged already cover that share of the contributions."),
    )
    REVALUATION_OUT_OF_ORDER = (
        "revaluation_out_of_order",
        409,
        _("A revaluation must be dated on or after the fund's latest revaluation."),
    )
    BANK_FILE_INVALID = (
        "bank_file_invalid",
        422,
        _(
            "Nothing was kept: the bank statement has lines Accord cannot read. Correct the "
            "lines named and upload it again."
        ),
    )
    BANK_STATEMENT_DUPLICATE = (
        "bank_statement_duplicate",
        409,
        _("That bank statement was imported already; nothing was kept twice."),
    )
    BANK_MATCH_MISMATCH = (
        "bank_match_mismatch",
        422,
        _("The entry did not move the line's amount in the line's currency: choose another."),
    )
    BANK_ENTRY_MATCHED = (
        "bank_entry_matched",
        409,
        _("That ledger entry is matched to another bank line already: undo that match first."),
    )
    BANK_LINE_NOT_MATCHED = (
        "bank_line_not_matched",
        409,
        _("That bank line has no match to confirm or undo: choose its ledger entry."),
    )
    PERIOD_INVALID = (
        "period_invalid",
        422,
        _("The period ends before it starts: correct its dates."),
    )
    FUND_CLOSED = (
        "fund_closed",
        409,
        _("The fund is closed: reopen it first if money must still move."),
    )
    CURRENCY_LOCKED = (
        "currency_locked",
        409,
        _("The fund's currency cannot change once entries are posted in it."),
    )
    CONTRIBUTION_KIND_INVALID = (
        "contribution_kind_invalid",
        422,
        _("A contribution is in cash or in kind: choose one."),
    )
    PLEDGE_MISMATCH = (
        "pledge_mismatch",
        422,
        _(
            "The pledge belongs to another fund or donor: choose one of this donor's pledges to "
            "this fund."
        ),
    )
    CONDITION_STATUS_INVALID = (
        "condition_status_invalid",
        422,
        _("A donor's condition is met, not met or not assessed yet: choose one."),
    )
    CONDITION_EVIDENCE_MISSING = (
        "condition_evidence_missing",
        422,
        _("A condition is met on evidence: say what shows it (a report, a letter, an audit)."),
    )
    PAYEE_MISSING = ("payee_missing", 422, _("Name who is paid: a commitment needs a payee."))
    COMMITMENT_MISMATCH = (
        "commitment_mismatch",
        422,
        _("The commitment belongs to another fund: choose one of this fund's commitments."),
    )
    COMMITMENT_CLOSED = (
        "commitment_closed",
        409,
        _("The commitment is closed or cancelled: record a new one."),
    )
    EXCEEDS_COMMITMENT = (
        "exceeds_commitment",
        409,
        _("That is more than is left of the commitment: lower the amount or raise the commitment."),
    )
    INSUFFICIENT_FUNDS = (
        "insufficient_funds",
        409,
        _(
            "The fund does not hold enough money for this: lower the amount or wait for "
            "contributions."
        ),
    )
    ENTRY_MISMATCH = (
        "entry_mismatch",
        422,
        _("That entry belongs to another fund: choose one of this fund's entries."),
    )
    REASON_MISSING = ("reason_missing", 422, _("Say why the entry is reversed."))
    NOT_REVERSIBLE = (
        "not_reversible",
        409,
        _(
            "That entry cannot be reversed: a reversal, or an entry with nothing left, stays as it "
            "is."
        ),
    )
    ALREADY_REVERSED = ("already_reversed", 409, _("That entry has been reversed already."))
    IDEMPOTENCY_KEY_INVALID = (
        "idempotency_key_invalid",
        422,
        _("The idempotency key must be 1 to 64 printable characters."),
    )
    IDEMPOTENCY_CONFLICT = (
        "idempotency_conflict",
        409,
        _("That idempotency key was used for a different entry: use a new key for a new entry."),
    )
    ACCOUNT_MISSING = (
        "account_missing",
        409,
        _(
            "The fund has no ledger account for that donor or purpose: add the donor to the fund "
            "first."
        ),
    )
    SAME_ACCOUNT = (
        "same_account",
        409,
        _("A transfer must move money between two different accounts."),
    )
    PENDING_ID_INVALID = (
        "pending_id_invalid",
        409,
        _("Only a post or a void names a pending transfer."),
    )
    PENDING_NOT_OPEN = (
        "pending_not_open",
        409,
        _("No open pending transfer has that id: it was posted or voided already."),
    )
    EXCEEDS_PENDING = (
        "exceeds_pending",
        409,
        _("That is more than is left on the commitment: lower the amount."),
    )
    IATI_INVALID = (
        "iati_invalid",
        422,
        _("The IATI file is not valid: correct the lines named and upload it again."),
    )
    IATI_TOO_LARGE = (
        "iati_too_large",
        422,
        _("The IATI file is larger than Accord accepts: split it into smaller files."),
    )
    IATI_MALFORMED = (
        "iati_malformed",
        422,
        _("The file is empty or not well-formed XML: upload an iati-activities XML file."),
    )
    IATI_HOSTILE = (
        "iati_hostile",
        422,
        _("The file declares a DOCTYPE or entities, which Accord refuses: remove them."),
    )
    IATI_SCHEMA = (
        "iati_schema",
        422,
        _("The file does not match the IATI 2.03 schema: correct the lines named."),
    )
    IATI_CODELIST = (
        "iati_codelist",
        422,
        _("The file uses codes outside the IATI codelists: correct the lines named."),
    )
    IATI_UNSUPPORTED = (
        "iati_unsupported",
        422,
        _(
            "The file uses an IATI feature Accord does not import: remove it or record the money "
            "by hand."
        ),
    )
    IATI_IMPORT_UNSUPPORTED = (
        "iati_import_unsupported",
        422,
        _("Accord cannot import this activity as it is: record it by hand."),
    )
    IATI_FOREIGN_ACTIVITY = (
        "iati_foreign_activity",
        422,
        _("The activity was not published by Accord: only Accord's own IATI files import."),
    )

    # --- the recipient's budget ----------------------------------------------------------------
    AMOUNT_NOT_INTEGER = (
        "amount_not_integer",
        422,
        _("Give the amount as a whole number of minor units (cents or puls)."),
    )
    UNKNOWN_FISCAL_YEAR = (
        "unknown_fiscal_year",
        422,
        _("There is no such fiscal year in the budget: see the list of fiscal years."),
    )
    FISCAL_YEAR_EXISTS = ("fiscal_year_exists", 409, _("That fiscal year exists already."))
    FISCAL_YEAR_CLOSED = (
        "fiscal_year_closed",
        409,
        _("The fiscal year is closed: reopen it first if it must still change."),
    )
    ORGANISATION_NOT_MINISTRY = (
        "organisation_not_ministry",
        422,
        _("That organisation is not a ministry: choose a ministry."),
    )
    MINISTRY_MISSING = ("ministry_missing", 422, _("Name the ministry."))
    UNKNOWN_ECONOMIC_CODE = (
        "unknown_economic_code",
        422,
        _(
            "That is not an economic classification code Accord knows: use a GFS 2014 code such "
            "as 21 (compensation of employees) or 22 (use of goods and services)."
        ),
    )
    VIREMENT_LINES_DIFFER = (
        "virement_lines_differ",
        422,
        _(
            "A virement moves allotment between two different lines of the same fiscal year, "
            "currency and marking."
        ),
    )
    VIREMENT_REASON_MISSING = ("virement_reason_missing", 422, _("Say why the money is moved."))
    VIREMENT_EXCEEDS_FREE_ALLOTMENT = (
        "virement_exceeds_free_allotment",
        409,
        _(
            "The virement would leave the giving line with less allotted than it has committed "
            "or spent: move less."
        ),
    )
    VIREMENT_OWN_REQUEST = (
        "virement_own_request",
        403,
        _("A virement is approved or rejected by someone other than the person who asked."),
    )
    VIREMENT_DECIDED = (
        "virement_decided",
        409,
        _("The virement has already been approved or rejected."),
    )
    VIREMENT_ENTRY_NOT_REVERSIBLE = (
        "virement_entry_not_reversible",
        409,
        _("An allotment moved by a virement is not reversed: request a virement back instead."),
    )
    UNKNOWN_REPORT_DIMENSION = (
        "unknown_report_dimension",
        422,
        _(
            "A report pivots by organisation, line, economic code, on or off budget, or fiscal "
            "year, for one kind of amount and one currency."
        ),
    )
    BUDGET_LINE_HAS_ENTRIES = (
        "budget_line_has_entries",
        409,
        _("The budget line has entries already: open a new line instead of changing this one."),
    )
    COMMITMENT_EXCEEDS_ALLOTMENT = (
        "commitment_exceeds_allotment",
        409,
        _("The commitment is more than is left of the allotment: lower it or raise the allotment."),
    )
    EXPENDITURE_EXCEEDS_ALLOTMENT = (
        "expenditure_exceeds_allotment",
        409,
        _(
            "The expenditure is more than is left of the allotment: lower it, or record it as over "
            "the allotment with a justification."
        ),
    )
    OVER_ALLOTMENT_NOT_EXPENDITURE = (
        "over_allotment_not_expenditure",
        422,
        _("Only an expenditure may go over its allotment."),
    )
    OVER_ALLOTMENT_UNJUSTIFIED = (
        "over_allotment_unjustified",
        422,
        _("Say why the expenditure goes over its allotment."),
    )
    ALLOTMENT_BELOW_USE = (
        "allotment_below_use",
        409,
        _("The allotment would fall below what is committed and spent: raise it."),
    )
    DATE_OUTSIDE_FISCAL_YEAR = (
        "date_outside_fiscal_year",
        422,
        _("The date is outside the line's fiscal year: give a date inside it."),
    )
    UNKNOWN_ENTRY_KIND = (
        "unknown_entry_kind",
        422,
        _("Choose a kind of budget entry Accord knows."),
    )
    REVERSAL_REASON_MISSING = ("reversal_reason_missing", 422, _("Say why the entry is reversed."))
    CANNOT_REVERSE_REVERSAL = (
        "cannot_reverse_reversal",
        409,
        _("A reversal cannot itself be reversed: record a new entry instead."),
    )
    UNKNOWN_DONOR_GROUP = ("unknown_donor_group", 422, _("Choose a donor group Accord knows."))
    UNKNOWN_ROLLUP_LEVEL = (
        "unknown_rollup_level",
        422,
        _("Choose a level to sum by: ministry, programme, subprogramme or line."),
    )

    # --- transit -------------------------------------------------------------------------------
    CLOSURE_TARGET_MISSING = (
        "closure_target_missing",
        422,
        _("Name what is closed: a node, a leg or a country."),
    )
    NO_DEMAND = (
        "no_demand",
        422,
        _("No demand is recorded for that month: add the month's demands first."),
    )
    NO_PLAN = (
        "no_plan",
        422,
        _("The solver found no plan in time: loosen the demand or the limits, or try again."),
    )
    ROUTE_NOT_CONNECTED = (
        "route_not_connected",
        422,
        _(
            "The legs do not join into one route: list them in order, each starting where the last "
            "ended."
        ),
    )
    SHIPPER_MISSING = (
        "shipper_missing",
        422,
        _(
            "Name the nation the cargo is shipped for: which agreements a route may rest on "
            "depends on whose cargo it is."
        ),
    )
    UNKNOWN_NODE = (
        "unknown_node",
        422,
        _("No node you may read has that code: check it against the network."),
    )
    UNKNOWN_LEG = (
        "unknown_leg",
        422,
        _("No leg you may read has that code: check it against the network."),
    )
    UNKNOWN_COUNTRY = (
        "unknown_country",
        422,
        _(
            "Name the countries concerned, at least one, each by the ISO 3166 alpha-3 code of a "
            "nation you may read."
        ),
    )
    UNKNOWN_NATION = (
        "unknown_nation",
        422,
        _("No nation you may read has that code: give its ISO 3166 alpha-3 code (e.g. UZB)."),
    )
    UNKNOWN_LEGAL_BASIS = (
        "unknown_legal_basis",
        422,
        _("No legal basis you may read has that code: check it in the council's register."),
    )
    UNKNOWN_MODE = (
        "unknown_mode",
        422,
        _("Choose a mode of transport Accord knows: rail, road, sea, ferry or air."),
    )
    UNKNOWN_CARGO_CLASS = (
        "unknown_cargo_class",
        422,
        _(
            "Choose a cargo class Accord knows (non-lethal, lethal or dual-use) that some transit "
            "agreement covers."
        ),
    )
    UNKNOWN_DIRECTION = (
        "unknown_direction",
        422,
        _("Choose a direction: to Afghanistan, or retrograde (out of Afghanistan)."),
    )
    DUPLICATE_CODE = (
        "duplicate_code",
        422,
        _("Two records have the same code: give each its own."),
    )
    BAD_CAPACITY = (
        "bad_capacity",
        422,
        _(
            "A capacity must be greater than zero: a leg's TEU a month (its tonnes a month, if "
            "given), a sortie's TEU and tonnes."
        ),
    )
    BAD_COST = (
        "bad_cost",
        422,
        _(
            "A price cannot be negative: a leg needs a price above zero per TEU or per tonne, a "
            "lease a price above zero per sortie."
        ),
    )
    BAD_DISTANCE = ("bad_distance", 422, _("A distance must be greater than zero."))
    BAD_DAYS = ("bad_days", 422, _("A leg's transit time must be more than zero days."))
    BAD_DATES = (
        "bad_dates",
        422,
        _("The dates are not valid: give them as YYYY-MM-DD, the end not before the start."),
    )
    BAD_CAP = (
        "bad_cap",
        422,
        _(
            "An agreement's cap is not valid: give an amount above zero in a unit Accord knows "
            "(flights a year or a month, TEU or tonnes a month), and tonnes per flight above zero."
        ),
    )
    BAD_LIMIT = (
        "bad_limit",
        422,
        _("A flow plan's limit on pricing rounds cannot be negative: give zero or more, or none."),
    )
    BAD_DEMAND = (
        "bad_demand",
        422,
        _(
            "A demand is not valid: it needs at least one TEU, tonnes (and any latest days) above "
            "zero, and a destination other than its origin."
        ),
    )
    BAD_LEASE = (
        "bad_lease",
        422,
        _(
            "A lease is not valid: check its availability (full time, or on notice with its "
            "notice days), hours per sortie above zero, quota hours and sorties a month not "
            "negative."
        ),
    )
    BAD_LEG = (
        "bad_leg",
        422,
        _("A leg joins two different nodes: give it a destination other than its origin."),
    )
    BAD_AGREEMENT = (
        "bad_agreement",
        422,
        _("A transit agreement either permits or denies transit: choose its effect."),
    )
    BAD_CLOSURE = (
        "bad_closure",
        422,
        _("A closure closes a node, a leg or a country: choose which kind."),
    )
    BAD_QUERY = (
        "bad_query",
        422,
        _(
            "The route query is not valid: ask for 1 to 50 routes, at least one TEU, tonnes above "
            "zero, and a destination other than the origin."
        ),
    )
    BAD_WEIGHTS = (
        "bad_weights",
        422,
        _("A flow plan's weights on cost and on days must be zero or more, and not both zero."),
    )
    BAD_MONTH = ("bad_month", 422, _("Give the month as YYYY-MM."))
    ALLOCATION_NOT_ON_ROUTE = (
        "allocation_not_on_route",
        422,
        _("The planned movement a shipment serves must be over a leg of the shipment's route."),
    )
    BAD_HORIZON = (
        "bad_horizon",
        422,
        _("A plan over several months covers one to six months, one after another."),
    )
    BAD_EVENT = ("bad_event", 422, _("The shipment event is not valid: correct the fields named."))
    DUPLICATE_EVENT = ("duplicate_event", 409, _("That shipment event is recorded already."))
    IMPLAUSIBLE_ETA = (
        "implausible_eta",
        422,
        _("The expected arrival is not plausible for that shipment: check the date."),
    )
    BAD_CSV = (
        "bad_csv",
        422,
        _(
            "The file is not readable as CSV: save it as comma-separated values and upload it "
            "again."
        ),
    )
    BAD_CSV_HEADER = (
        "bad_csv_header",
        422,
        _("The CSV file's header is not the one expected: use the columns the import page lists."),
    )
    BAD_CSV_ROWS = (
        "bad_csv_rows",
        422,
        _(
            "Some rows of the CSV file are not valid, and nothing was imported: correct the rows "
            "named."
        ),
    )
    CSV_TOO_LARGE = (
        "csv_too_large",
        422,
        _("The CSV file has more rows than Accord imports at once: split it."),
    )
    EMPTY_CSV = ("empty_csv", 422, _("The CSV file has no rows to import."))
    IMPORT_CONFLICT = (
        "import_conflict",
        409,
        _(
            "Records changed while the file was being checked, and nothing was imported: import "
            "the file again."
        ),
    )

    # --- fleet ---------------------------------------------------------------------------------
    NEGATIVE_HOURS = (
        "negative_hours",
        422,
        _("Flight hours are never negative: give the hours flown that day (0 or more)."),
    )
    NEGATIVE_LANDINGS = (
        "negative_landings",
        422,
        _("Landings are never negative: give the landings made that day (0 or more)."),
    )
    HOURS_PRECISION = (
        "hours_precision",
        422,
        _(
            "Flight hours are logged in tenths of an hour: give at most one decimal "
            "(1.5, not 1.55)."
        ),
    )
    HOURS_OVER_DAY = (
        "hours_over_day",
        422,
        _("An aircraft cannot fly more than 24 hours in one day: check the day's entries."),
    )
    COUNTERS_BACKWARDS = (
        "counters_backwards",
        409,
        _(
            "That would run the aircraft's counters backwards: flight hours and landings only "
            "grow. Check the logbook total or the date."
        ),
    )
    COMPONENT_INSTALLED = (
        "component_installed",
        409,
        _("The component is installed on an airframe already: remove it there first."),
    )
    COMPONENT_NOT_INSTALLED = (
        "component_not_installed",
        409,
        _("The component is not installed on any airframe."),
    )
    COMPONENT_UNSERVICEABLE = (
        "component_unserviceable",
        409,
        _("The component is unserviceable or at a repair shop: it is installed once it is back."),
    )
    COMPONENT_IN_REPAIR = (
        "component_in_repair",
        409,
        _("The component is at a repair shop already."),
    )
    REPAIR_NOT_OPEN = (
        "repair_not_open",
        409,
        _("The component is not in repair on this order: it is back or the repair was called off."),
    )
    POSITION_TAKEN = (
        "position_taken",
        409,
        _("That position on the airframe holds another component: remove it first."),
    )
    LIFE_EXPIRED = (
        "life_expired",
        409,
        _(
            "The component has reached its life limit or its overhaul interval and cannot be "
            "installed: send it for overhaul or scrap it."
        ),
    )
    TASK_NO_INTERVAL = (
        "task_no_interval",
        422,
        _("A task needs at least one interval: flight hours, cycles or days."),
    )
    TASK_NOT_OF_TYPE = (
        "task_not_of_type",
        422,
        _("That task belongs to another aircraft type's programme."),
    )
    BAD_LOG_ROWS = (
        "bad_log_rows",
        422,
        _(
            "Some rows of the flight log file are not valid, and nothing was imported: correct "
            "the rows named and import the file again."
        ),
    )
    EMPTY_LOG = ("empty_log", 422, _("The file holds no flight log rows to import."))
    BAD_XLSX = (
        "bad_xlsx",
        422,
        _("The file is not readable as an Excel workbook (.xlsx): save it again and upload it."),
    )
    WORK_ORDER_EMPTY = (
        "work_order_empty",
        422,
        _("A work order needs at least one due task or open defect to work on."),
    )
    WORK_ORDER_CLOSED = (
        "work_order_closed",
        409,
        _("The work order is closed and no longer changes: raise a new one for a correction."),
    )
    TASKS_UNSIGNED = (
        "tasks_unsigned",
        409,
        _("Every task of the work order must be signed off before it is closed."),
    )
    ALREADY_SIGNED = ("already_signed", 409, _("That task is signed off already."))
    NOT_CERTIFIED = (
        "not_certified",
        409,
        _(
            "The technician holds no valid certificate for this aircraft type's work on that "
            "day: a certified technician signs it off."
        ),
    )
    NO_QUALIFICATION = (
        "no_qualification",
        409,
        _(
            "The aircraft type names no qualification for signing off its work: a maintenance "
            "officer sets it on the type first."
        ),
    )
    DATE_IN_FUTURE = ("date_in_future", 422, _("The date is in the future: give today or earlier."))
    DEFECT_NOT_OPEN = (
        "defect_not_open",
        409,
        _("That defect is rectified or already on another work order."),
    )
    OUT_OF_STOCK = (
        "out_of_stock",
        409,
        _("The site does not hold that many of the part in that lot: draw what is in stock."),
    )
    LOT_EXPIRED = (
        "lot_expired",
        409,
        _("That lot is past its shelf life and may not be used: draw from another lot."),
    )
    PARTS_ORDER_NOT_PENDING = (
        "parts_order_not_pending",
        409,
        _("The parts order is delivered or cancelled already."),
    )
    SERVICE_REQUEST_STEP = (
        "service_request_step",
        409,
        _("The service request is not at the step this needs: reload it to see where it stands."),
    )
    REFUSAL_REASON_MISSING = (
        "refusal_reason_missing",
        422,
        _("Say why the request is refused: the requesting delegation reads it."),
    )
    NO_HANGAR = (
        "no_hangar",
        422,
        _("No base has a hangar recorded: record a base's hangar slots and technicians first."),
    )
    # --- training ------------------------------------------------------------------------------
    NOMINATIONS_CLOSED = (
        "nominations_closed",
        409,
        _("The session takes no more nominations: nominate for another session of the course."),
    )
    SESSION_FULL = (
        "session_full",
        409,
        _(
            "The session has no seat left for that nation and its waitlist is closed: nominate "
            "for another session."
        ),
    )
    NOT_A_BENEFICIARY = (
        "not_a_beneficiary",
        422,
        _("That nation is not a beneficiary of the programme: only its beneficiaries nominate."),
    )
    NOT_OWN_NATIONAL = (
        "not_own_national",
        403,
        _("A delegation nominates its own nation's people only."),
    )
    ALREADY_NOMINATED = (
        "already_nominated",
        409,
        _("That person is nominated for the session already."),
    )
    NOMINATION_STATE = (
        "nomination_state",
        409,
        _(
            "The nomination is not at the step this needs (accepted, waitlisted, graded): "
            "reload it and check its status."
        ),
    )
    ATTENDANCE_OUTSIDE_DATES = (
        "attendance_outside_dates",
        422,
        _("Attendance is recorded for the session's own days only: pick a day between its dates."),
    )
    GRADE_OUT_OF_RANGE = (
        "grade_out_of_range",
        422,
        _("A grade is a whole number from 0 to 100."),
    )
    CERTIFICATE_NOT_PASSED = (
        "certificate_not_passed",
        409,
        _("A certificate is issued to a trainee who passed the course only."),
    )
    CERTIFICATE_REVOKED = (
        "certificate_revoked",
        409,
        _("The certificate is revoked or replaced already."),
    )
    DUPLICATE_UNCONFIRMED = (
        "duplicate_unconfirmed",
        409,
        _(
            "This person may be one already known: nominate the known record, or ask a trainer "
            "to confirm that they are a different person."
        ),
    )
    NO_MATCH_SUGGESTED = (
        "no_match_suggested",
        409,
        _("No possible match waits for a decision on this trainee."),
    )
    OUTCOME_NOT_GRADUATE = (
        "outcome_not_graduate",
        409,
        _("Outcomes are reported for graduates: this person has passed no course yet."),
    )
    OUTCOME_BEFORE_GRADUATION = (
        "outcome_before_graduation",
        422,
        _("An outcome follows the course: give a day on or after the graduate passed it."),
    )
    FUNDING_NOT_A_DONOR = (
        "funding_not_a_donor",
        422,
        _("That nation gives nothing to the trust fund: choose one of the fund's donors."),
    )
    FUNDING_COMMITTED = (
        "funding_committed",
        409,
        _(
            "That donor's share of the session is committed from a trust fund already: cancel "
            "the commitment in the fund before committing again."
        ),
    )
    # --- personnel -----------------------------------------------------------------------------
    CERTIFICATE_UNKNOWN = (
        "certificate_unknown",
        422,
        _("No certificate with that code: check the code on the graduate's certificate."),
    )
    CERTIFICATE_OTHER_PERSON = (
        "certificate_other_person",
        409,
        _("That certificate was issued to someone with other initials: check the person."),
    )
    WAGE_LINE_OTHER_YEAR = (
        "wage_line_other_year",
        422,
        _("A position is paid by a wage line of its own fiscal year: choose a line of that year."),
    )
    NO_FISCAL_YEAR = (
        "no_fiscal_year",
        422,
        _("No fiscal year you may read holds that month: the budget must hold its year first."),
    )
    FOUR_EYES = (
        "four_eyes",
        403,
        _("Another user must confirm what you asked for: four eyes see every such change."),
    )
    ALREADY_CONFIRMED = (
        "already_confirmed",
        409,
        _("This was confirmed already; nothing more is needed."),
    )
    NOTHING_TO_CONFIRM = (
        "nothing_to_confirm",
        409,
        _("Nothing waits for a confirmation here: ask for it first."),
    )
    PERSON_NOT_CONFIRMED = (
        "person_not_confirmed",
        409,
        _(
            "This person is not confirmed yet: a second user must confirm them before they are "
            "slotted."
        ),
    )
    PERSON_LEFT = (
        "person_left",
        409,
        _("This person has left the service: they are no longer slotted or moved on."),
    )
    ALREADY_SLOTTED = (
        "already_slotted",
        409,
        _(
            "This person already holds that position or waits for a slot: one position at a "
            "time, one request at a time."
        ),
    )
    POSITION_FULL = (
        "position_full",
        409,
        _("Every authorised post of this position is filled: free one or choose another."),
    )
    STAGE_ORDER = (
        "stage_order",
        409,
        _(
            "A recruit moves one stage at a time: applied, vetted, trained, then assigned by a "
            "slot."
        ),
    )
    PAYROLL_BAD_ROWS = (
        "payroll_bad_rows",
        422,
        _(
            "Some rows of the payroll or the roster are not valid, and nothing was imported: "
            "correct the rows named and import both files again."
        ),
    )
    PAYROLL_EMPTY = ("payroll_empty", 422, _("The payroll file holds no lines to import."))
    PAYROLL_MONTH_IMPORTED = (
        "payroll_month_imported",
        409,
        _("This month's payroll is imported already: a month is imported once."),
    )
    PAYROLL_MONTH_FUTURE = (
        "payroll_month_future",
        422,
        _("That month has not ended: import a month's payroll and roster once it is over."),
    )
    LINE_NOT_FLAGGED = (
        "line_not_flagged",
        409,
        _("This payroll line reconciles: only a flagged line needs an override."),
    )
    OVERRIDE_EXISTS = (
        "override_exists",
        409,
        _("An override of this line is asked for already: confirm it or leave it."),
    )
    # --- situation -----------------------------------------------------------------------------
    EVENTS_MISSING_COLUMNS = (
        "events_missing_columns",
        422,
        _(
            "The event file lacks columns the source's layout has: export the release again "
            "with all its columns, header row first."
        ),
    )
    EVENTS_EMPTY = ("events_empty", 422, _("The file holds no events to import."))
    BAD_EVENT_ROWS = (
        "bad_event_rows",
        422,
        _(
            "Some rows of the event file are not valid, and nothing was imported: correct the "
            "rows named and import the file again."
        ),
    )
    EVENT_IN_FUTURE = (
        "event_in_future",
        422,
        _(
            "An event is dated after today, and nothing was imported: check the row's dates "
            "(day and month swapped?)."
        ),
    )
    EVENT_OUTSIDE_AFGHANISTAN = (
        "event_outside_afghanistan",
        422,
        _(
            "An event lies outside Afghanistan, and nothing was imported: check the row's "
            "coordinates (latitude and longitude swapped?)."
        ),
    )
    RELEASE_ALREADY_IMPORTED = (
        "release_already_imported",
        409,
        _("This release was imported already: nothing was changed."),
    )
    CLAIM_WITHOUT_SOURCE = (
        "claim_without_source",
        422,
        _("A control claim needs its source: name the assessment, report or map it comes from."),
    )
    UNKNOWN_DISTRICT = (
        "unknown_district",
        422,
        _("No district has that code: pick the district from the list of places."),
    )
    # --- oversight -----------------------------------------------------------------------------
    AUDIT_POSITION_UNKNOWN = (
        "audit_position_unknown",
        422,
        _(
            "No audit entry that you may read sits at that position of the chain: check the "
            "number on the audit trail's page (entries get their position once sealed)."
        ),
    )
    CITATION_KIND_UNKNOWN = (
        "citation_kind_unknown",
        422,
        _("Findings cannot cite that kind of record: pick a kind from the list."),
    )
    CITED_RECORD_UNKNOWN = (
        "cited_record_unknown",
        422,
        _(
            "No record of that kind that you may read has that identifier: check the number, "
            "code or reference shown on the record's page."
        ),
    )
    RECOMMENDATION_CLOSED = (
        "recommendation_closed",
        409,
        _("This recommendation is closed already: nothing was changed."),
    )
    REMEDIATION_WITHOUT_EVIDENCE = (
        "remediation_without_evidence",
        422,
        _(
            "A recommendation is closed as remediated only when its corrective actions are "
            "all done, at least one with its evidence: record them first, or close it as "
            "risk-accepted."
        ),
    )
    RISK_ACCEPTOR_MISSING = (
        "risk_acceptor_missing",
        422,
        _("Name the official who accepted the risk of leaving the recommendation unremedied."),
    )
    EVIDENCE_MISSING = (
        "evidence_missing",
        422,
        _("Describe the evidence that the action was done (a document, a count, a visit)."),
    )
    ACTION_DONE_ALREADY = (
        "action_done_already",
        409,
        _("This corrective action is recorded as done already: nothing was changed."),
    )
    TASK_DUE_BEFORE_INCIDENT = (
        "task_due_before_incident",
        422,
        _("A consequence-management task falls due on or after its incident: correct the date."),
    )
    NOT_A_GRADUATE = (
        "not_a_graduate",
        422,
        _(
            "Only graduates of the counter-narcotics training are linked to a seizure: pick "
            "them from the list offered."
        ),
    )
    EXPOSURE_DISTANCE = (
        "exposure_distance",
        422,
        _("Give a distance between 1 and 500 km."),
    )
    # --- advising ------------------------------------------------------------------------------
    RATING_OUT_OF_SCALE = (
        "rating_out_of_scale",
        422,
        _("A milestone is rated from 1 (not started) to 5 (sustained without advisors)."),
    )
    RATING_EXISTS = (
        "rating_exists",
        409,
        _("This milestone is rated on that day already: rate it on another day."),
    )
    REPORT_MARKING = (
        "report_marking",
        422,
        _("An engagement report is marked NATO or National: choose one of the two."),
    )
    EVIDENCE_KIND_UNKNOWN = (
        "evidence_kind_unknown",
        422,
        _("That is not a kind of record a rating may rest on: choose one of the kinds offered."),
    )
    EVIDENCE_EXISTS = (
        "evidence_exists",
        409,
        _("This rating rests on that record already: nothing was added."),
    )
    ADVISING_PLACE_FIXED = (
        "advising_place_fixed",
        422,
        _(
            "A team stays at its site, and a counterpart, objective or milestone under its "
            "parent: create the record anew where it belongs."
        ),
    )

    # --- documents -----------------------------------------------------------------------------
    DOCUMENT_TOO_LARGE = (
        "document_too_large",
        422,
        _("The file is larger than an attachment may be: send a smaller file, or split it."),
    )
    DOCUMENT_TYPE_REFUSED = (
        "document_type_refused",
        422,
        _(
            "Accord does not keep files of this kind, or the file is not what its name says: "
            "send a PDF, an image, an office document or plain text, under its own extension."
        ),
    )
    DOCUMENT_ACTIVE_CONTENT = (
        "document_active_content",
        422,
        _(
            "The file carries content that runs when it is opened (a script, a web page, a "
            "program): save it again without it (as a plain PDF, say) and send that."
        ),
    )
    DOCUMENT_MARKING_TOO_LOW = (
        "document_marking_too_low",
        422,
        _(
            "An attachment is read by no more people than its record: choose the record's marking "
            "or a narrower one."
        ),
    )


class AccordError(Exception):
    """The base of Accord's domain errors: ``code`` from the catalogue, ``status`` for HTTP.

    A class's ``status`` is its code's, from the catalogue. ``detail`` says what went wrong with
    this record or value and what to do; without one, the catalogue's message stands in.
    ``errors`` maps field names to messages, for forms and problem+json.
    """

    code: Code = Code.ACCORD_ERROR
    status: int = Code.ACCORD_ERROR.status
    title = _("The request could not be completed")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__ and "status" not in cls.__dict__:
            cls.status = cls.code.status

    def __init__(self, detail: str = "", *, code: Code | None = None, errors: dict | None = None):
        if code is not None:
            self.code = code
        detail = detail or self.code.message
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}


class PermissionDenied(AccordError):
    code = Code.PERMISSION_DENIED
    title = _("Not permitted")


class NotFound(AccordError):
    code = Code.NOT_FOUND
    title = _("Not found")


class ValidationFailed(AccordError):
    code = Code.VALIDATION_FAILED
    title = _("The input is not valid")


class ScenarioInvalid(ValidationFailed):
    code = Code.SCENARIO_INVALID
    title = _("The scenario file is not valid")


class Conflict(AccordError):
    code = Code.CONFLICT
    title = _("Conflict with the current state")


def catalogue_markdown() -> str:
    """The catalogue as the Markdown table ``docs/api.md`` shows, by status, then code."""
    rows = ["| code | status | what it means and what to do |", "| --- | --- | --- |"]
    for code in sorted(Code, key=lambda member: (member.status, member.value)):
        message = code.message.replace("|", "\\|").replace("<", "&lt;")  # Markdown, not HTML
        rows.append(f"| `{code.value}` | {code.status} | {message} |")
    return "\n".join(rows) + "\n"
