"""The engines map a pure function over batches: in order, with bounded work in flight, on real processes."""
from __future__ import annotations

import os
import time

import pytest

from coder.engine import default_workers, map_batches, worker_id


def square_sum(batch: list[int]) -> tuple[int, str]:
    time.sleep(0.02)  # long enough that a pool hands work to every worker
    return sum(x * x for x in batch), worker_id()


def boom(batch: list[int]) -> int:
    raise ValueError(f"bad batch {batch}")


BATCHES = [[i, i + 1] for i in range(0, 40, 2)]
EXPECTED = [i * i + (i + 1) * (i + 1) for i in range(0, 40, 2)]


def test_local_two_workers_keeps_order_and_uses_both_processes():
    out = list(map_batches(square_sum, BATCHES, engine="local", workers=2))
    assert [r for r, _ in out] == EXPECTED
    pids = {w.split(":")[1] for _, w in out}
    assert len(pids) == 2 and str(os.getpid()) not in pids


def test_one_worker_runs_in_this_process():
    out = list(map_batches(square_sum, BATCHES[:3], engine="local", workers=1))
    assert out == [(1, worker_id()), (13, worker_id()), (41, worker_id())]


def test_input_is_pulled_lazily_with_bounded_work_in_flight():
    pulled = []

    def source():
        for b in BATCHES:
            pulled.append(b)
            yield b

    it = map_batches(square_sum, source(), engine="local", workers=2, in_flight=3)
    first = next(it)
    assert first[0] == 1
    assert len(pulled) == 3  # 3 submitted, the first consumed; nothing else read yet
    assert [r for r, _ in [first, *it]] == EXPECTED


def test_worker_error_reaches_the_caller():
    with pytest.raises(ValueError, match=r"bad batch \[0, 1\]"):
        list(map_batches(boom, BATCHES[:2], engine="local", workers=2))


@pytest.mark.parametrize("kwargs,message", [
    ({"engine": "spark"}, "unknown engine 'spark': choose one of local, dask"),
    ({"workers": 0}, "workers must be at least 1, got 0"),
    ({"scheduler": "tcp://h:8786"}, "a scheduler address only makes sense with engine='dask'"),
])
def test_bad_arguments_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError) as e:
        map_batches(square_sum, BATCHES, **kwargs)
    assert str(e.value) == message


def test_default_workers_is_the_affinity_set():
    assert default_workers() == len(os.sched_getaffinity(0))


def test_dask_local_cluster_same_results_on_both_workers():
    pytest.importorskip("distributed")
    out = list(map_batches(square_sum, BATCHES, engine="dask", workers=2))
    assert [r for r, _ in out] == EXPECTED
    assert len({w for _, w in out}) == 2
