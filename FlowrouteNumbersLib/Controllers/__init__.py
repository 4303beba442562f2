"""The legacy controllers, one module each, as the legacy library laid them out."""
