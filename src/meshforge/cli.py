"""The `meshforge` command: serve, keys, migrate, cleanup, plus the client commands."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from meshforge.config import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="meshforge", description=__doc__)
    sub = parser.add_subparsers(metavar="COMMAND")
    _add_serve(sub)
    _add_worker(sub)
    _add_keys(sub)
    _add_server_command(sub, "migrate", "create or upgrade the database schema", _migrate)
    _add_server_command(sub, "cleanup", "delete expired output files now", _cleanup)
    _add_server_command(
        sub, "webhook-secret", "print the secret webhooks are signed with", _webhook_secret
    )
    _add_weights(sub)
    try:
        from meshforge.client.cli import add_client_commands
    except ImportError:  # the client package is optional in a server-only install
        pass
    else:
        add_client_commands(sub)
    return parser


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="where the database and files live")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in data dir)")


def _settings(args: argparse.Namespace, **extra: Any) -> Settings:
    overrides = {
        "data_dir": args.data_dir,
        "database_url": args.database_url,
        **extra,
    }
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _add_serve(sub: Any) -> None:
    serve = sub.add_parser("serve", help="run the API server with local worker processes")
    _server_options(serve)
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (default 2)")
    serve.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from meshforge.api.app import create_app
    from meshforge.api.heap import freeze_startup_objects
    from meshforge.executor.celery import CeleryExecutor
    from meshforge.executor.local import LocalExecutor
    from meshforge.runtime import open_runtime
    from meshforge.webhooks.signing import server_secret

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per upstream poll
    settings = _settings(args, host=args.host, port=args.port, workers=args.workers)
    runtime = open_runtime(settings, migrate=True)
    if runtime.keys.count_active() == 0:
        _, secret = runtime.keys.create("default")
        print("No API key existed, so one was created. It is shown only this once:")
        print(f"MESHFORGE_API_KEY={secret}", flush=True)
    webhook_secret, created = server_secret(
        settings.webhook_secret.get_secret_value(), settings.webhook_secret_path
    )
    if created:
        print(f"Webhooks are signed with MESHFORGE_WEBHOOK_SECRET={webhook_secret}", flush=True)
    app = create_app(runtime, CeleryExecutor if settings.executor == "celery" else LocalExecutor)
    # Bind first, so the address printed is one we really listen on.
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    listening = socket.create_server((settings.host, settings.port), family=family)
    _print_addresses(settings.host, listening.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    freeze_startup_objects()
    server.run(sockets=[listening])
    return 0


def _print_addresses(host: str, port: int) -> None:
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
    base = f"http://{shown}:{port}"
    print(f"meshforge is listening on {base}", flush=True)
    print(f"  playground: {base}/", flush=True)
    print(f"  API docs:   {base}/docs", flush=True)


def _add_worker(sub: Any) -> None:
    worker = sub.add_parser("worker", help="run a Celery worker (scale-out executor)")
    _server_options(worker)
    worker.add_argument("--concurrency", type=int, default=2, help="worker processes")
    worker.add_argument(
        "--queue",
        help="queue to consume (default MESHFORGE_CELERY_QUEUE); the GPU queue "
        "(MESHFORGE_CELERY_GPU_QUEUE, gpu) runs the learned models",
    )
    worker.set_defaults(func=_worker)


def _worker(args: argparse.Namespace) -> int:
    from celery.signals import worker_process_init

    from meshforge.engines.learned.device import go_offline
    from meshforge.executor.celery_app import make_celery_app, warm_worker_process
    from meshforge.runtime import open_runtime

    go_offline()
    settings = _settings(args, celery_queue=args.queue)
    open_runtime(settings, migrate=True).close()
    app = make_celery_app(settings)
    worker_process_init.connect(warm_worker_process, weak=False)
    app.worker_main(
        argv=[
            "worker",
            "--pool=prefork",
            f"--concurrency={args.concurrency}",
            f"--queues={settings.celery_queue}",
            f"--hostname=meshforge@{settings.node_name}",  # one name per worker node
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ]
    )
    return 0


def _add_keys(sub: Any) -> None:
    keys = sub.add_parser("keys", help="create, list or revoke API keys")
    actions = keys.add_subparsers(metavar="ACTION", required=True)
    create = actions.add_parser("create", help="create a key and print it once")
    create.add_argument("--name", default="default")
    _server_options(create)
    create.set_defaults(func=_keys_create)
    listing = actions.add_parser("list", help="list keys (never their secrets)")
    _server_options(listing)
    listing.set_defaults(func=_keys_list)
    revoke = actions.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id", type=int)
    _server_options(revoke)
    revoke.set_defaults(func=_keys_revoke)


def _runtime(args: argparse.Namespace) -> Any:
    from meshforge.runtime import open_runtime

    return open_runtime(_settings(args), migrate=True)


def _keys_create(args: argparse.Namespace) -> int:
    _, secret = _runtime(args).keys.create(args.name)
    print(secret)
    return 0


def _keys_list(args: argparse.Namespace) -> int:
    for key in _runtime(args).keys.list():
        state = "revoked" if key.revoked_at else "active"
        print(f"{key.id}\t{key.name}\t{key.prefix}...\t{state}")
    return 0


def _keys_revoke(args: argparse.Namespace) -> int:
    if _runtime(args).keys.revoke(args.key_id):
        print(f"revoked key {args.key_id}")
        return 0
    print(f"no active key with id {args.key_id}", file=sys.stderr)
    return 1


def _add_server_command(sub: Any, name: str, help_text: str, func: Any) -> None:
    command = sub.add_parser(name, help=help_text)
    _server_options(command)
    command.set_defaults(func=func)


def _migrate(args: argparse.Namespace) -> int:
    _runtime(args)
    print("database schema is up to date")
    return 0


def _cleanup(args: argparse.Namespace) -> int:
    from meshforge.tasks.retention import delete_expired

    print(f"deleted {delete_expired(_runtime(args))} expired files")
    return 0


def _webhook_secret(args: argparse.Namespace) -> int:
    from meshforge.webhooks.signing import server_secret

    settings = _settings(args)
    secret, _ = server_secret(
        settings.webhook_secret.get_secret_value(), settings.webhook_secret_path
    )
    print(secret)
    return 0


def _add_weights(sub: Any) -> None:
    weights = sub.add_parser(
        "weights", help="list the learned models, the folders they expect and if they load"
    )
    _server_options(weights)
    weights.add_argument("--no-load", action="store_true", help="only check the files")
    weights.set_defaults(func=_weights)


def _weights(args: argparse.Namespace) -> int:
    from meshforge.engines.learned.device import go_offline
    from meshforge.engines.learned.report import weights_report

    go_offline()
    settings = _settings(args)
    print(f"weights directory: {settings.resolved_weights_dir.resolve()}")
    rows = weights_report(settings, load=not args.no_load)
    for row in rows:
        print(f"\n{row.model}\n  folder:    {row.folder}\n  present:   {row.present}")
        print(f"  loads:     {row.loads}\n  available: {row.available}")
    return 0 if all(row.available == "yes" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
