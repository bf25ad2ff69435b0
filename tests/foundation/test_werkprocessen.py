"""What the web workers run with: gunicorn's settings file and the Redis reply parser."""

import gc
import runpy
from pathlib import Path

import redis.connection
from gunicorn.config import Config

BASIS = Path(__file__).resolve().parents[2]


def test_gunicorn_leest_het_instellingenbestand_uit_de_werkmap():
    # the Dockerfile, docker-compose.yml and bench/server.py start gunicorn in the project root
    # without --config: gunicorn then reads ./gunicorn.conf.py
    assert Config().settings["config"].get() == "./gunicorn.conf.py"
    assert (BASIS / "gunicorn.conf.py").is_file()


def test_werker_bevriest_de_objecten_van_het_opstarten():
    cfg = Config()
    namen = runpy.run_path(str(BASIS / "gunicorn.conf.py"))
    cfg.set("post_worker_init", namen["post_worker_init"])
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        cfg.post_worker_init(object())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_redis_antwoorden_in_c_gelezen():
    # hiredis is a dependency: redis-py then parses replies in C
    assert redis.connection.DefaultParser.__name__ == "_HiredisParser"
