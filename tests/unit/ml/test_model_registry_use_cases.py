"""Registry use cases: pages of versions, one version with its aliases, and pointing an alias."""

from __future__ import annotations

import pytest

from spacetime_service.application.jobs.list_jobs import ListJobs, ListJobsCommand
from spacetime_service.application.ml.list_models import ListModelsCommand
from spacetime_service.application.ml.set_model_alias import SetModelAliasCommand
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.domain.errors import Conflict, InvalidInput, NotFound
from spacetime_service.domain.ml.aliases import ModelAlias
from spacetime_service.domain.ml.model_version import ModelStatus
from tests.unit.ml.ml_world import MlWorld, returned_request


@pytest.fixture(scope="module")
def world() -> MlWorld:
    """One ready model (the first job) and two still in training."""
    world = MlWorld()
    world.trained(returned_request(epochs=1))
    world.submit(returned_request(seed=5))
    world.submit(returned_request(seed=6))
    return world


def test_pages_list_every_version_newest_first(world: MlWorld) -> None:
    use_case = world.list_models()
    seen: list[str] = []
    command = ListModelsCommand(limit=2)
    while True:
        page = use_case.execute(command)
        seen.extend(version.id for version in page.items)
        if page.next_cursor is None:
            break
        command = ListModelsCommand(limit=2, cursor=page.next_cursor)

    assert seen == sorted(world.registry.versions, reverse=True)


def test_pages_filter_by_status_and_task(world: MlWorld) -> None:
    use_case = world.list_models()

    ready = use_case.execute(ListModelsCommand(status=ModelStatus.READY)).items
    segments = use_case.execute(ListModelsCommand(task="product_segments")).items

    assert [version.status for version in ready] == [ModelStatus.READY]
    assert segments == []


def test_an_unknown_task_is_refused_with_the_known_ones(world: MlWorld) -> None:
    with pytest.raises(InvalidInput, match="known: order_returned, order_quantity, product_segments"):
        world.list_models().execute(ListModelsCommand(task="churn"))


def test_a_cursor_of_another_listing_is_refused(world: MlWorld) -> None:
    world.engine.submit("other", {})
    jobs = ListJobs(world.engine.repository, CursorCodec(b"unit-secret"))
    job_cursor = jobs.execute(ListJobsCommand(limit=1)).next_cursor
    assert job_cursor is not None

    with pytest.raises(InvalidInput) as refused:
        world.list_models().execute(ListModelsCommand(cursor=job_cursor))

    assert refused.value.field == "cursor"


def test_a_version_comes_with_the_aliases_that_name_it(world: MlWorld) -> None:
    ready = world.list_models().execute(ListModelsCommand(status=ModelStatus.READY)).items[0]
    world.set_model_alias().execute(SetModelAliasCommand("order_returned", "canary", ready.id))

    details = world.get_model().execute(ready.id)

    assert details.version == ready
    assert ModelAlias("alice", "order_returned", "canary", ready.id) in details.aliases


def test_a_missing_version_is_not_found(world: MlWorld) -> None:
    with pytest.raises(NotFound):
        world.get_model().execute("no-such-model")
    with pytest.raises(NotFound):
        world.get_model_status().execute("no-such-model")


def test_an_alias_moves_only_to_a_ready_version_of_its_task(world: MlWorld) -> None:
    training = world.list_models().execute(ListModelsCommand(status=ModelStatus.TRAINING)).items[0]
    ready = world.list_models().execute(ListModelsCommand(status=ModelStatus.READY)).items[0]
    set_alias = world.set_model_alias()

    assert (
        set_alias.execute(SetModelAliasCommand("order_returned", "production", ready.id)).model_id == ready.id
    )
    with pytest.raises(Conflict, match="not ready"):
        set_alias.execute(SetModelAliasCommand("order_returned", "production", training.id))
    with pytest.raises(Conflict, match="learns order_returned"):
        set_alias.execute(SetModelAliasCommand("order_quantity", "production", ready.id))
    with pytest.raises(InvalidInput):
        set_alias.execute(SetModelAliasCommand("order_returned", "Prod uction", ready.id))
    assert world.registry.alias("alice", "order_returned", "production") == ModelAlias(
        "alice", "order_returned", "production", ready.id
    )


def test_another_owners_version_is_not_found_exactly_like_a_missing_one(world: MlWorld) -> None:
    ready = world.list_models().execute(ListModelsCommand(status=ModelStatus.READY)).items[0]

    with pytest.raises(NotFound) as theirs:
        world.get_model().execute(ready.id, "mallory")
    with pytest.raises(NotFound) as missing:
        world.get_model().execute("no-such-model", "mallory")
    with pytest.raises(NotFound):
        world.get_model_status().execute(ready.id, "mallory")
    with pytest.raises(NotFound):
        world.set_model_alias().execute(SetModelAliasCommand("order_returned", "mine", ready.id, "mallory"))

    assert str(theirs.value) == str(missing.value).replace("no-such-model", ready.id)
    assert world.list_models().execute(ListModelsCommand(owner="mallory")).items == []
    assert world.get_model().execute(ready.id, "alice").version == ready
