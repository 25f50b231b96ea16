"""Streaming training of `order_returned` against in-memory fits on the same features and split, and
streaming batch prediction over every stored order.

    uv run --frozen python bench/train_classifier.py --orders 5000000 --db /tmp/mlbench/orders-5m.db

The database is the demo shop of `spacetime seed` (docs/demo-data.md). A file without orders is
migrated and seeded first (`--products`, `--orders`, `--seed`); a seeded file is used as it is. Each
contender runs in a fresh process started through GNU time, and the script prints a Markdown table:
wall time of the work (the imports of NumPy, SciPy, scikit-learn and SQLAlchemy excluded), CPU time
and peak RSS of the whole process (imports included), and accuracy and ROC AUC on the rows held out by
the model's split (blake2b of id and seed, 10 %).

Contenders: the service's streaming run (`IncrementalTraining`, 10k-row chunks, one or two epochs,
checkpoint every 10 chunks, ROC AUC from its 10,000-bin histogram); every row loaded into one NumPy
array, then `SGDClassifier.fit` (same hyperparameters, its default stopping rule) or
`LogisticRegression.fit` (lbfgs), scored with sklearn's exact ROC AUC; and `predict_batches` with the
one-epoch model over every stored order (the `BatchPredict` path: stored-records query, 10k-row chunks,
NDJSON lines built and dropped), in rows per second.

`--rounds N` runs the contenders in turn N times and prints each contender's median run;
`--compare-src DIR` runs every contender a second time in each round with the service imported from
DIR (another version's `src`, e.g. `git archive HEAD src | tar -x -C /tmp/before`), side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from spacetime_service.domain.ml.tasks import TASKS

FEATURES = TASKS["order_returned"].default_features  # the service's own default; --feature overrides
STREAM_1, STREAM_2 = "streaming partial_fit, 1 epoch", "streaming partial_fit, 2 epochs"
SGD_FIT, LOGISTIC_FIT = "in-memory SGDClassifier.fit", "in-memory LogisticRegression.fit"
PREDICT = "streaming batch prediction (1-epoch model)"
PREDICT_RECORDS = "streaming batch prediction, every stored row checked as a client's record"
PREDICT_AT_ONCE = "prediction of every row loaded at once"
PREDICTIONS = (PREDICT, PREDICT_RECORDS, PREDICT_AT_ONCE)
CONTENDERS = (STREAM_1, STREAM_2, SGD_FIT, LOGISTIC_FIT, *PREDICTIONS)
EPOCHS = {STREAM_1: 1, STREAM_2: 2}
CHUNK_ROWS = 10_000  # of the streaming training; --chunk-rows overrides
SEED = 42


def seed_if_empty(db: Path, products: int, orders: int, seed: int) -> None:
    """The service's own migration and seeder, through its CLI, when the file holds no orders yet."""
    if db.exists():
        with sqlite3.connect(db) as connection:
            tables = {row[0] for row in connection.execute("select name from sqlite_master")}
            if "orders" in tables and connection.execute("select 1 from orders limit 1").fetchone():
                return
    db.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db.resolve()}"}
    subprocess.run(["spacetime", "migrate"], env=env, check=True)
    sizes = ["--products", str(products), "--orders", str(orders), "--seed", str(seed)]
    subprocess.run(["spacetime", "seed", *sizes], env=env, check=True)


def streaming(db: Path, models: Path, epochs: int) -> dict[str, float]:
    from sqlalchemy import create_engine

    from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory
    from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
    from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
    from spacetime_service.application.ml.incremental_training import IncrementalTraining
    from spacetime_service.application.ml.observer import SilentObserver
    from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest

    spec = ModelSpec("order_returned", FEATURES, seed=SEED)
    request = TrainingRequest(spec, epochs=epochs, chunk_rows=CHUNK_ROWS)
    source = SqlAlchemyTrainingDataSource(create_engine(f"sqlite:///{db}"))
    training = IncrementalTraining(source, SklearnModelTrainerFactory(), SkopsModelStore(models))
    metrics = training.run(f"bench-{epochs}-epochs", request, SilentObserver()).metrics
    return {"accuracy": metrics["accuracy"], "roc_auc": metrics["roc_auc"], "rows": metrics["rows"]}


def in_memory(db: Path, contender: str) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.preprocessing import StandardScaler
    from sqlalchemy import create_engine

    from spacetime_service.adapters.sklearn.feature_pipeline import SklearnFeaturePipeline
    from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
    from spacetime_service.domain.ml.features import FEATURES as ALL
    from spacetime_service.domain.ml.features import fields_read_by
    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import DataRange
    from spacetime_service.domain.ml.split import is_validation_row

    source = SqlAlchemyTrainingDataSource(create_engine(f"sqlite:///{db}"))
    fields = (*fields_read_by(ALL[name] for name in FEATURES), "status")
    upper = source.upper_id(RecordSource.ORDERS, DataRange()) or 0
    columns: dict[str, list[object]] = {name: [] for name in fields}
    ids: list[int] = []
    for chunk in source.chunks(
        RecordSource.ORDERS, DataRange(), fields, after_id=0, upper_id=upper, chunk_rows=100_000
    ):
        ids.extend(chunk.ids)
        for name in fields:
            columns[name].extend(chunk.columns[name])
    everything = RecordChunk(ids, columns)
    pipeline = SklearnFeaturePipeline(FEATURES)
    held_out = np.fromiter((is_validation_row(i, SEED, 0.1) for i in ids), dtype=bool, count=len(ids))
    labels = np.fromiter((s == "returned" for s in columns["status"]), dtype=np.float64, count=len(ids))
    numeric = pipeline.numeric_block(everything)
    assert numeric is not None  # the features include numeric ones
    scaler = StandardScaler().fit(numeric[~held_out])
    matrix = pipeline.matrix(everything, scaler)
    array = np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix)
    del everything, columns, ids, matrix, numeric
    if contender == SGD_FIT:
        model = SGDClassifier(
            loss="log_loss", alpha=1e-4, learning_rate="adaptive", eta0=0.01, random_state=SEED
        )
    else:
        model = LogisticRegression(max_iter=200)
    model.fit(array[~held_out], labels[~held_out])
    probability = model.predict_proba(array[held_out])[:, 1]
    truth = labels[held_out]
    return {
        "accuracy": float(((probability >= 0.5) == (truth == 1.0)).mean()),
        "roc_auc": float(roc_auc_score(truth, probability)),
        "rows": float(held_out.sum()),
    }


def batch_prediction(db: Path, models: Path, contender: str) -> dict[str, float]:
    """What `BatchPredict` does for a stored-records query, minus the registry lookup and the wire:
    stored chunks straight to the model (PREDICT), or, as before, each stored row turned into a
    record and checked like a client's (PREDICT_RECORDS); or every row read into one chunk first and
    predicted in one call (PREDICT_AT_ONCE). All three build the same NDJSON answers and drop them."""
    from sqlalchemy import create_engine

    from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory
    from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
    from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
    from spacetime_service.application.ml.batch_prediction import predict_batches, predict_chunks
    from spacetime_service.application.ml.record_batches import RecordBatch
    from spacetime_service.application.ml.record_inputs import RecordInput, RecordQuery
    from spacetime_service.application.ml.record_outputs import ndjson_chunk
    from spacetime_service.application.ml.trained_models import load_trained_model
    from spacetime_service.domain.ml.features import FEATURES as ALL
    from spacetime_service.domain.ml.features import fields_read_by
    from spacetime_service.domain.ml.records import RecordChunk

    model = load_trained_model(SkopsModelStore(models), SklearnModelTrainerFactory(), "bench-1-epochs")
    source = SqlAlchemyTrainingDataSource(create_engine(f"sqlite:///{db}"))
    fields = fields_read_by(ALL[name] for name in model.spec.features)
    stored = RecordInput(query=RecordQuery())
    if contender == PREDICT:
        batches = predict_chunks(model, stored.batches(source, model.spec.task_rule.source, fields, 10_000))
    elif contender == PREDICT_RECORDS:
        records = stored.records(source, model.spec.task_rule.source, fields)
        batches = predict_batches(model, records, chunk_rows=10_000)
    else:
        pieces = list(stored.batches(source, model.spec.task_rule.source, fields, 100_000))
        everything = RecordChunk.joined([piece.chunk for piece in pieces])
        row_ids = [row_id for piece in pieces for row_id in piece.client_ids]
        del pieces
        answers = next(predict_chunks(model, [RecordBatch(everything, row_ids, 1)]))
        batches = iter([answers[start : start + 10_000] for start in range(0, len(answers), 10_000)])
    rows, output_bytes, probability_sum = 0, 0, 0.0
    for batch in batches:
        output_bytes += len(ndjson_chunk(batch))
        rows += len(batch)
        probability_sum += sum(float(answer["probability"] or 0.0) for answer in batch)
    return {"rows": rows, "output_mb": output_bytes / 1e6, "mean_probability": probability_sum / rows}


PRELOAD = (
    "scipy.sparse",
    "sklearn.linear_model",
    "sklearn.metrics",
    "sklearn.preprocessing",
    "sqlalchemy",
    "spacetime_service.adapters.sklearn.skops_model_store",
    "spacetime_service.adapters.sklearn.sklearn_model_trainer",
    "spacetime_service.adapters.sqlalchemy.ml.training_rows",
    "spacetime_service.application.ml.incremental_training",
    "spacetime_service.application.ml.batch_prediction",
)


def child(contender: str, db: Path, models: Path) -> None:
    """Imports first, so that the wall time is the work's alone (imports compile slowly on a cold cache)."""
    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    started, cpu_started = time.perf_counter(), time.process_time()
    if contender in EPOCHS:
        result = streaming(db, models, EPOCHS[contender])
    elif contender in PREDICTIONS:
        result = batch_prediction(db, models, contender)
    else:
        result = in_memory(db, contender)
    result["seconds"] = time.perf_counter() - started
    # The work's own CPU (all threads), imports excluded: steadier than wall time on a shared machine.
    result["work_cpu_seconds"] = time.process_time() - cpu_started
    print(json.dumps(result))


def measure(
    contender: str, db: Path, models: Path, work: Path, source: Path | None = None
) -> dict[str, float]:
    """The child runs under GNU time, which forks it from a process of a few MB: Linux carries the RSS
    high-water mark over fork and exec, so a child forked from this process would report at least
    this process's size. With `source`, the child imports the service from that `src` directory
    (another version of the code, e.g. `git archive HEAD src | tar -x -C /tmp/before`)."""
    peak_file = work / "peak"
    command = [sys.executable, __file__, "--child", contender, "--db", str(db), "--models", str(models)]
    command += [argument for name in FEATURES for argument in ("--feature", name)]
    command += ["--chunk-rows", str(CHUNK_ROWS)]
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source.resolve()), env.get("PYTHONPATH")]))
    output = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", "-o", str(peak_file), *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    peak_kb, user, system = peak_file.read_text().split()[-3:]
    result["peak_mb"] = int(peak_kb) / 1024
    result["cpu_seconds"] = float(user) + float(system)
    return result


def row_of(label: str, r: dict[str, float]) -> str:
    contender = label.split(" [", maxsplit=1)[0]
    cells = (
        f"| {label} | {r['seconds']:.1f} s | {r['work_cpu_seconds']:.1f} s | {r['cpu_seconds']:.1f} s"
        f" | {r['peak_mb']:,.0f} MB"
    )
    if contender in PREDICTIONS:
        rate = r["rows"] / r["seconds"]
        return f"{cells} | {r['rows']:,.0f} rows, {rate:,.0f} rows/s | mean p {r['mean_probability']:.4f} |"
    return f"{cells} | {r['accuracy']:.4f} | {r['roc_auc']:.4f} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7, help="of the demo data")
    parser.add_argument("--db", type=Path, default=Path("var/bench/orders.db"))
    parser.add_argument("--models", type=Path, help="the children's model store (a temporary directory)")
    parser.add_argument("--child", choices=CONTENDERS)
    parser.add_argument("--only", choices=CONTENDERS, action="append")
    parser.add_argument("--feature", action="append", help="repeatable; the task's defaults otherwise")
    parser.add_argument("--rounds", type=int, default=1, help="the contenders in turn, this many times")
    parser.add_argument("--chunk-rows", type=int, default=10_000, help="of the streaming training")
    parser.add_argument(
        "--compare-src",
        type=Path,
        help="a `src` directory of another version: each round also runs every chosen contender with it",
    )
    args = parser.parse_args()
    if args.feature:
        global FEATURES  # noqa: PLW0603 - the children read it like the default
        FEATURES = tuple(args.feature)
    global CHUNK_ROWS  # noqa: PLW0603 - as FEATURES
    CHUNK_ROWS = args.chunk_rows
    if args.child:
        child(args.child, args.db, args.models)
        return
    seed_if_empty(args.db, args.products, args.orders, args.seed)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}, {args.db}")
    print(f"features: {', '.join(FEATURES)}")
    print("| contender | wall | work CPU | process CPU | peak RSS | accuracy | ROC AUC |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(dir=args.db.parent) as directory:
        work = Path(directory)
        results: dict[str, list[dict[str, float]]] = {}
        plan: list[tuple[str, str, Path | None]] = []
        for contender in args.only or CONTENDERS:
            plan.append((contender, contender, None))
            if args.compare_src is not None:
                plan.append((f"{contender} [{args.compare_src}]", contender, args.compare_src))
        for _ in range(args.rounds):
            for label, contender, source in plan:
                result = measure(contender, args.db, args.models or work, work, source)
                results.setdefault(label, []).append(result)
                print(row_of(label, result), flush=True)
        if args.rounds > 1:
            print(f"medians of {args.rounds} rounds (each contender's median wall time and its run):")
            for contender, runs in results.items():
                ordered = sorted(runs, key=lambda run: run["seconds"])
                print(row_of(contender, ordered[len(ordered) // 2]), flush=True)
    print(f"load average after: {', '.join(f'{value:.1f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
