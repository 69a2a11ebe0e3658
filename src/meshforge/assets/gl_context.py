"""One headless OpenGL context per process (EGL, e.g. Mesa llvmpipe), created lazily.

A context made before a fork is useless in the child, so it is keyed by process id (and
llvmpipe runs without helper threads, see _create_state). All rendering goes through
``gl_session()``, which serialises threads and makes the context current on the calling
thread (a GL context is current on one thread at a time), and keeps the one shader
program alive with the context.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import moderngl

_lock = threading.Lock()
_state: dict[int, GLState] = {}


@dataclass
class GLState:
    ctx: moderngl.Context
    programs: dict[str, moderngl.Program]


class RenderUnavailableError(RuntimeError):
    """No OpenGL context could be created (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri)."""


def _create_state() -> GLState:
    # Mesa's llvmpipe renders with helper threads that a fork() does not copy: a child of
    # a process that has rendered would wait forever on its first readback. Rendering on
    # the calling thread is fork-safe and, for thumbnails, about as fast. Set
    # LP_NUM_THREADS yourself to opt back in (must happen before the first context).
    os.environ.setdefault("LP_NUM_THREADS", "0")
    try:
        ctx = moderngl.create_context(standalone=True, backend="egl")  # type: ignore[arg-type]
    except Exception as error:  # moderngl/glcontext raise plain Exceptions
        raise RenderUnavailableError(
            f"cannot create a headless OpenGL context through EGL ({error}); install "
            "libegl1 libegl-mesa0 libgl1-mesa-dri"
        ) from error
    return GLState(ctx=ctx, programs={})


@contextmanager
def gl_session() -> Iterator[GLState]:
    """The process's GL state, held exclusively for the duration of the block."""
    with _lock:
        pid = os.getpid()
        state = _state.get(pid)
        if state is None:
            _state.clear()  # a parent's context must not be touched after fork
            state = _state[pid] = _create_state()
        with state.ctx:  # current on this thread for the block (any thread may render)
            yield state


def cached_program(state: GLState, key: str, vertex: str, fragment: str) -> moderngl.Program:
    """Compile a program once per context and reuse it for every render."""
    program = state.programs.get(key)
    if program is None:
        program = state.programs[key] = state.ctx.program(
            vertex_shader=vertex, fragment_shader=fragment
        )
    return program
