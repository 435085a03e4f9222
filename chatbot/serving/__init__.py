"""Serving: the web UI and the feedback people give."""
