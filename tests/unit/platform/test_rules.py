"""ALB listener rules: parsing the ELBv2 shapes, matching requests, building redirects."""

from __future__ import annotations

from dev.platform.alb.rules import (
    FixedResponse,
    Forward,
    Redirect,
    Request,
    parse_rule,
    redirect_location,
    select_rule,
    wildcard_match,
)


def req(path: str = "/", host: str = "example.com", method: str = "GET", **headers: str) -> Request:
    return Request(method, path, host, {k.lower(): v for k, v in headers.items()}, (("a", "1"),), "10.0.0.5")


DEFAULT = {
    "Priority": "default",
    "IsDefault": True,
    "Conditions": [],
    "Actions": [{"Type": "forward", "TargetGroupArn": "tg-default"}],
}


def rules(*extra: dict) -> list:  # type: ignore[type-arg]
    return [parse_rule(r) for r in (DEFAULT, *extra)]


def test_wildcards_are_star_and_question_mark_only() -> None:
    assert wildcard_match("/api/*", "/api/v1/x", ignore_case=False)
    assert wildcard_match("/a?c", "/abc", ignore_case=False)
    assert not wildcard_match("/[a]", "/a", ignore_case=False)
    assert wildcard_match("/[a]", "/[a]", ignore_case=False)
    assert not wildcard_match("/API/*", "/api/x", ignore_case=False)
    assert wildcard_match("*.EXAMPLE.com", "www.example.COM", ignore_case=True)


def test_lowest_priority_wins_and_default_is_last() -> None:
    rs = rules(
        {
            "Priority": "20",
            "Conditions": [{"Field": "path-pattern", "Values": ["/api/*"]}],
            "Actions": [{"Type": "forward", "TargetGroupArn": "tg-20"}],
        },
        {
            "Priority": "10",
            "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/v1/*"]}}],
            "Actions": [{"Type": "forward", "TargetGroupArn": "tg-10"}],
        },
    )
    assert select_rule(rs, req("/api/v1/x")).action == Forward((("tg-10", 1),))  # type: ignore[union-attr]
    assert select_rule(rs, req("/api/v2/x")).action == Forward((("tg-20", 1),))  # type: ignore[union-attr]
    assert select_rule(rs, req("/other")).action == Forward((("tg-default", 1),))  # type: ignore[union-attr]


def test_all_conditions_must_match() -> None:
    rs = rules(
        {
            "Priority": "1",
            "Conditions": [
                {"Field": "host-header", "HostHeaderConfig": {"Values": ["api.*"]}},
                {
                    "Field": "http-header",
                    "HttpHeaderConfig": {"HttpHeaderName": "X-Origin-Secret", "Values": ["s3"]},
                },
                {"Field": "http-request-method", "HttpRequestMethodConfig": {"Values": ["POST"]}},
            ],
            "Actions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "200"}}],
        },
    )
    hit = req("/", host="api.example.com:8080", method="post", **{"X-Origin-Secret": "S3"})
    assert isinstance(select_rule(rs, hit).action, FixedResponse)  # type: ignore[union-attr]
    miss = req("/", host="api.example.com", method="POST")
    assert isinstance(select_rule(rs, miss).action, Forward)  # type: ignore[union-attr]


def test_query_and_source_ip_conditions() -> None:
    rs = rules(
        {
            "Priority": "1",
            "Conditions": [
                {"Field": "query-string", "QueryStringConfig": {"Values": [{"Key": "a", "Value": "1"}]}},
                {"Field": "source-ip", "SourceIpConfig": {"Values": ["10.0.0.0/16"]}},
            ],
            "Actions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "204"}}],
        },
    )
    assert select_rule(rs, req()).action == FixedResponse(204, "text/plain", "")  # type: ignore[union-attr]


def test_weighted_forward_and_terminal_action_order() -> None:
    rule = parse_rule(
        {
            "Priority": "5",
            "Conditions": [],
            "Actions": [
                {"Type": "authenticate-oidc", "Order": 1},
                {
                    "Type": "forward",
                    "Order": 2,
                    "ForwardConfig": {
                        "TargetGroups": [
                            {"TargetGroupArn": "blue", "Weight": 90},
                            {"TargetGroupArn": "green", "Weight": 10},
                        ]
                    },
                },
            ],
        }
    )
    assert rule.action == Forward((("blue", 90), ("green", 10)))


def test_redirect_to_https_like_the_alb() -> None:
    rule = parse_rule(
        {
            "Priority": "default",
            "IsDefault": True,
            "Conditions": [],
            "Actions": [
                {
                    "Type": "redirect",
                    "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"},
                }
            ],
        }
    )
    assert isinstance(rule.action, Redirect)
    loc = redirect_location(
        rule.action, protocol="HTTP", host="example.com", port=80, path="/a/b", query="x=1"
    )
    assert loc == "https://example.com/a/b?x=1"
    assert rule.action.status_code == 301
