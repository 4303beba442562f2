"""Client cost of flowroute calls relative to raw `requests`, on the loopback emulator.

Prints ratios, not absolute times: this machine is shared and noisy, but both
sides run in the same process, against the same server, interleaved round by
round, so the ratio is what holds. The emulator runs in a child process, so
`time.process_time()` here counts client CPU only.

Targets (issue 4): list and detail calls at most 1.3x raw requests' CPU;
`import flowroute` at most 50 ms above `import requests`.

Usage: python benchmarks/bench_calls.py [--calls N] [--rounds R]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from typing import Callable

import requests

import flowroute


def _serve(conn: Connection) -> None:
    from flowroute.emulator import Emulator

    emulator = Emulator(seed=0)
    with emulator.serve() as url:
        conn.send((url, emulator.access_key, emulator.secret_key))
        conn.recv()  # any message means stop


def _cpu_per_call(call: Callable[[], object], calls: int) -> float:
    start = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - start) / calls


def _compare(
    name: str, ours: Callable[[], object], raw: Callable[[], object], calls: int, rounds: int
) -> float:
    ours(), raw()  # warm up connections and converters
    ours_times, raw_times = [], []
    for _ in range(rounds):
        ours_times.append(_cpu_per_call(ours, calls))
        raw_times.append(_cpu_per_call(raw, calls))
    ours_ms = statistics.median(ours_times) * 1000
    raw_ms = statistics.median(raw_times) * 1000
    ratio = ours_ms / raw_ms
    print(f"{name:<42} flowroute {ours_ms:7.3f} ms  requests {raw_ms:7.3f} ms  ratio {ratio:.2f}x")
    return ratio


def _import_wall(module: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    return time.perf_counter() - start


def _import_cost(rounds: int) -> float:
    base, ours = [], []
    for _ in range(rounds):
        base.append(_import_wall("requests"))
        ours.append(_import_wall("flowroute"))
    extra_ms = (statistics.median(ours) - statistics.median(base)) * 1000
    print(
        f"{'import flowroute vs import requests':<42} "
        f"{extra_ms:+.1f} ms (median of {rounds}; requests alone "
        f"{statistics.median(base) * 1000:.1f} ms)"
    )
    return extra_ms


def main() -> int:
    """Run the benchmark and print its ratios; exit status 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100, help="calls per round (default 100)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    args = parser.parse_args()

    parent, child = multiprocessing.get_context("spawn").Pipe()
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(child,))
    server.start()
    try:
        url, access_key, secret_key = parent.recv()
        client = flowroute.Client(access_key, secret_key, base_url=url)
        numbers = client.v2.numbers
        for offer in numbers.search_for_purchasable_phone_numbers(limit=200).items:
            numbers.purchase_a_phone_number(offer.id)
        number_id = numbers.list_account_phone_numbers(limit=1).items[0].id
        session = requests.Session()
        session.auth = (access_key, secret_key)

        print(f"flowroute {flowroute.__version__}, {args.rounds} rounds x {args.calls} calls")
        ratios = [
            _compare(
                "list_account_phone_numbers(limit=200)",
                lambda: numbers.list_account_phone_numbers(limit=200),
                lambda: session.get(f"{url}/v2/numbers", params={"limit": 200}).json(),
                max(args.calls // 4, 5),
                args.rounds,
            ),
            _compare(
                "list_phone_number_details",
                lambda: numbers.list_phone_number_details(number_id),
                lambda: session.get(f"{url}/v2/numbers/{number_id}").json(),
                args.calls,
                args.rounds,
            ),
        ]
        extra_ms = _import_cost(args.rounds * 2)
    finally:
        parent.send("stop")
        server.join(timeout=10)
    met = all(r <= 1.3 for r in ratios) and extra_ms <= 50
    print("targets met" if met else "TARGET MISSED (list/detail <= 1.3x, import <= +50 ms)")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
