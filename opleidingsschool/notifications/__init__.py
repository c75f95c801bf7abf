"""The outbox: every mail the portal sends, exactly once.

Sources (sessions, the triangle, mentoring and classroom visits, account invitations)
register a `Source` in `registry.sources`. A source either reports what is due by time
(`due`, asked by the sweep) or records a notice when something happens (`outbox.notify`).
Either way there is one `Herinnering` row per (thing, person, kind) under a unique
constraint; a task claims a batch of rows, asks the source to build the mails (deciding in one
go which still apply), sends them over one mail connection and records each one as sent,
skipped (with the reason) or failed (with the error, after the last try).

Modules: `registry` (the contract), `render` (one function renders a mail from templates in
the recipient's language, with the headers large mailbox providers expect), `outbox` (record,
sweep, claim, deliver), `unsubscribe` (signed one-click tokens), `selectors` (the mail log),
`tasks` (thin Celery wrappers), `views` and `urls` (one-click unsubscribe, the mail log pages).
"""
