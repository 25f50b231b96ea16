"""Identity: the API keys of service accounts, and the authenticator that turns a bearer credential
(an API key, or an OIDC access token when an issuer is configured) into a principal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.api_keys.store import SqlAlchemyApiKeyStore
from spacetime_service.application.identity.authenticator import Authenticator
from spacetime_service.application.identity.create_api_key import CreateApiKey
from spacetime_service.application.identity.list_api_keys import ListApiKeys
from spacetime_service.application.identity.revoke_api_key import RevokeApiKey
from spacetime_service.application.identity.verify_api_key import VerifyApiKey
from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.bootstrap.oidc import oidc_verifier

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class IdentityContainer(containers.DeclarativeContainer):
    """`settings` is the IdentitySettings; `database` the DatabaseContainer; `clock` the root's clock."""

    settings = providers.Dependency(instance_of=IdentitySettings)
    database = providers.DependenciesContainer()
    clock: providers.Dependency[Clock] = providers.Dependency()

    api_key_store = providers.Singleton(SqlAlchemyApiKeyStore, engine=database.engine)
    create_api_key = providers.Factory(CreateApiKey, store=api_key_store, clock=clock)
    list_api_keys = providers.Factory(ListApiKeys, store=api_key_store)
    revoke_api_key = providers.Factory(RevokeApiKey, store=api_key_store, clock=clock)
    verify_api_key = providers.Singleton(VerifyApiKey, store=api_key_store, clock=clock)
    # One per process, so that its cache of the issuer's keys lasts; None while no issuer is configured.
    oidc_verifier = providers.Singleton(oidc_verifier, settings=settings, clock=clock)
    authenticator = providers.Singleton(Authenticator, api_keys=verify_api_key, tokens=oidc_verifier)
