"""Runtime state of a replica: the active model (polled from the bucket) and the training process it runs."""
