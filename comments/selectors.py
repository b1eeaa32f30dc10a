"""Shared reads: an article's public thread, the moderation queue and its counts."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import BinaryField, Count, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, CommentEvent, HoldReason
from comments.rendering import comment_html
from newsroom import prepared
from newsroom.prepared import Prepared

Status = Comment.Status

# What a reply target shows ("Đang trả lời <name>"): never the e-mail, the address or the
# original wording.
PUBLIC_ROW = ("id", "parent_id", "author_name", "body", "created_at", "edited_at")


@dataclass(slots=True)
class PublicComment:
    """A comment a reader can reply to: what the form needs to say whom they answer."""

    id: int
    parent_id: int | None
    author_name: str
    body: str
    created_at: datetime
    edited_at: datetime | None

    @property
    def pk(self) -> int:
        return self.id

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


@dataclass(slots=True)
class ThreadComment:
    """One comment of an article's thread: its HTML as stored (comments.rendering), in UTF-8
    as the database sent it, and the replies shown under it. A plain object, not a model
    row: a page may carry hundreds."""

    id: int
    parent_id: int | None
    encoded: bytes
    replies_shown: list["ThreadComment"] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.id

    @property
    def html(self) -> str:
        return self.encoded.decode()


@dataclass
class CommentThread:
    """Approved comments of one article, oldest first, each top-level one with `.replies_shown`.

    `count` is the number of comments a reader can see (what "N bình luận" says).
    """

    comments: list[ThreadComment] = field(default_factory=list)
    count: int = 0

    def __iter__(self):
        return iter(self.comments)

    def __len__(self):
        return len(self.comments)

    def __bool__(self):
        return bool(self.comments)


def _public_comments():
    """Approved comments whose parent, if any, is approved too (services module docstring)."""
    return Comment.objects.filter(status=Status.APPROVED).filter(
        Q(parent__isnull=True) | Q(parent__status=Status.APPROVED)
    )


def _thread_rows(article):
    # Approved comments only, without _public_comments()'s join to the parent: the thread is
    # assembled from these rows (comments_for_article), and a reply is shown only under a
    # top-level comment found among them, so a reply to a withdrawn comment is left out there.
    # The join cost PostgreSQL a hash of the article's comments on every cold page.
    queryset = Comment.objects.filter(status=Status.APPROVED, article_id=article).order_by(
        "created_at", "id"
    )
    if connection.vendor == "sqlite":
        # As a BLOB: the UTF-8 bytes SQLite keeps, not decoded (see _rows_with_text_as_bytes).
        queryset = queryset.annotate(encoded=Cast("html", BinaryField()))
        return queryset.values_list("id", "parent_id", "encoded")
    return queryset.values_list("id", "parent_id", "html")


# The public thread's SQL, compiled once (newsroom.prepared): its shape never changes, only
# the article, and compiling it cost a third of a millisecond on every cold article page.
_THREAD = Prepared(_thread_rows, article=int)


def comments_for_article(article: Article) -> CommentThread:
    """One query, whatever the number of comments: ids and stored HTML only.

    The rows are read as the database driver returns them, without Django's per-value
    converters (one call per value, hundreds of rows): the columns need none.
    """
    sql, params = _THREAD.sql_with(article=article.pk)
    rows = _rows_with_text_as_bytes(connection, sql, params)
    thread = CommentThread()
    by_id, top, replies = {}, thread.comments, []
    unwritten = []
    for pk, parent_id, html in rows:
        if isinstance(html, str):  # a driver that cannot leave text undecoded
            html = html.encode()
        comment = by_id[pk] = ThreadComment(pk, parent_id, html)
        if not html:
            unwritten.append(comment)
        if parent_id is None:
            top.append(comment)
        else:
            replies.append(comment)
    if unwritten:
        _write_missing(unwritten)
    for reply in replies:
        parent = by_id.get(reply.parent_id)
        if parent is not None and parent.parent_id is None:
            parent.replies_shown.append(reply)
    thread.count = len(top) + sum(len(c.replies_shown) for c in top)
    return thread


def _rows_with_text_as_bytes(connection, sql: str, params) -> list[tuple]:
    """The rows with the HTML left in UTF-8, as the database sends it: the page joins
    hundreds of stored comments into its bytes, and decoding each one only to encode it again
    cost about a millisecond for 500 (bench_article_page). SQLite reads it as a BLOB (the
    query casts it); psycopg2 is told, for this cursor only, to leave text undecoded."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            import psycopg2.extensions

            psycopg2.extensions.register_type(psycopg2.extensions.BYTES, cursor.cursor)
        prepared.execute(connection, cursor, sql, params)  # planned once on PostgreSQL
        return cursor.fetchall()


def _write_missing(comments: list[ThreadComment]) -> None:
    """HTML for rows stored without it (written outside the services: a fixture, an import,
    SQL by hand): made from their fields for this page, one more query. The services and
    `render_comments` store it; this only keeps such rows from showing empty."""
    found = Comment.objects.only(*PUBLIC_ROW).in_bulk([c.id for c in comments])
    for comment in comments:
        row = found.get(comment.id)  # deleted in between: shown empty on this build only
        comment.encoded = comment_html(row).encode() if row is not None else b""


def reply_target(pk: int) -> tuple[int, PublicComment] | None:
    """A comment readers can see, with the id of its article (the reply page), or None."""
    row = _public_comments().filter(pk=pk).values_list("article_id", *PUBLIC_ROW).first()
    return (row[0], PublicComment(*row[1:])) if row else None


_COUNT_KEY = "comments:count:{}"
# Handled comments grow to millions and counting them takes a scan (bench_comments: 0.5 s for
# a million). Their counts are kept in the cache, moved along by each moderation
# (status_moved) and recounted when they expire; pending is always counted exactly.
_COUNT_TIMEOUT = 15 * 60


def _recount() -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    for row in Comment.objects.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def status_counts() -> dict[str, int]:
    """How many comments are in each status (every status present, zero if none)."""
    handled = [s for s in Status.values if s != Status.PENDING]
    keys = {status: _COUNT_KEY.format(status) for status in handled}
    found = cache.get_many(list(keys.values()))
    if len(found) < len(keys):
        counts = _recount()
        cache.set_many({keys[s]: counts[s] for s in handled}, _COUNT_TIMEOUT)
        return counts
    counts = {status: found[key] for status, key in keys.items()}
    counts[Status.PENDING] = Comment.objects.filter(status=Status.PENDING).count()
    return {status: counts[status] for status in Status.values}


def status_moved(from_status: str, to_status: str) -> None:
    """Keep the cached counts in step with a moderation (after it is committed)."""
    for status, delta in ((from_status, -1), (to_status, 1)):
        if status and status != Status.PENDING:
            try:
                cache.incr(_COUNT_KEY.format(status), delta)
            except ValueError:
                pass  # not cached: the next status_counts() recounts


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def comment_queue(
    *,
    status: str | None = Status.PENDING,
    section_id: int | None = None,
    article_id: int | None = None,
    reason: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    search: str = "",
) -> QuerySet[Comment]:
    """The moderation queue: pending ones oldest first (who has waited longest comes first),
    handled ones newest first. Dates are the local day the comment was sent.
    """
    comments = Comment.objects.select_related(
        "article", "article__section", "parent"
    ).prefetch_related(Prefetch("hold_reasons", queryset=HoldReason.objects.order_by("code")))
    if status:
        comments = comments.filter(status=status)
    if section_id:
        comments = comments.filter(article__section_id=section_id)
    if article_id:
        comments = comments.filter(article_id=article_id)
    if reason:
        comments = comments.filter(hold_reasons__code=reason)
    if date_from:
        comments = comments.filter(created_at__gte=_day_start(date_from))
    if date_to:
        comments = comments.filter(created_at__lt=_day_start(date_to) + timedelta(days=1))
    if search:
        comments = comments.filter(
            Q(body__icontains=search)
            | Q(original_body__icontains=search)
            | Q(author_name__icontains=search)
            | Q(article__title__icontains=search)
        )
    if status == Status.PENDING:
        return comments.order_by("created_at", "id")
    return comments.order_by("-created_at", "-id")


def _pending_after(comment: Comment) -> QuerySet[Comment]:
    return Comment.objects.filter(status=Status.PENDING).filter(
        Q(created_at__gt=comment.created_at) | Q(created_at=comment.created_at, id__gt=comment.pk)
    )


def _pending_before(comment: Comment) -> QuerySet[Comment]:
    return Comment.objects.filter(status=Status.PENDING).filter(
        Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, id__lt=comment.pk)
    )


def pending_neighbours(comment: Comment) -> tuple[Comment | None, Comment | None]:
    """The pending comments just before and just after this one in the queue's order."""
    before = _pending_before(comment).order_by("-created_at", "-id").only("id").first()
    after = _pending_after(comment).order_by("created_at", "id").only("id").first()
    return before, after


def next_pending(*, after: Comment) -> Comment | None:
    """Where a moderator goes after acting on `after`: the next one in the queue's order, or
    back to the oldest one still waiting (one skipped earlier)."""
    following = _pending_after(after).order_by("created_at", "id").only("id").first()
    if following is None:
        following = (
            Comment.objects.filter(status=Status.PENDING)
            .exclude(pk=after.pk)
            .order_by("created_at", "id")
            .only("id")
            .first()
        )
    return following


def comment_for_moderation(pk: int) -> Comment:
    return (
        Comment.objects.select_related("article", "article__section", "parent", "moderated_by")
        .prefetch_related(
            "hold_reasons",
            Prefetch("events", queryset=CommentEvent.objects.select_related("actor")),
        )
        .get(pk=pk)
    )
