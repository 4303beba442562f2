"""Deterministic generation of the purchasable inventory and credentials.

Everything is drawn from the `random.Random` the caller passes in, in a
fixed order, so the same seed always yields the same inventory.
"""

from __future__ import annotations

import array
import bisect
import hashlib
import itertools
import random
from collections.abc import Iterable, Mapping
from decimal import Decimal

from .models import AvailableNumber

# Area code -> (state, rate centers). Rate centers are the lowercase
# abbreviations the v2 API shows; an exchange belongs to exactly one.
AREAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("201", "nj", ("jerseycity", "oradell", "hackensack", "bayonne")),
    ("206", "wa", ("seattle", "vashon")),
    ("212", "ny", ("nwyrcyzn01", "nwyrcyzn03")),
    ("303", "co", ("denver", "aurora")),
    ("312", "il", ("chicago",)),
    ("347", "ny", ("nwyrcyzn01", "nwyrcyzn05")),
    ("415", "ca", ("sanfrancsc", "sausalito")),
    ("503", "or", ("portland", "beaverton")),
    ("512", "tx", ("austin", "roundrock")),
    ("617", "ma", ("boston", "cambridge")),
    ("646", "ny", ("nwyrcyzn01",)),
    ("650", "ca", ("millbrae", "redwoodcy", "paloalto")),
)

# (price, weight): most numbers cost 1.00 to set up, a few are premium.
SETUP_COSTS: tuple[tuple[Decimal, int], ...] = (
    (Decimal("1.00"), 85),
    (Decimal("3.99"), 12),
    (Decimal("25.00"), 3),
)
MONTHLY_COST = Decimal("1.25")
# Inclusive ranges; the minimums guarantee at least 12 * 4 * 24 = 1,152 numbers.
EXCHANGES_PER_AREA = (4, 6)
NUMBERS_PER_EXCHANGE = (24, 36)
# Real exchange codes start with 2-9 and are never N11 (211, 311, ... are service codes).
NXX_CODES = tuple(code for code in range(200, 1000) if code % 100 != 11)
_AREA_BY_CODE = {npa: (state, centers) for npa, state, centers in AREAS}
_CUMULATIVE_WEIGHTS = tuple(itertools.accumulate(weight for _, weight in SETUP_COSTS))
_TOTAL_WEIGHT = _CUMULATIVE_WEIGHTS[-1]


def generate(rng: random.Random) -> list[AvailableNumber]:
    """Build the inventory, sorted by number, drawing only from `rng`."""
    numbers: list[AvailableNumber] = []
    costs = [cost for cost, _ in SETUP_COSTS]
    weights = [weight for _, weight in SETUP_COSTS]
    for npa, state, rate_centers in AREAS:
        nxxs = rng.sample(NXX_CODES, rng.randint(*EXCHANGES_PER_AREA))
        for nxx in sorted(nxxs):
            rate_center = rng.choice(rate_centers)
            lines = rng.sample(range(10000), rng.randint(*NUMBERS_PER_EXCHANGE))
            for line in sorted(lines):
                numbers.append(
                    AvailableNumber(
                        number=f"1{npa}{nxx:03d}{line:04d}",
                        npa=npa,
                        nxx=f"{nxx:03d}",
                        rate_center=rate_center,
                        state=state,
                        number_type="standard",
                        setup_cost=rng.choices(costs, weights)[0],
                        monthly_cost=MONTHLY_COST,
                    )
                )
    return numbers


def more_numbers(rng: random.Random, count: int, taken: Iterable[Iterable[str]]) -> list[str]:
    """`count` further numbers in the same areas, none of them in `taken`, sorted.

    Drawn from `rng` 64 bits at a time in bulk, so that seeding a large
    account stays fast; the result depends only on the random source and
    `taken` (never on set order), so it is deterministic.
    """
    prefixes = [f"1{npa}{nxx:03d}" for npa, _, _ in AREAS for nxx in NXX_CODES]
    space = len(prefixes) * 10000
    chosen: set[str] = set()
    while len(chosen) < count:
        wanted = count - len(chosen)
        draws = array.array("Q", rng.getrandbits(64 * wanted).to_bytes(8 * wanted, "little"))
        fresh = {f"{prefixes[(v % space) // 10000]}{v % 10000:04d}" for v in draws}
        fresh.difference_update(chosen, *taken)
        chosen.update(fresh)
    return sorted(chosen)


def listing_of(number: str, exchanges: Mapping[str, str]) -> AvailableNumber:
    """The inventory record of a number from `more_numbers`, derived from the number alone.

    An exchange in `exchanges` (npa + nxx -> rate center) keeps its rate
    center; the setup cost is a weighted pick keyed by the number.
    """
    npa, nxx = number[1:4], number[4:7]
    state, rate_centers = _AREA_BY_CODE[npa]
    rate_center = exchanges.get(npa + nxx) or rate_centers[int(nxx) % len(rate_centers)]
    pick = int(number) * 2654435761 % _TOTAL_WEIGHT  # Knuth's multiplicative hash
    return AvailableNumber(
        number=number,
        npa=npa,
        nxx=nxx,
        rate_center=rate_center,
        state=state,
        number_type="standard",
        setup_cost=SETUP_COSTS[bisect.bisect_right(_CUMULATIVE_WEIGHTS, pick)][0],
        monthly_cost=MONTHLY_COST,
    )


def credentials(seed: int) -> tuple[str, str]:
    """Derive an (access key, secret key) pair from the seed.

    A hash rather than the state's random source, so that choosing explicit
    credentials never changes the generated inventory.
    """
    digest = hashlib.sha256(f"flowroute-emulator:{seed}".encode()).hexdigest()
    access_key = str(int(digest[:12], 16) % 10**8).zfill(8)
    return access_key, digest[32:64]
