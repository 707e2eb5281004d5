"""Reading the demo scenario: YAML in, validated plain records out, or an error naming the line.

Pure Python (PyYAML and pydantic, no Django): the service that stores the records is
``accord.core.services.scenario_load``. A malformed file is refused whole with the file, the line
and the field named, so nothing is half-loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from accord.errors import ScenarioInvalid

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Code = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
SourceRef = Annotated[str, Field(pattern=r"^S-\d+$")]
SITE_KINDS = (
    "hub",
    "hub_element",
    "spoke",
    "functional_command",
    "training_centre",
    "airbase",
    "port",
    "border_crossing",
)
ORG_KINDS = ("alliance", "mission", "un_body", "agency", "ministry", "force", "company")


# A record's name in the other languages, keyed as the API keys them (accord.names), and the
# column suffix of each: ``names: {ru: Кабул, fa-af: کابل, ps: کابل}``.
LANGUAGE_COLUMNS = {"ru": "ru", "fa-af": "fa", "ps": "ps"}
Names = dict[Literal["ru", "fa-af", "ps"], Annotated[str, Field(min_length=1, max_length=5000)]]
_NAMES = TypeAdapter(Names)


def language_columns(field: str, names: Any) -> dict[str, str]:
    """A record's ``names`` map as the columns the models keep (``name_ru``...), every one of
    them, empty where the scenario gives none (so a name taken out of the file is taken out of
    the record). ``ValueError`` for an unknown language or an empty name."""
    try:
        given = _NAMES.validate_python(names or {})
    except ValidationError as exc:
        raise ValueError(
            f"names: give a map of ru, fa-af and ps to non-empty texts ({exc.errors()[0]['msg']})"
        ) from None
    return {f"{field}_{end}": given.get(key, "") for key, end in LANGUAGE_COLUMNS.items()}


def partial_date(value: Any) -> date:
    """A scenario date, which may be partial: 2015, 2015-10, 2015-2016 (the start), 2016-01-31."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})(?:-\d{4})?", text):
        return date(int(m[1]), 1, 1)
    raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    source: list[SourceRef] = []
    estimated: bool = False


class NationRecord(Record):
    iso3: ISO3
    name: str = Field(min_length=1, max_length=100)
    names: Names = {}
    nato_accession: date | None = None
    nrc_member: bool = False
    roles: list[str] = []
    note: str = ""

    @field_validator("nato_accession", mode="before")
    @classmethod
    def _date(cls, value):
        return None if value is None else partial_date(value)

    @property
    def partner(self) -> bool:
        return not self.nato_accession and "rsm_contributor" in self.roles


class SiteRecord(Record):
    id: Code
    name: str = Field(min_length=1, max_length=200)
    names: Names = {}
    kind: Literal[SITE_KINDS]
    location: str = ""
    base: str = ""
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    coords_estimated: bool = False
    lead_nation: ISO3 | None = None
    partner_nations: list[ISO3] = []
    counterpart: str = ""
    notes: str = ""


class ContributionRecord(Record):
    nation: ISO3
    site: Code | None = None
    count: int | None = Field(default=None, ge=0)
    range: tuple[int, int] | None = None
    as_of: date
    note: str = ""

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of(cls, value):
        return partial_date(value)

    @field_validator("range")
    @classmethod
    def _ordered(cls, value):
        if value is not None and not 0 <= value[0] <= value[1]:
            raise ValueError("range must be [low, high] with 0 <= low <= high")
        return value


class StrengthRecord(Record):
    as_of: date
    value: int = Field(ge=0)
    note: str = ""

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of(cls, value):
        return partial_date(value)


class OrganisationRecord(Record):
    id: Code
    name: str = Field(min_length=1, max_length=200)
    names: Names = {}
    short_name: str = Field(default="", max_length=40)
    short_names: Names = {}
    kind: Literal[ORG_KINDS]
    nation: ISO3 | None = None
    parent: Code | None = None
    note: str = ""


class Scenario(BaseModel):
    """The parts of the scenario the registry stores, validated and cross-checked."""

    model_config = ConfigDict(frozen=True)
    sources: dict[str, str]
    nations: list[NationRecord]
    sites: list[SiteRecord]
    contributions: list[ContributionRecord]
    strengths: list[StrengthRecord]
    organisations: list[OrganisationRecord]


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    loader.lines[id(mapping)] = node.start_mark.line + 1
    for key_node, value_node in node.value:
        loader.lines[(id(mapping), key_node.value)] = value_node.start_mark.line + 1
    return mapping


@cache
def _line_loader():
    """A safe loader that remembers the line of every mapping and sequence item it builds,
    made at the first scenario read."""
    # deferred: PyYAML takes a few hundredths of a second to import and only a scenario's load
    # reads YAML, not every process that imports the scenario's records.
    import yaml

    class LineLoader(yaml.SafeLoader):
        pass

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    # Dates stay text so that partial dates (2015-10) and full ones are read by one function.
    LineLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return LineLoader


@dataclass(frozen=True)
class Document:
    """A scenario file read but not yet validated: its data and the line of every node."""

    data: dict
    lines: dict
    filename: str

    def line_of(self, node, key: str | None = None):
        """The line of a mapping (or of one of its keys' values), or "?" when unknown."""
        if key is not None and (id(node), key) in self.lines:
            return self.lines[(id(node), key)]
        return self.lines.get(id(node), "?")


def read_document(text: str, filename: str = "scenario.yaml") -> Document:
    """Read the YAML safely, remembering lines; refuse anything that is not a mapping."""
    # deferred: as in _line_loader, which has imported it already.
    import yaml

    loader = _line_loader()(text)
    loader.lines = {}
    try:
        document = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioInvalid(
            f"{filename}, line {line}: not valid YAML ({problem})", errors={"yaml": [problem]}
        ) from None
    finally:
        loader.dispose()
    if not isinstance(document, dict):
        raise ScenarioInvalid(
            f"{filename}, line 1: the scenario must be a mapping of sections",
            errors={"__all__": ["must be a mapping of sections"]},
        )
    return Document(document, loader.lines, filename)


def parse_scenario(text: str, filename: str = "scenario.yaml") -> Scenario:
    """Parse and validate a scenario; raise ScenarioInvalid naming file, line and field."""
    return parse_document(read_document(text, filename))


def parse_document(doc: Document) -> Scenario:
    """Validate the registry's sections of a read document and cross-check their references."""
    document, lines, filename = doc.data, doc.lines, doc.filename
    sections = _sections(document, lines, filename)
    try:
        scenario = Scenario(**{name: items for name, (items, _) in sections.items()})
    except ValidationError as exc:
        raise _located(exc, sections, lines, filename) from None
    _cross_check(scenario, sections, lines, filename)
    return scenario


def section_items(doc: Document, path: str, kind: type = list):
    """The value at a dotted ``path`` (``trust_funds`` or ``troop_contributions.entries``).

    Empty when absent; a value of another shape is refused with its line.
    """
    mapping, parent = doc.data, ""
    *heads, last = path.split(".")
    for head in heads:
        mapping = _part(mapping, head, dict, doc.lines, doc.filename, doc.data, parent)
        parent = f"{parent}.{head}" if parent else head
    return _part(mapping, last, kind, doc.lines, doc.filename, doc.data, parent)


def validate_items(doc: Document, items: list, model: type[BaseModel], path: str) -> list:
    """Validate each item of a list against ``model``; the first error names its line and field."""
    records = []
    for index, item in enumerate(items):
        try:
            records.append(model.model_validate(item))
        except ValidationError as exc:
            sections = {"items": (items, path)}
            raise _located_error(exc, ["items", index], sections, doc.lines, doc.filename) from None
    return records


def item_error(doc: Document, item, field: str | None, path: str, message: str) -> ScenarioInvalid:
    """An error about one item (and optionally one of its fields), located by line."""
    line = doc.line_of(item, field) if isinstance(item, dict) else "?"
    where = f"{path}.{field}" if field else path
    return ScenarioInvalid(
        f"{doc.filename}, line {line}, {where}: {message}", errors={where: [message]}
    )


def _sections(document: dict, lines: dict, filename: str) -> dict[str, tuple[Any, str]]:
    """Each Scenario field with its items and the YAML path they came from."""
    troops = _part(document, "troop_contributions", dict, lines, filename, document)
    for name in ("nations", "sites"):
        if not document.get(name):
            line = lines.get((id(document), name), 1)
            raise ScenarioInvalid(
                f"{filename}, line {line}, {name}: the section '{name}' is missing or empty",
                errors={name: ["required"]},
            )
    nations = _part(document, "nations", list, lines, filename)
    sites = _part(document, "sites", list, lines, filename)
    entries = _part(troops, "entries", list, lines, filename, document, "troop_contributions")
    placed = _part(
        troops, "site_allocation", list, lines, filename, document, "troop_contributions"
    )
    totals = _part(troops, "totals", list, lines, filename, document, "troop_contributions")
    return {
        "sources": (document.get("sources") or {}, "sources"),
        "nations": (nations, "nations"),
        "sites": (sites + _training_venues(document, lines, filename), "sites"),
        "contributions": (entries + placed, "troop_contributions"),
        "strengths": (totals, "troop_contributions.totals"),
        "organisations": (document.get("organisations") or [], "organisations"),
    }


def _part(mapping: dict, key: str, kind: type, lines, filename, document=None, parent=""):
    """``mapping[key]`` if it is a ``kind`` (empty if absent); refuse any other shape, by line."""
    value = mapping.get(key)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        line = lines.get((id(mapping), key)) or lines.get(id(mapping), "?")
        path = f"{parent}.{key}" if parent else key
        what = "a list" if kind is list else "a mapping"
        raise ScenarioInvalid(
            f"{filename}, line {line}, {path}: must be {what}", errors={path: [f"must be {what}"]}
        )
    return value


def _training_venues(document: dict, lines: dict, filename: str) -> list[dict]:
    """Training venues with coordinates become training-centre sites."""
    venues = []
    programmes = _part(document, "training_programmes", list, lines, filename)
    for i, programme in enumerate(programmes):
        path = f"training_programmes[{i}]"
        if not isinstance(programme, dict):
            line = _item_line(programmes, i, lines) or lines.get(
                (id(document), "training_programmes"), "?"
            )
            raise ScenarioInvalid(
                f"{filename}, line {line}, {path}: must be a mapping",
                errors={path: ["must be a mapping"]},
            )
        candidates = programme.get("venues") or [programme.get("venue")]
        if not isinstance(candidates, list):
            candidates = [candidates]
        for venue in candidates:
            if isinstance(venue, dict) and "lat" in venue and "lon" in venue:
                name = venue.get("name")
                if not isinstance(name, str) or not name.strip():
                    line = lines.get(id(venue)) or lines.get(id(programme), "?")
                    raise ScenarioInvalid(
                        f"{filename}, line {line}, {path}.venue.name: a venue with coordinates "
                        "needs a name",
                        errors={f"{path}.venue.name": ["required"]},
                    )
                code = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40]
                place = ", ".join(
                    str(part) for part in (venue.get("city"), venue.get("country")) if part
                )
                venues.append(
                    {
                        **venue,
                        "id": code,
                        "kind": "training_centre",
                        "location": place,
                        "source": programme.get("source", []),
                    }
                )
    return venues


def _item_line(items: list, index: int, lines: dict):
    """The line of a list item that is itself a mapping, else of the item before it."""
    for item in reversed(items[: index + 1]):
        if isinstance(item, dict) and id(item) in lines:
            return lines[id(item)]
    return None


def _located(exc: ValidationError, sections, lines, filename) -> ScenarioInvalid:
    return _located_error(exc, [], sections, lines, filename)


def _located_error(exc: ValidationError, prefix: list, sections, lines, filename):
    error = exc.errors()[0]
    loc = [*prefix, *error["loc"]]
    section, *rest = loc
    items, path = sections[section]
    node, line = items, None
    field_path = path
    for part in rest:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            line = lines.get(id(node), line)
            field_path += f"[{part}]"
        elif isinstance(node, dict) and part in node:
            line = lines.get((id(node), part), line)
            node = node[part]
            field_path += f".{part}"
        else:
            field_path += f".{part}"
    where = f"line {line}" if line else "line ?"
    return ScenarioInvalid(
        f"{filename}, {where}, {field_path}: {error['msg']}",
        errors={field_path: [error["msg"]]},
    )


def _cross_check(scenario: Scenario, sections, lines, filename) -> None:
    """Every nation, site, parent and source a record names must exist in the file."""
    nations = {n.iso3 for n in scenario.nations}
    sites = {s.id for s in scenario.sites}
    orgs = {o.id for o in scenario.organisations}
    sources = set(scenario.sources)

    def fail(section, index, field, message):
        items, path = sections[section]
        item = items[index]
        line = lines.get((id(item), field)) or lines.get(id(item), "?")
        raise ScenarioInvalid(
            f"{filename}, line {line}, {path}[{index}].{field}: {message}",
            errors={f"{path}[{index}].{field}": [message]},
        )

    for section in ("nations", "sites", "contributions", "strengths", "organisations"):
        for i, record in enumerate(getattr(scenario, section)):
            for ref in record.source:
                if ref not in sources:
                    fail(section, i, "source", f"source {ref} is not in the sources section")
    for i, site in enumerate(scenario.sites):
        if site.lead_nation and site.lead_nation not in nations:
            fail(
                "sites",
                i,
                "lead_nation",
                f"nation {site.lead_nation} is not in the nations section",
            )
        for iso3 in site.partner_nations:
            if iso3 not in nations:
                fail("sites", i, "partner_nations", f"nation {iso3} is not in the nations section")
    for i, c in enumerate(scenario.contributions):
        if c.nation not in nations:
            fail("contributions", i, "nation", f"nation {c.nation} is not in the nations section")
        if c.site is not None and c.site not in sites:
            fail("contributions", i, "site", f"site {c.site} is not in the sites section")
    for i, org in enumerate(scenario.organisations):
        if org.nation and org.nation not in nations:
            fail("organisations", i, "nation", f"nation {org.nation} is not in the nations section")
        if org.parent and org.parent not in orgs:
            fail("organisations", i, "parent", f"organisation {org.parent} is not defined")
    parents = {o.id: o.parent for o in scenario.organisations}
    for i, org in enumerate(scenario.organisations):
        node, seen = org.parent, {org.id}
        while node is not None:
            if node in seen:
                fail("organisations", i, "parent", f"organisation {org.id} sits under itself")
            seen.add(node)
            node = parents.get(node)


def parents_first(organisations: list[OrganisationRecord]) -> list[OrganisationRecord]:
    """The organisations ordered so that each comes after its parent, whatever the file's order."""
    by_id = {o.id: o for o in organisations}
    ordered: list[OrganisationRecord] = []
    placed: set[str] = set()

    def place(org: OrganisationRecord) -> None:
        if org.id in placed:
            return
        placed.add(org.id)
        if org.parent in by_id:
            place(by_id[org.parent])
        ordered.append(org)

    for org in organisations:
        place(org)
    return ordered
