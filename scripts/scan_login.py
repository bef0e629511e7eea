"""Logs in to the portal and prints the session cookie header (for the scanners).

``scan_login.py BASE USER PASSWORD [TOTP_KEY_HEX]``: with a key, the second step of an
officer's log-in is answered with the code of the moment (portal.second_factor).
"""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base, username, password = sys.argv[1:4]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(f"{base}/masuk/").read().decode()
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
data = urllib.parse.urlencode(
    {"csrfmiddlewaretoken": token, "username": username, "password": password}
).encode()
opener.open(
    urllib.request.Request(f"{base}/masuk/", data=data, headers={"Referer": f"{base}/masuk/"})
)
if len(sys.argv) > 4:
    from django_otp.oath import totp

    step = opener.open(f"{base}/masuk/faktor-kedua/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', step).group(1)
    code = f"{totp(bytes.fromhex(sys.argv[4])):06d}"
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "token": code}).encode()
    opener.open(
        urllib.request.Request(
            f"{base}/masuk/faktor-kedua/", data=data, headers={"Referer": f"{base}/masuk/"}
        )
    )
cookies = {c.name: c.value for c in jar}
if "sessionid" not in cookies:
    sys.exit(f"login as {username} failed")
print("; ".join(f"{k}={v}" for k, v in cookies.items()))
