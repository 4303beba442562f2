"""Receiving Flowroute webhooks in Flask: parse, queue once, answer 2xx at once."""

from flask import Flask, request
from webhook_dedupe import accept

from flowroute import webhooks

app = Flask(__name__)


@app.post("/flowroute")
def flowroute_webhook() -> tuple[str, int]:
    try:
        event = webhooks.parse(request.get_data(), request.headers)
    except webhooks.WebhookError as exc:
        app.logger.warning("not a Flowroute webhook: %s", exc)
        return "", 400  # a retry of the same body would fail the same way
    accept(event)
    return "", 204
