"""Running a batch on Dask: a LocalCluster by default, or any cluster (Kubernetes, YARN, HPC) by address.

The map is one task per shard (:func:`tawthiq.batch.work.process_shard`); shards a previous run finished
are skipped before any task is sent. Then every event is linked into incidents here, in this process, and,
when a database is given, loaded into the store (:mod:`tawthiq.batch.load`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.batch.linking import link_incidents, read_claims, write_incidents
from tawthiq.batch.load import LoadReport, load_into_store
from tawthiq.batch.shards import Shard, plan_shards
from tawthiq.batch.work import ShardResult, completed, process_shard
from tawthiq.errors import TawthiqError

if TYPE_CHECKING:
    from distributed import Client

    from tawthiq.store import SQLStore

PLAN = "batch.json"
DEFAULT_SHARD_LINES = 1000


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a run did: shards done now and skipped (done before), documents, events, failures, incidents."""

    shards: int
    skipped: int
    documents: int
    events: int
    failures: int
    incidents: int
    incidents_path: Path
    loaded: LoadReport | None = None


def run_batch(
    inputs: list[str],
    out: Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    shard_lines: int = DEFAULT_SHARD_LINES,
    processes: bool = True,
    progress: bool = True,
    db: str | None = None,
    say: Callable[[str], None] = print,
) -> BatchReport:
    """Extract every document of ``inputs`` on Dask into ``out``, then link the events into incidents and,
    when ``db`` names a database (a path or URL, as ``--db``), load everything into that store.

    ``out`` must be a folder every worker sees (a shared file system when the cluster has several hosts).
    """
    if db is not None:
        _open(db).close()  # an unusable database is told now, not after hours of extraction
    out.mkdir(parents=True, exist_ok=True)
    _check_plan(out, shard_lines)
    shards = plan_shards(inputs, shard_lines)
    done = {shard.name: result for shard in shards if (result := completed(out, shard.name))}
    todo = [shard for shard in shards if shard.name not in done]
    say(f"{len(shards)} shards: {len(done)} done by an earlier run, {len(todo)} to do")
    results = list(done.values())
    if todo:
        with _client(scheduler, workers, processes, say) as client:
            results.extend(_map(client, todo, out, progress))
    claims = read_claims(out, [shard.name for shard in shards])
    incidents = link_incidents(claims)
    path = write_incidents(out, incidents)
    loaded = _load(db, out, shards, say) if db is not None else None
    return BatchReport(
        shards=len(shards),
        skipped=len(done),
        documents=sum(r.documents for r in results),
        events=sum(r.events for r in results),
        failures=sum(r.failures for r in results),
        incidents=len(incidents),
        incidents_path=path,
        loaded=loaded,
    )


def _load(db: str, out: Path, shards: list[Shard], say: Callable[[str], None]) -> LoadReport:
    say(f"loading {len(shards)} shards into {db}")
    with _open(db) as store:
        return load_into_store(store, out, shards)


def _open(db: str) -> SQLStore:
    from tawthiq.store import open_store

    return open_store(db)


def _map(client: Client, shards: list[Shard], out: Path, progress: bool) -> list[ShardResult]:
    from distributed import progress as show_progress

    futures = client.map(process_shard, shards, out=str(out), key=[f"shard-{s.name}" for s in shards])
    if progress:
        show_progress(futures)
    results: list[ShardResult] = client.gather(futures)
    return results


@contextlib.contextmanager
def _client(
    scheduler: str | None, workers: int, processes: bool, say: Callable[[str], None]
) -> Iterator[Client]:
    """A client on the cluster at ``scheduler``, or on a new LocalCluster of ``workers`` single-threaded
    workers (extraction is pure Python: threads would share one GIL)."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise TawthiqError("E403", target=scheduler, detail=str(error) or type(error).__name__) from error
        with client:
            _say_dashboard(client, say)
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        _say_dashboard(client, say)
        yield client


def _say_dashboard(client: Client, say: Callable[[str], None]) -> None:
    services = client.scheduler_info().get("services", {})
    if "dashboard" in services:
        say(f"Dask dashboard: {client.dashboard_link}")
    else:
        say("Dask dashboard: not running (install bokeh>=3.1 in this environment to get it)")


def _check_plan(out: Path, shard_lines: int) -> None:
    """A folder resumes only with the shard size it was started with: another size names other shards."""
    plan = out / PLAN
    if plan.is_file():
        before = json.loads(plan.read_text(encoding="utf-8"))["shard_lines"]
        if before != shard_lines:
            raise TawthiqError("E401", target=out, before=before, now=shard_lines)
        return
    plan.write_text(json.dumps({"shard_lines": shard_lines}), encoding="utf-8")
