__all__ = [
    'auth',
    'http_method_enum',
    'http_request',
    'http_response',
    'http_client',
    'http_context',
    'requests_client',
    'http_call_back',
]