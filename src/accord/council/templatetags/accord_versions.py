"""A text in the council's two working languages, as a page shows it (``accord.bilingual``).

    {% load accord_versions %}
    {% in_language d.title d.title_ru %}          the name in the reader's working language
    {% versions d.text d.text_ru d.authentic_en d.authentic_ru %}
                                                  the version in the reader's working language,
                                                  labelled, the other beside it on request

Russian readers are shown the Russian version, everyone else the English one; a version not
given is said to be missing, and the other is shown in its place, labelled with its language.
Each version carries its ``lang`` and ``dir``, so that it reads right on a right-to-left page.
"""

from django import template
from django.utils.html import format_html

from accord.bilingual import in_reader_language
from accord.bilingual import versions as versions_of_text

register = template.Library()


@register.simple_tag
def in_language(english: str, russian: str = "", plain: bool = False) -> str:
    """A name (a title) in the reader's working language if given, else in the other; marked
    with its language, or ``plain`` (a page's ``<title>``, an e-mail)."""
    version = in_reader_language(english or "", russian or "")
    if plain:
        return version.text
    return format_html('<span lang="{}" dir="ltr">{}</span>', version.language, version.text)


@register.inclusion_tag("council/components/versions.html")
def versions(english, russian, authentic_en=None, authentic_ru=None, inline=False) -> dict:
    """Both versions of a text: the reader's first, the other said missing or shown beside it."""
    return {"v": versions_of_text(english, russian, authentic_en, authentic_ru), "inline": inline}


@register.simple_tag
def versions_of(english, russian, authentic_en=None, authentic_ru=None):
    """The versions themselves, for a template that lays them out on its own (an e-mail):
    ``{% versions_of t.text t.text_ru t.authentic_en t.authentic_ru as text %}``."""
    return versions_of_text(english, russian, authentic_en, authentic_ru)
