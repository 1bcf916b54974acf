"""Renderers: one small module per output format. Each takes computed data and returns text."""
