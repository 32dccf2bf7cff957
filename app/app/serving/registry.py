"""The model this replica serves, kept in step with the bucket's active pointer.

Polling is a conditional GET on the pointer's ETag (a 304 costs nothing). A new pointer is loaded fully —
hashes checked, module built, warmed — before one reference assignment swaps it in, so requests in flight
finish on the model they started with. A version that fails its checks is logged and skipped; the current
model keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING

import numpy as np

from app.model.files import STATE_FILE, WEIGHTS_FILE, ModelLoadError
from app.storage.models import IntegrityError, ModelStore
from app.storage.s3 import BucketUnavailable, NotFound

if TYPE_CHECKING:
    from app.model.loaded import LoadedModel

log = logging.getLogger("app.registry")


class ModelRegistry:
    def __init__(self, models: ModelStore) -> None:
        self.models = models
        self.current: LoadedModel | None = None
        self.bucket_error: str | None = "the bucket has not been reached yet"
        self.load_error: str | None = None
        self._etag: str | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self.current is not None and self.bucket_error is None

    def not_ready_reason(self) -> str | None:
        if self.bucket_error:
            return f"model bucket unreachable: {self.bucket_error}"
        if self.current is None:
            return self.load_error or "no active model: train one (POST /train) or activate a version"
        return None

    def load(self, version: str) -> LoadedModel:
        """Fetch, verify and build ``version`` (raises IntegrityError, ModelLoadError, NotFound, ...)."""
        from app.model.loaded import LoadedModel  # torch: imported with the first model, not at start-up

        model = LoadedModel.from_files(version, self.models.read_version(version, [WEIGHTS_FILE, STATE_FILE]))
        # One forward pass now, so the first request does not pay torch's lazy initialisation.
        n_cat, n_cont = len(model.state.cat_names), len(model.state.cont_names)
        model.forward(np.zeros((1, n_cat), dtype=np.int64), np.zeros((1, n_cont), dtype=np.float32))
        return model

    def install(self, model: LoadedModel) -> None:
        previous, self.current = self.current, model
        self.load_error = None
        if previous is None or previous.version != model.version:
            log.info(
                "serving model version %s",
                model.version,
                extra={"model_version": model.version, "previous": previous and previous.version},
            )

    def poll_once(self) -> None:
        with self._lock:
            self._poll()

    def _poll(self) -> None:
        try:
            result = self.models.active(if_none_match=self._etag)
        except NotFound:
            self._bucket_ok()
            self._etag = None
            return
        except IntegrityError as e:
            self._bucket_ok()
            log.error("%s; keeping the current model", e)
            return
        except BucketUnavailable as e:
            if self.bucket_error is None:
                log.warning("model bucket unreachable: %s", e)
            self.bucket_error = str(e)
            return
        self._bucket_ok()
        if result is None:
            return
        pointer, etag = result
        if self.current is not None and self.current.version == pointer.version:
            self._etag = etag
            return
        try:
            model = self.load(pointer.version)
        except BucketUnavailable as e:
            self.bucket_error = str(e)  # retried on the next poll: the ETag is not recorded
            return
        except (IntegrityError, ModelLoadError, NotFound) as e:
            self._etag = etag  # this pointer stays broken until it changes; do not reload it every poll
            self.load_error = f"active version {pointer.version} is unusable: {e}"
            log.error("%s; keeping version %s", self.load_error, self.current and self.current.version)
            return
        self._etag = etag
        self.install(model)

    def _bucket_ok(self) -> None:
        if self.bucket_error is not None and self.current is not None:
            log.info("model bucket reachable again")
        self.bucket_error = None

    async def load_at_start(self, timeout_s: float) -> None:
        """One poll, waited for up to ``timeout_s``: a bucket that is down or slow must not stop the start."""
        if timeout_s <= 0:
            return
        try:
            await asyncio.wait_for(asyncio.to_thread(self.poll_once), timeout_s)
        except TimeoutError:
            log.warning("no model loaded within %.0f s of start; serving without one for now", timeout_s)
        except Exception:
            log.exception("model poll at start failed")

    async def run(self, interval_s: float) -> None:
        while True:
            try:
                await asyncio.to_thread(self.poll_once)
            except Exception:  # never let the poller die; the next poll tries again
                log.exception("model poll failed")
            await asyncio.sleep(interval_s)
