"""The SDK's exceptions: ``api_exception.APIException``, ``error_exception.ErrorException``."""
