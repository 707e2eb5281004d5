"""The registry's own kinds (nations, organisations, sites), registered by the search itself:
the core and the page toolkit sit below the search and cannot register with it."""

from django.utils.translation import gettext_lazy as _

from accord.search.kinds import Kind, named, register
from accord.web.views.kinds import KINDS

CORE_KINDS = {
    "nations": (_("Nations"), ("notes",), "iso3", 900),
    "organisations": (_("Organisations"), ("short_name", "notes"), "code", 910),
    "sites": (_("Sites"), ("notes",), "code", 920),
}


def register_core_kinds() -> None:
    for key, (label, others, code, order) in CORE_KINDS.items():
        page = KINDS[key]
        register(
            Kind(
                key=key.removesuffix("s"),
                model=page.model,
                label=label,
                texts=named(*others, code=code),
                url=page.detail_url,
                order=order,
            )
        )
