from fastapi.testclient import TestClient

from coach.api.app import create_app


def test_healthz_and_readyz_after_startup():
    with TestClient(create_app()) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200
        body = ready.json()
        assert body["status"] == "ready" and len(body["phrasebook_version"]) == 12
        assert body["model"].startswith("en_core_web_sm")
