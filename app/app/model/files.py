"""What a model version is made of in the bucket, and the error for a version that is not usable.

Kept apart from ``loaded`` so the serving process can name them without importing torch: torch loads with
the first model, not at start-up (a replica answers its health checks a second or more sooner).
"""

from __future__ import annotations

WEIGHTS_FILE = "weights.safetensors"
STATE_FILE = "preprocess.json"
METRICS_FILE = "metrics.json"


class ModelLoadError(Exception):
    """The files of a version do not make a usable model (bad JSON, shape mismatch, bad weights)."""
