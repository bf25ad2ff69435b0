"""Settings gunicorn reads from the working directory (the Dockerfile, docker-compose.yml and
`make bench` start it in the project's root).

After a worker has loaded the application, the objects made while starting (modules, classes,
URL patterns, templates: some hundreds of thousands) are moved out of the garbage collector's
reach with ``gc.freeze()``. They live as long as the worker, and without this every full
collection walks them again: 20-30 ms of a page's first request after a write
(docs/performance.md, "Garbage collection in the workers"). The Python documentation recommends
``gc.freeze()`` for processes that fork after start-up.
"""

import gc


def post_worker_init(worker):
    gc.freeze()
