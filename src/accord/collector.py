"""Python's cycle collector told to leave alone what exists before a long piece of work."""

import contextlib
import gc


@contextlib.contextmanager
def set_aside(*, young: int | None = None):
    """The objects that exist now (the apps' modules and models, some 140,000) kept out of the
    collector's passes for the block (``gc.freeze``): a long run would otherwise walk them all
    in each full collection, and a process forked inside the block would write to each page of
    them as its collections walk them, so that the kernel copies every such page into it. Put
    back afterwards, unless something froze objects before (a server that forks its own
    workers): that one's set-aside is left as it was.

    ``young``: the youngest generation collected once that many more objects are made than
    freed, rather than Python's 2,000, for the block (then put back): for a run that makes a
    few hundred thousand objects, nearly all freed by their counts, not by the collector."""
    put_back = gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    gc.freeze()
    if young is not None:
        gc.set_threshold(young, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if put_back:
            gc.unfreeze()
