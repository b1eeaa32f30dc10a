"""One page type resembling Newsroom's article: title, lead, a body of rich-text paragraphs and
figures (an image with its caption), a byline."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False)

    class Meta:
        template = "peer/figure_block.html"


class ArticlePage(Page):
    lead = models.TextField()
    body = StreamField(
        [("paragraph", blocks.RichTextBlock()), ("figure", FigureBlock())], blank=True
    )
    byline = models.CharField(max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("byline"),
    ]
