"""Scale-out stage: ``tidings ingest --engine dask`` codes partitions of the input on a Dask cluster.

    driver   reads the inputs (cheap), numbers every item, cuts partitions of articles,
             and keeps a bounded window of them on the cluster              (engine.py)
    workers  code a partition with the process's coder (loaded once per worker, never
             pickled), build each article's store rows (tidings.rows), and write it as
             one Parquet shard, atomically                                   (shards.py)
    driver   merges shards strictly in input order into the store, through the same
             batches and ``write_batch`` as the local engine, so story dedup and event
             coreference run after the merge and the store does not depend on the
             partitioning; or, with ``--out``, leaves the shards as a Parquet dataset
    cluster  ``--address`` / ``$DASK_SCHEDULER_ADDRESS``, else a LocalCluster  (cluster.py)

A worker that dies mid-partition loses nothing: the scheduler runs the partition again
elsewhere and the shard is rewritten whole. An article that makes the coder raise
becomes an :class:`~tidings.errors.InputError`, reported like any bad input.
"""

from .cluster import connect, dashboard_link, describe, scheduler_address
from .engine import (
    PARTITION_SIZE, ScaleError, ScaleOptions, ScaleReport, Watch, code_to_dataset, ingest_dask, load_dataset,
    worker_count,
)
from .shards import SCHEMA, ShardFolder, ShardInfo, WorkerProgress, code_partition

__all__ = [
    "PARTITION_SIZE", "SCHEMA", "ScaleError", "ScaleOptions", "ScaleReport", "ShardFolder", "ShardInfo",
    "Watch", "WorkerProgress", "code_partition", "code_to_dataset", "connect", "dashboard_link", "describe",
    "ingest_dask", "load_dataset", "scheduler_address", "worker_count",
]
