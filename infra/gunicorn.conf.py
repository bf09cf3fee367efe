"""gunicorn settings for the `web` role (infra/docker-entrypoint.sh), read from the environment.

Run without the image exactly as the image does:
    PYTHONPATH=.:platform gunicorn -c infra/gunicorn.conf.py config.wsgi:application
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
# Threads serve slow clients and I/O waits without a process each; recycle workers so a slow
# leak never grows for weeks.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
errorlog = "-"
# Only the load balancer's address may set X-Forwarded-* (the app reads the client address
# from LINLI_TRUSTED_PROXIES too).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


# /metrics (config.metrics) with several workers: with PROMETHEUS_MULTIPROC_DIR set, every
# worker writes its counts there and a scrape of any worker sums them all. Start from an empty
# directory and drop a dead worker's live gauges.
def on_starting(server):  # type: ignore[no-untyped-def]
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
