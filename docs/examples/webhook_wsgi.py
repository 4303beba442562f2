"""Receiving Flowroute webhooks with nothing but WSGI (any WSGI server runs it)."""

from webhook_dedupe import accept

from flowroute import webhooks

MAX_BODY = 1_000_000  # an MMS callback lists its files by URL: bodies stay small


def application(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response("405 Method Not Allowed", [("Allow", "POST")])
        return [b""]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BODY:
        start_response("413 Payload Too Large", [])
        return [b""]
    body = environ["wsgi.input"].read(length)
    headers = {"Content-Type": environ.get("CONTENT_TYPE", "")}
    try:
        event = webhooks.parse(body, headers)
    except webhooks.WebhookError:
        start_response("400 Bad Request", [])
        return [b""]
    accept(event)
    start_response("204 No Content", [])
    return [b""]
