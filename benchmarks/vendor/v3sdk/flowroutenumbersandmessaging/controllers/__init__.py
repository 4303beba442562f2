__all__ = [
    'base_controller',
    'cdrs_controller',
    'numbers_controller',
    'routes_controller',
    'messages_controller',
]