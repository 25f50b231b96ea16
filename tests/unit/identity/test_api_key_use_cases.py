"""The API-key use cases over the in-memory store and a clock that stands still until moved."""

from __future__ import annotations

from datetime import timedelta

import pytest

from spacetime_service.application.identity.create_api_key import CreateApiKey, CreateApiKeyCommand
from spacetime_service.application.identity.key_format import hash_secret, parse_key_text
from spacetime_service.application.identity.list_api_keys import ListApiKeys, ListApiKeysCommand
from spacetime_service.application.identity.revoke_api_key import RevokeApiKey, RevokeApiKeyCommand
from spacetime_service.application.identity.verify_api_key import VerifyApiKey
from spacetime_service.domain.errors import InvalidInput, NotFound, Unauthenticated
from spacetime_service.domain.identity import EVERY_SCOPE_BUT_ADMIN, Principal, Scope
from tests.fakes.api_keys import InMemoryApiKeyStore
from tests.fakes.jobs import START, FixedClock


@pytest.fixture
def store() -> InMemoryApiKeyStore:
    return InMemoryApiKeyStore()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


def create(
    store: InMemoryApiKeyStore,
    clock: FixedClock,
    owner: str = "etl",
    scopes: frozenset[Scope] | None = None,
    expires_in: timedelta | None = None,
) -> str:
    return CreateApiKey(store, clock).execute(CreateApiKeyCommand(owner, scopes, expires_in)).text


def test_a_new_key_has_every_scope_but_admin_and_only_its_hash_is_stored(
    store: InMemoryApiKeyStore, clock: FixedClock
) -> None:
    new = CreateApiKey(store, clock).execute(CreateApiKeyCommand("etl"))

    text = parse_key_text(new.text)
    assert text is not None
    assert new.key.id == text.key_id
    assert new.key.scopes == EVERY_SCOPE_BUT_ADMIN
    assert new.key.created_at == START
    assert new.key.expires_at is None
    assert store.keys[new.key.id].secret_hash == hash_secret(text.secret)
    assert text.secret not in repr(store.keys[new.key.id])


def test_each_key_is_new(store: InMemoryApiKeyStore, clock: FixedClock) -> None:
    assert create(store, clock) != create(store, clock)
    assert len(store.keys) == 2


def test_a_key_proves_its_owner_and_given_scopes(store: InMemoryApiKeyStore, clock: FixedClock) -> None:
    scopes = frozenset({Scope.CATALOG_READ, Scope.ADMIN})
    text = create(store, clock, scopes=scopes)

    principal = VerifyApiKey(store, clock).verify(text)

    key_id = text.split("_")[1]
    assert principal == Principal(owner="etl", scopes=scopes, credential="api-key", credential_id=key_id)


@pytest.mark.parametrize(
    "bearer",
    [
        "stk_",
        "stk_0123456789abcdef",
        "stk_0123456789abcdef_" + "0" * 63,
        "stk_0123456789ABCDEF_" + "0" * 64,
        "stk_0123456789abcdef_" + "0" * 64 + "\n",
    ],
)
def test_a_malformed_key_is_refused_without_a_lookup(
    store: InMemoryApiKeyStore, clock: FixedClock, bearer: str
) -> None:
    with pytest.raises(Unauthenticated, match="malformed") as refused:
        VerifyApiKey(store, clock).verify(bearer)
    assert refused.value.credential_given


def test_a_wrong_secret_or_unknown_id_is_refused(store: InMemoryApiKeyStore, clock: FixedClock) -> None:
    text = create(store, clock)
    prefix, key_id, secret = text.split("_")
    wrong_secret = f"{prefix}_{key_id}_{'f' * 64 if secret != 'f' * 64 else 'e' * 64}"
    unknown_id = f"{prefix}_{'0' * 16}_{secret}"

    for bearer in (wrong_secret, unknown_id):
        with pytest.raises(Unauthenticated, match="unknown API key"):
            VerifyApiKey(store, clock).verify(bearer)


def test_a_revoked_key_is_refused_at_once(store: InMemoryApiKeyStore, clock: FixedClock) -> None:
    text = create(store, clock)
    verify = VerifyApiKey(store, clock)
    verify.verify(text)
    key_id = text.split("_")[1]

    revoked = RevokeApiKey(store, clock).execute(RevokeApiKeyCommand(key_id))

    assert revoked.revoked_at == START
    with pytest.raises(Unauthenticated, match="revoked"):
        verify.verify(text)


def test_revoking_an_unknown_key_is_not_found(store: InMemoryApiKeyStore, clock: FixedClock) -> None:
    with pytest.raises(NotFound):
        RevokeApiKey(store, clock).execute(RevokeApiKeyCommand("0" * 16))


def test_a_key_is_refused_from_the_moment_it_expires(store: InMemoryApiKeyStore, clock: FixedClock) -> None:
    text = create(store, clock, expires_in=timedelta(hours=1))
    verify = VerifyApiKey(store, clock)

    clock.advance(3599)
    verify.verify(text)
    clock.advance(1)
    with pytest.raises(Unauthenticated, match="expired"):
        verify.verify(text)


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (CreateApiKeyCommand(""), "owner"),
        (CreateApiKeyCommand("x" * 201), "owner"),
        (CreateApiKeyCommand("etl", scopes=frozenset()), "scopes"),
        (CreateApiKeyCommand("etl", expires_in=timedelta(0)), "expires_in"),
    ],
)
def test_a_key_needs_an_owner_a_scope_and_a_future_expiry(
    store: InMemoryApiKeyStore, clock: FixedClock, command: CreateApiKeyCommand, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        CreateApiKey(store, clock).execute(command)
    assert refused.value.field == field
    assert store.keys == {}


def test_a_use_is_recorded_at_most_once_a_minute(store: InMemoryApiKeyStore, clock: FixedClock) -> None:
    text = create(store, clock)
    key_id = text.split("_")[1]
    verify = VerifyApiKey(store, clock)
    writes = store.writes

    verify.verify(text)
    clock.advance(30)
    verify.verify(text)
    verify.verify(text)

    assert store.writes == writes + 1
    assert store.keys[key_id].key.last_used_at == START
    clock.advance(30)
    verify.verify(text)
    assert store.writes == writes + 2
    assert store.keys[key_id].key.last_used_at == START + timedelta(minutes=1)


def test_keys_list_without_secrets_for_everyone_or_one_owner(
    store: InMemoryApiKeyStore, clock: FixedClock
) -> None:
    create(store, clock, owner="etl")
    clock.advance(1)
    create(store, clock, owner="bi")

    every = ListApiKeys(store).execute(ListApiKeysCommand())
    mine = ListApiKeys(store).execute(ListApiKeysCommand(owner="bi"))

    assert [key.owner for key in every] == ["etl", "bi"]
    assert [key.owner for key in mine] == ["bi"]
