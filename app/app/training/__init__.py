"""Training: runs in its own process (``python -m app.training <job_id>``), the only place fastai is imported.

``spec`` (the request schema) is imported by the API too, so this package's import must stay fastai-free.
"""
