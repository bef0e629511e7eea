import time

REFRESH_AFTER = 300  # seconds between two writes that extend a session


class SlidingSessionMiddleware:
    """Keep an active person's session alive; an idle one ends after SESSION_COOKIE_AGE.

    SESSION_SAVE_EVERY_REQUEST would write the session row on every page view; marking the
    session modified once every few minutes gives the same idle timeout for a fraction of writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get("_seen", 0) > REFRESH_AFTER:
                session["_seen"] = now
        return self.get_response(request)
