"""The SDK's models, one module each under the SDK's names (``models.number_26.Number26``)."""
