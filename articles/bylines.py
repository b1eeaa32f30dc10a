"""Bylines printed the way Vietnamese papers print them.

"Bài và ảnh: Nguyễn Thanh", "Bài: Minh Hằng; Ảnh: Lê Hợi", "Bài: A, B; Ảnh: C", "Nhóm PV".
"""

from collections.abc import Iterable

from articles.models import BylineCredit

Role = BylineCredit.Role


def format_byline(credits: Iterable[BylineCredit]) -> str:
    """Group the credits by role in the order they come, names joined with ", ".

    Pass `article.credits.all()` with the contributors selected or prefetched
    (`Article.objects.for_listing()` does), and no query runs here.
    """
    groups: dict[str, list[str]] = {}
    for credit in sorted(credits, key=lambda c: (c.position, c.pk or 0)):
        names = groups.setdefault(credit.role, [])
        name = credit.contributor.name.strip()
        if name and name not in names:
            names.append(name)
    parts = []
    for role, names in groups.items():
        if not names:
            continue
        joined = ", ".join(names)
        # A group credit ("Nhóm PV", "Nhóm phóng viên Kinh tế") stands on its own.
        parts.append(joined if role == Role.GROUP else f"{Role(role).label}: {joined}")
    return "; ".join(parts)
