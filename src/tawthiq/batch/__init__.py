"""Batch extraction on Dask for archives of millions of articles: JSON Lines inputs cut into shards,
events written as partitioned Parquet, resumable after a crash, then linked into incidents.

>>> report = run_batch(["news.jsonl.gz"], Path("out"), workers=4)  # doctest: +SKIP
"""

from tawthiq.batch.runner import DEFAULT_SHARD_LINES, BatchReport, run_batch
from tawthiq.batch.shards import Shard, plan_shards
from tawthiq.batch.work import ShardResult, process_shard

__all__ = [
    "DEFAULT_SHARD_LINES",
    "BatchReport",
    "Shard",
    "ShardResult",
    "plan_shards",
    "process_shard",
    "run_batch",
]
