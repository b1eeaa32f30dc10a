from django.shortcuts import render

from articles.models import Article


def home(request):
    articles = Article.objects.published().for_listing()[:20]
    return render(request, "articles/home.html", {"articles": articles})
