"""The project: settings, the root URLconf, WSGI and ASGI. The only package that names every app."""
