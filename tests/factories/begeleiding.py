"""Factories for the begeleiding app."""
