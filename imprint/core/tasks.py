"""Site-wide periodic jobs, run by the worker (see ``run_worker``)."""

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_task() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)


@task()
def prune_task_results_task() -> None:
    """Forget finished task results older than a week, so the table stays small."""
    call_command("prune_db_task_results", min_age_days=7, verbosity=0)
