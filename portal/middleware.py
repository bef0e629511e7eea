import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

REFRESH_AFTER = 300  # seconds between two writes that extend a session


class HeadAsGetMiddleware:
    """A HEAD request is served as the GET it stands for, without the body.

    Link checkers, search engines and uptime monitors ask HEAD first. Views written for GET
    (``require_GET``, the admin's login page, django-simple-history's pages) answer it with
    405, 403 or another page than GET would; here every one of them sees a GET, and the
    answer keeps GET's status and headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        else:
            length = response.get("Content-Length")
            response.content = b""
            if length is not None:
                response["Content-Length"] = length  # what GET would have sent
        return response


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


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    """Indonesian unless the visitor chose English with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many phones in
    Indonesia are set to English: they would get the portal in English without asking. Here
    only the language cookie (set by the switcher) changes the language.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
