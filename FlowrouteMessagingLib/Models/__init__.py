"""The legacy messaging model: ``Message``."""

from .Message import Message

__all__ = ["Message"]
