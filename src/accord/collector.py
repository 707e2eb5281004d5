"""Python's cycle collector told to leave alone what exists before a long piece of work."""

import contextlib
import gc


@contextlib.contextmanager
def set_aside():
    """The objects that exist now (the apps' modules and models, some 140,000) kept out of the
    collector's passes for the block (``gc.freeze``): a long run would otherwise walk them all
    in each full collection, and a process forked inside the block would write to each page of
    them as its collections walk them, so that the kernel copies every such page into it. Put
    back afterwards, unless something froze objects before (a server that forks its own
    workers): that one's set-aside is left as it was."""
    put_back = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if put_back:
            gc.unfreeze()
