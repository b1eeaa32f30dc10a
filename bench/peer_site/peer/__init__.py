"""A minimal Wagtail 7.4 news site with django-comments-xtd: the peer of bench/peer_wagtail.py.

It runs only in the throw-away virtualenv that bench/peer_wagtail.py makes (Wagtail is no
dependency of Newsroom); nothing in Newsroom imports it.
"""
