"""Spreadsheet imports and exports of the partnership's lists (issue 11): one importer per
list (`studenten`, `medewerkers`, `stages`), the reading and writing of CSV and .xlsx
(`tables`), and the steps of an import (`services`: upload, preview, confirm, invite)."""
