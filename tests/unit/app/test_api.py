"""HTTP behaviour against an in-process moto S3 (narrow: one process, no server): auth, limits, errors."""

from __future__ import annotations

import io
from collections.abc import Iterator

import boto3
import pytest
from app.api.app import create_app
from app.config import Settings
from app.storage.models import ModelStore, new_version_id
from app.storage.s3 import Bucket
from fastapi.testclient import TestClient
from moto import mock_aws

from tests.unit.app.helpers import TrainedFixture, query_frame, to_rows

KEY = "unit-test-key-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}
CSV = b"a,b,y\n1,x,0.5\n2,y,1.5\n"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for k, v in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="models")
        yield


def _client(**overrides: object) -> TestClient:
    settings = Settings(
        model_bucket="models",
        api_key=KEY,
        poll_interval_s=3600,  # type: ignore[arg-type]
        **overrides,
    )
    return TestClient(create_app(settings, KEY))


@pytest.fixture
def client(aws: None) -> Iterator[TestClient]:
    with _client(max_upload_bytes=2048) as c:
        yield c


def _store(client: TestClient) -> ModelStore:
    return client.app.state.services.models  # type: ignore[attr-defined,no-any-return]


def _keys() -> list[str]:
    resp = boto3.client("s3", region_name="us-east-1").list_objects_v2(Bucket="models")
    return [o["Key"] for o in resp.get("Contents", [])]


def _install(client: TestClient, trained: TrainedFixture) -> str:
    version = new_version_id()
    store = _store(client)
    store.write_version(version, trained.files)
    store.activate(version)
    client.app.state.services.registry.poll_once()  # type: ignore[attr-defined]
    return version


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong-key-wrong-key"}, {"Authorization": KEY}]
)
def test_mutations_without_the_key_are_401_and_change_nothing(
    client: TestClient, headers: dict[str, str]
) -> None:
    assert client.post("/datasets", files={"file": ("d.csv", CSV)}, headers=headers).status_code == 401
    assert client.post("/train", json={"dataset_id": "x", "target": "y"}, headers=headers).status_code == 401
    r = client.post(f"/models/{new_version_id()}/activate", headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert _keys() == []


def test_upload_stores_dataset_and_reports_columns(client: TestClient) -> None:
    r = client.post("/datasets", files={"file": ("d.csv", CSV)}, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["rows"] == 2
    assert body["dtypes"] == {"a": "int", "b": "string", "y": "float"}
    assert f"datasets/{body['dataset_id']}/data.csv" in _keys()


def test_upload_over_the_limit_is_413(client: TestClient) -> None:
    big = b"a,y\n" + b"1,2\n" * 1000
    r = client.post("/datasets", files={"file": ("d.csv", io.BytesIO(big))}, headers=AUTH)
    assert r.status_code == 413
    assert "MAX_UPLOAD_BYTES" in r.json()["detail"]
    assert _keys() == []


def test_upload_that_is_not_csv_is_422(client: TestClient) -> None:
    r = client.post("/datasets", files={"file": ("d.csv", b"a,b\n1\n")}, headers=AUTH)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "file"]


def test_train_checks_dataset_and_columns(client: TestClient) -> None:
    assert client.post("/train", json={"dataset_id": "nope", "target": "y"}, headers=AUTH).status_code == 404
    ds = client.post("/datasets", files={"file": ("d.csv", CSV)}, headers=AUTH).json()["dataset_id"]
    r = client.post("/train", json={"dataset_id": ds, "target": "b"}, headers=AUTH)
    assert r.status_code == 422
    assert "not numeric" in r.json()["detail"][0]["msg"]
    r = client.post("/train", json={"dataset_id": ds, "target": "zz", "epochs": 0}, headers=AUTH)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "epochs"]


def test_predict_without_a_model_is_503_and_not_ready(client: TestClient) -> None:
    assert client.post("/predict", json={"rows": [{"a": 1}]}).status_code == 503
    r = client.get("/health/ready")
    assert r.status_code == 503
    assert "no active model" in r.json()["reason"]
    assert client.get("/health/live").json() == {"status": "ok"}


def test_predict_serves_the_active_model(client: TestClient, trained: TrainedFixture) -> None:
    version = _install(client, trained)
    rows = to_rows(query_frame(20, seed=5))
    r = client.post("/predict", json={"rows": rows})
    assert r.status_code == 200, r.text
    assert r.json()["model_version"] == version
    assert r.json()["predictions"] == pytest.approx(trained.model.predict(rows).tolist(), abs=1e-5)
    assert client.get("/health/ready").json()["model_version"] == version
    bad = [*rows[:3], rows[3] | {"x4": "high"}]
    detail = client.post("/predict", json={"rows": bad}).json()["detail"]
    assert detail[0]["loc"] == ["body", "rows", 3, "x4"]
    assert client.post("/predict", json={"rows": []}).status_code == 422
    assert client.post("/predict", content=b"{not json").status_code == 422


def test_activate_refuses_a_corrupt_version(client: TestClient, trained: TrainedFixture) -> None:
    good = _install(client, trained)
    bad = new_version_id()
    _store(client).write_version(bad, trained.files)
    Bucket(boto3.client("s3", region_name="us-east-1"), "models").put(
        f"models/{bad}/weights.safetensors", b"x"
    )
    r = client.post(f"/models/{bad}/activate", headers=AUTH)
    assert r.status_code == 409
    assert "sha256" in r.json()["detail"]
    assert client.get("/models").json()["active"] == good
    # Even when the pointer is moved behind the API's back, the replica keeps serving the good version.
    Bucket(boto3.client("s3", region_name="us-east-1"), "models").put(
        "models/active.json", f'{{"version": "{bad}", "activated_at": "now"}}'.encode()
    )
    client.app.state.services.registry.poll_once()  # type: ignore[attr-defined]
    assert client.post("/predict", json={"rows": to_rows(query_frame(1, 1))}).json()["model_version"] == good


def test_models_listing_and_rollback(client: TestClient, trained: TrainedFixture) -> None:
    first = _install(client, trained)
    second = _install(client, trained)
    listing = client.get("/models").json()
    assert [v["version"] for v in listing["versions"]] == [first, second]
    assert listing["active"] == second
    assert client.post(f"/models/{first}/activate", headers=AUTH).json()["version"] == first
    assert client.get(f"/models/{first}").json()["active"] is True
    assert client.get("/models/20990101T000000000000Z-abcdef").status_code == 404


def test_predict_can_require_the_key(aws: None, trained: TrainedFixture) -> None:
    with _client(predict_requires_key=True) as c:
        _install(c, trained)
        rows = {"rows": to_rows(query_frame(1, 1))}
        assert c.post("/predict", json=rows).status_code == 401
        assert c.post("/predict", json=rows, headers=AUTH).status_code == 200


def test_docs_and_request_id(client: TestClient) -> None:
    assert "/predict" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200
    assert (
        client.get("/health/live", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    )
