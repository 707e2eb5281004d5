"""Conventions of the code base that a test can hold: here, where imports may sit.

Imports belong at the top of a module. One inside a function hides a dependency from the reader
and from the import-linter contracts, and is most often a way round a loop between modules that
should not exist. Where one is needed it says why, in a comment on its line or just above it:

    # cycle: <the modules that would import each other>
    # deferred: <why it cannot be imported yet, e.g. models load after the app configs>
"""

import ast
import re
from pathlib import Path

import accord
from accord.markings import Role

SRC = Path(accord.__file__).parent
MARKER = re.compile(r"#\s*(cycle|deferred):\s*\S")


def _imports_in_functions(tree: ast.AST):
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield node


def _module_of(node: ast.Import | ast.ImportFrom) -> str:
    if isinstance(node, ast.ImportFrom):
        return node.module or ""
    return node.names[0].name


def _explained(lines: list[str], node: ast.stmt) -> bool:
    """A marker on the import's own lines, or in the comments (and imports) just above it."""
    if any(MARKER.search(line) for line in lines[node.lineno - 1 : node.end_lineno]):
        return True
    row = node.lineno - 2
    while row >= 0:
        line = lines[row].strip()
        if MARKER.search(line):
            return True
        if not (line.startswith("#") or line.startswith(("import ", "from "))):
            return False
        row -= 1
    return False


def _unexplained_imports() -> set[tuple[str, str, int]]:
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in _imports_in_functions(ast.parse(text)):
            if not _explained(lines, node):
                found.add((path.relative_to(SRC).as_posix(), _module_of(node), node.lineno))
    return found


def test_no_import_inside_a_function_without_its_reason():
    found = _unexplained_imports()
    offenders = sorted(found)
    assert not offenders, (
        "Move these imports to the top of their module, or say why they cannot be there "
        "with a '# cycle: ...' or '# deferred: ...' comment:\n"
        + "\n".join(f"  accord/{path}:{line} imports {module}" for path, module, line in offenders)
    )


def test_the_check_finds_an_unexplained_import_and_accepts_an_explained_one():
    source = (
        "def bare():\n"
        "    from accord import errors\n"
        "\n"
        "def explained():\n"
        "    # deferred: the models load after the app configs\n"
        "    from accord import errors\n"
        "    from accord import times\n"
        "\n"
        "def trailing():\n"
        "    import accord.errors  # cycle: accord.a -> accord.b -> accord.a\n"
    )
    lines = source.splitlines()
    verdicts = [_explained(lines, node) for node in _imports_in_functions(ast.parse(source))]
    assert sorted(verdicts) == [False, True, True, True]


# -- No interface decides access -------------------------------------------------------------
#
# Views, forms, schemas, API modules, template tags and templates ask ``access.may`` (or read a
# selector's answer); none of them names a role or a marking or inspects the reader's roles.
# A decision made there is one the API, the exports and the map can disagree with.

INTERFACE_MODULE = re.compile(
    r"/(views|forms|schemas|api)(/|\.py$)|templatetags/|context_processors"
)
ROLE_NAMES = "|".join(Role.values)
ACCESS_DECISION = re.compile(
    r"\b(Role|Marking)\.[A-Z_]+|has_role\(|is_administrator|SITE_ROLES|\.roles\b"
    r"|marking\s*==\s*['\"]"
)
# In Python a role is also named by its value; in a template that would match ids and words.
ROLE_VALUE = re.compile(rf"['\"]({ROLE_NAMES})['\"]")

# Interfaces that still decide access themselves, with how many places they do it; each leaves
# this list as the page toolkit takes over its pages (the test fails when a count goes down,
# too, so that the list only shrinks).
DECIDING_INTERFACES: dict[str, int] = {}


def _access_decisions() -> dict[str, int]:
    found = {}
    for path in sorted(SRC.rglob("*")):
        relative = path.relative_to(SRC).as_posix()
        python = path.suffix == ".py" and bool(INTERFACE_MODULE.search("/" + relative))
        if not (python or path.suffix == ".html"):
            continue
        count = sum(
            1
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith(("import ", "from "))
            and (ACCESS_DECISION.search(line) or (python and ROLE_VALUE.search(line)))
        )
        if count:
            found[relative] = count
    return found


def test_no_interface_names_a_role_or_a_marking():
    found = _access_decisions()
    new = {path: n for path, n in found.items() if n > DECIDING_INTERFACES.get(path, 0)}
    assert not new, (
        "These interfaces decide access themselves; ask access.may(actor, action, Model, scope) "
        f"or a selector instead: {new}"
    )
    fixed = {
        path: (n, found.get(path, 0))
        for path, n in DECIDING_INTERFACES.items()
        if found.get(path, 0) < n
    }
    assert not fixed, f"Fewer decisions than listed (good): lower DECIDING_INTERFACES: {fixed}"


# -- Every page is made with the toolkit ------------------------------------------------------
#
# A view module asks ``accord.web.pages`` for the record or the 404, the history panel, the form
# that runs one service, and the list page; it does not rebuild them. These are the signs of a
# page built by hand.

HAND_MADE = re.compile(r"audit_history|Paginator\(|except \(?NotFound|def _history")

# View modules not yet on the toolkit, with how many hand-made steps they hold; each leaves this
# list when its app's pages move onto the toolkit (the test fails when a count goes down, too).
HAND_MADE_VIEWS: dict[str, int] = {}


def _view_modules():
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if re.search(r"(^|/)(views(/[a-z_]+)?|pages)\.py$", relative) and not relative.startswith(
            "web/pages"
        ):
            yield relative, path.read_text(encoding="utf-8")


def test_every_view_is_made_with_the_page_toolkit():
    found = {}
    for relative, text in _view_modules():
        count = len(HAND_MADE.findall(text))
        if count:
            found[relative] = count
    grown = {path: n for path, n in found.items() if n > HAND_MADE_VIEWS.get(path, 0)}
    assert not grown, (
        "These views build by hand what accord.web.pages gives (record_or_404, history_rows, "
        f"form_page, list_page, export_response): {grown}"
    )
    fewer = {p: (n, found.get(p, 0)) for p, n in HAND_MADE_VIEWS.items() if found.get(p, 0) < n}
    assert not fewer, f"Fewer hand-made steps than listed (good): lower HAND_MADE_VIEWS: {fewer}"


# A message that opens with a field's attribute name ("amount_minor: ...") speaks the code's
# words to the person at the form: messages name a field as its label does ("Amount: ...").
FIELD_NAME_OPENING = re.compile(r"""\b_\(\s*["'][a-z]+_[a-z_]+:\s""")


def test_no_message_opens_with_a_field_name():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FIELD_NAME_OPENING.search(line):
                found.append(f"{path.relative_to(SRC).as_posix()}:{number}: {line.strip()}")
    assert not found, "messages that open with a field's name:\n" + "\n".join(found)


def test_the_check_finds_a_message_opening_with_a_field_name():
    assert FIELD_NAME_OPENING.search('raise X(_("amount_minor: give a whole number"))')
    assert not FIELD_NAME_OPENING.search('raise X(_("Amount: give a whole number"))')


# Chromium's ``<input type=number>`` refuses the Eastern digits a Dari or Pashto keyboard gives:
# a whole number a person types is a ``CountField`` (accord.web.forms), never Django's own.
TYPED_INTEGER = re.compile(r"forms\.IntegerField\((?!widget=forms\.HiddenInput)")


def test_every_typed_whole_number_is_a_count_field():
    found = [
        f"{path.relative_to(SRC).as_posix()}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TYPED_INTEGER.search(line)
    ]
    assert not found, "use accord.web.forms.CountField:\n" + "\n".join(found)


def test_the_check_finds_a_typed_integer_and_passes_a_hidden_one():
    assert TYPED_INTEGER.search('grade = forms.IntegerField(label=_("Grade"))')
    assert not TYPED_INTEGER.search("version = forms.IntegerField(widget=forms.HiddenInput)")
