"""Site-wide periodic jobs, run by the worker's periodic thread (see ``run_worker``)."""

import os
import socket

from django_tasks import TaskContext, task

from .services import scheduled_publish, task_results_prune

PERIODIC_QUEUE = "periodic"


def _holder(context: TaskContext) -> str:
    """Who runs this: the worker's id, or this process when tasks run in-process."""
    worker_ids = context.task_result.worker_ids
    return worker_ids[-1] if worker_ids else f"{socket.gethostname()}:{os.getpid()}"[:64]


@task(queue_name=PERIODIC_QUEUE, takes_context=True)
def publish_scheduled_task(context: TaskContext) -> bool:
    """Publish pages whose go-live time has come and unpublish expired ones (exactly once)."""
    return scheduled_publish(holder=_holder(context))


@task(queue_name=PERIODIC_QUEUE)
def prune_task_results_task() -> None:
    """Forget finished task results older than a week, so the tables stay small."""
    task_results_prune()
