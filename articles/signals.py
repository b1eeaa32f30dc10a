"""What the articles app tells the apps built on it, without importing them."""

from django.dispatch import Signal

# A public article page was served to someone: `request`, `article_id`. Readership counts it
# (readership.receivers); the articles app does not know who listens.
article_viewed = Signal()
