"""gunicorn's settings for every start in this checkout (gunicorn reads ./gunicorn.conf.py).

The access log names the path, never the query string, and not the referring page either:
query strings carry what people search for and type (an officer's admin search for a NIK or
a phone number, a job seeker's search, a complaint reference), and the log is kept and read
far more widely than the database. ``%(U)s`` is the path without its query.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'
