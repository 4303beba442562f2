"""Reading a CDR export: ``client.v2.cdrs.parse`` against a plain ``csv.DictReader``.

For each size the emulator makes an export of that many calls (its seeded
call history, gzip CSV as the service serves it); the file is downloaded
once through ``download_cdr_export`` (gunzipped on the way) and then read
three ways, each timed in CPU seconds and, in a second pass, measured with
tracemalloc:

- ``parse``: typed `CallDetailRecord`s (Decimal money, UTC datetimes, ints),
  one at a time;
- ``DictReader``: dicts of strings, one at a time (no types: the floor);
- ``list(DictReader)``: what the published v3 SDK's ``parse_cdr_export``
  returns, every row held at once.

Target (issue 12): the peak of ``parse`` does not grow with the export's size.

Usage: python benchmarks/bench_cdr_parse.py [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import csv
import pathlib
import tempfile
import time
import tracemalloc
from typing import Any, Callable

import flowroute
from flowroute.emulator import Emulator


def _export(calls: int, folder: pathlib.Path) -> pathlib.Path:
    """A downloaded (uncompressed) CDR export of `calls` calls."""
    emu = Emulator(seed=0)
    emu.set_call_history(calls)
    path = folder / f"cdrs-{calls}.csv"
    with emu.mock():
        client = flowroute.Client(emu.access_key, emu.secret_key)
        export = client.v2.cdrs.create_cdr_export(
            start_call_start_time="2000-01-01", start_call_end_time="2100-01-01"
        )
        client.v2.cdrs.download_cdr_export(export.id, path)
    return path


def _parse(path: pathlib.Path) -> int:
    return sum(1 for _ in flowroute.Client("k", "s").v2.cdrs.parse(path))


def _dict_reader(path: pathlib.Path) -> int:
    with open(path, newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.DictReader(file))


def _dict_list(path: pathlib.Path) -> int:
    with open(path, newline="", encoding="utf-8") as file:
        return len(list(csv.DictReader(file)))


READERS: dict[str, Callable[[pathlib.Path], int]] = {
    "parse": _parse,
    "DictReader": _dict_reader,
    "list(DictReader)": _dict_list,
}


def _measure(read: Callable[[pathlib.Path], int], path: pathlib.Path) -> tuple[int, float, int]:
    started = time.process_time()
    count = read(path)
    cpu = time.process_time() - started
    tracemalloc.start()
    try:
        read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, cpu, peak


def main(argv: Any = None) -> None:
    """Print records/s and peak memory of each reader at each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="export sizes, comma-separated")
    sizes = [int(size) for size in parser.parse_args(argv).sizes.split(",")]
    print(f"{'calls':>8} {'reader':<18} {'records/s':>10} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = _export(size, pathlib.Path(folder))
            for name, read in READERS.items():
                count, cpu, peak = _measure(read, path)
                assert count == size, (name, count, size)
                print(f"{size:>8} {name:<18} {count / cpu:>10,.0f} {peak / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
