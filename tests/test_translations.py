"""Every text a user reads is marked for translation, and every catalogue is complete.

Three checks, each run by ``make lint``:

- templates: text between tags, and the attributes people read (title, aria-label, placeholder,
  alt), must sit inside ``{% translate %}`` or ``{% blocktranslate %}``;
- Python: the places that hand text to a user (messages, form and model labels, list columns,
  the errors a service raises, success messages) must be given a translated string, not a bare
  literal or an f-string (which no catalogue can hold);
- the catalogues: ``accord messages --check`` (no marked text missing from a catalogue, none
  untranslated or fuzzy, every .mo compiled).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.timesince import timeuntil

import accord

SOURCE = Path(accord.__file__).resolve().parent
TEMPLATES = sorted(SOURCE.glob("**/templates/**/*.html"))
MODULES = sorted(
    p for p in SOURCE.glob("**/*.py") if "migrations" not in p.parts and "tests" not in p.parts
)

# Words shown as they are in every language: the product's name and codes professionals use.
UNTRANSLATED_WORDS = {"Accord", "CSV", "JSON", "API", "IATI", "XML", "ISO", "GeoJSON", "iCalendar"}
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
WORD = re.compile(r"[^\W\d_]{2,}")

# --- templates -----------------------------------------------------------------------------

_BLOCKS = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment|verbatim)\b.*?%}.*?{%\s*end\1\s*%}", re.S
)
_TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)


class _Readable(HTMLParser):
    """Collects the text a reader sees: data outside script and style, and read attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        self.found += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden = max(self._hidden - 1, 0)

    def handle_data(self, data):
        if not self._hidden:
            self.found.append(data)


def unmarked_in_template(source: str) -> list[str]:
    """The texts of a template that a reader would see untranslated."""
    stripped = _TAGS.sub("\x00", _BLOCKS.sub("\x00", source))
    parser = _Readable()
    parser.feed(stripped)
    texts = []
    for text in parser.found:
        words = [w for w in WORD.findall(text) if w not in UNTRANSLATED_WORDS]
        if words:
            texts.append(" ".join(text.split())[:80])
    return texts


def test_the_template_check_finds_what_it_should():
    found = unmarked_in_template(
        '<p title="Open it">{% translate "Done" %} Pending {{ x }}</p>'
        "{% blocktranslate %}Kept {{ n }}{% endblocktranslate %}<script>let a = 1;</script>"
        '<span aria-label="{% translate "Close" %}">× · 12</span><b>Accord</b>'
    )
    assert found == ["Open it", "\x00 Pending \x00"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_every_template_text_is_marked(template):
    assert unmarked_in_template(template.read_text()) == []


# --- Python ----------------------------------------------------------------------------------

# Keyword arguments whose text reaches a reader.
READ_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "empty_label",
    "message",
    "success",
    "success_message",
    "invalid_message",
    "title",
    "heading",
}
# Calls whose first text argument (after the request) reaches a reader.
READ_CALLS = {
    "success": 1,  # messages.success(request, text)
    "info": 1,
    "warning": 1,
    "error": 1,
    "success_redirect": 2,  # success_redirect(request, url, text)
    "forbidden": 1,
    "Column": 0,
}
# Errors whose message a user reads (on a page or from the API); a developer's errors
# (TypeError, ValueError...) and the scenario loader's (an operator's file, on the command line)
# stay in English.
READ_ERRORS = {
    "AccordError",
    "PermissionDenied",
    "NotFound",
    "ValidationFailed",
    "Conflict",
    "MoneyError",
    "ValidationError",
}


def _bare(node) -> bool:
    """A literal a catalogue cannot translate: a plain string with words, or an f-string."""
    if isinstance(node, ast.JoinedStr):
        return True
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    if re.fullmatch(r"[a-z0-9_.-]*", node.value):
        return False  # a field's or a code's name, not a text
    return any(w not in UNTRANSLATED_WORDS for w in WORD.findall(node.value))


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _menu_labels(node) -> list:
    """The labels of an app's menu entries (``nav = [(label, url_name)]`` on its AppConfig)."""
    target = node.target if isinstance(node, ast.AnnAssign) else (node.targets or [None])[0]
    if getattr(target, "id", "") != "nav" or not isinstance(node.value, ast.List):
        return []
    return [e.elts[0] for e in node.value.elts if isinstance(e, ast.Tuple) and e.elts]


def unmarked_in_module(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            found += [
                f"line {c.lineno}: {ast.unparse(c)[:70]}" for c in _menu_labels(node) if _bare(c)
            ]
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        candidates = [k.value for k in node.keywords if k.arg in READ_KEYWORDS]
        if name in READ_CALLS and len(node.args) > READ_CALLS[name]:
            candidates.append(node.args[READ_CALLS[name]])
        if name in READ_ERRORS and node.args:
            candidates.append(node.args[0])
        found += [f"line {c.lineno}: {ast.unparse(c)[:70]}" for c in candidates if _bare(c)]
    return found


def test_the_module_check_finds_what_it_should():
    found = unmarked_in_module(
        "messages.success(request, f'Saved {x}.')\n"
        "forms.CharField(label=_('Name'), help_text='Say who.')\n"
        "raise Conflict(_('No.'), code=Code.X)\n"
        "raise NotFound('Nothing here.')\n"
        "Column('Name', 'name')\n"
        "raise TypeError('developers read this')\n"
        "nav = [('Council', 'council:index')]\n"
    )
    assert sorted(f.split(":")[0] for f in found) == [
        "line 1",
        "line 2",
        "line 4",
        "line 5",
        "line 7",
    ]


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_every_python_text_a_user_reads_is_marked(module):
    assert unmarked_in_module(module.read_text()) == []


# --- catalogues ------------------------------------------------------------------------------


def test_every_catalogue_is_complete_and_compiled():
    try:
        call_command("messages", check=True)
    except CommandError as error:
        pytest.fail(str(error))


def _binds_underscore(function) -> bool:
    """Whether ``function`` assigns ``_`` in its own scope (comprehensions have their own)."""
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            return True
        if not isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ListComp | ast.SetComp
        ) and not isinstance(node, ast.DictComp | ast.GeneratorExp | ast.ClassDef):
            pending.extend(ast.iter_child_nodes(node))
    return False


def shadowed_underscore(source: str) -> list[str]:
    """Functions that assign ``_`` in a module where ``_`` is gettext: Python then takes every
    ``_("...")`` in that function for the local variable, and the page fails (UnboundLocalError)."""
    tree = ast.parse(source)
    imports_gettext = any(
        isinstance(node, ast.ImportFrom) and any(a.asname == "_" for a in node.names)
        for node in tree.body
    )
    if not imports_gettext:
        return []
    return [
        f"line {node.lineno}: {node.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _binds_underscore(node)
    ]


def test_the_shadow_check_finds_what_it_should():
    source = (
        "from django.utils.translation import gettext as _\n"
        "def bad():\n    first, _, last = 'a b'.partition(' ')\n"
        "def good():\n    return [x for _, x in []]\n"
    )
    assert shadowed_underscore(source) == ["line 2: bad"]


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_function_hides_gettext_behind_a_local_underscore(module):
    assert shadowed_underscore(module.read_text()) == []


def test_every_model_field_is_named_in_the_readers_language():
    """A field's name shows in history panels, filters, exports and error messages: Django's
    default (the attribute's name) is English in every language. The marking, owner and version
    every marked model shares are labelled once, where they are shown (``web.pages.records``)."""
    from django.apps import apps
    from django.utils.functional import Promise

    shared = {"marking", "owner_nation", "version"}
    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("accord.")
        for field in model._meta.get_fields()
        if not field.auto_created
        and hasattr(field, "verbose_name")
        and field.name not in shared
        and not isinstance(field.verbose_name, Promise)
    ]
    assert not unnamed, "give these fields verbose_name=_('...'): " + ", ".join(unnamed)


@pytest.mark.parametrize(
    ("language", "words"),
    [("ps", "4 ورځې، 23 ساعته"), ("fa-af", "4 روز، 23 ساعت"), ("ru", "4 дня, 23 часа")],
)
def test_the_time_left_before_a_deadline_reads_in_the_page_language(language, words):
    # Django has no Pashto catalogue: its time words come from the web app's (web/apps.py).
    now = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    with translation.override(language):
        left = timeuntil(now + dt.timedelta(days=4, hours=23, minutes=1), now)
    assert left.replace("\N{NO-BREAK SPACE}", " ") == words  # Django keeps a number with its unit
