"""The legacy messaging controller module, ``APIController`` (empty, as the legacy one was)."""
