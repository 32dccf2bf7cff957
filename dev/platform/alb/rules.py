"""ALB listener rules as pure data: parsing from the ELBv2 API shapes and request matching.

Semantics follow the ALB documentation: rules are evaluated by ascending priority, the default rule last;
all conditions of a rule must match, any value of a condition may match; path patterns are case-sensitive,
host/header/query patterns are not; `*` and `?` are the only wildcards.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Condition:
    field: str
    values: tuple[str, ...]
    header_name: str = ""
    query: tuple[tuple[str | None, str], ...] = ()


@dataclass(frozen=True)
class Forward:
    # (target group ARN, weight); a plain TargetGroupArn is one entry of weight 1.
    target_groups: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Redirect:
    protocol: str = "#{protocol}"
    port: str = "#{port}"
    host: str = "#{host}"
    path: str = "/#{path}"
    query: str = "#{query}"
    status_code: int = 301


@dataclass(frozen=True)
class FixedResponse:
    status_code: int
    content_type: str = "text/plain"
    body: str = ""


Action = Forward | Redirect | FixedResponse


@dataclass(frozen=True)
class Rule:
    priority: int  # the default rule sorts last
    conditions: tuple[Condition, ...]
    action: Action


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    host: str
    headers: Mapping[str, str]  # lower-case names
    query: tuple[tuple[str, str], ...]
    source_ip: str


DEFAULT_PRIORITY = 1 << 31


@lru_cache(maxsize=1024)
def _pattern(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    body = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.compile(f"^{body}$", re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def wildcard_match(pattern: str, value: str, *, ignore_case: bool) -> bool:
    return _pattern(pattern, ignore_case).match(value) is not None


def _condition_matches(cond: Condition, req: Request) -> bool:
    if cond.field == "path-pattern":
        return any(wildcard_match(v, req.path, ignore_case=False) for v in cond.values)
    if cond.field == "host-header":
        host = req.host.rsplit(":", 1)[0] if not req.host.endswith("]") else req.host
        return any(wildcard_match(v, host, ignore_case=True) for v in cond.values)
    if cond.field == "http-header":
        got = req.headers.get(cond.header_name.lower())
        return got is not None and any(wildcard_match(v, got, ignore_case=True) for v in cond.values)
    if cond.field == "http-request-method":
        return req.method.upper() in {v.upper() for v in cond.values}
    if cond.field == "query-string":
        return any(
            (key is None or wildcard_match(key, k, ignore_case=True))
            and wildcard_match(val, v, ignore_case=True)
            for key, val in cond.query
            for k, v in req.query
        )
    if cond.field == "source-ip":
        try:
            ip = ipaddress.ip_address(req.source_ip)
        except ValueError:
            return False
        return any(ip in ipaddress.ip_network(v, strict=False) for v in cond.values)
    return False  # an unknown condition never matches, as a safe default


def select_rule(rules: list[Rule], req: Request) -> Rule | None:
    for rule in sorted(rules, key=lambda r: r.priority):
        if all(_condition_matches(c, req) for c in rule.conditions):
            return rule
    return None


def _values(raw: dict[str, Any], config_key: str) -> tuple[str, ...]:
    cfg = raw.get(config_key) or {}
    return tuple(cfg.get("Values") or raw.get("Values") or ())


def parse_condition(raw: dict[str, Any]) -> Condition:
    field = raw["Field"]
    if field == "http-header":
        cfg = raw.get("HttpHeaderConfig") or {}
        return Condition(field, tuple(cfg.get("Values") or ()), header_name=cfg.get("HttpHeaderName", ""))
    if field == "query-string":
        pairs = tuple(
            (p.get("Key"), p["Value"]) for p in (raw.get("QueryStringConfig") or {}).get("Values", [])
        )
        return Condition(field, (), query=pairs)
    config_key = {
        "path-pattern": "PathPatternConfig",
        "host-header": "HostHeaderConfig",
        "http-request-method": "HttpRequestMethodConfig",
        "source-ip": "SourceIpConfig",
    }.get(field, "")
    return Condition(field, _values(raw, config_key))


def parse_action(actions: list[dict[str, Any]]) -> Action:
    # authenticate-* actions come first (lower Order); the terminal action is the last one.
    terminal = sorted(actions, key=lambda a: int(a.get("Order") or 0))[-1]
    kind = terminal["Type"]
    if kind == "forward":
        groups = (terminal.get("ForwardConfig") or {}).get("TargetGroups") or []
        if groups:
            return Forward(tuple((g["TargetGroupArn"], int(g.get("Weight", 1))) for g in groups))
        return Forward(((terminal["TargetGroupArn"], 1),))
    if kind == "redirect":
        cfg = terminal["RedirectConfig"]
        return Redirect(
            protocol=cfg.get("Protocol", "#{protocol}"),
            port=cfg.get("Port", "#{port}"),
            host=cfg.get("Host", "#{host}"),
            path=cfg.get("Path", "/#{path}"),
            query=cfg.get("Query", "#{query}"),
            status_code=302 if cfg.get("StatusCode") == "HTTP_302" else 301,
        )
    if kind == "fixed-response":
        cfg = terminal["FixedResponseConfig"]
        return FixedResponse(
            int(cfg["StatusCode"]), cfg.get("ContentType") or "text/plain", cfg.get("MessageBody", "")
        )
    raise ValueError(f"unsupported listener action type {kind!r}")


def parse_rule(raw: dict[str, Any]) -> Rule:
    default = raw.get("IsDefault") or raw.get("Priority") == "default"
    return Rule(
        priority=DEFAULT_PRIORITY if default else int(raw["Priority"]),
        conditions=tuple(parse_condition(c) for c in raw.get("Conditions") or []),
        action=parse_action(raw["Actions"]),
    )


def redirect_location(r: Redirect, *, protocol: str, host: str, port: int, path: str, query: str) -> str:
    """Build the Location of a redirect action, substituting the #{…} placeholders as the ALB does."""

    def sub(template: str) -> str:
        return (
            template.replace("#{protocol}", protocol)
            .replace("#{host}", host)
            .replace("#{port}", str(port))
            .replace("#{path}", path.lstrip("/"))
            .replace("#{query}", query)
        )

    proto = sub(r.protocol).lower()
    port_s = sub(r.port)
    default_port = (proto == "http" and port_s == "80") or (proto == "https" and port_s == "443")
    netloc = sub(r.host) if default_port else f"{sub(r.host)}:{port_s}"
    q = sub(r.query)
    return f"{proto}://{netloc}{sub(r.path)}" + (f"?{q}" if q else "")
