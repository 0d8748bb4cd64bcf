"""The Dask engine keeps no more than a few batches alive in the client: distributed's batched streams log
their recent payloads (by default the last 1000, each a whole batch of articles), so map_dask shortens the log
for the duration of the run and restores the setting afterwards."""
from __future__ import annotations

import gc

import pytest

from coder.engine import map_batches


def payload_size(batch: list[str]) -> int:
    return sum(len(s) for s in batch)


def test_client_streams_keep_at_most_log_length_payloads():
    pytest.importorskip("distributed")
    import dask
    from distributed.batched import BatchedSend

    from coder.engine.daskrun import LOG_LENGTH

    before = dask.config.get("distributed.admin.low-level-log-length")
    batches = [[f"{i:04d}" + "x" * 20_000] * 5 for i in range(3 * LOG_LENGTH)]  # ~100 KB each
    sizes, logs = [], []
    for size in map_batches(payload_size, batches, engine="dask", workers=1):
        sizes.append(size)
        if len(sizes) == len(batches):  # the cluster is still up: look at its streams
            assert dask.config.get("distributed.admin.low-level-log-length") == LOG_LENGTH
            logs = [o.recent_message_log for o in gc.get_objects() if isinstance(o, BatchedSend)]
    assert sizes == [5 * 20_004] * len(batches)
    assert logs and all(log.maxlen == LOG_LENGTH and len(log) <= LOG_LENGTH for log in logs)
    assert dask.config.get("distributed.admin.low-level-log-length") == before
