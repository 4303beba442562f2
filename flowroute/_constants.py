"""Defaults of the client, in one place."""

from __future__ import annotations

DEFAULT_BASE_URL = "https://api.flowroute.com"
DEFAULT_TIMEOUT = 30.0  # seconds an attempt may take, from connecting to the body's last byte
# Seconds a whole download (CDR export) may take, connect to last byte: a large file
# legitimately outlasts `DEFAULT_TIMEOUT`; an endless or dripping one must not hold forever.
DEFAULT_DOWNLOAD_TIMEOUT = 3600.0
MAX_TIMEOUT = 86_400.0  # a day: any longer timeout, backoff or budget is a typo (or inf)
DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024  # no API answer comes near; a broken server might
READ_CHUNK_BYTES = (
    256 * 1024
)  # one read for a usual body; the cap and deadline are checked per read
DEFAULT_MAX_RETRIES = 2

INITIAL_BACKOFF = 0.5  # seconds before the first retry, before jitter
MAX_BACKOFF = 8.0  # the exponential backoff never waits longer than this
RETRY_AFTER_CAP = 30.0  # a server's Retry-After is honoured up to this many seconds
RETRY_BUDGET = 60.0  # no retry starts once this much time has passed since the first attempt

# Statuses that say "try again later" without the request having been processed.
RETRY_STATUSES = frozenset({429, 502, 503, 504})

ENV_ACCESS_KEY = "FR_ACCESS_KEY"
ENV_SECRET_KEY = "FR_SECRET_KEY"
ENV_BASE_URL = "FLOWROUTE_BASE_URL"

JSON_CONTENT_TYPE = "application/json"
