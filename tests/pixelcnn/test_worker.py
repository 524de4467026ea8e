"""The sampler in worker processes: the same digits as in this process, the newest pixel
visible while it draws, Stop frees it at once, workers are reused, errors come back."""

import time

import pytest
import torch

from playground.pixelcnn import sampling as S
from playground.pixelcnn import worker as W
from playground.pixelcnn.model import NONE, SIZE, GatedPixelCNN

N = SIZE * SIZE


def _tiny(seed: int) -> GatedPixelCNN:
    torch.manual_seed(seed)
    m = GatedPixelCNN(channels=8, layers=3, kernel=3, first_kernel=5).eval()
    for p in m.parameters():  # confident: probabilities spread over (0, 1)
        p.data.mul_(3.0)
    return m


@pytest.fixture(scope="module")
def gated():
    return _tiny(0)


def _run(sampler: W.SamplerProcess, timeout: float = 30) -> W.SamplerProcess:
    deadline = time.time() + timeout
    while not sampler.wait(0.04):
        assert time.time() < deadline, "the worker did not finish"
    return sampler


def test_worker_draws_the_same_digits_as_this_process(gated):
    y = torch.tensor([3, NONE, 7])
    u = S.uniforms(seed=5, batch=3)
    done = _run(W.SamplerProcess(gated, y, u, temperature=0.8).start())
    here, probs = S.sample(gated, y, seed=5, temperature=0.8)
    last, result = done.latest(), done.result()
    assert result.error is None and result.count == N and not result.stopped
    assert last.index == N - 1 and torch.equal(last.canvas, here)
    assert torch.allclose(last.probs, probs, atol=1e-6)
    assert not torch.equal(here[0], here[1])  # a real test: the samples differ


def test_worker_completes_a_digit_like_this_process(gated):
    given = (torch.rand(SIZE, SIZE, generator=torch.Generator().manual_seed(4)) < 0.3).float()
    y, start = torch.tensor([NONE, NONE]), 10 * SIZE + 5
    done = _run(W.SamplerProcess(gated, y, S.uniforms(9, 2), start=start, given=given).start())
    here, _ = S.sample(gated, y, seed=9, start=start, given=given)
    assert done.result().count == N - start
    assert torch.equal(done.latest().canvas, here)
    assert torch.equal(here.flatten(1)[:, :start], given.flatten()[None, :start].expand(2, -1))


def test_the_newest_pixel_is_visible_while_drawing_and_nothing_after_it(gated):
    s = W.SamplerProcess(gated, torch.tensor([NONE]), S.uniforms(1, 1), pace=200.0).start()
    try:
        time.sleep(0.3)
        step = s.latest()
        assert step is not None and 10 < step.index < N - 1
        decided = step.index + 1
        assert not step.probs.flatten()[:decided].isnan().any()
        assert step.probs.flatten()[decided:].isnan().all()
        assert step.canvas.flatten()[decided:].eq(0).all()
        assert step.prob[0] == step.probs[0, step.row, step.col]
    finally:
        s.stop()


def test_stop_returns_at_once_and_the_worker_serves_the_next_job(gated):
    slow = W.SamplerProcess(gated, torch.tensor([NONE]), S.uniforms(2, 1), pace=12.0).start()
    assert not slow.wait(0.3)
    t0 = time.perf_counter()
    slow.stop()
    assert time.perf_counter() - t0 < 0.05
    shown = slow.latest()
    # the worker ends the job at its next pixel and hands the slot back
    assert slow.wait(2) and slow.result().stopped and not slow.slot.busy
    assert slow.latest() is shown  # the board as it was at Stop
    nxt = _run(W.SamplerProcess(gated, torch.tensor([2]), S.uniforms(3, 1)).start())
    assert torch.equal(nxt.latest().canvas, S.sample(gated, torch.tensor([2]), seed=3)[0])
    assert W.busy() == 0 and len(W.workers()) <= W.MAX_PROCESSES


def test_jobs_share_a_worker_in_turns(gated, monkeypatch):
    """A class drawing at once: more jobs than processes, each still its own digit."""
    monkeypatch.setattr(W, "MAX_PROCESSES", 1)
    for w in list(W._POOL):  # start from one worker
        if w is not W._POOL[0]:
            W._POOL.remove(w)
    jobs = [W.SamplerProcess(gated, torch.tensor([k]), S.uniforms(k, 1), pace=None if k else 300.0).start()
            for k in range(3)]
    assert len({j.worker for j in jobs}) == 1 and W.busy() == 3
    for k, j in enumerate(jobs):
        _run(j)
        assert torch.equal(j.latest().canvas, S.sample(gated, torch.tensor([k]), seed=k)[0])


def test_a_second_worker_starts_only_when_the_first_is_full(gated):
    """One worker takes SLOTS jobs (memory: a process with torch is ~200 MB); one more job
    starts another worker, which draws its own model's digit."""
    other = _tiny(1)
    for w in list(W._POOL):  # start from one worker (an earlier test may have left two)
        if w is not W._POOL[0]:
            W._POOL.remove(w)
    full = [W.SamplerProcess(gated, torch.tensor([NONE]), S.uniforms(4, 1), pace=400.0).start()
            for _ in range(W.SLOTS)]
    assert len({j.worker for j in full}) == 1
    b = W.SamplerProcess(other, torch.tensor([NONE]), S.uniforms(4, 1)).start()
    assert b.worker is not full[0].worker and W.busy() >= W.SLOTS + 1
    _run(b)
    for a in full:
        _run(a)
    assert torch.equal(full[0].latest().canvas, S.sample(gated, torch.tensor([NONE]), seed=4)[0])
    assert torch.equal(b.latest().canvas, S.sample(other, torch.tensor([NONE]), seed=4)[0])


def test_a_worker_switches_models_between_jobs():
    first, second = _tiny(2), _tiny(3)
    for model in (first, second, first):
        done = _run(W.SamplerProcess(model, torch.tensor([5]), S.uniforms(6, 1)).start())
        assert torch.equal(done.latest().canvas, S.sample(model, torch.tensor([5]), seed=6)[0])


def test_an_error_in_the_worker_comes_back(gated):
    too_few = torch.rand(1, 10)  # one random number per pixel is needed, not 10
    done = _run(W.SamplerProcess(gated, torch.tensor([NONE]), too_few).start())
    assert isinstance(done.result().error, IndexError)
    ok = _run(W.SamplerProcess(gated, torch.tensor([NONE]), S.uniforms(0, 1)).start())
    assert ok.result().error is None and ok.result().count == N


def test_an_abandoned_job_ends_by_itself(gated, monkeypatch):
    monkeypatch.setattr(W.SamplerProcess, "ABANDONED_S", 0.2)
    s = W.SamplerProcess(gated, torch.tensor([NONE]), S.uniforms(1, 1), pace=12.0).start()
    # nobody calls wait(): nobody looks; the worker ends the job without being stopped
    assert s._done.wait(2)
    assert s.result().stopped and s.result().count < 20 and not s.slot.busy


def test_a_killed_worker_fails_its_jobs_with_a_clear_error(gated):
    s = W.SamplerProcess(gated, torch.tensor([NONE]), S.uniforms(1, 1), pace=12.0).start()
    s.worker.process.kill()
    assert s.wait(5) and isinstance(s.result().error, W.SamplerEnded)
    ok = _run(W.SamplerProcess(gated, torch.tensor([NONE]), S.uniforms(0, 1)).start())
    assert ok.result().error is None and ok.result().count == N
