"""Walking a large account through the served emulator: client memory and server time per page.

The emulator runs in a child process, seeded with `Emulator.seed_numbers`;
the client walks every page with flowroute's lazy paging: v2
``list_account_phone_numbers(limit=200)`` and v1
``list_account_telephone_numbers(limit=200)``. For each account size it
prints the walk's wall time, the emulator's CPU per page (the child's
process time over the walk, so the client's own work is not counted), the
client's tracemalloc peak during a separate walk, and the emulator's
resident memory after the walks.

Targets (issue 11 section 3): the client's peak at the largest size within
10% of the smallest (memory constant in the number of pages), and the
emulator's CPU per page independent of the account's size (here: within
1.5x, as this machine is shared and noisy).

Usage: python benchmarks/bench_walk.py [--sizes 10000,100000] [--limit 200]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time
import tracemalloc
from collections.abc import Iterable
from multiprocessing.connection import Connection
from typing import Any, Callable

import flowroute

MEMORY_TOLERANCE = 1.10
PAGE_TIME_TOLERANCE = 1.5


def _resident_mb() -> float:
    """This process's resident memory in MB (Linux), else its peak."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def _serve(conn: Connection) -> None:
    """The child: one served emulator, answering commands on `conn` until ``stop``."""
    from flowroute.emulator import Emulator

    emulator = Emulator(seed=0)
    with emulator.serve() as url:
        conn.send((url, emulator.access_key, emulator.secret_key))
        while True:
            command, argument = conn.recv()
            if command == "seed":
                emulator.reset()
                emulator.seed_numbers(argument)
                conn.send(None)
            elif command == "cpu":
                conn.send(time.process_time())
            elif command == "rss":
                conn.send(_resident_mb())
            else:
                return


def _ask(conn: Connection, command: str, argument: Any = None) -> Any:
    conn.send((command, argument))
    return conn.recv()


def _walk(items: Iterable[object]) -> int:
    """Iterate every item of every page, keeping none of them."""
    count = 0
    for _ in items:
        count += 1
    return count


def _measure(
    conn: Connection, walk: Callable[[], Iterable[object]], size: int, limit: int
) -> dict[str, float]:
    pages = -(-size // limit)
    cpu, wall = _ask(conn, "cpu"), time.perf_counter()
    walked = _walk(walk())
    wall, cpu = time.perf_counter() - wall, _ask(conn, "cpu") - cpu
    assert walked == size, (walked, size)
    tracemalloc.start()
    _walk(walk())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"wall": wall, "page_ms": cpu / pages * 1000, "peak_kb": peak / 1024}


def main() -> int:
    """Run the walks and print the figures; exit status 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="account sizes, smallest first")
    parser.add_argument("--limit", type=int, default=200, help="page size (default 200)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    server = context.Process(target=_serve, args=(child,))
    server.start()
    results: dict[tuple[str, int], dict[str, float]] = {}
    try:
        url, access_key, secret_key = parent.recv()
        client = flowroute.Client(access_key, secret_key, base_url=url)
        walks = {
            "v2": lambda: client.v2.numbers.list_account_phone_numbers(limit=args.limit),
            "v1": lambda: client.v1.telephone_numbers.list_account_telephone_numbers(
                limit=args.limit
            ),
        }
        print(f"flowroute {flowroute.__version__}, pages of {args.limit}")
        for size in sizes:
            started = time.perf_counter()
            _ask(parent, "seed", size)
            seeded = time.perf_counter() - started
            for name, walk in walks.items():
                figures = _measure(parent, walk, size, args.limit)
                results[name, size] = figures
                print(
                    f"{name} {size:>7} numbers: walk {figures['wall']:6.2f} s, "
                    f"emulator {figures['page_ms']:6.2f} ms CPU/page, "
                    f"client peak {figures['peak_kb']:7.1f} KiB"
                )
            rss = _ask(parent, "rss")
            print(f"   {size:>7} numbers: seeded in {seeded:.2f} s; emulator resident {rss:.0f} MB")
    finally:
        parent.send(("stop", None))
        server.join(timeout=30)
    return _verdict(results, sizes)


def _verdict(results: dict[tuple[str, int], dict[str, float]], sizes: list[int]) -> int:
    small, large = sizes[0], sizes[-1]
    met = True
    for name in ("v2", "v1"):
        memory = results[name, large]["peak_kb"] / results[name, small]["peak_kb"]
        page = results[name, large]["page_ms"] / results[name, small]["page_ms"]
        ok = memory <= MEMORY_TOLERANCE and page <= PAGE_TIME_TOLERANCE
        met = met and ok
        print(
            f"{name} {large} vs {small}: client peak x{memory:.2f} (<= {MEMORY_TOLERANCE}), "
            f"emulator CPU/page x{page:.2f} (<= {PAGE_TIME_TOLERANCE}) {'ok' if ok else 'MISSED'}"
        )
    print("targets met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
