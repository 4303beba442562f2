"""Tests of the v2 / v2.1 client."""
