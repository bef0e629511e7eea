"""The queue against real worker processes: crash recovery, two workers, the serve command."""

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.background import jobs
from tests.background.conftest import ROOT, free_port, wait_for, worker_env


def starts_and_dones(path, key):
    found = [line.split()[1] for line in jobs.lines(path) if line.split()[0] == key]
    return found.count("start"), found.count("done")


def test_a_task_of_a_killed_worker_runs_again_once_to_completion(start_worker, tmp_path):
    path = tmp_path / "out.txt"
    first, _ = start_worker("--no-scheduler")
    jobs.write_line.enqueue(str(path), "slow", 3)
    wait_for(lambda: starts_and_dones(path, "slow")[0] == 1)
    first.send_signal(signal.SIGKILL)  # mid-task: no chance to record anything
    first.wait()
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get().status == "RUNNING"  # left behind by the dead worker

    start_worker("--no-scheduler")
    wait_for(lambda: starts_and_dones(path, "slow")[1] == 1, timeout=30)
    time.sleep(1)
    assert starts_and_dones(path, "slow") == (2, 1)
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert len(result.worker_ids) == 2


def test_two_workers_share_a_queue_and_never_take_the_same_task(start_worker, tmp_path):
    path = tmp_path / "out.txt"
    _, one = start_worker("--no-scheduler")
    _, two = start_worker("--no-scheduler")
    for i in range(40):
        jobs.write_line.enqueue(str(path), f"t{i}", 0.05)
    wait_for(lambda: sum(1 for line in jobs.lines(path) if "done" in line) == 40, timeout=60)
    for i in range(40):
        assert starts_and_dones(path, f"t{i}") == (1, 1), i
    from django_tasks_db.models import DBTaskResult

    by_worker = {one: 0, two: 0}
    for ids in DBTaskResult.objects.values_list("worker_ids", flat=True):
        assert len(ids) == 1
        by_worker[ids[0]] += 1
    assert all(by_worker.values()), by_worker  # both took part


def test_the_serve_commands_worker_picks_up_a_task_within_a_second(queue, tmp_path):
    """scripts/serving.py is what `bash scripts/serve.sh` runs after the set-up."""
    from background.models import WorkerBeat

    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "scripts/serving.py"],
        cwd=ROOT,
        env={**worker_env(), "PORT": str(port), "PATH": os.environ["PATH"]},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: WorkerBeat.objects.exists(), timeout=30)
        time.sleep(0.5)
        path = tmp_path / "out.txt"
        queued = time.time()
        jobs.write_line.enqueue(str(path), "quick")
        wait_for(lambda: starts_and_dones(path, "quick")[1] == 1, timeout=10)
        started = float(next(line for line in jobs.lines(path) if "start" in line).split()[2])
        assert started - queued < 1.0
    finally:
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=30) == 0
    # and it took the worker down with it: its beat stops
    import datetime

    from django.utils import timezone

    time.sleep(1)
    assert not WorkerBeat.objects.filter(
        seen_at__gte=timezone.now() - datetime.timedelta(seconds=0.8)
    ).exists()


@pytest.mark.django_db
def test_each_periodic_slot_is_enqueued_by_one_scheduler_only(settings):
    import datetime

    from django.utils import timezone

    from background import schedule
    from background.models import PeriodicRun

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    entries = [
        schedule.Periodic("background.tasks.sweep_outbox", every=60),
        schedule.Periodic("jobboard.tasks.send_ak1_reminders", at=datetime.time(7, 0)),
    ]
    morning = timezone.make_aware(datetime.datetime(2026, 3, 2, 6, 59, 30))
    assert schedule.run_due(morning, entries) == ["background.tasks.sweep_outbox"]
    assert schedule.run_due(morning, entries) == []  # a second scheduler, same minute
    later = morning + datetime.timedelta(minutes=1)
    assert schedule.run_due(later, entries) == [
        "background.tasks.sweep_outbox",
        "jobboard.tasks.send_ak1_reminders",
    ]
    assert schedule.run_due(later + datetime.timedelta(hours=3), entries) == [
        "background.tasks.sweep_outbox"
    ]  # the daily one once a day
    assert PeriodicRun.objects.count() == 4
