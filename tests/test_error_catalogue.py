"""The error catalogue is complete, used, and the one the API guide shows.

The source is read with ``ast``, and each call's callee is resolved in its own module, so a code
is found wherever it is passed: to an exception class (``Conflict(..., code=...)``,
``MoneyError(message, code)``), to a helper whose ``code`` parameter is typed ``Code``
(``in_utc``, ``problem``...), as an exception class's ``code`` attribute, or as a problem body's
``"code"``. A code written there must be a ``Code`` member, never a string, and in the catalogue.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from accord.errors import AccordError, Code, catalogue_markdown

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "accord"

CODE_PARAMETERS = ("code", "error_code")


@dataclass(frozen=True)
class Use:
    """A code found in the source: ``value`` is the string, ``literal`` whether written so."""

    value: str
    literal: bool
    where: str
    raised_by: type | None = None  # the AccordError class built with it, when there is one


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        dotted = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found.append((dotted.removesuffix(".__init__"), path))
    return found


def _resolve(module, expr: ast.expr):
    """The object a callee expression names in ``module``, or None (``self.x``, locals...)."""
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name) or expr.id not in vars(module):
        return None
    obj = vars(module)[expr.id]
    for name in reversed(parts):
        obj = getattr(obj, name, None)
    return obj


def _code_signature(obj) -> inspect.Signature | None:
    """The signature of a callable that takes an error code, or None for any other callable."""
    if isinstance(obj, type) and issubclass(obj, BaseException):
        if obj.__module__.startswith("django."):
            return None  # Django's form codes key a field's own error_messages, not the catalogue
    elif inspect.isfunction(obj):
        typed = any(
            name in CODE_PARAMETERS and "Code" in str(parameter.annotation)
            for name, parameter in inspect.signature(obj).parameters.items()
        )
        if not typed:
            return None
    else:
        return None
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    return signature if any(p in signature.parameters for p in CODE_PARAMETERS) else None


def _code_argument(call: ast.Call, signature: inspect.Signature) -> ast.expr | None:
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(
        kw.arg is None for kw in call.keywords
    ):
        return None
    try:
        bound = signature.bind_partial(*call.args, **{kw.arg: kw.value for kw in call.keywords})
    except TypeError:
        return None
    return next((bound.arguments[p] for p in CODE_PARAMETERS if p in bound.arguments), None)


def _names_a_member(node: ast.AST) -> bool:
    """``Code.NAME`` (``Code.status`` and the like are not members: they are lower case)."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Code"
        and node.attr.isupper()
    )


def _as_use(node: ast.expr | None, relative: str, raised_by=None) -> Use | None:
    where = f"{relative}:{getattr(node, 'lineno', 0)}"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return Use(node.value, True, where, raised_by)
    if _names_a_member(node):
        member = getattr(Code, node.attr, None)
        return Use(member.value if member else f"Code.{node.attr}", False, where, raised_by)
    return None  # a code passed on from elsewhere (``error.code``): found where it was named


def _uses_in(dotted: str, path: Path) -> list[Use]:
    tree = ast.parse(path.read_text("utf-8"))
    relative = path.relative_to(SRC).as_posix()
    module = importlib.import_module(dotted)
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = _resolve(module, node.func)
            signature = _code_signature(callee)
            if signature is not None:
                is_error = isinstance(callee, type) and issubclass(callee, AccordError)
                uses.append(
                    _as_use(_code_argument(node, signature), relative, callee if is_error else None)
                )
        elif isinstance(node, ast.ClassDef):
            cls = vars(module).get(node.name)
            if isinstance(cls, type) and issubclass(cls, BaseException):
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and any(
                        getattr(target, "id", "") == "code" for target in statement.targets
                    ):
                        uses.append(_as_use(statement.value, relative))
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "code":
                    # A problem body written by hand; a record's code is never a literal here.
                    uses.append(
                        _as_use(value, relative) if isinstance(value, ast.Constant) else None
                    )
        elif _names_a_member(node):
            uses.append(_as_use(node, relative))  # every mention: defaults, hints, comparisons
    return [use for use in uses if use is not None]


@cache
def all_uses() -> tuple[Use, ...]:
    return tuple(use for dotted, path in _modules() for use in _uses_in(dotted, path))


def test_the_scan_finds_codes_in_every_form():
    """Guards the scan itself: each way of naming a code is seen."""
    places = {(use.value, use.where.split(":")[0]) for use in all_uses()}
    assert ("stale_version", "accord/core/services.py") in places  # Conflict(..., code=)
    assert ("unknown_currency", "accord/money.py") in places  # positional
    assert ("insufficient_funds", "accord/funds/ledger.py") in places  # a class's code
    assert ("database_busy", "accord/middleware.py") in places  # a problem body
    assert ("body_too_large", "accord/api.py") in places  # problem(request, code, ...)
    assert ("invalid_filter", "accord/audit/selectors.py") in places  # in_utc(code=)
    assert ("bad_capacity", "accord/transit/engine/model.py") in places  # transit's helpers


def test_every_code_raised_is_catalogued():
    catalogued = {code.value for code in Code}
    unknown = sorted(
        {f"{use.where}: {use.value}" for use in all_uses() if use.value not in catalogued}
    )
    assert not unknown, "codes not in accord.errors.Code (add them there):\n" + "\n".join(unknown)


def test_raise_sites_name_codes_from_the_catalogue():
    literals = sorted({f"{use.where}: {use.value!r}" for use in all_uses() if use.literal})
    assert not literals, "write Code.<NAME>, not the string:\n" + "\n".join(literals)


def test_every_catalogued_code_is_used():
    used = {use.value for use in all_uses()}
    dead = sorted(code.value for code in Code if code.value not in used)
    assert not dead, f"catalogued but never raised (remove them or raise them): {dead}"


def test_a_raise_site_uses_the_class_whose_status_the_catalogue_gives():
    wrong = sorted(
        f"{use.where}: {use.raised_by.__name__} ({use.raised_by.status}) with {use.value} "
        f"({Code(use.value).status})"
        for use in all_uses()
        if use.raised_by is not None
        and use.value in Code._value2member_map_
        and use.raised_by.status != Code(use.value).status
    )
    assert not wrong, "the class and the catalogue disagree on the status:\n" + "\n".join(wrong)


@pytest.mark.parametrize("code", list(Code), ids=str)
def test_every_entry_has_a_status_and_a_message(code):
    assert re.fullmatch(r"[a-z][a-z0-9_]*", code.value)
    assert code.name == code.value.upper()
    assert 400 <= code.status <= 599
    assert code.message[:1].isupper()
    assert code.message.endswith(".")


def test_no_code_is_an_alias_of_another():
    assert len(Code.__members__) == len(list(Code))


def test_an_error_without_detail_says_the_catalogues_message():
    error = AccordError(code=Code.STALE_VERSION)
    assert (error.detail, error.code, str(error)) == (
        Code.STALE_VERSION.message,
        "stale_version",
        Code.STALE_VERSION.message,
    )


def test_the_api_guide_lists_the_catalogue(tmp_path):
    from django.core.management import call_command

    from accord.core.management.commands.errors import docs_with_catalogue

    guide = ROOT / "docs" / "api.md"
    text = guide.read_text("utf-8")
    assert catalogue_markdown() in text
    assert docs_with_catalogue(text) == text, "docs/api.md is stale: run `accord errors --markdown`"

    stale = tmp_path / "api.md"
    stale.write_text(text.replace("| `stale_version` |", "| `stale_versions` |"), "utf-8")
    with pytest.raises(Exception, match="out of date"):
        call_command("errors", "--markdown", "--check", "--docs", str(stale))
    call_command("errors", "--markdown", "--docs", str(stale))
    assert stale.read_text("utf-8") == text
