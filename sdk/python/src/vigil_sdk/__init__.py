"""Vigil's Python SDK: send predictions and labels to Vigil from a model service.

The core client (``Vigil``) uses the standard library only; ``vigil_sdk.otel`` needs the
``otel`` extra.
"""

from .client import DeliveryProblem, Stats, Vigil
from .events import VigilValidationError

__all__ = ["DeliveryProblem", "Stats", "Vigil", "VigilValidationError"]
__version__ = "0.1.0"
