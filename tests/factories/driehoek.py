"""Factories for the driehoek app."""
