"""The legacy libraries' ``APIHelper``: the URL and JSON helpers their controllers called.

Both legacy libraries shipped an ``APIHelper`` module, and ``import *`` from
one of their controller modules put the class in the caller's namespace, so
legacy code (and its tests) sometimes called it directly. The compat layer
does not use it; it is kept, with the same static methods and results, for
that code.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Optional

__all__ = ["APIHelper"]

_ABSOLUTE = re.compile(r"^https?://[^/]+")


def _plain(value: Any) -> Any:
    """JSON for objects `json` cannot write: a legacy model's API names, else its attributes."""
    if callable(getattr(value, "resolve_names", None)):
        return value.resolve_names()
    return vars(value) if hasattr(value, "__dict__") else str(value)


def fill_template(
    url: str, parameters: Optional[dict[str, Any]], render: Callable[[Any], str]
) -> str:
    """`url` with each ``{name}`` replaced by ``render(value)``.

    A list's items are joined by ``/`` and None stands for nothing: both
    generated SDKs (legacy and v3) filled templates so; only `render` differs.
    """
    for key, value in (parameters or {}).items():
        if value is None:
            text = ""
        elif isinstance(value, list):
            text = "/".join(render(item) for item in value)
        else:
            text = render(value)
        url = url.replace("{" + key + "}", text)
    return url


class APIHelper:
    """Static helpers of the legacy generated code: JSON, URL templates, queries, forms."""

    @staticmethod
    def json_serialize(obj: Any) -> Optional[str]:
        """JSON text of `obj` (a legacy model, a list of them, or plain data); None for None."""
        if obj is None:
            return None
        if isinstance(obj, list):
            obj = [APIHelper.resolve_name(item) for item in obj]
        else:
            obj = APIHelper.resolve_name(obj)
        return json.dumps(obj, default=_plain)

    @staticmethod
    def json_deserialize(json_text: Any) -> Any:
        """The value of JSON text (str or bytes); None for None."""
        return None if json_text is None else json.loads(json_text)

    @staticmethod
    def append_url_with_template_parameters(url: str, parameters: Optional[dict[str, Any]]) -> str:
        """`url` with each ``{name}`` replaced: lists joined by ``/``, None as nothing.

        Raises:
            ValueError: `url` is None.
        """
        if url is None:
            raise ValueError("url is null")
        return fill_template(url, parameters, str)

    @staticmethod
    def append_url_with_query_parameters(url: str, parameters: Optional[dict[str, Any]]) -> str:
        """`url` with ``key=value`` appended per parameter; None skipped, lists as ``key[]=``.

        Values are written as they are, unescaped, as the legacy helper wrote them.

        Raises:
            ValueError: `url` is None.
        """
        if url is None:
            raise ValueError("url is null")
        for key, element in (parameters or {}).items():
            if element is None:
                continue
            separator = "&" if "?" in url else "?"
            if isinstance(element, list):
                url += separator + "&".join(f"{key}[]={item}" for item in element)
            else:
                url += f"{separator}{key}={element}"
        return url

    @staticmethod
    def clean_url(url: str) -> str:
        """`url` with repeated slashes after the host collapsed.

        Raises:
            ValueError: `url` is not an absolute http(s) URL.
        """
        match = _ABSOLUTE.match(url)
        if match is None:
            raise ValueError("Invalid Url format.")
        return match.group(0) + re.sub("//+", "/", url[match.end() :])

    @staticmethod
    def form_encode(obj: Any, instanceName: str) -> Optional[dict[str, Any]]:  # the legacy keyword
        """A model as form fields named ``instanceName[field]`` (lists indexed, dicts nested)."""
        value = APIHelper.resolve_name(obj)
        if value is None:
            return None
        if not isinstance(value, dict):
            return {instanceName: value}
        encoded: dict[str, Any] = {}
        for key, item in value.items():
            name = f"{instanceName}[{key}]"
            if isinstance(item, list):
                for index, entry in enumerate(item):
                    encoded.update(APIHelper.form_encode(entry, f"{name}[{index}]") or {})
            elif isinstance(item, dict):
                encoded.update(APIHelper.form_encode(item, name) or {})
            else:
                encoded[name] = item
        return encoded

    @staticmethod
    def resolve_names(obj: Any, names: dict[str, str], retval: dict[str, Any]) -> dict[str, Any]:
        """Fill `retval` with `obj`'s attributes under their API names (`names`: model -> API)."""
        for name, api_name in names.items():
            value = getattr(obj, name)
            if isinstance(value, list):
                retval[api_name] = [APIHelper.resolve_name(item) for item in value]
            elif isinstance(value, dict):
                retval[api_name] = {k: APIHelper.resolve_name(v) for k, v in value.items()}
            else:
                retval[api_name] = APIHelper.resolve_name(value)
        return retval

    @staticmethod
    def resolve_name(value: Any) -> Any:
        """A legacy model as its API dict (its ``resolve_names()``); anything else as it is."""
        if value is not None and callable(getattr(value, "resolve_names", None)):
            return value.resolve_names()
        return value
