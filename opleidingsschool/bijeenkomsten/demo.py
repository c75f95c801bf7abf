"""Demo sessions for seed_demo (filled in below)."""


def seed_bijeenkomsten(*, today) -> None:
    return None
