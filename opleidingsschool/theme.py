"""The partnership's colour, made safe to read: text in it and white text on it reach WCAG AA."""

from __future__ import annotations

# The page's own background (static/css/portal.css, body); text on it needs 4.5:1.
PAGE_BACKGROUND = "#f6f7f9"
MINIMUM_CONTRAST = 4.6  # WCAG AA's 4.5:1 with a little room for rounding in the browser


def _channels(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted(
        (_luminance(_channels(first)), _luminance(_channels(second))), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def readable_color(color: str) -> str:
    """The colour itself when it reads well on the page, else the nearest darker shade that does.

    A darker colour also carries white text better, so the navigation bar and primary buttons
    (white on the colour) are covered by the same shade.
    """
    rgb = _channels(color)
    for step in range(0, 101):
        shade = tuple(round(channel * (1 - step / 100)) for channel in rgb)
        candidate = "#{:02x}{:02x}{:02x}".format(*shade)
        if contrast(candidate, PAGE_BACKGROUND) >= MINIMUM_CONTRAST:
            return candidate
    return "#000000"
