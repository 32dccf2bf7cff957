"""Ship task output to CloudWatch Logs in the emulator (awslogs driver semantics) and to a local file.

Stream name as the awslogs driver builds it for ECS: <prefix>/<container name>/<task id>.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from dev.platform.aws import Clients
from dev.platform.spec import LogTarget

log = logging.getLogger(__name__)
_BATCH = 1000  # well under PutLogEvents' 10,000 events / 1 MB


def stream_name(target: LogTarget, container: str, task_id: str) -> str:
    return f"{target.stream_prefix}/{container}/{task_id}" if target.stream_prefix else task_id


@dataclass
class LogStream:
    target: LogTarget | None
    name: str
    file: IO[str]
    pending: list[tuple[int, str]] = field(default_factory=list)
    created: bool = False
    closed: bool = False
    failed: bool = False


class LogShipper:
    def __init__(self, clients: Clients, local_dir: Path, interval_s: float = 1.0) -> None:
        self._c = clients
        self._dir = local_dir
        self._interval = interval_s
        self._streams: list[LogStream] = []
        self._dir.mkdir(parents=True, exist_ok=True)

    def open(self, target: LogTarget | None, container: str, task_id: str) -> tuple[LogStream, Path]:
        path = self._dir / f"{task_id}-{container}.log"
        name = stream_name(target, container, task_id) if target else ""
        stream = LogStream(target, name, path.open("a", buffering=1, encoding="utf-8"))
        self._streams.append(stream)
        return stream, path

    @staticmethod
    def write(stream: LogStream, line: str) -> None:
        if stream.closed:
            return
        stream.file.write(line + "\n")
        if stream.target is not None and not stream.failed:
            stream.pending.append((int(time.time() * 1000), line or " "))

    @staticmethod
    def close(stream: LogStream) -> None:
        stream.closed = True
        stream.file.close()

    def _ensure_stream(self, s: LogStream) -> None:
        assert s.target is not None
        logs = self._c.logs
        exists = logs.exceptions.ResourceAlreadyExistsException
        if s.target.create_group:
            with contextlib.suppress(exists):
                logs.create_log_group(logGroupName=s.target.group)
        with contextlib.suppress(exists):
            logs.create_log_stream(logGroupName=s.target.group, logStreamName=s.name)
        s.created = True

    def _ship(self, s: LogStream, events: list[tuple[int, str]]) -> None:
        assert s.target is not None
        try:
            if not s.created:
                self._ensure_stream(s)
            for i in range(0, len(events), _BATCH):
                self._c.logs.put_log_events(
                    logGroupName=s.target.group,
                    logStreamName=s.name,
                    logEvents=[{"timestamp": ts, "message": msg} for ts, msg in events[i : i + _BATCH]],
                )
        except Exception as exc:  # the emulator may be gone; keep the local file, say it once
            s.failed = True
            log.warning("log shipping to %s/%s stopped: %s", s.target.group, s.name, exc)

    def _take(self) -> list[tuple[LogStream, list[tuple[int, str]]]]:
        # Runs on the event loop thread, where lines are appended: swap the buffers, ship them elsewhere.
        work = []
        for s in list(self._streams):
            if s.pending and s.target is not None and not s.failed:
                work.append((s, s.pending))
                s.pending = []
            if s.closed:
                self._streams.remove(s)
        return work

    def _ship_all(self, work: list[tuple[LogStream, list[tuple[int, str]]]]) -> None:
        for s, events in work:
            self._ship(s, events)

    async def flush(self) -> None:
        await asyncio.to_thread(self._ship_all, self._take())

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            await self.flush()
