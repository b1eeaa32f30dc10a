from urllib.parse import quote_plus

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from articles import views as public
from newsroom import pagination
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
    context = public.base_context(
        form=form,
        query=query,
        page_query=f"q={quote_plus(query)}&",
        page_obj=page_obj,
        articles=list(page_obj.object_list) if page_obj is not None else [],
        canonical_url=public.absolute(request.path),
    )
    page = public.CachedPage(render_to_string("search/results.html", context, request=request))
    return HttpResponse(public.fill_holes(request, page), status=status)
