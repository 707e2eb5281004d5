"""What an API token may reach: per module of the API, "read" or "write".

A module is a top-level part of the API (``/api/v1/fleet/...`` is the fleet's); the registry's own
endpoints (nations, sites, organisations, contributions, users, tokens, me) are "registry". The
list is not written here: ``accord.api`` registers each router as it mounts it, so a new module
appears in the token form, the API's validation and the enforcement without a second list.

A token's ``scopes`` maps a module to its level; ``"*"`` stands for every module not named (tokens
issued before scopes existed hold ``{"*": "write"}``).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

READ = "read"
WRITE = "write"
LEVELS = (READ, WRITE)
EVERY = "*"
REGISTRY = "registry"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# module -> its name in words (lazy, translated), in the order the API mounts them.
_modules: dict[str, object] = {}


def register_module(prefix: str, label) -> str:
    """Called by ``accord.api`` for each router it mounts at ``prefix`` ("/" is the registry)."""
    module = prefix.strip("/").split("/")[0] or REGISTRY
    _modules.setdefault(module, label)
    return module


def modules() -> dict[str, object]:
    """Every module a token may be scoped to, with its name in words."""
    if not _modules:
        # The API registers its modules when the URLs are first loaded (outside a request, in a
        # command or a test, that may not have happened yet).
        get_resolver().url_patterns  # noqa: B018 - loading it is the point
    return dict(_modules)


def module_of(path: str) -> str | None:
    """The module an address under the API belongs to, or None outside the API."""
    try:
        root = reverse("api:api-root")
    except NoReverseMatch:  # pragma: no cover - the API is always mounted
        return None
    if not path.startswith(root):
        return None
    first = path[len(root) :].split("/", 1)[0]
    return first if first in modules() and first != REGISTRY else REGISTRY


def level_of(scopes: dict | None, module: str) -> str | None:
    """The level a token's scopes grant on ``module`` ("read", "write"), or None."""
    scopes = scopes or {}
    level = scopes.get(module, scopes.get(EVERY))
    return level if level in LEVELS else None


def allows(scopes: dict | None, module: str, method: str) -> bool:
    level = level_of(scopes, module)
    return level == WRITE or (level == READ and method.upper() in SAFE_METHODS)


def all_write() -> dict[str, str]:
    """Every module, read and write: the scope of tokens made before scopes existed."""
    return {EVERY: WRITE}


def describe(scopes: dict | None) -> str:
    """A token's scopes in words, for its owner's list: "the council: read and write; the fleet:
    read", in the order the API mounts its modules ("every module" last), not the order the
    database gives back the keys (PostgreSQL's ``jsonb`` sorts them, SQLite keeps them)."""
    words = {READ: _("read"), WRITE: _("read and write")}
    names = modules()
    order = {module: i for i, module in enumerate([*names, EVERY])}
    parts = []
    for module, level in sorted((scopes or {}).items(), key=lambda kv: order.get(kv[0], -1)):
        if level not in words:
            continue
        name = _("every module") if module == EVERY else str(names.get(module, module))
        parts.append(
            pgettext("token scope", "%(module)s: %(level)s")
            % {"module": name, "level": words[level]}
        )
    return pgettext("list separator", "; ").join(parts) or _("nothing")
