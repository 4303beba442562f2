"""Reliability suite: fuzzing, concurrency, secrets and the fault matrix."""
