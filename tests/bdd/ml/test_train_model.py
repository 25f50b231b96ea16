"""Steps of features/ml/train_model.feature: training as a resumable job, and the registry's view of
the model it made."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.ml.model_version import ModelStatus
from tests.bdd.job_waits import wait_for_checkpoint, wait_until_ended
from tests.bdd.ml.training import train, training_request
from tests.support.ml.training_helpers import learnt_arrays

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.refusal import Refusal
    from tests.bdd.service_processes import ServiceProcesses

scenarios("ml/train_model.feature")


@when(
    parsers.parse('I train a model for "{task}" over {epochs:d} epochs with the alias "{alias}"'),
    target_fixture="model_id",
)
def train_with_alias(container: RootContainer, task: str, epochs: int, alias: str) -> str:
    return train(container, training_request(task, epochs), alias)


@when(parsers.parse('I train a model for "{task}" over {epochs:d} epochs'), target_fixture="model_id")
def train_for_epochs(container: RootContainer, task: str, epochs: int) -> str:
    return train(container, training_request(task, epochs))


@when(parsers.parse('I train a model for "{task}" with the feature "{feature}"'))
def train_with_feature(container: RootContainer, refusal: Refusal, task: str, feature: str) -> None:
    with refusal.recorded():
        train(container, training_request(task, 1, (feature,)))


@when("the service shuts down after the first checkpoint and starts again", target_fixture="container")
def restart_after_a_checkpoint(
    processes: ServiceProcesses, container: RootContainer, model_id: str
) -> RootContainer:
    wait_for_checkpoint(container, model_id)
    container.shutdown_resources()  # a graceful shutdown: the job goes back to the queue with its checkpoint
    restarted = processes.new()
    restarted.init_resources()
    return restarted


@then("the training job succeeds")
def job_succeeds(container: RootContainer, model_id: str) -> None:
    job = wait_until_ended(container, model_id)
    assert (job.status, job.result_ref) == (JobStatus.SUCCEEDED, model_id)


@then("the training job succeeds on its second attempt")
def job_succeeds_again(container: RootContainer, model_id: str) -> None:
    job = wait_until_ended(container, model_id)
    assert (job.status, job.attempt) == (JobStatus.SUCCEEDED, 2)


@then(parsers.parse("the model is ready with metrics for {epochs:d} epochs"))
def model_is_ready(container: RootContainer, model_id: str, epochs: int) -> None:
    version = container.ml.get_model().execute(model_id).version
    assert version.status is ModelStatus.READY
    assert len(version.epoch_metrics) == epochs
    assert 0.0 <= version.metrics["roc_auc"] <= 1.0


@then(parsers.parse('the alias "{alias}" of "{task}" names the model'))
def alias_names_the_model(container: RootContainer, model_id: str, alias: str, task: str) -> None:
    details = container.ml.get_model().execute(model_id)
    assert alias in [a.name for a in details.aliases]
    assert details.version.task == task


@then("the model equals one trained without interruption")
def equals_an_uninterrupted_model(
    processes: ServiceProcesses, container: RootContainer, model_id: str
) -> None:
    reference = train(container, container.ml.get_model().execute(model_id).version.request)
    assert wait_until_ended(container, reference).status is JobStatus.SUCCEEDED
    store = SkopsModelStore(processes.models)
    expected, actual = learnt_arrays(store, reference), learnt_arrays(store, model_id)
    assert expected.keys() == actual.keys()
    assert all(np.array_equal(expected[name], actual[name]) for name in expected)
