"""Small helpers on requests, for the views that take a body from anyone."""


def declares_more_than(request, limit: int) -> bool:
    """Whether the request says its body is over `limit` bytes (its Content-Length; none, or
    one that is not a number, counts as empty), so it can be refused before it is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return length > limit
