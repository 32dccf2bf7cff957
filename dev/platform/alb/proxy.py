"""One ALB listener served on a local port: rule evaluation, then forward / redirect / fixed response.

Responses the ALB itself generates (502 when a target fails, 503 with no target, 504 on timeout) carry
the ALB's bodies and `Server: awselb/2.0`. X-Forwarded-For/-Proto/-Port are set as the ALB sets them.
"""

from __future__ import annotations

import logging
import time
import uuid
from urllib.parse import parse_qsl

import aiohttp
from aiohttp import web

from dev.platform.alb.balancer import Balancer, Endpoint
from dev.platform.alb.rules import FixedResponse, Forward, Redirect, Request, redirect_location, select_rule
from dev.platform.spec import ListenerSpec
from dev.platform.tasks import free_port

log = logging.getLogger(__name__)

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)
_CONNECT_ERRORS = (aiohttp.ClientConnectionError, aiohttp.ClientOSError)


def alb_error(status: int) -> web.Response:
    reason = {502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out"}[status]
    title = f"{status} {reason}"
    body = (
        f"<html>\r\n<head><title>{title}</title></head>\r\n"
        f"<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n"
    )
    return web.Response(status=status, text=body, content_type="text/html", headers={"Server": "awselb/2.0"})


class ListenerProxy:
    def __init__(self, listener: ListenerSpec, balancer: Balancer, host: str, port: int) -> None:
        self.listener = listener
        self._balancer = balancer
        self._host, self.port = host, port
        self._runner: web.ServerRunner | None = None
        # Idle upstream connections close before uvicorn's 5 s keep-alive does, so none is reused half-closed.
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self.port == 0:
            self.port = free_port(self._host)
        server = web.Server(self._handle, access_log=None)
        self._runner = web.ServerRunner(server, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self.port, reuse_address=True)
        await site.start()
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=2.0),
            auto_decompress=False,
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5, sock_read=self.listener.idle_timeout_s),
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        peer = request.remote or ""
        req = Request(
            method=request.method,
            path=request.path,
            host=request.host,
            headers={k.lower(): v for k, v in request.headers.items()},
            query=tuple(parse_qsl(request.query_string, keep_blank_values=True)),
            source_ip=peer,
        )
        rule = select_rule(list(self.listener.rules), req)
        if rule is None:
            return web.Response(status=404, text="no rule matched", headers={"Server": "awselb/2.0"})
        action = rule.action
        if isinstance(action, FixedResponse):
            return web.Response(
                status=action.status_code,
                text=action.body,
                content_type=action.content_type,
                headers={"Server": "awselb/2.0"},
            )
        if isinstance(action, Redirect):
            location = redirect_location(
                action,
                protocol=self.listener.protocol.upper(),
                host=request.host.split(":")[0],
                port=self.listener.port,
                path=request.path,
                query=request.query_string,
            )
            return web.Response(
                status=action.status_code, headers={"Location": location, "Server": "awselb/2.0"}
            )
        assert isinstance(action, Forward)
        return await self._forward(request, action, peer)

    def _upstream_headers(self, request: web.BaseRequest, peer: str) -> dict[str, str]:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        prior = request.headers.get("X-Forwarded-For")
        headers["X-Forwarded-For"] = f"{prior}, {peer}" if prior else peer
        headers["X-Forwarded-Proto"] = self.listener.protocol.lower()
        headers["X-Forwarded-Port"] = str(self.listener.port)
        headers.setdefault("X-Amzn-Trace-Id", f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]}")
        headers["Host"] = request.host
        return headers

    async def _forward(self, request: web.BaseRequest, action: Forward, peer: str) -> web.StreamResponse:
        target = self._balancer.pick(action.target_groups)
        if target is None:
            return alb_error(503)
        body = await request.read()  # buffered: a retry after a stale pooled connection can resend it
        headers = self._upstream_headers(request, peer)
        assert self._session is not None
        for attempt in range(2):
            try:
                return await self._exchange(request, target, headers, body)
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientConnectorError) as exc:
                # A refused connection or a pooled one the target closed: the request never reached the app.
                log.debug("upstream %s: %s (attempt %d)", target, exc, attempt)
                if attempt == 0 and isinstance(exc, aiohttp.ServerDisconnectedError):
                    continue
                return alb_error(502)
            except TimeoutError:
                return alb_error(504)
            except _CONNECT_ERRORS:
                return alb_error(502)
        return alb_error(502)

    async def _exchange(
        self, request: web.BaseRequest, target: Endpoint, headers: dict[str, str], body: bytes
    ) -> web.StreamResponse:
        assert self._session is not None
        url = f"http://{target.host}:{target.port}{request.raw_path}"
        async with self._session.request(
            request.method, url, headers=headers, data=body or None, allow_redirects=False
        ) as upstream:
            response = web.StreamResponse(status=upstream.status, reason=upstream.reason)
            for key, value in upstream.headers.items():
                if key.lower() not in HOP_BY_HOP:
                    response.headers.add(key, value)
            if upstream.content_length is not None:
                response.content_length = upstream.content_length
            await response.prepare(request)
            try:
                async for chunk in upstream.content.iter_chunked(64 * 1024):
                    await response.write(chunk)
            except (TimeoutError, aiohttp.ClientError) as exc:
                # Headers are out already: like the ALB, cut the response short rather than re-answer.
                log.warning("upstream %s broke mid-response: %s", target, exc)
                if request.transport is not None:
                    request.transport.close()
                return response
            await response.write_eof()
            return response
