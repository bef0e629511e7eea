"""The client's address, as far as the reverse proxies in front of the portal can be trusted."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT=n the address the outermost trusted proxy saw.

    X-Forwarded-For is only believed as far as our own proxies wrote it: a client can put
    anything at its start, so the address is taken n entries from its end.
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
