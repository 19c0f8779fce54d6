"""Findings and one formatter per output format."""
