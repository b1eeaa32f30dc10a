from urllib.parse import quote_plus

from django.shortcuts import render
from django.views.decorators.http import require_safe

from newsroom import pagination
from newsroom.pages import absolute
from search.forms import SearchForm
from search.selectors import article_search

PER_PAGE = 10


@require_safe
def results(request):
    """Search results. Not cached: queries are many and each is cheap with the index."""
    form = SearchForm(request.GET)
    page_obj, status = None, 200
    if form.is_valid() and form.cleaned_data["q"]:
        page_obj = pagination.paginate(
            article_search(form.terms), pagination.page_number(request), PER_PAGE
        )
    elif form.errors:
        status = 400
    query = request.GET.get("q", "")[:200]
    context = {
        "form": form,
        "query": query,
        "page_query": f"q={quote_plus(query)}&",
        "page_obj": page_obj,
        "articles": list(page_obj.object_list) if page_obj is not None else [],
        "canonical_url": absolute(request.path),
    }
    return render(request, "search/results.html", context, status=status)
