"""gunicorn's settings for production: `gunicorn -c gunicorn.conf.py` (or `make serve`).

Every setting can be given in the environment: WEB_CONCURRENCY (workers, default 4), BIND (default
127.0.0.1:8000; behind a reverse proxy keep it on the loopback), GUNICORN_TIMEOUT (seconds, default 60: the
deck of a national follow-up takes a few seconds to build). The app needs SECRET_KEY and PUBLIC_BASE_URL
(tracker/wsgi.py says so and refuses to start without them); DATABASE_URL for PostgreSQL.
"""

import os

wsgi_app = "tracker.wsgi:production_app()"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
bind = os.environ.get("BIND", "127.0.0.1:8000")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
accesslog = "-"  # stdout
logger_class = "tracker.wsgi.RedactingLogger"  # no sign-in token in the access log
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
