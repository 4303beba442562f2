__all__ = [
    'basic_auth',
]