"""The legacy messaging controller."""
