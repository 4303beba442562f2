__all__ = [
    'api_helper',
    'configuration',
    'models',
    'controllers',
    'http',
    'exceptions',
    'decorators',
    'flowroute_numbers_and_messaging_client',
]