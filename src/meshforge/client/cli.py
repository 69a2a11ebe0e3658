"""The client half of the `meshforge` command: generate, status, download, models, cancel.

The main CLI (meshforge/cli.py) calls add_client_commands() on its subparsers. Each
handler returns an exit code; errors a user can fix become one line on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import sys
from collections.abc import Callable, Sequence

from rich.console import Console

from meshforge.client.base import DEFAULT_WAIT_TIMEOUT
from meshforge.client.errors import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    BadRequestError,
    MeshforgeClientError,
    NotFoundError,
    TaskFailedError,
    TaskNotFinishedError,
    WaitTimeoutError,
)
from meshforge.client.models import DownloadedFile, Task
from meshforge.client.progress import make_reporter
from meshforge.client.protocol import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    POLL_INTERVAL_ENV,
    SubmitOptions,
)
from meshforge.client.retry import DEFAULT_POLL_INTERVAL
from meshforge.client.sync import Client

EXIT_OK = 0
EXIT_TASK_FAILED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_NETWORK = 4
EXIT_TIMEOUT = 5
EXIT_NOT_FOUND = 6
EXIT_API_ERROR = 7
EXIT_INTERRUPTED = 130

TEXT_MODEL = "meshforge/text-to-3d"
IMAGE_MODEL = "meshforge/image-to-3d"

Handler = Callable[[argparse.Namespace], int]


def add_client_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add generate, status, download, models and cancel to the `meshforge` command."""
    common = _connection_options()
    _add_generate(subparsers, common)
    status = subparsers.add_parser("status", parents=[common], help="show a task's status")
    status.add_argument("task_id")
    status.add_argument("--json", action="store_true", help="print the raw task JSON")
    status.set_defaults(func=_guarded(handle_status))
    download = subparsers.add_parser(
        "download", parents=[common], help="download a finished task's files"
    )
    download.add_argument("task_id")
    download.add_argument("-o", "--output-dir", default=".", help="directory (default: .)")
    download.add_argument("--wait", action="store_true", help="wait for the task to finish")
    download.set_defaults(func=_guarded(handle_download))
    models = subparsers.add_parser("models", parents=[common], help="list the server's models")
    models.add_argument("--json", action="store_true", help="print the raw model list")
    models.set_defaults(func=_guarded(handle_models))
    cancel = subparsers.add_parser("cancel", parents=[common], help="cancel a running task")
    cancel.add_argument("task_id")
    cancel.set_defaults(func=_guarded(handle_cancel))


def _connection_options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    group = parser.add_argument_group("server")
    group.add_argument(
        "--base-url", help=f"server URL (default: ${BASE_URL_ENV} or {DEFAULT_BASE_URL})"
    )
    group.add_argument("--api-key", help=f"API key (default: ${API_KEY_ENV})")
    group.add_argument(
        "--poll-interval",
        type=_positive_float,
        help=f"seconds between status polls, on a server without an event stream "
        f"(default: ${POLL_INTERVAL_ENV} or {DEFAULT_POLL_INTERVAL:g})",
    )
    group.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_WAIT_TIMEOUT,
        help=f"seconds to wait for a task (default: {DEFAULT_WAIT_TIMEOUT:g})",
    )
    return parser


def _add_generate(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "generate", parents=[common], help="generate a 3D model from a prompt or an image"
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--prompt", help="text describing the object")
    source.add_argument("--image", help="image file path or http(s) URL")
    parser.add_argument(
        "--model", help=f"model id (default: {TEXT_MODEL} or, with --image, {IMAGE_MODEL})"
    )
    parser.add_argument(
        "--format", type=_format_list, help="output formats, comma separated (default: glb)"
    )
    parser.add_argument("--face-limit", type=int, help="maximum number of triangles")
    parser.add_argument("--seed", type=int, help="seed for a repeatable result")
    parser.add_argument("--no-texture", action="store_true", help="geometry with a plain material")
    parser.add_argument("--hd", action="store_true", help="2048 px textures instead of 1024")
    parser.add_argument("--quad", action="store_true", help="quad-dominant OBJ/FBX topology")
    parser.add_argument("--idempotency-key", help="repeat-safe key for this request")
    parser.add_argument("-o", "--output-dir", default=".", help="directory (default: .)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    parser.set_defaults(func=_guarded(handle_generate))


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _format_list(text: str) -> list[str]:
    formats = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not formats:
        raise argparse.ArgumentTypeError("give at least one format, e.g. glb,obj")
    return formats


def submit_options(args: argparse.Namespace) -> SubmitOptions:
    """The submit fields the generate flags ask for; unset flags take server defaults."""
    options = SubmitOptions()
    if args.prompt is not None:
        options["prompt"] = args.prompt
    if args.image is not None:
        options["image"] = args.image
    if args.format:
        options["output_formats"] = args.format
    if args.face_limit is not None:
        options["face_limit"] = args.face_limit
    if args.seed is not None:
        options["seed"] = args.seed
    if args.no_texture:
        options["texture_enable"] = False
    if args.hd:
        options["texture_quality"] = "HD"
    if args.quad:
        options["quad"] = True
    return options


def handle_generate(args: argparse.Namespace) -> int:
    """Submit, show progress until the task ends, download, print where the files went."""
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    model = args.model or (IMAGE_MODEL if args.image is not None else TEXT_MODEL)
    with _client(args) as client:
        task_id = client.submit(model, idempotency_key=args.idempotency_key, **submit_options(args))
        stderr.print(f"task {task_id} submitted ({model})")
        try:
            with make_reporter(stderr, f"{task_id[:11]}…", args.quiet) as reporter:
                task = client.wait(task_id, on_update=reporter.update)
        except KeyboardInterrupt:
            _fail(f"interrupted; the task keeps running: meshforge status {task_id}")
            return EXIT_INTERRUPTED
        files = client.download(task, args.output_dir)
    _print_files(stderr, task, files)
    return EXIT_OK


def handle_status(args: argparse.Namespace) -> int:
    """Print one task's state."""
    with _client(args) as client:
        task = client.get(args.task_id)
    if args.json:
        print(json.dumps(dict(task.raw), indent=2))
    else:
        print(format_task(task))
    return EXIT_OK


def handle_download(args: argparse.Namespace) -> int:
    """Download a finished task's outputs (optionally waiting for it first)."""
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    with _client(args) as client:
        task = client.wait(args.task_id) if args.wait else client.get(args.task_id)
        files = client.download(task, args.output_dir)
    _print_files(stderr, task, files)
    return EXIT_OK


def handle_models(args: argparse.Namespace) -> int:
    """List the models the server offers."""
    with _client(args) as client:
        models = client.models()
    if args.json:
        print(json.dumps([dataclasses.asdict(model) for model in models], indent=2))
        return EXIT_OK
    width = max((len(model.id) for model in models), default=0)
    for model in models:
        print(f"{model.id:<{width}}  {model.kind:<11}  {model.description}".rstrip())
    return EXIT_OK


def handle_cancel(args: argparse.Namespace) -> int:
    """Cancel a task and print its new state."""
    with _client(args) as client:
        task = client.cancel(args.task_id)
    print(format_task(task))
    return EXIT_OK


def format_task(task: Task) -> str:
    """A task as `name: value` lines, leaving out empty fields."""
    rows: list[tuple[str, object]] = [
        ("task_id", task.task_id),
        ("status", task.status.value),
        ("progress", f"{task.progress}%"),
        ("model", task.model),
        ("seed", task.seed),
        ("queue_position", task.queue_position),
        ("fail_reason", task.fail_reason),
    ]
    rows += [("output", url) for url in task.outputs]
    return "\n".join(f"{name}: {value}" for name, value in rows if value not in (None, ""))


def _print_files(stderr: Console, task: Task, files: Sequence[DownloadedFile]) -> None:
    """Paths go to stdout (one per line, for scripts); the summary to stderr."""
    took = task.finish_time - task.start_time if task.finish_time and task.start_time else None
    timing = f" in {took} s" if took is not None else ""
    stderr.print(f"task {task.task_id} {task.status.value}{timing}; {len(files)} file(s):")
    for file in files:
        print(file.path, flush=True)


def _client(args: argparse.Namespace) -> Client:
    return Client(
        args.base_url,
        args.api_key,
        poll_interval=args.poll_interval,
        wait_timeout=args.timeout,
    )


def _guarded(handler: Handler) -> Handler:
    """Turn the client's errors into one line on stderr and a distinct exit code."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except KeyboardInterrupt:
            task_hint = getattr(args, "task_id", None)
            _fail(
                "interrupted"
                + (f"; check later with: meshforge status {task_hint}" if task_hint else "")
            )
            return EXIT_INTERRUPTED
        except (MeshforgeClientError, ValueError, OSError) as error:
            message, code = explain(error, args)
            _fail(message)
            return code

    return run


def explain(error: Exception, args: argparse.Namespace) -> tuple[str, int]:
    """The one-line message and exit code for an error."""
    if isinstance(error, TaskFailedError):
        return (
            f"task {error.task_id} failed: {error.fail_reason or 'no reason given'}",
            EXIT_TASK_FAILED,
        )
    if isinstance(error, AuthenticationError):
        hint = "" if args.api_key else f"; pass --api-key or set {API_KEY_ENV}"
        return f"authentication failed: {error.message}{hint}", EXIT_AUTH
    if isinstance(error, APIConnectionError):
        return f"{error}; is the server running? (--base-url or {BASE_URL_ENV})", EXIT_NETWORK
    if isinstance(error, WaitTimeoutError):
        return f"{error}; check later with: meshforge status {error.task_id}", EXIT_TIMEOUT
    if isinstance(error, TaskNotFinishedError):
        return f"{error}; add --wait to wait for it", EXIT_NOT_FOUND
    if isinstance(error, NotFoundError):
        return error.message, EXIT_NOT_FOUND
    if isinstance(error, BadRequestError):
        return error.message, EXIT_USAGE
    if isinstance(error, APIError):
        return f"server error: {error}", EXIT_API_ERROR
    if isinstance(error, ValueError):
        return str(error), EXIT_USAGE
    return f"{type(error).__name__}: {error}", EXIT_API_ERROR


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr, flush=True)
