"""The SDK's controllers, one module each, as the SDK laid them out."""
