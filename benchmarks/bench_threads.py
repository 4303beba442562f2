"""8-thread throughput of one shared flowroute Client relative to 8 threads of raw `requests`.

Both sides make the same GET calls (a number's details, and a page of 20
account numbers) against the same emulator, served from a child process so
that this process's CPU is client CPU only. Rounds are interleaved (ours,
then raw, then ours...) so drift on a shared machine hits both sides.

Raw `requests` gets one `Session` per thread, the way the requests
documentation advises for threads (a Session is not documented as
thread-safe); a shared raw Session is measured too, for reference. The
flowroute side shares one Client, as its documentation allows.

Target (issue 7): shared Client throughput at least 0.9x raw requests'.

Usage: python benchmarks/bench_threads.py [--threads N] [--calls N] [--rounds R]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import threading
import time
from multiprocessing.connection import Connection
from typing import Callable

import requests

import flowroute

TARGET = 0.9
ACCOUNT_NUMBERS = 40


def _serve(conn: Connection) -> None:
    from flowroute.emulator import Emulator

    emulator = Emulator(seed=0)
    with emulator.serve() as url:
        conn.send((url, emulator.access_key, emulator.secret_key))
        conn.recv()  # any message means stop


def _throughput(workers: list[Callable[[], None]], calls_per_thread: int) -> tuple[float, float]:
    """(calls per second, client CPU ms per call) of the workers run at once."""
    barrier = threading.Barrier(len(workers) + 1)

    def run(work: Callable[[], None]) -> None:
        barrier.wait()
        for _ in range(calls_per_thread // 2):
            work()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    barrier.wait()
    wall, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    calls = len(workers) * (calls_per_thread // 2) * 2
    return calls / wall, cpu / calls * 1000


def main() -> int:
    """Run the benchmark, print the throughput ratio; exit status 1 below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8, help="threads per side (default 8)")
    parser.add_argument("--calls", type=int, default=200, help="calls per thread (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    args = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    server = context.Process(target=_serve, args=(child,))
    server.start()
    try:
        url, access_key, secret_key = parent.recv()
        client = flowroute.Client(access_key, secret_key, base_url=url)
        numbers = client.v2.numbers
        offers = numbers.search_for_purchasable_phone_numbers(limit=ACCOUNT_NUMBERS)
        for offer in offers.items:
            numbers.purchase_a_phone_number(offer.id)
        number_id = offers.items[0].id
        detail_url, list_url = f"{url}/v2/numbers/{number_id}", f"{url}/v2/numbers"

        def ours() -> None:
            assert numbers.list_phone_number_details(number_id).id == number_id
            assert len(numbers.list_account_phone_numbers(limit=20).items) == 20

        def raw_worker(session: requests.Session) -> Callable[[], None]:
            def raw() -> None:
                detail = session.get(detail_url)
                detail.raise_for_status()
                assert detail.json()["data"]["id"] == number_id
                listed = session.get(list_url, params={"limit": 20})
                listed.raise_for_status()
                assert len(listed.json()["data"]) == 20

            return raw

        sessions = [requests.Session() for _ in range(args.threads + 1)]
        for session in sessions:
            session.auth = (access_key, secret_key)
        per_thread = [raw_worker(s) for s in sessions[:-1]]
        shared = [raw_worker(sessions[-1])] * args.threads

        sides: dict[str, list[Callable[[], None]]] = {
            "flowroute, one shared Client": [ours] * args.threads,
            "requests, one Session per thread": per_thread,
            "requests, one shared Session": shared,
        }
        for workers in sides.values():  # warm up pools and converters
            _throughput(workers, 4)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, workers in sides.items():
                results[name].append(_throughput(workers, args.calls))
        client.close()
        for session in sessions:
            session.close()
    finally:
        parent.send("stop")
        server.join(timeout=10)

    print(
        f"flowroute {flowroute.__version__}: {args.threads} threads x {args.calls} GET calls, "
        f"median of {args.rounds} interleaved rounds"
    )
    medians = {}
    for name, samples in results.items():
        rate = statistics.median(r for r, _ in samples)
        cpu = statistics.median(c for _, c in samples)
        medians[name] = rate
        print(f"  {name:<34} {rate:7.0f} calls/s   client CPU {cpu:.3f} ms/call")
    ours_rate = medians["flowroute, one shared Client"]
    ratio = ours_rate / medians["requests, one Session per thread"]
    shared_ratio = ours_rate / medians["requests, one shared Session"]
    print(f"throughput ratio vs requests (Session per thread): {ratio:.2f}x")
    print(f"throughput ratio vs requests (shared Session):     {shared_ratio:.2f}x")
    met = ratio >= TARGET
    print("target met" if met else f"TARGET MISSED (ratio >= {TARGET})")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
