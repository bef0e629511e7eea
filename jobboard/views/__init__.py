"""Views of the job exchange, by who uses them: everyone, the account holder, the employer."""
