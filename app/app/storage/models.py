"""Model versions in the bucket: ``models/<version>/`` files + manifest; the ``models/active.json`` pointer.

Write order makes versions appear atomically: every file first, the manifest (sha256 of each file) last, and
the active pointer — one small object, one PUT — only after that. Readers ignore versions without a manifest
and verify every hash before a version is used.
"""

from __future__ import annotations

import hashlib
import secrets
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from app.storage.s3 import Blob, Bucket, NotFound

MODELS = "models/"
ACTIVE_KEY = "models/active.json"
MANIFEST = "manifest.json"
VERSION_PATTERN = r"^\d{8}T\d{12}Z-[0-9a-f]{6}$"


class IntegrityError(Exception):
    """A version's files do not match its manifest (or the manifest is unreadable)."""


class FileEntry(BaseModel):
    sha256: str
    size: int


class Manifest(BaseModel):
    version: str
    created_at: str
    files: dict[str, FileEntry]


class ActivePointer(BaseModel):
    version: str
    activated_at: str


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_version_id() -> str:
    """Sortable by creation time (UTC, microseconds), with a random suffix against same-instant clashes."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


class ModelStore:
    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket

    def write_version(self, version: str, files: dict[str, bytes]) -> Manifest:
        for name, body in files.items():
            self.bucket.put(f"{MODELS}{version}/{name}", body)
        manifest = Manifest(
            version=version,
            created_at=now_iso(),
            files={n: FileEntry(sha256=hashlib.sha256(b).hexdigest(), size=len(b)) for n, b in files.items()},
        )
        self.bucket.put(
            f"{MODELS}{version}/{MANIFEST}", manifest.model_dump_json().encode(), "application/json"
        )
        return manifest

    def manifest(self, version: str) -> Manifest:
        raw = self.bucket.read(f"{MODELS}{version}/{MANIFEST}")
        try:
            return Manifest.model_validate_json(raw)
        except ValidationError as e:
            raise IntegrityError(f"version {version}: unreadable manifest: {e}") from e

    def read_version(self, version: str, names: list[str] | None = None) -> dict[str, bytes]:
        """The version's files (all, or ``names``), each checked against the manifest's sha256."""
        manifest = self.manifest(version)
        wanted = names if names is not None else list(manifest.files)
        out: dict[str, bytes] = {}
        for name in wanted:
            entry = manifest.files.get(name)
            if entry is None:
                raise IntegrityError(f"version {version}: {name} is not in the manifest")
            try:
                body = self.bucket.read(f"{MODELS}{version}/{name}")
            except NotFound as e:
                raise IntegrityError(
                    f"version {version}: {name} is listed in the manifest but missing"
                ) from e
            digest = hashlib.sha256(body).hexdigest()
            if digest != entry.sha256 or len(body) != entry.size:
                raise IntegrityError(
                    f"version {version}: sha256 of {name} is {digest}, the manifest says {entry.sha256}"
                )
            out[name] = body
        return out

    def versions(self) -> list[str]:
        """Complete versions (those with a manifest), oldest first."""
        suffix = "/" + MANIFEST
        return sorted(
            k[len(MODELS) : -len(suffix)] for k in self.bucket.list_keys(MODELS) if k.endswith(suffix)
        )

    def metrics(self, versions: list[str], name: str) -> dict[str, dict[str, Any]]:
        """``name`` (a JSON file) of each version, fetched in parallel; unreadable ones are left out."""

        def one(v: str) -> tuple[str, dict[str, Any] | None]:
            try:
                return v, orjson.loads(self.read_version(v, [name])[name])
            except (NotFound, IntegrityError, orjson.JSONDecodeError):
                return v, None

        with ThreadPoolExecutor(max_workers=8) as pool:
            return {v: m for v, m in pool.map(one, versions) if m is not None}

    def active(self, if_none_match: str | None = None) -> tuple[ActivePointer, str] | None:
        """(pointer, etag); None when unchanged since ``if_none_match``. NotFound when nothing is active."""
        blob: Blob | None = self.bucket.get(ACTIVE_KEY, if_none_match=if_none_match)
        if blob is None:
            return None
        try:
            return ActivePointer.model_validate_json(blob.body), blob.etag
        except ValidationError as e:
            raise IntegrityError(f"unreadable active pointer {ACTIVE_KEY}: {e}") from e

    def activate(self, version: str) -> ActivePointer:
        """Point every replica at ``version`` (NotFound unless the version is complete)."""
        self.manifest(version)
        pointer = ActivePointer(version=version, activated_at=now_iso())
        self.bucket.put(ACTIVE_KEY, pointer.model_dump_json().encode(), "application/json")
        return pointer
