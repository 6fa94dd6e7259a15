"""Finding the cluster: a scheduler at an address, or a local cluster with one worker process per core."""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import warnings
from typing import Iterator

import dask
from distributed import Client, LocalCluster

from ..errors import ConfigError

WORKER_WAIT_SECONDS = 60
# Two Dask defaults that cost a coder (docs/benchmarks.md, "Scale"): MALLOC_TRIM_THRESHOLD_=65536 makes
# glibc hand memory back after every free, and spaCy, which allocates and frees much, codes ~15 % slower;
# the worker profiler keeps an hour of stack samples, ~130 MB more per 10,000 articles coded.
# Three more cost the driver, where a local cluster's scheduler runs, for nothing a batch job needs:
# every process's event loop timing itself 50 times a second (the "tick", a diagnostic of blocked loops),
# the system monitor's samples every 0.5 s (dashboard plots), and work stealing's periodic balancing (with at
# most two partitions queued per worker there is nothing to steal). Together they were a third of the driver's
# CPU time on 2 workers: the scheduler's loop 1.8 -> 0.7 s over 384 articles.
WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                 "distributed.worker.profile.enabled": False,
                 "distributed.admin.tick.interval": "500ms",
                 "distributed.admin.system-monitor.interval": "2s",
                 "distributed.scheduler.work-stealing": False}


def scheduler_address(address: str | None = None) -> str | None:
    """The scheduler to use: ``address``, else ``$DASK_SCHEDULER_ADDRESS`` (or Dask's config), else ``None``."""
    return address or os.environ.get("DASK_SCHEDULER_ADDRESS") or dask.config.get("scheduler-address", None)


@contextlib.contextmanager
def connect(address: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (see :func:`scheduler_address`), or of a new local cluster
    of ``workers`` single-threaded worker processes (default: one per core), closed on exit."""
    address = scheduler_address(address)
    if address and workers:
        raise ConfigError(f"--workers starts a local cluster, but a scheduler was given ({address}); "
                          "drop --workers, or drop --address and unset DASK_SCHEDULER_ADDRESS")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers {workers}: give at least 1")
    if address:
        client = _remote(address)
        try:
            yield client
        finally:
            client.close()
        return
    with warnings.catch_warnings():  # "port 8787 is in use, the dashboard goes elsewhere": the link is printed anyway
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        cluster = _local_cluster(workers or os.cpu_count() or 1)
    with cluster, Client(cluster) as client:
        yield client


def _local_cluster(workers: int) -> LocalCluster:
    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, silence_logs=logging.ERROR)


def _remote(address: str) -> Client:
    timeout = dask.config.get("distributed.comm.timeouts.connect")
    try:
        client = Client(address, timeout=timeout)
    except (OSError, ValueError, TimeoutError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"no Dask scheduler answers at {address} ({reason}); start one there with "
                          "`dask scheduler`, or leave out --address and DASK_SCHEDULER_ADDRESS to use a local cluster"
                          ) from None
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        client.close()
        raise ConfigError(f"the Dask scheduler at {address} has had no workers for {WORKER_WAIT_SECONDS} s; "
                          f"start some with `dask worker {address} --nthreads 1`") from None
    return client


def dashboard_link(client: Client) -> str | None:
    """The scheduler's dashboard URL, when it serves one (that needs bokeh where the scheduler runs)."""
    try:
        if "dashboard" not in client.scheduler_info()["services"]:
            return None
        has_bokeh = client.run_on_scheduler(lambda: importlib.util.find_spec("bokeh") is not None)
    except (KeyError, OSError):
        return None
    return client.dashboard_link if has_bokeh else None


def describe(client: Client) -> str:
    """One line: how many workers, where."""
    workers = len(client.nthreads())
    where = "a local cluster" if client.cluster is not None else client.scheduler_info()["address"]
    return f"{workers} Dask worker{'s' if workers != 1 else ''} on {where}"
