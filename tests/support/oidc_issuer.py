"""A real OIDC issuer for the tests: a separate process (the standard library's `http.server`) serves
its discovery document and JWKS from files, and this process holds the private keys and signs tokens.

Rotation works while the server runs: `add_key` and `remove_key` rewrite the JWKS file (atomically,
so a request never reads half of it), and the server reads the file on every request. The server's
request log tells how often the JWKS was fetched.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from tests.support.uvicorn_server import free_port
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


AUDIENCE = "spacetime-api"
JWKS_PATH = "/keys/jwks.json"
STARTUP_SECONDS = 30.0


@dataclass(frozen=True)
class SigningKey:
    kid: str
    algorithm: str
    private: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

    def public_jwk(self) -> dict[str, Any]:
        if isinstance(self.private, rsa.RSAPrivateKey):
            jwk = RSAAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        else:
            jwk = ECAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "alg": self.algorithm, "use": "sig"}


def new_key(algorithm: str = "RS256") -> SigningKey:
    private: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if algorithm == "RS256"
        else ec.generate_private_key(ec.SECP256R1())
    )
    return SigningKey(f"{algorithm.lower()}-{uuid.uuid4().hex[:8]}", algorithm, private)


class TestIssuer:
    """The issuer `url` (also the `iss` of its tokens); `jwks_url` is where its keys are published."""

    __test__ = False

    def __init__(self, root: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.jwks_url = self.url + JWKS_PATH
        self._root = root
        self._published: dict[str, SigningKey] = {}
        (root / ".well-known").mkdir(parents=True, exist_ok=True)
        (root / "keys").mkdir(exist_ok=True)
        document = {
            "issuer": self.url,
            "jwks_uri": self.jwks_url,
            "id_token_signing_alg_values_supported": ["RS256"],
        }
        _write(root / ".well-known" / "openid-configuration", document)
        self._publish()

    def add_key(self, algorithm: str = "RS256") -> SigningKey:
        key = new_key(algorithm)
        self._published[key.kid] = key
        self._publish()
        return key

    def remove_key(self, key: SigningKey) -> None:
        del self._published[key.kid]
        self._publish()

    def claims(self, **overrides: Any) -> dict[str, Any]:
        """The claims of a good token (valid for five minutes), with `overrides`; None removes a claim."""
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": AUDIENCE,
            "sub": "alice",
            "iat": now,
            "nbf": now,
            "exp": now + 300,
            "jti": uuid.uuid4().hex,
            "scope": "catalog:read jobs:read",
        }
        claims.update(overrides)
        return {name: value for name, value in claims.items() if value is not None}

    def token(self, key: SigningKey, **overrides: Any) -> str:
        return jwt.encode(
            self.claims(**overrides),
            key.private,
            algorithm=key.algorithm,
            headers={"kid": key.kid},
        )

    def _publish(self) -> None:
        keys = [key.public_jwk() for key in self._published.values()]
        _write(self._root / "keys" / "jwks.json", {"keys": keys})


def _write(path: Path, document: dict[str, Any]) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(document))
    partial.replace(path)


@dataclass(frozen=True)
class RunningIssuer:
    issuer: TestIssuer
    log: Path

    def jwks_fetches(self) -> int:
        """How many times the JWKS was served, read off the server's request log (written before the
        response, so a fetch that returned is counted)."""
        return sum(f"GET {JWKS_PATH} " in line for line in self.log.read_text().splitlines())


@contextmanager
def running_issuer(workdir: Path) -> Iterator[RunningIssuer]:
    """An issuer process on a free loopback port, stopped afterwards."""
    port = free_port()
    root = workdir / "issuer"
    issuer = TestIssuer(root, port)
    log = workdir / "issuer.log"
    with log.open("wb") as log_file:
        command = [
            sys.executable,
            "-u",
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(root),
        ]
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: _answers(issuer.url), "the test issuer answering", seconds=STARTUP_SECONDS)
            yield RunningIssuer(issuer, log)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _answers(url: str) -> bool | None:
    try:
        return httpx.get(url + "/.well-known/openid-configuration", timeout=1.0).status_code == 200 or None
    except httpx.TransportError:
        return None
