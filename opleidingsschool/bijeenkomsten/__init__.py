"""Sessions (bijeenkomsten), registrations, invitations, the symposium, reminders and the
personal calendar feed. Part of the core app: its models belong to `opleidingsschool`."""
