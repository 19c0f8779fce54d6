"""CLI commands that live in their own module; each has `register(app)`; cli.py calls it."""
