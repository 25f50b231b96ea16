"""The task and feature allow-lists: what a client may choose, and what would leak the answer."""

from __future__ import annotations

import pytest

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.features import FEATURES, fields_read_by
from spacetime_service.domain.ml.specs import ModelSpec
from spacetime_service.domain.ml.tasks import TASKS, TaskKind, require_task


def test_the_three_kinds_of_task_exist() -> None:
    kinds = {task.name: task.kind for task in TASKS.values()}
    assert kinds == {
        "order_returned": TaskKind.CLASSIFICATION,
        "order_quantity": TaskKind.REGRESSION,
        "product_segments": TaskKind.CLUSTERING,
    }


def test_a_feature_that_reads_the_target_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'status' is not allowed"):
        ModelSpec("order_returned", ("status", "quantity"))
    for leaking in ("quantity", "revenue"):
        with pytest.raises(InvalidInput, match="not allowed"):
            ModelSpec("order_quantity", (leaking,))


def test_status_is_a_feature_where_it_is_not_the_target() -> None:
    assert ModelSpec("order_quantity", ("status", "unit_price")).features == ("unit_price", "status")


def test_product_tasks_only_take_features_of_products() -> None:
    allowed = set(require_task("product_segments").allowed_features)
    assert allowed == {
        "product_price",
        "product_stock",
        "category",
        "product_id",
        "created_at",
        "product_text",
    }
    with pytest.raises(InvalidInput):
        ModelSpec("product_segments", ("unit_price",))


def test_unknown_names_are_refused_with_the_field() -> None:
    with pytest.raises(InvalidInput) as error:
        ModelSpec("order_returned", ("password",))
    assert error.value.field == "features"
    with pytest.raises(InvalidInput) as task_error:
        ModelSpec("drop_table")
    assert task_error.value.field == "task"


def test_no_choice_means_the_defaults_in_allow_list_order() -> None:
    spec = ModelSpec("order_returned", ("created_at", "quantity", "quantity"))
    assert spec.features == ("quantity", "created_at")
    assert ModelSpec("order_returned").features == require_task("order_returned").default_features


def test_fields_read_are_the_union_of_the_features_fields() -> None:
    features = [FEATURES["revenue"], FEATURES["discount"], FEATURES["product_text"]]
    assert fields_read_by(features) == (
        "product_description",
        "product_name",
        "product_price",
        "quantity",
        "unit_price",
    )


def test_one_hot_columns_follow_the_fixed_categories() -> None:
    columns = FEATURES["category"].dense_columns
    assert columns[0] == "category=automotive"
    assert len(columns) == 10
    assert FEATURES["customer_id"].dense_columns == ()
