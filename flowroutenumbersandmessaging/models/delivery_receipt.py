"""``...models.delivery_receipt``: the SDK's ``DeliveryReceipt``."""

from flowroute.compat.v3.models import DeliveryReceipt

__all__ = ["DeliveryReceipt"]
