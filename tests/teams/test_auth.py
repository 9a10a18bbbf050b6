"""With MICROSOFT_APP_ID set, /api/messages takes only requests carrying a Bot Framework
token for this app. The signing keys come from an OpenID metadata server the test runs on
loopback (the SDK's documented override, `ChannelValidation.open_id_metadata_endpoint`), so
the real validation code runs end to end with no network."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from .harness import Harness, activity, run_scenario

APP_ID = "11111111-2222-4333-8444-555555555555"
ISSUER = "https://api.botframework.com"


class KeyServer:
    """OpenID metadata + JWKS on 127.0.0.1, in a thread: the SDK fetches keys with blocking
    `requests`, from inside the event loop."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.hits = 0
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": "test-key", "use": "sig", "endorsements": ["msteams"]})
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.hits += 1
                if self.path == "/openid":
                    body = {"issuer": ISSUER, "jwks_uri": f"{server.url}/keys"}
                else:
                    body = {"keys": [jwk]}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def token(self, service_url: str, *, key: Any = None, kid: str = "test-key", **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": APP_ID, "nbf": now - 60, "exp": now + 3600, "serviceurl": service_url, **claims}
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid})

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyServer]:
    from botframework.connector.auth import ChannelValidation

    server = KeyServer()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setattr(ChannelValidation, "open_id_metadata_endpoint", f"{server.url}/openid")
    yield server
    server.close()


def check_invoke(service_url: str) -> dict[str, Any]:
    value = {"commandId": "checkDraft", "commandContext": "message", "messagePayload": {"body": {"contentType": "html", "content": "<p>Lovely day at the beach.</p>"}}}
    return activity(service_url, type="invoke", name="composeExtension/submitAction", value=value)


def test_requests_without_a_valid_token_are_refused(teams_app, keys: KeyServer) -> None:
    app = teams_app(MICROSOFT_APP_ID=APP_ID, MICROSOFT_APP_PASSWORD="not-used-in-this-test")

    async def scenario(h: Harness) -> Any:
        url = h.url
        cases = {
            "no header": None,
            "not bearer": "Basic dXNlcjpwYXNz",
            "not a jwt": "Bearer not-a-jwt",
            "wrong issuer": "Bearer " + keys.token(url, iss="https://evil.example"),
            "wrong audience": "Bearer " + keys.token(url, aud="99999999-2222-4333-8444-555555555555"),
            "expired": "Bearer " + keys.token(url, exp=int(time.time()) - 3600, nbf=int(time.time()) - 7200),
            "other service url": "Bearer " + keys.token("https://smba.trafficmanager.net/amer/"),
            "signed by another key": "Bearer " + keys.token(url, key=keys.other_key),
            "unknown key id": "Bearer " + keys.token(url, kid="rotated-away"),
        }
        out = {}
        for label, header in cases.items():
            response = await h.client.post("/api/messages", json=activity(url, text="hello"), headers={"Authorization": header} if header else {})
            out[label] = (response.status, response.headers.get("WWW-Authenticate"), (await response.json()).get("error", ""))
        return out, len(h.connector.calls)

    results, connector_calls = run_scenario(app, scenario)
    for label, (status, www, error) in results.items():
        assert status == 401, (label, status, error)
        assert www == "Bearer" and "signed by the Bot Framework" in error
    assert connector_calls == 0  # nothing was answered


def test_a_valid_token_is_accepted(teams_app, keys: KeyServer) -> None:
    app = teams_app(MICROSOFT_APP_ID=APP_ID, MICROSOFT_APP_PASSWORD="not-used-in-this-test")

    async def scenario(h: Harness) -> Any:
        body = check_invoke(h.url)
        return await h.post(body, headers={"Authorization": "Bearer " + keys.token(h.url)})

    status, body = run_scenario(app, scenario)
    assert status == 200 and body["task"]["type"] == "continue"
    assert keys.hits >= 2  # the metadata and the keys came from the loopback server


def test_local_mode_accepts_the_emulator_without_a_token(teams_app) -> None:
    async def scenario(h: Harness) -> Any:
        return await h.post(check_invoke(h.url))

    status, body = run_scenario(teams_app(), scenario)
    assert status == 200 and body["task"]["type"] == "continue"
