"""python -m tests.upstream.fakes --provider siray|tripo|meshy --port N --key KEY"""

from __future__ import annotations

import argparse

from tests.upstream.fakes import meshy, siray, tripo
from tests.upstream.fakes.server import serve
from tests.upstream.fakes.state import FakeState

PROVIDERS = {"siray": siray.PROVIDER, "tripo": tripo.PROVIDER, "meshy": meshy.PROVIDER}


def main() -> None:
    parser = argparse.ArgumentParser(prog="fake provider")
    parser.add_argument("--provider", choices=sorted(PROVIDERS), required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--duration", type=float, default=1.0, help="seconds per task")
    args = parser.parse_args()
    state = FakeState(key=args.key, duration=args.duration)
    server = serve(PROVIDERS[args.provider], state, args.port)
    print(f"fake {args.provider} on port {args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
