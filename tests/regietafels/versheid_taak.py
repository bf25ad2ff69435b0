"""A Celery task for tests/regietafels/test_versheid.py: the worker (another process) renames a
gemeente through the ORM, as the application's own tasks write."""

from celery import shared_task


@shared_task(name="tests.regietafels.versheid_taak.hernoemen")
def hernoemen(oud: str, nieuw: str) -> int:
    from raming.models import Gemeente

    return Gemeente.objects.filter(naam=oud).update(naam=nieuw)
