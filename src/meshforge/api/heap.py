"""Keep the garbage collector's full passes off the request path.

A server process holds ~175,000 objects once its modules and engines are loaded, and
CPython's full collection walks every one of them: ~200 ms on a busy 2-core machine, a
stall that lands in the tail of every latency measurement (bench/api's open-loop p99).
Nearly all of them live as long as the process, so they are frozen out of collection
once, at startup; a full pass then walks only what requests created since.
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Call once the app is built, just before serving (not in tests: frozen objects
    that later become garbage are never freed)."""
    gc.collect()  # free what startup left behind first, so none of it is frozen
    gc.freeze()
