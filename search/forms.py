import re

from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.vietnamese import fold

MAX_LENGTH = 100
MAX_TERMS = 8
MAX_TERM_LENGTH = 30
_WORD = re.compile(r"[a-z0-9]+")


def search_terms(text: str) -> list[str]:
    """The words to look for, folded like `Article.search_text`, each once, in order."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khóa"),
        required=False,
        # Checked in clean_q, so a pasted paragraph gets our message, not the generic one.
        max_length=None,
        strip=True,
    )

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        if len(query) > MAX_LENGTH:
            raise forms.ValidationError(
                _("Từ khóa dài quá %(limit)s ký tự. Hãy rút gọn rồi tìm lại."),
                code="too_long",
                params={"limit": MAX_LENGTH},
            )
        if not query:
            return query
        terms = search_terms(query)
        if not terms:
            raise forms.ValidationError(
                _("Từ khóa cần có ít nhất một chữ cái hoặc chữ số."), code="no_words"
            )
        if len(terms) > MAX_TERMS:
            raise forms.ValidationError(
                _("Hãy tìm với nhiều nhất %(limit)s từ."),
                code="too_many_words",
                params={"limit": MAX_TERMS},
            )
        if any(len(term) > MAX_TERM_LENGTH for term in terms):
            raise forms.ValidationError(
                _("Có một từ dài bất thường. Hãy kiểm tra lại từ khóa."), code="word_too_long"
            )
        self.terms = terms
        return query
