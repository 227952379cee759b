"""AWS Signature Version 4 for the benchmarks: signs one request so that wrk can replay it unchanged.

SigV4 has no nonce, so a signed request stays valid for the edge's allowed clock skew (15 minutes); the benchmarks
sign again before every measured run. Standard library only (the machines reach no Python package index).
"""
import datetime
import hashlib
import hmac
import urllib.parse

ALGORITHM = "AWS4-HMAC-SHA256"


def _hmac(key, text):
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def _encode(text):
    return urllib.parse.quote(text, safe="-_.~")


def sign(method, url, service, region, credentials, body=b"", headers=None, now=None):
    """The headers to send with the request: the given ones plus host, dates, payload hash, token, Authorization.

    credentials: dict with access_key, secret_key and optionally session_token.
    """
    now = now or datetime.datetime.now(datetime.timezone.utc)
    parts = urllib.parse.urlsplit(url)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    scope = f"{amz_date[:8]}/{region}/{service}/aws4_request"
    signed = {key.lower(): value.strip() for key, value in (headers or {}).items()}
    signed.update({"host": parts.netloc, "x-amz-date": amz_date,
                   "x-amz-content-sha256": hashlib.sha256(body).hexdigest()})
    if credentials.get("session_token"):
        signed["x-amz-security-token"] = credentials["session_token"]
    names = sorted(signed)
    query = sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    canonical = "\n".join([
        method,
        parts.path or "/",
        "&".join(f"{_encode(key)}={_encode(value)}" for key, value in query),
        "".join(f"{name}:{signed[name]}\n" for name in names),
        ";".join(names),
        signed["x-amz-content-sha256"],
    ])
    to_sign = "\n".join([ALGORITHM, amz_date, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = ("AWS4" + credentials["secret_key"]).encode("utf-8")
    for part in (amz_date[:8], region, service, "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    signed["authorization"] = (f"{ALGORITHM} Credential={credentials['access_key']}/{scope}, "
                               f"SignedHeaders={';'.join(names)}, Signature={signature}")
    del signed["host"]
    return signed
