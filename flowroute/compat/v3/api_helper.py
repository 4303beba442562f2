"""The v3 SDK's ``APIHelper``: the JSON and URL helpers code written for it may call.

Written for this package on the standard library (the SDK used jsonpickle
and dateutil); the drop-in's own calls do not use it, they run on
``client.v2``.
"""

from __future__ import annotations

import calendar
import datetime
import email.utils
import json
import re
from typing import Any, Callable, Optional
from urllib.parse import quote

from ..._validate import iso_datetime
from ..apihelper import fill_template
from .models import SdkModel

__all__ = ["APIHelper"]

_SCALARS = (str, int, float, bool, datetime.date)
_ARRAY_SEPARATORS = {"csv": ",", "psv": "|", "tsv": "\t"}


def _escape(value: Any) -> str:
    return quote(str(value), safe="")


class APIHelper:
    """Static helpers for JSON bodies, URLs and dates, named as the SDK named them."""

    @staticmethod
    def merge_dicts(dict1: dict[Any, Any], dict2: dict[Any, Any]) -> dict[Any, Any]:
        """A shallow copy of `dict1` updated with `dict2`."""
        return {**dict1, **dict2}

    @staticmethod
    def json_serialize(obj: Any) -> Optional[str]:
        """JSON text of `obj`; SDK models are written with their API key names."""
        if obj is None:
            return None
        if isinstance(obj, list):
            obj = [APIHelper.to_dictionary(i) if isinstance(i, SdkModel) else i for i in obj]
        elif isinstance(obj, SdkModel):
            obj = APIHelper.to_dictionary(obj)
        return json.dumps(obj, default=str)

    @staticmethod
    def json_deserialize(
        text: Any, unboxing_function: Optional[Callable[[Any], Any]] = None
    ) -> Any:
        """Decoded JSON; text that is not JSON comes back unchanged (``""`` stays ``""``)."""
        if text is None:
            return None
        try:
            decoded = json.loads(text)
        except (TypeError, ValueError):
            return text
        if unboxing_function is None:
            return decoded
        if isinstance(decoded, list):
            return [unboxing_function(item) for item in decoded]
        return unboxing_function(decoded)

    @staticmethod
    def serialize_array(
        key: str, array: list[Any], formatting: str = "indexed"
    ) -> list[tuple[str, Any]]:
        """Query pairs of a list: ``key[0]=..`` (indexed), ``key[]=..`` or ``key=..`` (plain).

        Raises:
            ValueError: an unknown `formatting`.
        """
        if array and not isinstance(array[0], (*_SCALARS, APIHelper.CustomDate)):
            formatting = "indexed"  # objects are always indexed
        if formatting == "indexed":
            return [(f"{key}[{i}]", item) for i, item in enumerate(array)]
        if formatting == "unindexed":
            return [(f"{key}[]", item) for item in array]
        if formatting == "plain":
            return [(key, item) for item in array]
        raise ValueError("Invalid format provided.")

    @staticmethod
    def append_url_with_template_parameters(url: str, parameters: Optional[dict[str, Any]]) -> str:
        """`url` with each ``{name}`` replaced by its escaped value (a list joined by ``/``)."""
        if url is None:
            raise ValueError("URL is None.")
        return fill_template(url, parameters, _escape)

    @staticmethod
    def append_url_with_query_parameters(
        url: str, parameters: Optional[dict[str, Any]], array_serialization: str = "indexed"
    ) -> str:
        """`url` with the parameters that are not None appended as its query."""
        if url is None:
            raise ValueError("URL is None.")
        for key, value in (parameters or {}).items():
            if value is None:
                continue
            if isinstance(value, list):
                items = [item for item in value if item]
                joiner = _ARRAY_SEPARATORS.get(array_serialization)
                if joiner is not None:
                    pair = f"{key}={joiner.join(_escape(item) for item in items)}"
                else:
                    pairs = APIHelper.serialize_array(key, items, array_serialization)
                    pair = "&".join(f"{k}={_escape(v)}" for k, v in pairs)
            else:
                pair = f"{key}={_escape(value)}"
            url += ("&" if "?" in url else "?") + pair
        return url

    @staticmethod
    def clean_url(url: str) -> str:
        """`url` with repeated slashes in its path collapsed.

        Raises:
            ValueError: `url` is not an absolute http(s) URL.
        """
        match = re.match(r"^https?://[^/]+", url)
        if match is None:
            raise ValueError("Invalid Url format.")
        origin = match.group(0)
        path, mark, query = url[len(origin) :].partition("?")
        return origin + re.sub("//+", "/", path) + mark + query

    @staticmethod
    def form_encode_parameters(
        form_parameters: dict[str, Any], array_serialization: str = "indexed"
    ) -> list[tuple[str, Any]]:
        """Form pairs of every parameter (``person[name]=...``)."""
        encoded: list[tuple[str, Any]] = []
        for key, value in form_parameters.items():
            encoded += APIHelper.form_encode(value, key, array_serialization)
        return encoded

    @staticmethod
    def form_encode(
        obj: Any, instance_name: str, array_serialization: str = "indexed"
    ) -> list[tuple[str, Any]]:
        """Form pairs of one value, nested objects and lists flattened into ``a[b][0]``."""
        if isinstance(obj, SdkModel):
            obj = APIHelper.to_dictionary(obj)
        if obj is None:
            return []
        pairs: list[tuple[str, Any]] = []
        if isinstance(obj, list):
            for name, item in APIHelper.serialize_array(instance_name, obj, array_serialization):
                pairs += APIHelper.form_encode(item, name, array_serialization)
        elif isinstance(obj, dict):
            for key, item in obj.items():
                pairs += APIHelper.form_encode(item, f"{instance_name}[{key}]", array_serialization)
        else:
            pairs.append((instance_name, obj))
        return pairs

    @staticmethod
    def to_dictionary(obj: SdkModel) -> dict[str, Any]:
        """An SDK model as a JSON object with the API's key names."""
        return obj.to_dictionary()

    class CustomDate:
        """A datetime with the text it is written as (``str()``)."""

        def __init__(self, dtime: Any, value: Any = None) -> None:
            self.datetime = dtime
            self.value = value if value else self.from_datetime(dtime)

        @classmethod
        def from_datetime(cls, date_time: Any) -> Any:
            """The text form of `date_time` (ISO 8601 here)."""
            return date_time.isoformat()

        def __str__(self) -> str:
            return str(self.value)

        def __getstate__(self) -> Any:
            return self.value

    class HttpDateTime(CustomDate):
        """A datetime written as an HTTP date (``Tue, 15 Nov 1994 08:12:31 GMT``)."""

        @classmethod
        def from_datetime(cls, date_time: Any) -> Any:
            """The HTTP date of `date_time` (naive: UTC)."""
            return email.utils.formatdate(calendar.timegm(date_time.utctimetuple()), usegmt=True)

        @classmethod
        def from_value(cls, value: str) -> APIHelper.HttpDateTime:
            """Read an HTTP date."""
            return cls(email.utils.parsedate_to_datetime(value), value)

    class UnixDateTime(CustomDate):
        """A datetime written as seconds since the epoch."""

        @classmethod
        def from_datetime(cls, date_time: Any) -> Any:
            """Seconds since the epoch of `date_time` (naive: UTC)."""
            return calendar.timegm(date_time.utctimetuple())

        @classmethod
        def from_value(cls, value: Any) -> APIHelper.UnixDateTime:
            """Read seconds since the epoch."""
            moment = datetime.datetime.fromtimestamp(float(value), datetime.timezone.utc)
            return cls(moment.replace(tzinfo=None), float(value))

    class RFC3339DateTime(CustomDate):
        """A datetime written in RFC 3339; built from a datetime or from its text."""

        @classmethod
        def from_datetime(cls, date_time: Any) -> Any:
            """RFC 3339 text of `date_time`, or of the date text given instead."""
            if isinstance(date_time, str):
                date_time = iso_datetime(date_time)
            return date_time.isoformat()

        @classmethod
        def from_value(cls, value: str) -> APIHelper.RFC3339DateTime:
            """Read RFC 3339 text."""
            return cls(iso_datetime(value), value)
