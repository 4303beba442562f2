"""Deterministic generation of the purchasable inventory and credentials.

Everything is drawn from the `random.Random` the caller passes in, in a
fixed order, so the same seed always yields the same inventory.
"""

from __future__ import annotations

import hashlib
import random
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


def credentials(seed: int) -> tuple[str, str]:
    """Derive an (access key, secret key) pair from the seed.

    A hash rather than the state's random source, so that choosing explicit
    credentials never changes the generated inventory.
    """
    digest = hashlib.sha256(f"flowroute-emulator:{seed}".encode()).hexdigest()
    access_key = str(int(digest[:12], 16) % 10**8).zfill(8)
    return access_key, digest[32:64]
