import time

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

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


class PrivatePagesMiddleware:
    """No browser or proxy keeps a page that is not the same for every anonymous visitor.

    Logged-in pages show NIKs, phone numbers, KTP scans and complaints, and the portal is used
    on shared computers (internet cafés, the office's own counter). Every answer is sent with
    ``Cache-Control: no-store`` except the public pages as anonymous visitors get them
    (``portal.pagecache.cache_public_page`` marks those) and static files (served by
    whitenoise before this middleware). Private by default: a new page needs no care.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "public_page", False) and not request.user.is_authenticated:
            return response
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response


class MalformedRequestMiddleware:
    """An address with a NUL character in its path or query is answered 400, at once.

    PostgreSQL cannot store or compare text with NUL in it (psycopg refuses it), so such a
    value would end in a server error in whichever view first queries with it; nothing a
    person types contains one. Checked here once for every URL and parameter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in query.getlist(key)) for key in query
        ):
            return HttpResponseBadRequest(loader.get_template("400.html").render())
        return self.get_response(request)
