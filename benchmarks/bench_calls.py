"""Client CPU of typed flowroute calls against raw `requests` and the published v3 SDK.

Every call runs against the emulator served from a child process, so
`time.process_time()` here counts client CPU only. Each comparison runs in
paired, interleaved rounds (ours, then the other side, then ours...) so
drift on a shared machine hits both sides; a run's ratio is the ratio of
the two sides' median round, and the figure printed is the median of
several runs with its spread (lowest and highest run).

Targets (issue 11, section 3):
- 200-item lists (v2 numbers, v2.1 messages, v1 numbers): at most 1.0x the
  CPU of raw ``requests.Session().get(url).json()`` on the same URL;
- detail calls: at most 0.7x;
- the 200-item v2 numbers list: at most 0.35x the v3 SDK's CPU;
- ``import flowroute`` + ``Client(...)`` + the first v2 call: at most
  30 ms over ``import requests`` alone (CPU of fresh interpreters).

The v3 SDK is vendored under ``benchmarks/vendor/v3sdk`` (MIT, its LICENSE
kept there); it needs the ``bench`` dependency group, which `make bench`
installs.

Usage: python benchmarks/bench_calls.py [--calls N] [--rounds R] [--runs K] [--no-orjson]
       [--only TEXT]...
"""

from __future__ import annotations

import argparse
import compileall
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable, NamedTuple

import requests

import flowroute
from flowroute._auth import V1Signature

ITEMS = 200
V3SDK = Path(__file__).parent / "vendor" / "v3sdk"


class Target(NamedTuple):
    name: str
    ours: Callable[[], object]
    other: Callable[[], object]
    against: str
    limit: float
    calls: int


def _serve(conn: Connection) -> None:
    from flowroute.emulator import Emulator

    emulator = Emulator(seed=0)
    emulator.seed_numbers(ITEMS)
    with emulator.serve() as url:
        conn.send((url, emulator.access_key, emulator.secret_key))
        conn.recv()  # any message means stop


def _cpu_per_call(call: Callable[[], object], calls: int) -> float:
    start = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - start) / calls


def _run(target: Target, rounds: int) -> tuple[float, float, float]:
    ours, other = [], []
    for _ in range(rounds):
        ours.append(_cpu_per_call(target.ours, target.calls))
        other.append(_cpu_per_call(target.other, target.calls))
    ours_ms, other_ms = statistics.median(ours) * 1000, statistics.median(other) * 1000
    return ours_ms / other_ms, ours_ms, other_ms


def _report(target: Target, rounds: int, runs: int) -> bool:
    target.ours(), target.other()  # warm up connections and generated code
    results = [_run(target, rounds) for _ in range(runs)]
    ratios = sorted(r[0] for r in results)
    ours_ms = statistics.median(r[1] for r in results)
    other_ms = statistics.median(r[2] for r in results)
    ratio = statistics.median(ratios)
    met = ratio <= target.limit
    print(
        f"{target.name:<40} {ours_ms:7.3f} ms vs {target.against:<9} {other_ms:7.3f} ms  "
        f"ratio {ratio:.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f})  target <= {target.limit}x  "
        f"{'ok' if met else 'MISSED'}"
    )
    return met


def _child_cpu_ms(code: str, env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000


def _first_call_cost(url: str, key: str, secret: str, pairs: int) -> bool:
    # As installed by pip: from bytecode, not compiled from source at each start.
    compileall.compile_dir(Path(flowroute.__file__).parent, quiet=1)
    env = {**os.environ, "FR_ACCESS_KEY": key, "FR_SECRET_KEY": secret}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ours = (
        "import flowroute\n"
        f"client = flowroute.Client(base_url={url!r})\n"
        "client.v2.numbers.list_account_phone_numbers(limit=1)\n"
    )
    # Not the target, its context: what any attrs-based client pays at least
    # (attrs' import, and the same request through requests).
    floor = (
        "import attrs, os, requests\n"
        "session = requests.Session()\n"
        "session.auth = (os.environ['FR_ACCESS_KEY'], os.environ['FR_SECRET_KEY'])\n"
        f"session.get({url!r} + '/v2/numbers?limit=1').json()\n"
    )
    base, mine, least = [], [], []
    for _ in range(pairs):
        base.append(_child_cpu_ms("import requests", env))
        mine.append(_child_cpu_ms(ours, env))
        least.append(_child_cpu_ms(floor, env))
    extras = sorted(m - b for m, b in zip(mine, base))
    extra = statistics.median(mine) - statistics.median(base)
    met = extra <= 30
    print(
        f"{'import + Client + first v2 call':<40} {statistics.median(mine):7.1f} ms vs "
        f"{'import requests':<9} {statistics.median(base):5.1f} ms  "
        f"extra {extra:+.1f} ms ({extras[0]:+.1f} to {extras[-1]:+.1f}, paired)  "
        f"target <= +30 ms  {'ok' if met else 'MISSED'}"
    )
    print(
        f"{'  of which attrs + the raw requests call':<40} "
        f"{statistics.median(least) - statistics.median(base):+7.1f} ms ({pairs} pairs)"
    )
    return met


def _v3_sdk(url: str, key: str, secret: str) -> Any:
    sys.path.insert(0, str(V3SDK))
    from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
        FlowroutenumbersandmessagingClient,
    )

    module = sys.modules["flowroutenumbersandmessaging"]
    assert str(V3SDK) in str(module.__file__), "not the vendored SDK: " + str(module.__file__)
    sdk = FlowroutenumbersandmessagingClient(key, secret)
    sdk.config.base_uri = url
    return sdk.numbers


def _send_messages(client: flowroute.Client, sender: str, count: int) -> None:
    for index in range(count):
        client.v2.messages.send_a_message(
            {"to": "12065550100", "from": sender, "body": f"message {index}"}
        )


def main() -> int:
    """Run every comparison and print it; exit status 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100, help="detail calls per round")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per run")
    parser.add_argument("--runs", type=int, default=5, help="runs per comparison")
    parser.add_argument(
        "--no-orjson", action="store_true", help="decode with the standard library only"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="run only the comparisons whose name contains TEXT (repeatable)",
    )
    args = parser.parse_args()
    if args.no_orjson:
        from flowroute import _json

        _json._fast = None

    spawn = multiprocessing.get_context("spawn")
    parent, child = spawn.Pipe()
    server = spawn.Process(target=_serve, args=(child,))
    server.start()
    try:
        url, key, secret = parent.recv()
        if args.only and all(text in "import" for text in args.only):
            # Fresh interpreters against the served emulator: nothing else to set up
            # (the v3 SDK and its dependencies are not needed).
            met = _first_call_cost(url, key, secret, max(args.runs * 6, 30))
            print("all targets met" if met else "TARGET MISSED")
            return 0 if met else 1
        client = flowroute.Client(key, secret, base_url=url)
        v2, v1 = client.v2, client.v1
        numbers = v2.numbers.list_account_phone_numbers(limit=ITEMS).items
        number_id = numbers[0].id
        _send_messages(client, number_id, ITEMS)
        since = "2000-01-01"
        message_id = v2.messages.look_up_a_set_of_messages(since, limit=1).items[0].id
        session = requests.Session()
        session.auth = (key, secret)
        signed = requests.Session()
        signed.auth = V1Signature(key, secret)
        sdk = _v3_sdk(url, key, secret)
        lists = max(args.calls // 4, 5)

        targets = [
            Target(
                "v2 numbers list (200)",
                lambda: v2.numbers.list_account_phone_numbers(limit=ITEMS),
                lambda: session.get(f"{url}/v2/numbers", params={"limit": ITEMS}).json(),
                "requests",
                1.0,
                lists,
            ),
            Target(
                "v2.1 messages list (200)",
                lambda: v2.messages.look_up_a_set_of_messages(since, limit=ITEMS),
                lambda: session.get(
                    f"{url}/v2.1/messages", params={"start_date": since, "limit": ITEMS}
                ).json(),
                "requests",
                1.0,
                lists,
            ),
            Target(
                "v1 numbers list (200)",
                lambda: v1.telephone_numbers.list_account_telephone_numbers(limit=ITEMS),
                lambda: signed.get(f"{url}/v1/tns/", params={"limit": ITEMS}).json(),
                "requests",
                1.0,
                lists,
            ),
            Target(
                "v2 number details",
                lambda: v2.numbers.list_phone_number_details(number_id),
                lambda: session.get(f"{url}/v2/numbers/{number_id}").json(),
                "requests",
                0.7,
                args.calls,
            ),
            Target(
                "v2.1 message details",
                lambda: v2.messages.look_up_a_message_detail_record(message_id),
                lambda: session.get(f"{url}/v2.1/messages/{message_id}").json(),
                "requests",
                0.7,
                args.calls,
            ),
            Target(
                "v1 number details",
                lambda: v1.telephone_numbers.telephone_number_details(number_id),
                lambda: signed.get(f"{url}/v1/tns/{number_id}").json(),
                "requests",
                0.7,
                args.calls,
            ),
            Target(
                "v2 numbers list (200)",
                lambda: v2.numbers.list_account_phone_numbers(limit=ITEMS),
                lambda: sdk.list_account_phone_numbers(limit=ITEMS),
                "v3 SDK",
                0.35,
                lists,
            ),
        ]
        from flowroute import _json

        decoder = "orjson" if _json.fast_in_use() is not None else "json (standard library)"
        print(
            f"flowroute {flowroute.__version__}, Python {sys.version.split()[0]}, "
            f"decoder {decoder}; {args.runs} runs x {args.rounds} interleaved rounds; "
            "median run (lowest-highest)"
        )
        if args.only:
            targets = [t for t in targets if any(text in t.name for text in args.only)]
        met = [_report(t, args.rounds, args.runs) for t in targets]
        if not args.only or any(text in "import" for text in args.only):
            met.append(_first_call_cost(url, key, secret, max(args.runs * 6, 30)))
    finally:
        parent.send("stop")
        server.join(timeout=10)
    print("all targets met" if all(met) else "TARGET MISSED")
    return 0 if all(met) else 1


if __name__ == "__main__":
    raise SystemExit(main())
