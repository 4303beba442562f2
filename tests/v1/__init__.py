"""Tests of the v1 client."""
