"""The recipient's budget lines, as the funds see them: by id, through reads the budget provides.

A commitment or a disbursement may name the budget line it pays for. The budget app sits above
the funds (its pages report what the funds paid against each line, through the funds' selectors),
so the funds never import it: they store a line by its id, and the budget app plugs in the two
reads the funds' forms and API need when it starts (``BudgetConfig.ready``). Without the budget
app installed no line can be named. See docs/adr/0007-one-direction-between-apps.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accord.errors import NotFound


@dataclass(frozen=True)
class BudgetLineReads:
    """What the funds need of the budget's selectors, both filtered by the access policy."""

    get: Callable[..., object]  # get(actor=, pk=) -> the line; NotFound when unreadable
    choices: Callable[..., list[tuple[int, str]]]  # choices(actor=) -> [(id, label)]


_reads: BudgetLineReads | None = None


def provide(reads: BudgetLineReads) -> None:
    """Called once by the budget app when it is ready."""
    global _reads  # one provider per process, set at start-up
    _reads = reads


def budget_line_get(*, actor, pk: int):
    """The budget line ``pk`` if the actor may read it; NotFound otherwise (or with no budget)."""
    if _reads is None:
        raise NotFound(_("There are no budget lines."))
    return _reads.get(actor=actor, pk=pk)


def budget_line_choices(*, actor) -> list[tuple[int, str]]:
    """The lines the actor may read, as (id, label) pairs for a form's choices."""
    return [] if _reads is None else _reads.choices(actor=actor)


def budget_line_find(*, actor, pk):
    """The budget line ``pk`` (a form's choice, as text) if the actor may read it, else None:
    a choice that went out of reach between the form and the post names no line."""
    try:
        return budget_line_get(actor=actor, pk=int(pk))
    except (NotFound, ValueError):
        return None
