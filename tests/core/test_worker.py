from imprint.core.scheduler import Job, run_due


def test_clock_enqueues_only_jobs_that_are_due():
    calls = []
    jobs = [Job(lambda: calls.append("a"), 60), Job(lambda: calls.append("b"), 3600)]
    assert run_due(jobs, now=1000.0) == 2
    assert run_due(jobs, now=1030.0) == 0
    assert run_due(jobs, now=1060.0) == 1
    assert calls == ["a", "b", "a"]


def test_clock_survives_a_failing_enqueue():
    def broken():
        raise RuntimeError("database away")

    jobs = [Job(broken, 60)]
    assert run_due(jobs, now=0.0) == 0
    assert jobs[0].next_run == 60.0
