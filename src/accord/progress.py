"""The progress bar the management commands show on a terminal."""

from tqdm import tqdm


class Bar(tqdm):
    """tqdm's bar without its monitor thread, which any bar starts (a disabled one too) and
    which outlives it: a process holding it counts as threaded, so the audit verifier would not
    fork its workers in it (it forks only a process with no other thread, as a fork copies one
    thread and leaves any lock another held). A bar updated from one loop needs no monitor."""

    monitor_interval = 0
